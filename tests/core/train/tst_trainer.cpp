// Trainer: convergence on two-moons (fp32 and all-ternary), an attention model on a set task,
// bit-identical loss history for a fixed seed (one and two threads), NaN handling, cancellation and
// callbacks.
#include <cmath>
#include <numbers>
#include <thread>

#include <QtTest>

#include "core/autograd/ops.h"
#include "core/nn/mlp.h"
#include "core/nn/transformer_block.h"
#include "core/quant/quant_plan.h"
#include "core/train/thread_control.h"
#include "core/train/trainer.h"

namespace ag = bithep::autograd;
namespace nn = bithep::nn;
namespace q = bithep::quant;
namespace tr = bithep::train;
using ag::Matrix;
using ag::Var;
using nn::Index;

namespace {

struct Moons {
    Matrix x;  // (n, 2)
    Matrix y;  // (n, 1) in {0, 1}
};

// Two interleaving half circles with Gaussian noise 0.1 (as scikit-learn's make_moons).
Moons makeMoons(Index n, std::uint64_t seed) {
    bithep::tensor::Rng rng(seed);
    Moons m{Matrix(n, 2), Matrix(n, 1)};
    for (Index i = 0; i < n; ++i) {
        const float t = std::numbers::pi_v<float> * bithep::tensor::uniform01(rng);
        const bool upper = i % 2 == 0;
        m.x(i, 0) = (upper ? std::cos(t) : 1.0f - std::cos(t)) + 0.1f * bithep::tensor::standardNormal(rng);
        m.x(i, 1) = (upper ? std::sin(t) : 0.5f - std::sin(t)) + 0.1f * bithep::tensor::standardNormal(rng);
        m.y(i, 0) = upper ? 0.0f : 1.0f;
    }
    return m;
}

Matrix rowsOf(const Matrix& m, const std::vector<Index>& idx) {
    Matrix out(static_cast<Index>(idx.size()), m.cols());
    for (size_t i = 0; i < idx.size(); ++i) out.row(static_cast<Index>(i)) = m.row(idx[i]);
    return out;
}

double accuracy(const Matrix& logits, const Matrix& y) {
    int right = 0;
    for (Index i = 0; i < y.rows(); ++i) right += ((logits(i, 0) > 0.0f) == (y(i, 0) > 0.5f)) ? 1 : 0;
    return double(right) / double(y.rows());
}

struct MoonsRun {
    tr::TrainResult result;
    double testAccuracy = 0.0;
};

MoonsRun trainMoons(bool ternary, std::uint64_t seed, int epochs = 40, Index width = 64) {
    const Moons train = makeMoons(1600, 11), test = makeMoons(1000, 12);
    bithep::tensor::Rng rng(seed);
    nn::Mlp mlp({2, width, width, 1}, nn::Activation::ReLU, rng);
    if (ternary)
        q::QuantPlan("all ternary", {{"*", q::Precision::Ternary, q::ActivationBits::Int8}}).apply(mlp);
    tr::Adam opt(mlp.namedParameters(), 0.01f);
    tr::TrainConfig cfg;
    cfg.epochs = epochs;
    cfg.batchSize = 64;
    cfg.seed = seed;
    cfg.schedule.kind = tr::LrSchedule::Kind::Cosine;
    cfg.schedule.baseLr = 0.01f;
    tr::Trainer trainer(mlp, opt, cfg);
    auto loss = [&](const std::vector<Index>& idx, bool) {
        return ag::bceWithLogits(mlp.forward(ag::constant(rowsOf(train.x, idx))), rowsOf(train.y, idx));
    };
    MoonsRun run;
    run.result = trainer.fit(train.x.rows(), loss);
    ag::NoGradGuard guard;
    run.testAccuracy = accuracy(mlp.forward(ag::constant(test.x)).value(), test.y);
    return run;
}

// Sets of 5..8 particles (value v, one-hot type); label = type of the particle with the largest v.
// With mean pooling a particle can only know it is the largest by attending to the others.
// Padding rows carry v = 5 so any leak through the mask would decide the label.
constexpr Index kSetSize = 8;
struct SetData {
    Matrix features;  // (S·8, 3)
    std::vector<std::uint8_t> valid;
    Matrix labels;  // (S, 1)
};

SetData makeSets(Index sets, std::uint64_t seed) {
    bithep::tensor::Rng rng(seed);
    SetData d{Matrix::Zero(sets * kSetSize, 3), std::vector<std::uint8_t>(size_t(sets * kSetSize), 0),
              Matrix(sets, 1)};
    for (Index s = 0; s < sets; ++s) {
        const Index n = 5 + static_cast<Index>(rng() % 4);
        float best = -1.0f;
        for (Index i = 0; i < kSetSize; ++i) {
            const Index r = s * kSetSize + i;
            const float v = bithep::tensor::uniform01(rng);
            const int type = static_cast<int>(rng() % 2);
            d.features(r, 0) = i < n ? v : 5.0f;
            d.features(r, 1 + type) = 1.0f;
            d.valid[size_t(r)] = i < n ? 1 : 0;
            if (i < n && v > best) {
                best = v;
                d.labels(s, 0) = static_cast<float>(type);
            }
        }
    }
    return d;
}

// Embedding → pre-norm transformer block (padding mask) → masked mean pool → MLP head.
class SetModel : public nn::Module {
public:
    explicit SetModel(bithep::tensor::Rng& rng) : Module("SetModel") {
        m_embed = addModule("embed", std::make_shared<nn::BitLinear>(3, 32, rng));
        m_block = addModule("block", std::make_shared<nn::TransformerBlock>(32, 4, 64, rng));
        m_head = addModule(
            "head", std::make_shared<nn::Mlp>(std::vector<Index>{32, 32, 1}, nn::Activation::GELU, rng));
    }
    Var forward(const SetData& d, const std::vector<Index>& sets) {
        const Index b = static_cast<Index>(sets.size());
        Matrix x(b * kSetSize, 3);
        ag::SetMask mask;
        mask.setSize = kSetSize;
        for (Index s = 0; s < b; ++s) {
            x.middleRows(s * kSetSize, kSetSize) =
                d.features.middleRows(sets[size_t(s)] * kSetSize, kSetSize);
            for (Index i = 0; i < kSetSize; ++i)
                mask.valid.push_back(d.valid[size_t(sets[size_t(s)] * kSetSize + i)]);
        }
        const Var h = m_block->forward(m_embed->forward(ag::constant(x)), mask);
        return m_head->forward(ag::setMean(h, mask));
    }

private:
    std::shared_ptr<nn::BitLinear> m_embed;
    std::shared_ptr<nn::TransformerBlock> m_block;
    std::shared_ptr<nn::Mlp> m_head;
};

}  // namespace

