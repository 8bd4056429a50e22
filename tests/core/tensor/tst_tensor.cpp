// Seeded generators (reproducible, right range and moments) and shape/finiteness checks.
#include <QtTest>

#include <cmath>

#include "core/tensor/tensor.h"

namespace t = bithep::tensor;

class TstTensor : public QObject {
    Q_OBJECT
private slots:
    void uniformIsSeededAndInRange() {
        t::Rng a(5), b(5), c(6);
        const t::Matrix x = t::uniform(100, 50, -2.0f, 3.0f, a);
        QCOMPARE(x, t::uniform(100, 50, -2.0f, 3.0f, b));
        QVERIFY(x != t::uniform(100, 50, -2.0f, 3.0f, c));
        QVERIFY(x.minCoeff() >= -2.0f && x.maxCoeff() < 3.0f);
        QVERIFY(std::abs(x.mean() - 0.5f) < 0.05f);  // 5000 draws: std error of the mean 0.02
    }
    void normalMoments() {
        t::Rng rng(7);
        const t::Matrix x = t::normal(200, 100, 1.0f, 2.0f, rng);
        const double mean = x.mean();
        const double var = (x.array() - float(mean)).square().mean();
        QVERIFY(std::abs(mean - 1.0) < 0.06);  // std error 2/√20000 = 0.014
        QVERIFY(std::abs(var - 4.0) < 0.15);
        QVERIFY(x.allFinite());
    }
    void firstDrawsArePinned() {
        // The generators are part of the reproducibility contract: these values must not change.
        t::Rng rng(1);
        QCOMPARE(t::uniform01(rng), 0x1.122de8p-3f);  // exact: integer arithmetic only
        QVERIFY(std::abs(t::standardNormal(rng) - (-0.516334355f)) < 1e-6f);  // libm log/cos may differ in the last ulp
    }
    void shapeAndFiniteChecks() {
        const t::Matrix m = t::Matrix::Zero(2, 3);
        t::requireShape(m, 2, -1, "m");
        try {
            t::requireShape(m, 3, 3, "weights of fc0");
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()), std::string("weights of fc0: expected (3 x 3), got (2 x 3)"));
        }
        t::Matrix n = m;
        n(1, 2) = NAN;
        try {
            t::requireFinite(n, "input");
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY(std::string(e.what()).find("at (1, 2)") != std::string::npos);
        }
    }
};

QTEST_APPLESS_MAIN(TstTensor)
#include "tst_tensor.moc"
