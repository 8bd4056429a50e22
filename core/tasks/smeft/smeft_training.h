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
#include "core/train/train_settings.h"

namespace bithep::tasks::smeft {

// The shared settings with the batch run's twelve epochs, plus the events that fit the input
// standardisation.
struct SmeftTrainSettings : train::TrainSettings {
    std::size_t scalingEvents = 1000;

    SmeftTrainSettings() { epochs = 12; }
    explicit SmeftTrainSettings(const train::TrainSettings& base) : train::TrainSettings(base) {}
    nlohmann::json toJson() const;  // the shared fields, the loss and scaling_events
};

// Trains in place on `events` of the dataset; the model's current plan stays applied.
train::TrainResult trainSmeftModel(SmeftModel& model, const SmeftDataset& data,
                                   const std::vector<std::size_t>& events, const SmeftTrainSettings& settings,
                                   const train::TrainCallbacks& callbacks = {});

// φ_pred in [0, π) per event, in evaluation mode, without a graph.
std::vector<double> predictSmeft(SmeftModel& model, const SmeftDataset& data,
                                 const std::vector<std::size_t>& events, std::size_t batchSize = 512);

}  // namespace bithep::tasks::smeft
