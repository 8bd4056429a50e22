#include "core/train/trainer.h"

#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "core/autograd/ops.h"
#include "core/train/thread_control.h"

namespace bithep::train {

namespace {
// Fisher-Yates with our own index draw: std::shuffle's use of the engine is unspecified,
// so it could differ between standard libraries and break reproducibility.
void shuffleIndices(std::vector<Index>& v, tensor::Rng& rng) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}
}  // namespace

ModelSnapshot captureSnapshot(nn::Module& model) {
    ModelSnapshot s;
    for (const auto& [path, v] : model.namedParameters()) s.parameters.push_back(v.value());
    for (const auto& [path, b] : model.namedBuffers()) s.buffers.push_back(*b);
    return s;
}

void restoreSnapshot(nn::Module& model, const ModelSnapshot& snapshot) {
    auto params = model.namedParameters();
    auto buffers = model.namedBuffers();
    if (params.size() != snapshot.parameters.size() || buffers.size() != snapshot.buffers.size()) {
        throw std::invalid_argument("restoreSnapshot: snapshot does not belong to this model");
    }
    for (size_t i = 0; i < params.size(); ++i) params[i].second.mutableValue() = snapshot.parameters[i];
    for (size_t i = 0; i < buffers.size(); ++i) *buffers[i].second = snapshot.buffers[i];
}

Trainer::Trainer(nn::Module& model, Optimizer& optimizer, TrainConfig config)
    : m_model(model), m_optimizer(optimizer), m_config(config) {
    if (config.epochs < 0 || config.batchSize <= 0) {
        throw std::invalid_argument("Trainer: epochs must be >= 0 and batch size > 0");
    }
    if (!(config.validationFraction >= 0.0 && config.validationFraction < 1.0)) {
        throw std::invalid_argument("Trainer: validation fraction must be in [0, 1)");
    }
}

void Trainer::split(Index numSamples, std::vector<Index>& trainIdx, std::vector<Index>& valIdx) const {
    std::vector<Index> all(static_cast<size_t>(numSamples));
    std::iota(all.begin(), all.end(), Index(0));
    tensor::Rng rng(m_config.seed);
    shuffleIndices(all, rng);
    const auto nVal = static_cast<size_t>(std::floor(m_config.validationFraction * double(numSamples)));
    valIdx.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(nVal));
    trainIdx.assign(all.begin() + static_cast<std::ptrdiff_t>(nVal), all.end());
}

float Trainer::evaluate(const std::vector<Index>& samples, const LossFunction& loss) {
    if (samples.empty()) return 0.0f;
    autograd::NoGradGuard guard;
    const bool wasTraining = m_model.training();
    m_model.setTraining(false);
    double total = 0.0;
    for (size_t at = 0; at < samples.size(); at += static_cast<size_t>(m_config.batchSize)) {
        const size_t end = std::min(samples.size(), at + static_cast<size_t>(m_config.batchSize));
        const std::vector<Index> batch(samples.begin() + static_cast<std::ptrdiff_t>(at),
                                       samples.begin() + static_cast<std::ptrdiff_t>(end));
        total += double(loss(batch, false).item()) * double(batch.size());
    }
    m_model.setTraining(wasTraining);
    return static_cast<float>(total / double(samples.size()));
}

Trainer::EpochEnd Trainer::trainEpoch(int epoch, const std::vector<Index>& order, long totalSteps,
                                      const LossFunction& loss, const TrainCallbacks& cb, TrainResult& result,
                                      double& lossSum) {
    const auto batch = static_cast<size_t>(m_config.batchSize);
    long b = 0;
    for (size_t at = 0; at < order.size(); at += batch, ++b) {
        if (cb.cancelled && cb.cancelled()) return EpochEnd::Cancelled;
        const std::vector<Index> samples(
            order.begin() + static_cast<std::ptrdiff_t>(at),
            order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), at + batch)));
        const float lr = m_config.schedule.at(m_optimizer.stepCount(), totalSteps);
        m_optimizer.setLearningRate(lr);
        m_optimizer.zeroGrad();
        const Var l = loss(samples, true);
        const float value = l.item();
        std::ostringstream where;
        where << " at epoch " << epoch + 1 << ", batch " << b + 1;
        if (!std::isfinite(value)) {
            std::ostringstream os;
            os << "training stopped: the loss became " << value << where.str();
            result.error = os.str();
            return EpochEnd::Failed;
        }
        l.backward();
        const float norm = clipGradNorm(m_optimizer.parameters(), m_config.gradClipNorm);
        if (!std::isfinite(norm)) {
            result.error = "training stopped: non-finite gradients" + where.str();
            return EpochEnd::Failed;
        }
        m_optimizer.step();
        quant::recordQuantStep(m_model);
        result.batchLosses.push_back(value);
        lossSum += double(value) * double(samples.size());
        if (cb.onBatch) cb.onBatch({epoch, m_optimizer.stepCount(), value, lr, norm});
    }
    return EpochEnd::Done;
}

