#include "core/tasks/smeft/smeft_training.h"

#include <algorithm>
#include <span>
#include <stdexcept>

namespace bithep::tasks::smeft {

using tensor::Index;

nlohmann::json SmeftTrainSettings::toJson() const {
    nlohmann::json j = train::TrainSettings::toJson();
    j["loss"] = "mean sin^2(phi_pred - phi_true)";
    j["scaling_events"] = scalingEvents;
    return j;
}

train::TrainResult trainSmeftModel(SmeftModel& model, const SmeftDataset& data,
                                   const std::vector<std::size_t>& events, const SmeftTrainSettings& settings,
                                   const train::TrainCallbacks& callbacks) {
    settings.validate("smeft training");
    if (events.size() < 4) throw std::invalid_argument("smeft training: fewer than 4 training events");
    const std::size_t maxParticles = model.config().maxParticles;
    const std::size_t nScale = std::min(settings.scalingEvents, events.size());
    model.fitInputScaling(buildSmeftBatch(data, std::span(events.data(), nScale), maxParticles));
    const auto loss = [&](const std::vector<std::size_t>& batchEvents) {
        const SmeftBatch batch = buildSmeftBatch(data, batchEvents, maxParticles);
        return decayPlaneLoss(model.forward(batch), batch);
    };
    return train::trainOnItems(model, events, loss, settings, "smeft training", callbacks);
}

std::vector<double> predictSmeft(SmeftModel& model, const SmeftDataset& data,
                                 const std::vector<std::size_t>& events, std::size_t batchSize) {
    const bool wasTraining = model.training();
    model.setTraining(false);
    autograd::NoGradGuard noGrad;
    std::vector<double> out;
    out.reserve(events.size());
    for (std::size_t start = 0; start < events.size(); start += batchSize) {
        const std::size_t count = std::min(batchSize, events.size() - start);
        const SmeftBatch batch =
            buildSmeftBatch(data, std::span(events.data() + start, count), model.config().maxParticles);
        const auto phi = predictedPhi(model.forward(batch));
        out.insert(out.end(), phi.begin(), phi.end());
    }
    model.setTraining(wasTraining);
    return out;
}

}  // namespace bithep::tasks::smeft
