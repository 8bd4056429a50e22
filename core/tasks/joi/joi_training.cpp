#include "core/tasks/joi/joi_training.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/autograd/ops.h"
#include "core/tasks/joi/joi_features.h"

namespace bithep::tasks::joi {

using autograd::Var;
using tensor::Index;

namespace {

std::vector<int> batchLabels(const jet_common::FeatureBatch& batch) {
    std::vector<int> labels(batch.batch);
    for (std::size_t b = 0; b < batch.batch; ++b) labels[b] = static_cast<int>(batch.labels[b]);
    return labels;
}

}  // namespace

train::TrainResult trainJoiModel(JoiModel& model, const JoiDataset& data,
                                 const std::vector<std::size_t>& jets, const jet_common::JetTrainSettings& settings,
                                 const train::TrainCallbacks& callbacks) {
    settings.validate("joi training");
    if (jets.size() < 4) throw std::invalid_argument("joi training: fewer than 4 training jets");
    const std::size_t kept = model.config().maxParticles;
    const std::size_t nScale = std::min(settings.scalingJets, jets.size());
    model.fitInputScaling(buildJoiFeatures(data, std::span(jets.data(), nScale), kept));
    const auto loss = [&](const std::vector<std::size_t>& batchJets) {
        const jet_common::FeatureBatch batch = buildJoiFeatures(data, batchJets, kept);
        return autograd::softmaxCrossEntropy(model.forward(batch), batchLabels(batch));
    };
    return train::trainOnItems(model, jets, loss, settings, "joi training", callbacks);
}

std::vector<double> predictJoi(JoiModel& model, const JoiDataset& data, const std::vector<std::size_t>& jets,
                               std::size_t batchSize) {
    const bool wasTraining = model.training();
    model.setTraining(false);
    autograd::NoGradGuard noGrad;
    std::vector<double> out;
    out.reserve(jets.size() * static_cast<std::size_t>(model.joiConfig().classes));
    for (std::size_t start = 0; start < jets.size(); start += batchSize) {
        const std::size_t count = std::min(batchSize, jets.size() - start);
        const Var logits = model.forward(
            buildJoiFeatures(data, std::span(jets.data() + start, count), model.config().maxParticles));
        const tensor::Matrix& l = logits.value();
        for (Index r = 0; r < l.rows(); ++r) {
            const float top = l.row(r).maxCoeff();  // subtracted for a stable softmax
            double sum = 0.0;
            for (Index c = 0; c < l.cols(); ++c) sum += std::exp(static_cast<double>(l(r, c) - top));
            for (Index c = 0; c < l.cols(); ++c)
                out.push_back(std::exp(static_cast<double>(l(r, c) - top)) / sum);
        }
    }
    model.setTraining(wasTraining);
    return out;
}

std::vector<int> originLabels(const JoiDataset& data, const std::vector<std::size_t>& jets) {
    std::vector<int> labels;
    labels.reserve(jets.size());
    for (std::size_t j : jets) {
        if (j >= data.jets())
            throw std::out_of_range("joi: jet index " + std::to_string(j) + " outside the dataset");
        labels.push_back(data.origins[j]);
    }
    return labels;
}

nlohmann::json joiTrainingJson(const jet_common::JetTrainSettings& settings) {
    return settings.toJson("softmax cross-entropy");
}

}  // namespace bithep::tasks::joi
