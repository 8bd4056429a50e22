#include "core/train/train_settings.h"

#include <stdexcept>

#include "core/io/json_fields.h"

namespace bithep::train {

void TrainSettings::validate(const std::string& context) const {
    if (epochs <= 0) throw std::invalid_argument(context + ": epochs must be positive");
    if (batchSize <= 0 || batchSize > kMaxBatchSize)
        throw std::invalid_argument(context + ": batch size must be between 1 and " + std::to_string(kMaxBatchSize));
    // Below float's smallest normal step a rate is zero in practice; 10 is far past divergence.
    if (!(learningRate > 0.0f && learningRate < 10.0f))
        throw std::invalid_argument(context + ": learning rate must be in (0, 10)");
    if (!(weightDecay >= 0.0f)) throw std::invalid_argument(context + ": weight decay must not be negative");
    if (!(validationFraction >= 0.0 && validationFraction < 1.0))
        throw std::invalid_argument(context + ": validation fraction must be in [0, 1)");
    if (!(gradClipNorm >= 0.0f)) throw std::invalid_argument(context + ": gradient clip norm must not be negative");
    (void)LrSchedule::trainingKind(schedule, context);
}

TrainConfig TrainSettings::config(const std::string& context) const {
    validate(context);
    TrainConfig c;
    c.epochs = epochs;
    c.batchSize = batchSize;
    c.validationFraction = validationFraction;
    c.seed = seed;
    c.gradClipNorm = gradClipNorm;
    c.schedule.kind = LrSchedule::trainingKind(schedule, context);
    c.schedule.baseLr = learningRate;
    return c;
}

nlohmann::json TrainSettings::toJson() const {
    return {{"epochs", epochs},
            {"batch_size", batchSize},
            {"learning_rate", learningRate},
            {"weight_decay", weightDecay},
            {"schedule", schedule},
            {"optimizer", "AdamW"},
            {"validation_fraction", validationFraction},
            {"grad_clip_norm", gradClipNorm},
            {"seed", seed}};
}

namespace {

constexpr const char* kWhat = "training settings";

const nlohmann::json& needKey(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) throw std::invalid_argument(std::string(kWhat) + ": expected a JSON object");
    if (!j.contains(key)) throw std::invalid_argument(std::string(kWhat) + ": missing '" + key + "'");
    return j.at(key);
}

std::string field(const char* key) {
    return std::string(kWhat) + ": '" + key + "'";
}

}  // namespace

TrainSettings TrainSettings::fromJson(const nlohmann::json& j, const TrainSettings& fallback) {
    TrainSettings s = fallback;
    s.epochs = io::jsonInteger<int>(needKey(j, "epochs"), 1, 10000, field("epochs"));
    s.batchSize = io::jsonInteger<Index>(needKey(j, "batch_size"), 1, kMaxBatchSize, field("batch_size"));
    s.learningRate = static_cast<float>(io::jsonNumber(needKey(j, "learning_rate"), field("learning_rate"), 1e-30, 10.0));
    s.weightDecay = static_cast<float>(io::jsonNumber(needKey(j, "weight_decay"), field("weight_decay"), 0.0, 1e6));
    const nlohmann::json& schedule = needKey(j, "schedule");
    if (!schedule.is_string()) throw std::invalid_argument(field("schedule") + " is not a string");
    s.schedule = schedule.get<std::string>();
    s.seed = io::jsonInteger<std::uint64_t>(needKey(j, "seed"), 0, ~std::uint64_t(0), field("seed"));
    if (j.contains("validation_fraction"))
        s.validationFraction = io::jsonNumber(j.at("validation_fraction"), field("validation_fraction"), 0.0, 0.99);
    if (j.contains("grad_clip_norm"))
        s.gradClipNorm = static_cast<float>(io::jsonNumber(j.at("grad_clip_norm"), field("grad_clip_norm"), 0.0, 1e6));
    s.validate(kWhat);
    return s;
}

TrainSettings TrainSettings::fromJson(const nlohmann::json& j) {
    return fromJson(j, TrainSettings());
}

TrainResult trainOnItems(nn::Module& model, const std::vector<std::size_t>& items, const ItemLoss& loss,
                         const TrainSettings& settings, const std::string& context,
                         const TrainCallbacks& callbacks, std::size_t minItems) {
    const TrainConfig config = settings.config(context);
    if (items.size() < minItems)
        throw std::invalid_argument(context + ": " + std::to_string(items.size()) + " training samples, at least " +
                                    std::to_string(minItems) + " needed");
    AdamW optimizer(model.namedParameters(), settings.learningRate, 0.9f, 0.999f, 1e-8f, settings.weightDecay);
    Trainer trainer(model, optimizer, config);
    const LossFunction samplesLoss = [&](const std::vector<Index>& samples, bool) {
        std::vector<std::size_t> batch(samples.size());
        for (std::size_t i = 0; i < samples.size(); ++i) batch[i] = items[static_cast<std::size_t>(samples[i])];
        return loss(batch);
    };
    return trainer.fit(static_cast<Index>(items.size()), samplesLoss, callbacks);
}

}  // namespace bithep::train
