#pragma once
// The one description of a training that every task, the window and the batch share: AdamW
// (learning rate, weight decay), a one-cycle or cosine schedule, epochs and mini-batch size, the
// validation share and gradient clipping, and the seed of the split and shuffling. A task's own
// extras (how many samples fit the input standardisation) extend it as a small struct; the
// window edits it, projects and lessons store it as JSON, the batch sets it from `key=value`.
// trainOnItems() is the one training loop: the optimizer and Trainer built from the settings,
// the Trainer's sample indices mapped to the task's items.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/train/trainer.h"

namespace bithep::train {

struct TrainSettings {
    static constexpr Index kMaxBatchSize = 1 << 16;
    int epochs = 5;
    Index batchSize = 128;
    float learningRate = 3e-3f;  // one-cycle peak / cosine start
    float weightDecay = 0.01f;
    std::string schedule = "one-cycle";  // or "cosine"
    double validationFraction = 0.15;    // of the training items, after a seeded shuffle
    float gradClipNorm = 1.0f;           // 0 = off
    std::uint64_t seed = 1;              // split and shuffling (and weights where a task builds them)

    // Throws std::invalid_argument "<context>: <what> ..." naming the bad setting.
    void validate(const std::string& context) const;
    // The Trainer's loop configuration; validates first.
    TrainConfig config(const std::string& context) const;
    // Every field plus "optimizer": "AdamW".
    nlohmann::json toJson() const;
    // The form toJson() writes (and project files before validation_fraction and grad_clip_norm
    // were stored: those two are optional and default to `fallback`'s). Throws
    // std::invalid_argument naming the missing or invalid field.
    static TrainSettings fromJson(const nlohmann::json& j, const TrainSettings& fallback);
    static TrainSettings fromJson(const nlohmann::json& j);
};

// The loss of a mini-batch given as the task's own item ids (dataset rows, jet numbers).
using ItemLoss = std::function<Var(const std::vector<std::size_t>& items)>;

// Trains `model` in place on `items` with AdamW and the settings' schedule, split, shuffling and
// clipping; the model's current precisions stay applied (quantization-aware). `context` names the
// training in messages ("qg training"). Throws std::invalid_argument for bad settings or fewer
// than `minItems` items.
TrainResult trainOnItems(nn::Module& model, const std::vector<std::size_t>& items, const ItemLoss& loss,
                         const TrainSettings& settings, const std::string& context,
                         const TrainCallbacks& callbacks = {}, std::size_t minItems = 4);

}  // namespace bithep::train
