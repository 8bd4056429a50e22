#pragma once
// The SMEFT task's models for generic tools (cost model, inference timing): a freshly built
// regressor by preset name with its input scaling fitted on a few generated events.
#include <cstdint>
#include <string>
#include <vector>

#include "core/tasks/task_registry.h"

namespace bithep::tasks::smeft {

std::vector<std::string> smeftModelNames();  // small (default), medium, large
// Throws std::invalid_argument listing the names for an unknown one.
ModelInstance buildSmeftModel(const std::string& name, std::uint64_t seed);

}  // namespace bithep::tasks::smeft
