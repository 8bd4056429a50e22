// Optimizer updates against hand-computed steps, gradient clipping and learning-rate schedules.
#include <QtTest>

#include <cmath>

#include "core/train/lr_schedule.h"
#include "core/train/optimizer.h"

namespace tr = bithep::train;
using bithep::autograd::Matrix;
using bithep::autograd::Var;

namespace {
Var param(float v) { return Var(Matrix::Constant(1, 1, v), true); }
void setGrad(Var& p, float g) {
    p.node()->grad = Matrix::Constant(1, 1, g);
    p.node()->hasGrad = true;
}
}  // namespace

class TstOptimizer : public QObject {
    Q_OBJECT
private slots:
    void sgdMomentum() {
        Var p = param(1.0f);
        tr::Sgd opt({{"p", p}}, 0.1f, 0.9f);
        setGrad(p, 2.0f);
        opt.step();  // buf = 2, p = 1 - 0.2
        QVERIFY(std::abs(p.value()(0, 0) - 0.8f) < 1e-7f);
        setGrad(p, 2.0f);
        opt.step();  // buf = 0.9·2 + 2 = 3.8, p = 0.8 − 0.38
        QVERIFY(std::abs(p.value()(0, 0) - 0.42f) < 1e-6f);
        QCOMPARE(opt.stepCount(), 2L);
        QCOMPARE(opt.stateBuffers()[0].first, std::string("momentum/p"));
    }
    void adamFirstStepsMoveByLearningRate() {
        Var p = param(0.0f);
        tr::Adam opt({{"p", p}}, 0.01f);
        setGrad(p, 3.0f);
        opt.step();  // m̂ = g, v̂ = g²: step = lr·g/|g|
        QVERIFY(std::abs(p.value()(0, 0) + 0.01f) < 1e-6f);
        setGrad(p, -1.0f);
        opt.step();
        // m = 0.9·0.3 − 0.1 = 0.17 → m̂ = 0.17/0.19; v = 0.999·0.009 + 0.001 → v̂ = v/(1 − 0.999²)
        const double mh = 0.17 / 0.19, vh = (0.999 * 0.009 + 0.001) / (1 - 0.999 * 0.999);
        QVERIFY(std::abs(p.value()(0, 0) - (-0.01 - 0.01 * mh / (std::sqrt(vh) + 1e-8))) < 1e-6);
    }
    void adamwDecaysWeightsDirectly() {
        Var p = param(2.0f), q = param(2.0f);
        tr::AdamW w({{"p", p}}, 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f);
        tr::Adam l2({{"q", q}}, 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f);
        setGrad(p, 0.0f);
        setGrad(q, 0.0f);
        w.step();
        l2.step();
        QVERIFY(std::abs(p.value()(0, 0) - 2.0f * (1.0f - 0.05f)) < 1e-6f);  // decay only, zero gradient
        QVERIFY(std::abs(q.value()(0, 0) - 1.9f) < 1e-6f);                   // L2 goes through Adam: moves by lr
    }
    void parametersWithoutGradientAreNotUpdated() {
        Var p = param(1.0f);
        tr::Adam opt({{"p", p}}, 0.1f);
        opt.step();
        QCOMPARE(p.value()(0, 0), 1.0f);
    }
    void clipping() {
        Var a = param(0.0f), b = param(0.0f);
        setGrad(a, 3.0f);
        setGrad(b, 4.0f);
        const float norm = tr::clipGradNorm({{"a", a}, {"b", b}}, 1.0f);
        QCOMPARE(norm, 5.0f);
        QVERIFY(std::abs(a.grad()(0, 0) - 0.6f) < 1e-5f);
        QVERIFY(std::abs(b.grad()(0, 0) - 0.8f) < 1e-5f);
        QCOMPARE(tr::clipGradNorm({{"a", a}}, 0.0f), a.grad()(0, 0));  // 0 = report only
    }
    void schedules() {
        tr::LrSchedule s;
        s.baseLr = 1.0f;
        QCOMPARE(s.at(50, 100), 1.0f);
        s.kind = tr::LrSchedule::Kind::Step;
        s.stepSize = 10;
        s.gamma = 0.5f;
        QCOMPARE(s.at(25, 100), 0.25f);
        s.kind = tr::LrSchedule::Kind::Cosine;
        s.minLr = 0.0f;
        QCOMPARE(s.at(0, 100), 1.0f);
        QVERIFY(std::abs(s.at(50, 100) - 0.5f) < 1e-6f);
        QVERIFY(s.at(100, 100) < 1e-6f);
        s.warmupSteps = 10;
        QVERIFY(std::abs(s.at(4, 100) - 0.5f) < 1e-6f);
        s.kind = tr::LrSchedule::Kind::OneCycle;
        s.pctStart = 0.25f;
        QVERIFY(std::abs(s.at(0, 100) - 1.0f / 25.0f) < 1e-6f);
        QVERIFY(std::abs(s.at(24, 100) - 1.0f) < 1e-6f);  // peak after pctStart of the run
        QVERIFY(std::abs(s.at(99, 100) - 1.0f / 25.0f / 1e4f) < 1e-9f);
        QVERIFY(s.at(60, 100) < 1.0f && s.at(60, 100) > s.at(90, 100));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.at(0, 0));
        QVERIFY(tr::LrSchedule::kindFromString("one-cycle") == tr::LrSchedule::Kind::OneCycle);
    }
    void trainingScheduleNames() {
        QVERIFY(tr::LrSchedule::trainingKind("one-cycle", "x") == tr::LrSchedule::Kind::OneCycle);
        QVERIFY(tr::LrSchedule::trainingKind("cosine", "x") == tr::LrSchedule::Kind::Cosine);
        for (const char* bad : {"step", "constant", "Cosine", ""}) {
            try {
                (void)tr::LrSchedule::trainingKind(bad, "smeft training");
                QFAIL("accepted a schedule users cannot pick");
            } catch (const std::invalid_argument& e) {
                QCOMPARE(QString(e.what()),
                         QString("smeft training: schedule '%1' is not one-cycle or cosine").arg(bad));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TstOptimizer)
#include "tst_optimizer.moc"
