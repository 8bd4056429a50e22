#pragma once
// The quark/gluon task's networks by configuration: a P-DAT (pdat_model.h) or a DeepSets
// (deep_sets_model.h) tagger, both jet_common::JetModel.
#include <cstdint>
#include <memory>

#include "core/tasks/jet_common/jet_model.h"

namespace bithep::tasks::qg {

// A P-DAT or DeepSets model as the configuration says; weights drawn from `seed`.
std::unique_ptr<jet_common::JetModel> makeQgModel(const jet_common::JetModelConfig& config, std::uint64_t seed);

}  // namespace bithep::tasks::qg