TrainResult Trainer::fit(Index numSamples, const LossFunction& loss, const TrainCallbacks& callbacks) {
    keepFreedBuffers();
    TrainResult result;
    std::vector<Index> trainIdx, valIdx;
    split(numSamples, trainIdx, valIdx);
    if (trainIdx.empty()) {
        result.ok = false;
        result.error = "no training samples after the validation split";
        return result;
    }
    tensor::Rng rng(m_config.seed ^ 0x9e3779b97f4a7c15ULL);  // shuffling stream independent of the split
    const auto batchesPerEpoch =
        static_cast<long>((trainIdx.size() + size_t(m_config.batchSize) - 1) / size_t(m_config.batchSize));
    const long totalSteps = std::max(1L, batchesPerEpoch * m_config.epochs);
    m_best = {};
    for (int epoch = 0; epoch < m_config.epochs; ++epoch) {
        shuffleIndices(trainIdx, rng);
        m_model.setTraining(true);
        double lossSum = 0.0;
        const EpochEnd end = trainEpoch(epoch, trainIdx, totalSteps, loss, callbacks, result, lossSum);
        if (end == EpochEnd::Cancelled) {
            result.cancelled = true;
            if (m_config.restoreBest && !m_best.empty()) restoreSnapshot(m_model, m_best);
            return result;
        }
        EpochStats es;
        es.epoch = epoch;
        es.trainLoss = static_cast<float>(lossSum / double(trainIdx.size()));
        es.validationLoss =
            end == EpochEnd::Done ? (valIdx.empty() ? es.trainLoss : evaluate(valIdx, loss)) : NAN;
        if (end == EpochEnd::Done && !std::isfinite(es.validationLoss)) {
            result.error = "training stopped: the validation loss is not finite after epoch " +
                           std::to_string(epoch + 1);
        }
        if (!result.error.empty()) {
            result.ok = false;
            if (!m_best.empty()) {
                restoreSnapshot(m_model, m_best);
                result.error += "; the best validated weights were kept";
            }
            return result;
        }
        es.learningRate = m_optimizer.learningRate();
        if (result.bestEpoch < 0 || es.validationLoss < result.bestValidationLoss) {
            result.bestEpoch = epoch;
            result.bestValidationLoss = es.validationLoss;
            m_best = captureSnapshot(m_model);
            es.best = true;
        }
        if (callbacks.epochMetric && !valIdx.empty()) {
            m_model.setTraining(false);
            es.metric = callbacks.epochMetric(valIdx);
        }
        es.layers = quant::collectQuantStats(m_model);
        result.trainLosses.push_back(es.trainLoss);
        result.validationLosses.push_back(es.validationLoss);
        if (callbacks.onEpoch) callbacks.onEpoch(es);
    }
    if (m_config.restoreBest && !m_best.empty()) restoreSnapshot(m_model, m_best);
    return result;
}

TrainResult fitKeepingGoodWeights(nn::Module& model, const std::function<TrainResult()>& fit) {
    const ModelSnapshot start = captureSnapshot(model);
    TrainResult result;
    try {
        result = fit();
    } catch (...) {
        restoreSnapshot(model, start);
        throw;
    }
    if ((!result.ok || result.cancelled) && result.bestEpoch < 0) restoreSnapshot(model, start);
    return result;
}

}  // namespace bithep::train