class TstTrainer : public QObject {
    Q_OBJECT
private slots:
    void twoMoonsFp32() {
        const MoonsRun run = trainMoons(false, 3);
        QVERIFY(run.result.ok);
        qInfo("two-moons fp32 test accuracy %.4f", run.testAccuracy);
        QVERIFY(run.testAccuracy >= 0.95);
    }
    void twoMoonsAllTernary() {
        const MoonsRun run = trainMoons(true, 3);
        QVERIFY(run.result.ok);
        qInfo("two-moons all-ternary test accuracy %.4f", run.testAccuracy);
        QVERIFY(run.testAccuracy >= 0.93);
    }
    void sameSeedGivesIdenticalLossHistory() {
        const MoonsRun a = trainMoons(true, 5, 3), b = trainMoons(true, 5, 3), c = trainMoons(true, 6, 3);
        QVERIFY(!a.result.batchLosses.empty());
        QVERIFY(a.result.batchLosses == b.result.batchLosses);  // bit for bit
        QVERIFY(a.result.validationLosses == b.result.validationLosses);
        QVERIFY(a.result.batchLosses != c.result.batchLosses);
    }
    // Eigen's parallel GEMM gives each thread whole blocks of the result over the full depth, so
    // a fixed thread count must still give bit-identical training. Width 256 makes every hidden
    // product (64 x 256 x 256 MACs) large enough for Eigen to split.
    void twoThreadsGiveIdenticalLossHistory() {
        QVERIFY(tr::threadingAvailable());  // OpenMP is a required dependency
        tr::setThreads(2);
        QCOMPARE(tr::threads(), 2);
        const MoonsRun a = trainMoons(false, 5, 2, 256), b = trainMoons(false, 5, 2, 256);
        tr::setThreads(1);
        const MoonsRun one = trainMoons(false, 5, 2, 256);
        QVERIFY(!a.result.batchLosses.empty());
        QVERIFY(a.result.batchLosses == b.result.batchLosses);  // bit for bit
        // One thread sums in another order: the same run to float rounding, not bit for bit.
        QCOMPARE(one.result.batchLosses.size(), a.result.batchLosses.size());
        for (size_t i = 0; i < a.result.batchLosses.size(); ++i)
            QVERIFY(std::abs(one.result.batchLosses[i] - a.result.batchLosses[i]) < 1e-3);
    }
    void automaticThreadsCountsIdleCores() {
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        const int n = tr::automaticThreads();
        QVERIFY(n >= 1 && n <= cores);
        tr::setThreads(0);
        QVERIFY(tr::threads() >= 1 && tr::threads() <= cores);
        tr::setThreads(1);
    }
    void attentionLearnsSetTask() {
        const SetData train = makeSets(3000, 21), test = makeSets(1000, 22);
        bithep::tensor::Rng rng(7);
        SetModel model(rng);
        tr::AdamW opt(model.namedParameters(), 3e-3f);
        tr::TrainConfig cfg;
        cfg.epochs = 8;
        cfg.batchSize = 64;
        cfg.schedule.kind = tr::LrSchedule::Kind::OneCycle;
        cfg.schedule.baseLr = 3e-3f;
        cfg.gradClipNorm = 1.0f;
        tr::Trainer trainer(model, opt, cfg);
        const auto result = trainer.fit(3000, [&](const std::vector<Index>& idx, bool) {
            return ag::bceWithLogits(model.forward(train, idx), rowsOf(train.labels, idx));
        });
        QVERIFY2(result.ok, result.error.c_str());
        std::vector<Index> all(1000);
        for (Index i = 0; i < 1000; ++i) all[size_t(i)] = i;
        ag::NoGradGuard guard;
        model.setTraining(false);
        const double acc = accuracy(model.forward(test, all).value(), test.labels);
        qInfo("set task: positives %.3f, test accuracy %.4f", test.labels.mean(), acc);
        QVERIFY(acc >= 0.9);
    }
    void nanLossStopsWithErrorAndKeepsBest() {
        bithep::tensor::Rng rng(1);
        nn::Mlp mlp({2, 4, 1}, nn::Activation::Tanh, rng);
        tr::Sgd opt(mlp.namedParameters(), 0.01f);
        tr::TrainConfig cfg;
        cfg.epochs = 3;
        cfg.batchSize = 10;
        cfg.validationFraction = 0.5;
        tr::Trainer trainer(mlp, opt, cfg);
        const Moons d = makeMoons(40, 1);
        int calls = 0;
        const auto result = trainer.fit(40, [&](const std::vector<Index>& idx, bool training) {
            if (training && ++calls == 3)
                return ag::mulScalar(ag::sum(mlp.forward(ag::constant(rowsOf(d.x, idx)))), NAN);
            return ag::bceWithLogits(mlp.forward(ag::constant(rowsOf(d.x, idx))), rowsOf(d.y, idx));
        });
        QVERIFY(!result.ok);
        QVERIFY2(result.error.find("epoch 2, batch 1") != std::string::npos, result.error.c_str());
        QVERIFY(result.error.find("best validated weights were kept") != std::string::npos);
        QCOMPARE(result.bestEpoch, 0);
        const auto best = trainer.best();
        for (size_t i = 0; i < best.parameters.size(); ++i)
            QCOMPARE(mlp.parameters()[i].value(), best.parameters[i]);
    }
    void cancelAndCallbacks() {
        bithep::tensor::Rng rng(1);
        nn::Mlp mlp({2, 8, 1}, nn::Activation::ReLU, rng);
        q::QuantPlan("t", {{"*", q::Precision::Ternary, q::ActivationBits::Int8}}).apply(mlp);
        tr::Adam opt(mlp.namedParameters(), 0.01f);
        tr::TrainConfig cfg;
        cfg.epochs = 5;
        cfg.batchSize = 20;
        tr::Trainer trainer(mlp, opt, cfg);
        const Moons d = makeMoons(100, 1);
        int batches = 0, epochs = 0;
        tr::TrainCallbacks cb;
        cb.onBatch = [&](const tr::BatchStats& s) {
            ++batches;
            QVERIFY(std::isfinite(s.loss));
        };
        cb.onEpoch = [&](const tr::EpochStats& s) {
            ++epochs;
            QCOMPARE(s.layers.size(), size_t(2));
            QVERIFY(s.layers[0].stats.beta > 0.0f);
            QVERIFY(s.layers[0].stats.flipRatio >= 0.0 && s.layers[0].stats.flipRatio <= 1.0);
        };
        cb.cancelled = [&] { return batches == 6; };
        const auto result = trainer.fit(
            100,
            [&](const std::vector<Index>& idx, bool) {
                return ag::bceWithLogits(mlp.forward(ag::constant(rowsOf(d.x, idx))), rowsOf(d.y, idx));
            },
            cb);
        QVERIFY(result.cancelled);
        QVERIFY(result.ok);
        QCOMPARE(batches, 6);  // 80 training samples / 20 = 4 batches per epoch
        QCOMPARE(epochs, 1);
    }

