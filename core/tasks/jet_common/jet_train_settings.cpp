#include "core/tasks/jet_common/jet_train_settings.h"

namespace bithep::tasks::jet_common {

nlohmann::json JetTrainSettings::toJson(const std::string& loss) const {
    nlohmann::json j = train::TrainSettings::toJson();
    j["loss"] = loss;
    j["scaling_jets"] = scalingJets;
    return j;
}

}  // namespace bithep::tasks::jet_common
