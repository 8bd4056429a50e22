#pragma once
// Training and prediction of the jet-origin models: softmax cross-entropy over the 11 classes,
// AdamW with the quark/gluon task's settings and schedules (jet_common::JetTrainSettings, reused), the
// seeded split and shuffling of train::Trainer, features built per mini-batch.
#include <cstddef>
#include <vector>

#include "core/tasks/joi/joi_dataset.h"
#include "core/tasks/joi/joi_model.h"
#include "core/train/trainer.h"
#include "core/tasks/jet_common/jet_train_settings.h"

namespace bithep::tasks::joi {

// Trains in place on dataset jets `jets`; the model's current plan stays applied (QAT).
// Throws std::invalid_argument for fewer than 4 jets or bad settings.
train::TrainResult trainJoiModel(JoiModel& model, const JoiDataset& data,
                                 const std::vector<std::size_t>& jets, const jet_common::JetTrainSettings& settings,
                                 const train::TrainCallbacks& callbacks = {});

// Softmax probabilities, row-major (jets × classes), in evaluation mode without a graph.
std::vector<double> predictJoi(JoiModel& model, const JoiDataset& data, const std::vector<std::size_t>& jets,
                               std::size_t batchSize = 256);

// Origin classes of `jets`; throws std::out_of_range for an index outside the dataset.
std::vector<int> originLabels(const JoiDataset& data, const std::vector<std::size_t>& jets);

// The settings as written to project files (the qg form with the loss named correctly).
nlohmann::json joiTrainingJson(const jet_common::JetTrainSettings& settings);

}  // namespace bithep::tasks::joi