    // The explorer's promise "a stop never loses the last good model": weights spoiled by a run
    // that validated no epoch (cancelled, failed or throwing) are put back; a validated run keeps
    // what the trainer chose.
    void fitKeepingGoodWeightsRestoresUnvalidatedRuns() {
        bithep::tensor::Rng rng(3);
        nn::Mlp mlp({2, 4, 1}, nn::Activation::ReLU, rng);
        const Matrix before = mlp.namedParameters().front().second.value();
        const auto spoil = [&] { mlp.namedParameters().front().second.mutableValue().setConstant(42.0f); };
        tr::TrainResult cancelled;
        cancelled.cancelled = true;
        tr::fitKeepingGoodWeights(mlp, [&] {
            spoil();
            return cancelled;
        });
        QVERIFY(mlp.namedParameters().front().second.value() == before);
        tr::TrainResult failed;
        failed.ok = false;
        tr::fitKeepingGoodWeights(mlp, [&] {
            spoil();
            return failed;
        });
        QVERIFY(mlp.namedParameters().front().second.value() == before);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, tr::fitKeepingGoodWeights(mlp, [&]() -> tr::TrainResult {
                                     spoil();
                                     throw std::runtime_error("diverged");
                                 }));
        QVERIFY(mlp.namedParameters().front().second.value() == before);
        tr::TrainResult validated;
        validated.cancelled = true;
        validated.bestEpoch = 0;  // the trainer restored its best epoch: keep it
        tr::fitKeepingGoodWeights(mlp, [&] {
            spoil();
            return validated;
        });
        QCOMPARE(mlp.namedParameters().front().second.value()(0, 0), 42.0f);
    }
};

QTEST_APPLESS_MAIN(TstTrainer)
#include "tst_trainer.moc"
