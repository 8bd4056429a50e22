#include "core/tasks/smeft/smeft_training.h"

#include <algorithm>
#include <span>
#include <stdexcept>

namespace bithep::tasks::smeft {

using tensor::Index;

nlohmann::json SmeftTrainSettings::toJson() const {
    return {{"epochs", epochs},
            {"batch_size", batchSize},
            {"learning_rate", learningRate},
            {"weight_decay", weightDecay},
            {"schedule", schedule},
            {"optimizer", "AdamW"},
            {"loss", "mean sin^2(phi_pred - phi_true)"},
            {"validation_fraction", validationFraction},
            {"grad_clip_norm", gradClipNorm},
            {"seed", seed},
            {"scaling_events", scalingEvents}};
}

void SmeftTrainSettings::validate() const {
    if (epochs <= 0) throw std::invalid_argument("smeft training: epochs must be positive");
    if (batchSize <= 0) throw std::invalid_argument("smeft training: batch size must be positive");
    if (!(learningRate > 0.0f)) throw std::invalid_argument("smeft training: learning rate must be positive");
    if (!(validationFraction >= 0.0 && validationFraction < 1.0))
        throw std::invalid_argument("smeft training: validation fraction must be in [0, 1)");
    (void)train::LrSchedule::trainingKind(schedule, "smeft training");
}

train::TrainResult trainSmeftModel(SmeftModel& model, const SmeftDataset& data,
                                   const std::vector<std::size_t>& events, const SmeftTrainSettings& settings,
                                   const train::TrainCallbacks& callbacks) {
    settings.validate();
    if (events.size() < 4) throw std::invalid_argument("smeft training: fewer than 4 training events");
    const std::size_t maxParticles = model.config().maxParticles;
    const std::size_t nScale = std::min(settings.scalingEvents, events.size());
    model.fitInputScaling(buildSmeftBatch(data, std::span(events.data(), nScale), maxParticles));

    train::AdamW optimizer(model.namedParameters(), settings.learningRate, 0.9f, 0.999f, 1e-8f,
                           settings.weightDecay);
    const train::TrainConfig config =
        train::makeTrainConfig(settings, train::LrSchedule::trainingKind(settings.schedule, "smeft training"));
    train::Trainer trainer(model, optimizer, config);
    const auto loss = [&](const std::vector<Index>& samples, bool) {
        std::vector<std::size_t> batchEvents(samples.size());
        for (std::size_t i = 0; i < samples.size(); ++i)
            batchEvents[i] = events[static_cast<std::size_t>(samples[i])];
        const SmeftBatch batch = buildSmeftBatch(data, batchEvents, maxParticles);
        return decayPlaneLoss(model.forward(batch), batch);
    };
    return trainer.fit(static_cast<Index>(events.size()), loss, callbacks);
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
