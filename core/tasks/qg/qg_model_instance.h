#pragma once
// The task's models as generic tools (the cost model, inference timing, the GUI layer tree)
// see them: built by name with their representative inputs, independent of training.
#include "core/tasks/task_registry.h"

namespace bithep::tasks::qg {

// "teaching" and "full" are the P-DAT presets of the batch run, "deepsets" the baseline.
std::vector<std::string> qgModelNames();
// Throws std::invalid_argument listing the names for an unknown one.
ModelInstance buildQgModel(const std::string& name, std::uint64_t seed);

}  // namespace bithep::tasks::qg
