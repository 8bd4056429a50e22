// Flow building blocks: gradients of affine and rational-quadratic-spline transforms (values
// and log-determinants), invertibility, log-determinant against a numerical Jacobian, and the
// sinusoidal time embedding.
#include <QtTest>

#include "core/autograd/flow_ops.h"
#include "grad_check.h"

namespace ag = bithep::autograd;
using ag::Matrix;
using ag::Var;
using bithep::testing::checkGradients;

namespace {

Matrix rnd(Eigen::Index r, Eigen::Index c, unsigned seed, float lo = -1.0f, float hi = 1.0f) {
    bithep::tensor::Rng rng(seed);
    return bithep::tensor::uniform(r, c, lo, hi, rng);
}

constexpr Eigen::Index kBins = 4;
ag::SplineParams splineParams() {
    ag::SplineParams p;
    p.bins = kBins;
    p.bound = 2.0f;
    return p;
}

// x (3, 2) with one entry outside the spline range (identity tail).
Matrix splineInput() {
    Matrix x = rnd(3, 2, 1, -1.8f, 1.8f);
    x(2, 1) = 2.6f;
    return x;
}

Var both(const ag::FlowTransform& t) { return ag::concatCols({t.y, t.logDet}); }

}  // namespace

class TstFlowOps : public QObject {
    Q_OBJECT
private slots:
    void affineGradients() {
        const std::string fwd = checkGradients([](const std::vector<Var>& v) { return both(ag::affineForward(v[0], v[1], v[2])); },
                                               {rnd(3, 2, 1), rnd(3, 2, 2), rnd(3, 2, 3)});
        QVERIFY2(fwd.empty(), fwd.c_str());
        const std::string inv = checkGradients([](const std::vector<Var>& v) { return both(ag::affineInverse(v[0], v[1], v[2])); },
                                               {rnd(3, 2, 1), rnd(3, 2, 2), rnd(3, 2, 3)});
        QVERIFY2(inv.empty(), inv.c_str());
    }
    void affineRoundTrip() {
        const Var x = ag::constant(rnd(3, 2, 1)), t = ag::constant(rnd(3, 2, 2)), s = ag::constant(rnd(3, 2, 3));
        const auto f = ag::affineForward(x, t, s);
        const auto g = ag::affineInverse(f.y, t, s);
        QVERIFY((g.y.value() - x.value()).cwiseAbs().maxCoeff() < 1e-5f);
        QVERIFY((f.logDet.value() + g.logDet.value()).cwiseAbs().maxCoeff() < 1e-6f);
    }
    void splineGradients_data() {
        QTest::addColumn<bool>("inverse");
        QTest::newRow("forward") << false;
        QTest::newRow("inverse") << true;
    }
    void splineGradients() {
        QFETCH(bool, inverse);
        // Step 1e-3: a bin edge within the step would make the difference quotient straddle two
        // polynomial pieces; with these seeds no input lies that close to an edge.
        const std::string err = checkGradients(
            [inverse](const std::vector<Var>& v) {
                return both(ag::rationalQuadraticSpline(v[0], v[1], v[2], v[3], splineParams(), inverse));
            },
            {splineInput(), rnd(3, 2 * kBins, 2), rnd(3, 2 * kBins, 3), rnd(3, 2 * (kBins - 1), 4)}, 7, 1e-2f, 1e-3f);
        QVERIFY2(err.empty(), err.c_str());
    }
    void splineInvertsAndLogDetMatchesJacobian() {
        const Var w = ag::constant(rnd(3, 2 * kBins, 2)), h = ag::constant(rnd(3, 2 * kBins, 3));
        const Var d = ag::constant(rnd(3, 2 * (kBins - 1), 4));
        const Matrix x = splineInput();
        const auto f = ag::rationalQuadraticSpline(ag::constant(x), w, h, d, splineParams());
        const auto g = ag::rationalQuadraticSpline(f.y, w, h, d, splineParams(), true);
        QVERIFY((g.y.value() - x).cwiseAbs().maxCoeff() < 1e-4f);
        QVERIFY((f.logDet.value() + g.logDet.value()).cwiseAbs().maxCoeff() < 1e-4f);
        QCOMPARE(f.y.value()(2, 1), 2.6f);  // identity outside the bound
        // Element-wise transform: log|det J| is the sum of log dy/dx of the entries.
        const float step = 1e-3f;
        for (int r = 0; r < 3; ++r) {
            double logDet = 0.0;
            for (int c = 0; c < 2; ++c) {
                Matrix up = x, down = x;
                up(r, c) += step;
                down(r, c) -= step;
                const float dy = ag::rationalQuadraticSpline(ag::constant(up), w, h, d, splineParams()).y.value()(r, c) -
                                 ag::rationalQuadraticSpline(ag::constant(down), w, h, d, splineParams()).y.value()(r, c);
                logDet += std::log(double(dy) / (2.0 * step));
            }
            QVERIFY(std::abs(logDet - f.logDet.value()(r, 0)) < 5e-3);
        }
    }
    void splineShapeErrors() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 ag::rationalQuadraticSpline(ag::constant(rnd(3, 2, 1)), ag::constant(rnd(3, 7, 1)),
                                                             ag::constant(rnd(3, 8, 1)), ag::constant(rnd(3, 6, 1)), splineParams()));
    }
    void timeEmbedding() {
        const std::string err = checkGradients([](const std::vector<Var>& v) { return ag::sinusoidalEmbedding(v[0], 6, 100.0f); },
                                               {rnd(4, 1, 1)});
        QVERIFY2(err.empty(), err.c_str());
        Matrix t(1, 1);
        t << 0.5f;
        const Matrix e = ag::sinusoidalEmbedding(ag::constant(t), 4, 100.0f).value();
        QVERIFY(std::abs(e(0, 0) - std::sin(0.5f)) < 1e-6f);
        QVERIFY(std::abs(e(0, 1) - std::sin(0.05f)) < 1e-6f);  // ω_1 = 100^(−1/2)
        QVERIFY(std::abs(e(0, 3) - std::cos(0.05f)) < 1e-6f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ag::sinusoidalEmbedding(ag::constant(t), 5));
    }
};

QTEST_APPLESS_MAIN(TstFlowOps)
#include "tst_flow_ops.moc"
