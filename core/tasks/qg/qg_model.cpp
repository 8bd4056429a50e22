#include "core/tasks/qg/qg_model.h"

#include "core/tasks/qg/deep_sets_model.h"
#include "core/tasks/qg/pdat_model.h"

namespace bithep::tasks::qg {

std::unique_ptr<jet_common::JetModel> makeQgModel(const jet_common::JetModelConfig& config, std::uint64_t seed) {
    config.validate();
    tensor::Rng rng(seed);
    if (config.architecture == "deepsets") return std::make_unique<DeepSetsModel>(config, rng);
    return std::make_unique<PdatModel>(config, rng);
}

}  // namespace bithep::tasks::qg
