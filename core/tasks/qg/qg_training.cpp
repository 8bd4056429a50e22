#include "core/tasks/qg/qg_training.h"

#include <algorithm>
#include <stdexcept>

#include "core/autograd/ops.h"

namespace bithep::tasks::qg {

using autograd::Var;
using tensor::Index;
using tensor::Matrix;

train::TrainResult trainQgModel(jet_common::JetModel& model, const jet_common::JetDataset& data, const std::vector<std::size_t>& jets,
                                const jet_common::JetTrainSettings& settings, const train::TrainCallbacks& callbacks) {
    settings.validate("qg training");
    if (jets.size() < 4) throw std::invalid_argument("qg training: fewer than 4 training jets");
    const jet_common::FeatureOptions options = jet_common::featureOptionsFor(model.config());
    const std::size_t nScale = std::min(settings.scalingJets, jets.size());
    model.fitInputScaling(jet_common::buildFeatures(data, std::span(jets.data(), nScale), options));
    const auto loss = [&](const std::vector<std::size_t>& batchJets) {
        const jet_common::FeatureBatch batch = jet_common::buildFeatures(data, batchJets, options);
        const Matrix targets =
            Eigen::Map<const Matrix>(batch.labels.data(), static_cast<Index>(batch.batch), 1);
        return autograd::bceWithLogits(model.forward(batch), targets);
    };
    return train::trainOnItems(model, jets, loss, settings, "qg training", callbacks);
}

std::vector<float> predictQg(jet_common::JetModel& model, const jet_common::JetDataset& data, const std::vector<std::size_t>& jets,
                             std::size_t batchSize) {
    const jet_common::FeatureOptions options = jet_common::featureOptionsFor(model.config());
    const bool wasTraining = model.training();
    model.setTraining(false);
    autograd::NoGradGuard noGrad;
    std::vector<float> out;
    out.reserve(jets.size());
    for (std::size_t start = 0; start < jets.size(); start += batchSize) {
        const std::size_t count = std::min(batchSize, jets.size() - start);
        const Var logits = model.forward(jet_common::buildFeatures(data, std::span(jets.data() + start, count), options));
        for (Index r = 0; r < logits.rows(); ++r)
            out.push_back(1.0f / (1.0f + std::exp(-logits.value()(r, 0))));
    }
    model.setTraining(wasTraining);
    return out;
}

std::vector<int> labelsOf(const jet_common::JetDataset& data, const std::vector<std::size_t>& jets) {
    std::vector<int> labels;
    labels.reserve(jets.size());
    for (std::size_t j : jets) {
        if (j >= data.jets)
            throw std::out_of_range("qg: jet index " + std::to_string(j) + " outside the dataset");
        labels.push_back(data.labels[j]);
    }
    return labels;
}

std::vector<double> multiplicityScores(const jet_common::JetDataset& data, const std::vector<std::size_t>& jets) {
    std::vector<double> scores;
    scores.reserve(jets.size());
    for (std::size_t j : jets) scores.push_back(-static_cast<double>(data.multiplicity(j)));
    return scores;
}

namespace {

// Best accuracy over all thresholds of the ROC: a cut has no natural working point.
double bestAccuracy(const metrics::RocCurve& roc) {
    const double s = roc.signalWeight(), b = roc.backgroundWeight();
    double best = 0.0;
    for (const auto& p : roc.points()) {
        best = std::max(best, (p.signalEfficiency * s + (1.0 - p.backgroundEfficiency) * b) / (s + b));
    }
    return best;
}

}  // namespace

QgEvaluation evaluateScores(std::span<const double> scores, std::span<const int> labels, bool probabilities,
                            std::span<const double> cutScores) {
    QgEvaluation e{metrics::RocCurve(scores, labels)};
    e.auc = e.roc.auc();
    e.rejection30 = e.roc.rejectionAt(0.3).rejection;
    e.rejection50 = e.roc.rejectionAt(0.5).rejection;
    e.accuracy = probabilities ? metrics::accuracyAt(scores, labels, 0.5) : bestAccuracy(e.roc);
    if (probabilities) e.brier = metrics::brierScore(scores, labels);
    // The paired error needs two jets of each class; a smaller sample still gets its AUC.
    const auto quarks = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), 1));
    if (!cutScores.empty() && quarks >= 2 && labels.size() - quarks >= 2)
        e.vsCut = metrics::compareAucs(scores, cutScores, labels);
    return e;
}

std::vector<std::pair<std::string, double>> QgEvaluation::values() const {
    std::vector<std::pair<std::string, double>> v{{"auc", auc},
                                                  {"accuracy", accuracy},
                                                  {"rejection_at_30", rejection30},
                                                  {"rejection_at_50", rejection50}};
    if (brier >= 0) v.emplace_back("brier", brier);
    if (vsCut) {
        v.emplace_back("auc_minus_cut", vsCut->difference);
        v.emplace_back("auc_minus_cut_error", vsCut->differenceError);
    }
    return v;
}

}  // namespace bithep::tasks::qg
