// SMEFT regressors: preset sizes, exact equivariance under rotations about the jet axis,
// padding invariance, the loss against autograd::angleLoss on the predicted angle, and a short
// training that beats both random guessing and reaches the target.
#include <cmath>
#include <numbers>

#include <QtTest>

#include "core/autograd/ops.h"
#include "core/tasks/smeft/smeft_training.h"
#include "core/train/thread_control.h"

using namespace bithep;
using namespace bithep::tasks::smeft;

namespace {

SmeftDataset events(std::size_t n, std::uint64_t seed) {
    const SmeftGeneratorConfig config;
    return SmeftDataset::fromSample(SmeftEventGenerator(config, seed).generate(n), config, seed);
}

std::vector<std::size_t> range(std::size_t from, std::size_t to) {
    std::vector<std::size_t> v;
    for (std::size_t i = from; i < to; ++i) v.push_back(i);
    return v;
}

double meanSin2(const std::vector<double>& pred, const SmeftDataset& d, const std::vector<std::size_t>& idx) {
    double s = 0.0;
    for (std::size_t i = 0; i < idx.size(); ++i) s += std::pow(std::sin(pred[i] - d.events[idx[i]].phi), 2);
    return s / double(idx.size());
}

}  // namespace

class TstSmeftModels : public QObject {
    Q_OBJECT
private slots:
    // One thread: the small matrices here gain nothing from a second one, and on a busy machine
    // OpenMP's synchronisation makes the short training many times slower.
    void initTestCase() { train::setThreads(1); }

    void presetSizes() {
        QCOMPARE(SmeftModel(SmeftModelConfig::fromPreset("small"), 1).parameterCount(), tensor::Index{3986});
        QCOMPARE(SmeftModel(SmeftModelConfig::fromPreset("medium"), 1).parameterCount(),
                 tensor::Index{27554});
        QCOMPARE(SmeftModel(SmeftModelConfig::fromPreset("large"), 1).parameterCount(),
                 tensor::Index{203898});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmeftModelConfig::fromPreset("huge"));
    }

    void rotationMovesThePredictionAlong() {
        const SmeftDataset d = events(40, 2);
        SmeftModel model(SmeftModelConfig::fromPreset("small"), 3);
        const auto idx = range(0, d.size());
        model.fitInputScaling(buildSmeftBatch(d, idx));
        const auto before = predictSmeft(model, d, idx);
        SmeftDataset rotated = d;
        const double delta = 0.7;
        for (auto& e : rotated.events)
            for (auto& p : e.constituents) p.phi = std::fmod(p.phi + delta, 2.0 * std::numbers::pi);
        const auto after = predictSmeft(model, rotated, idx);
        for (std::size_t i = 0; i < idx.size(); ++i)
            QVERIFY(std::abs(wrapHalfPi(after[i] - before[i] - delta)) < 1e-4);
    }

    void paddingDoesNotChangeTheOutput() {
        const SmeftDataset d = events(30, 4);
        SmeftModel model(SmeftModelConfig::fromPreset("small"), 5);
        const auto all = range(0, d.size());
        const auto together = predictSmeft(model, d, all);
        for (std::size_t i = 0; i < d.size(); i += 7) {
            const auto alone = predictSmeft(model, d, {i});
            QVERIFY(std::abs(wrapHalfPi(alone[0] - together[i])) < 1e-5);
        }
    }

    void lossIsMeanSin2OfThePredictedAngle() {
        const SmeftDataset d = events(50, 6);
        SmeftModel model(SmeftModelConfig::fromPreset("small"), 7);
        const auto idx = range(0, d.size());
        const SmeftBatch batch = buildSmeftBatch(d, idx);
        model.fitInputScaling(batch);
        const auto out = model.forward(batch);
        const auto phi = predictedPhi(out);
        tensor::Matrix pred(static_cast<tensor::Index>(phi.size()), 1), target(pred.rows(), 1);
        for (std::size_t i = 0; i < phi.size(); ++i) {
            pred(static_cast<tensor::Index>(i), 0) = static_cast<float>(phi[i]);
            target(static_cast<tensor::Index>(i), 0) = batch.targetPhi[i];
        }
        const float reference = autograd::angleLoss(autograd::Var(pred), autograd::Var(target)).item();
        QVERIFY(std::abs(decayPlaneLoss(out, batch).item() - reference) < 1e-5f);
    }

    void badInputsAreRejected() {
        const SmeftDataset d = events(5, 8);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, buildSmeftBatch(d, std::vector<std::size_t>{9}));
        SmeftModelConfig c;
        c.width = 3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmeftModel(c, 1));
        SmeftTrainSettings s;
        s.epochs = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.validate("smeft training"));
    }

    void shortTrainingLearnsTheDecayPlane() {
        const SmeftDataset d = events(2600, 9);
        SmeftModel model(SmeftModelConfig::fromPreset("small"), 1);
        SmeftTrainSettings settings;
        settings.epochs = 4;
        const auto train = range(0, 2000), test = range(2000, d.size());
        const auto result = trainSmeftModel(model, d, train, settings);
        QVERIFY(result.ok);
        const double loss = meanSin2(predictSmeft(model, d, test), d, test);
        double naive = 0.0;
        for (std::size_t i : test)
            naive += std::pow(std::sin(naiveDecayPlane(d.events[i]) - d.events[i].phi), 2);
        naive /= double(test.size());
        qInfo("test mean sin²: network %.4f, naive estimate %.4f (random 0.5)", loss, naive);
        QVERIFY(loss < 0.15);
    }
};

QTEST_APPLESS_MAIN(TstSmeftModels)
#include "tst_smeft_models.moc"
