// Classifier two-sample test: MLP, seeded split, AUC on held-out rows.
#include "core/tasks/calo/classifier_test.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/autograd/ops.h"
#include "core/metrics/roc_curve.h"
#include "core/nn/mlp.h"
#include "core/train/trainer.h"

namespace bithep::tasks::calo {

using tensor::Index;
using tensor::Matrix;

tensor::Matrix lowLevelRows(const CaloDataset& showers) {
    Matrix rows(static_cast<Index>(showers.size()), static_cast<Index>(showers.voxels + 1));
    for (std::size_t i = 0; i < showers.size(); ++i) {
        rows(static_cast<Index>(i), 0) = std::log10(showers.incidentEnergies[i]);
        const auto s = showers.shower(i);
        for (std::size_t v = 0; v < s.size(); ++v)
            rows(static_cast<Index>(i), static_cast<Index>(v + 1)) = std::log10(1.0f + s[v]);
    }
    return rows;
}

tensor::Matrix highLevelRows(const HighLevelFeatures& features) {
    Matrix rows(static_cast<Index>(features.showers), static_cast<Index>(features.rowSize()));
    for (std::size_t i = 0; i < features.showers; ++i) {
        const auto r = features.row(i);
        for (std::size_t c = 0; c < r.size(); ++c) rows(static_cast<Index>(i), static_cast<Index>(c)) = r[c];
    }
    return rows;
}

namespace {

// Seeded Fisher–Yates on [0, n) with the engine's portable generator.
std::vector<Index> shuffled(Index n, tensor::Rng& rng) {
    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index{0});
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[static_cast<std::size_t>(rng() % i)]);
    return order;
}

}  // namespace

ClassifierTestResult runClassifierTest(const Matrix& reference, const Matrix& generated,
                                       const ClassifierTestConfig& config,
                                       const std::function<bool()>& cancelled) {
    if (reference.cols() != generated.cols())
        throw std::invalid_argument("classifier test: reference rows have " +
                                    std::to_string(reference.cols()) + " columns, generated " +
                                    std::to_string(generated.cols()));
    const Index perClass = std::min(reference.rows(), generated.rows());
    if (perClass < 20) throw std::invalid_argument("classifier test: fewer than 20 rows in a sample");
    tensor::requireFinite(reference, "classifier test reference rows");
    tensor::requireFinite(generated, "classifier test generated rows");
    tensor::Rng rng(config.seed);
    // Interleave the classes in a seeded order: x holds 2·perClass rows, labels alongside.
    Matrix x(2 * perClass, reference.cols());
    x.topRows(perClass) = reference.topRows(perClass);
    x.bottomRows(perClass) = generated.topRows(perClass);
    const std::vector<Index> order = shuffled(2 * perClass, rng);
    const Index nTest = 2 * perClass / 5, nFit = 2 * perClass - nTest;  // fit = training + validation
    // Standardise with the fitting rows only, so the test rows stay unseen.
    tensor::RowVector mean = tensor::RowVector::Zero(x.cols()), var = tensor::RowVector::Zero(x.cols());
    for (Index i = 0; i < nFit; ++i) mean += x.row(order[static_cast<std::size_t>(i)]);
    mean /= static_cast<float>(nFit);
    for (Index i = 0; i < nFit; ++i)
        var += (x.row(order[static_cast<std::size_t>(i)]) - mean).array().square().matrix();
    const tensor::RowVector scale =
        (var / static_cast<float>(nFit)).array().sqrt().max(1e-6f).inverse().matrix();
    Matrix inputs(x.rows(), x.cols());
    Matrix labels(x.rows(), 1);
    for (Index i = 0; i < x.rows(); ++i) {
        const Index src = order[static_cast<std::size_t>(i)];
        inputs.row(i) = ((x.row(src) - mean).array() * scale.array()).matrix();
        labels(i, 0) = src < perClass ? 1.0f : 0.0f;
    }
    std::vector<Index> sizes{x.cols()};
    for (int h : config.hidden) sizes.push_back(h);
    sizes.push_back(1);
    nn::Mlp model(sizes, nn::Activation::ReLU, rng);
    train::Adam optimizer(model.namedParameters(), config.learningRate);
    train::TrainConfig tc;
    tc.epochs = config.epochs;
    tc.batchSize = config.batchSize;
    tc.validationFraction = 0.25;  // of the fitting rows: 20 % of all
    tc.seed = config.seed;
    tc.schedule.baseLr = config.learningRate;
    train::Trainer trainer(model, optimizer, tc);
    const auto loss = [&](const std::vector<Index>& rows, bool) {
        Matrix xb(static_cast<Index>(rows.size()), inputs.cols()), yb(static_cast<Index>(rows.size()), 1);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            xb.row(static_cast<Index>(r)) = inputs.row(rows[r]);
            yb(static_cast<Index>(r), 0) = labels(rows[r], 0);
        }
        return autograd::bceWithLogits(model.forward(autograd::constant(std::move(xb))), yb);
    };
    train::TrainCallbacks callbacks;
    callbacks.cancelled = cancelled;
    const train::TrainResult fit = trainer.fit(nFit, loss, callbacks);
    if (!fit.ok && !fit.cancelled) throw std::runtime_error("classifier test: training failed: " + fit.error);
    model.setTraining(false);
    autograd::NoGradGuard noGrad;
    const Matrix scores = model.forward(autograd::constant(inputs.bottomRows(nTest))).value();
    std::vector<double> s(static_cast<std::size_t>(nTest));
    std::vector<int> y(static_cast<std::size_t>(nTest));
    for (Index i = 0; i < nTest; ++i) {
        s[static_cast<std::size_t>(i)] = scores(i, 0);
        y[static_cast<std::size_t>(i)] = labels(nFit + i, 0) > 0.5f ? 1 : 0;
    }
    ClassifierTestResult result;
    result.auc = metrics::RocCurve(s, y).auc();
    result.trainRows = static_cast<std::size_t>(nFit);
    result.testRows = static_cast<std::size_t>(nTest);
    result.bestEpoch = fit.bestEpoch;
    return result;
}

}  // namespace bithep::tasks::calo
