#pragma once
// Training and prediction of the SMEFT regressors: the π-periodic loss mean sin²(φ_pred − φ_true)
// (smeft_model.h), AdamW with a one-cycle schedule, seeded split and shuffling (train::Trainer),
// the best-validation weights kept, features built per mini-batch. Quantized plans train with
// the plan applied (quantization-aware, straight-through).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/tasks/smeft/smeft_model.h"
#include "core/train/trainer.h"

namespace bithep::tasks::smeft {

struct SmeftTrainSettings {
    int epochs = 12;
    tensor::Index batchSize = 128;
    float learningRate = 3e-3f;  // one-cycle peak
    float weightDecay = 0.01f;
    std::string schedule = "one-cycle";  // or "cosine"
    double validationFraction = 0.15;
    float gradClipNorm = 1.0f;
    std::uint64_t seed = 1;            // weights are seeded separately; this sets split and shuffling
    std::size_t scalingEvents = 1000;  // events used to fit the input standardisation

    nlohmann::json toJson() const;
    void validate() const;  // throws std::invalid_argument naming the bad setting
};

// Trains in place on `events` of the dataset; the model's current plan stays applied.
train::TrainResult trainSmeftModel(SmeftModel& model, const SmeftDataset& data,
                                   const std::vector<std::size_t>& events, const SmeftTrainSettings& settings,
                                   const train::TrainCallbacks& callbacks = {});

// φ_pred in [0, π) per event, in evaluation mode, without a graph.
std::vector<double> predictSmeft(SmeftModel& model, const SmeftDataset& data,
                                 const std::vector<std::size_t>& events, std::size_t batchSize = 512);

}  // namespace bithep::tasks::smeft
