#pragma once
// Task-agnostic mini-batch training loop: seeded train/validation split and shuffling,
// learning-rate schedule, gradient clipping, per-batch and per-epoch callbacks (with per-layer
// ternary statistics), a cancel hook, the best-validation weights kept in memory, and a clean
// stop with an error message (best weights restored) when the loss stops being finite.
// The task supplies the loss of a list of sample indices, so data layout stays with the task.
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/nn/module.h"
#include "core/quant/quant_plan.h"
#include "core/train/lr_schedule.h"
#include "core/train/optimizer.h"

namespace bithep::train {

struct TrainConfig {
    int epochs = 10;
    Index batchSize = 256;
    double validationFraction = 0.2;  // of the samples, taken after a seeded shuffle
    std::uint64_t seed = 1;
    float gradClipNorm = 0.0f;  // 0 = off
    LrSchedule schedule;
    bool restoreBest = true;  // end with the best-validation weights
};

struct BatchStats {
    int epoch = 0;
    long step = 0;
    float loss = 0.0f;
    float learningRate = 0.0f;
    float gradNorm = 0.0f;
};

struct EpochStats {
    int epoch = 0;
    float trainLoss = 0.0f;  // sample-weighted mean over the epoch's batches
    float validationLoss = 0.0f;
    float learningRate = 0.0f;
    bool best = false;
    double metric = NAN;  // the task's metric on the validation samples, when it computes one
    std::vector<quant::LayerQuantStats> layers;
};

struct TrainCallbacks {
    std::function<void(const BatchStats&)> onBatch;
    std::function<void(const EpochStats&)> onEpoch;
    std::function<bool()> cancelled;  // polled before every batch
    // The task's own metric (e.g. AUC) of the model on the validation samples, computed after
    // each epoch's validation loss into EpochStats::metric; the task fills it, not the caller.
    std::function<double(const std::vector<Index>& validation)> epochMetric{};
};

struct TrainResult {
    bool ok = true;
    bool cancelled = false;
    std::string error;  // set when ok is false
    std::vector<float> batchLosses;
    std::vector<float> trainLosses;
    std::vector<float> validationLosses;
    int bestEpoch = -1;
    float bestValidationLoss = 0.0f;
};

// Parameter and buffer values copied out of a model, in namedParameters()/namedBuffers() order.
struct ModelSnapshot {
    std::vector<Matrix> parameters;
    std::vector<Matrix> buffers;
    bool empty() const { return parameters.empty(); }
};
ModelSnapshot captureSnapshot(nn::Module& model);
void restoreSnapshot(nn::Module& model, const ModelSnapshot& snapshot);

// Runs `fit`, a training of `model`, so that the model always ends with good weights: the best
// validated ones (the trainer restores them), or the weights it started with when no epoch was
// validated because the run was cancelled early, failed, or `fit` threw (rethrown).
TrainResult fitKeepingGoodWeights(nn::Module& model, const std::function<TrainResult()>& fit);

// The mean loss of the given samples; `training` says whether dropout/batch statistics apply.
using LossFunction = std::function<Var(const std::vector<Index>& samples, bool training)>;

class Trainer {
public:
    Trainer(nn::Module& model, Optimizer& optimizer, TrainConfig config);
    TrainResult fit(Index numSamples, const LossFunction& loss, const TrainCallbacks& callbacks = {});
    // Sample-weighted mean loss over `samples` without recording a graph, in evaluation mode.
    float evaluate(const std::vector<Index>& samples, const LossFunction& loss);
    const ModelSnapshot& best() const { return m_best; }

private:
    enum class EpochEnd { Done, Cancelled, Failed };
    void split(Index numSamples, std::vector<Index>& trainIdx, std::vector<Index>& valIdx) const;
    EpochEnd trainEpoch(int epoch, const std::vector<Index>& order, long totalSteps, const LossFunction& loss,
                        const TrainCallbacks& cb, TrainResult& result, double& lossSum);
    nn::Module& m_model;
    Optimizer& m_optimizer;
    TrainConfig m_config;
    ModelSnapshot m_best;
};

}  // namespace bithep::train
