// Power-law fits of scaling curves: exact recovery of noiseless laws (with and without a floor),
// a hand-computed three-point regression with its standard errors, and input errors.
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <vector>

#include <QtTest>

#include "throws_invalid.h"

#include "core/metrics/power_law_fit.h"

using bithep::metrics::PowerLawFit;

class TstPowerLawFit : public QObject {
    Q_OBJECT
private slots:
    void recoversNoiselessLaw_data() {
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("b");
        QTest::addColumn<double>("c");
        QTest::addRow("steep no floor") << 2.0 << 0.5 << 0.0;
        QTest::addRow("shallow with floor") << 0.8 << 0.3 << 0.05;
        QTest::addRow("large floor") << 5.0 << 0.7 << 0.2;
    }
    void recoversNoiselessLaw() {
        QFETCH(double, a);
        QFETCH(double, b);
        QFETCH(double, c);
        std::vector<double> n, y;
        for (double e = 3.0; e <= 5.51; e += 0.25) {
            n.push_back(std::pow(10.0, e));
            y.push_back(a * std::pow(n.back(), -b) + c);
        }
        const auto f = PowerLawFit::fit(n, y, c > 0.0);
        QVERIFY2(std::abs(f.a - a) < 1e-5 * a, qPrintable(QString("a = %1").arg(f.a)));
        QVERIFY2(std::abs(f.b - b) < 1e-6, qPrintable(QString("b = %1").arg(f.b)));
        QVERIFY2(std::abs(f.c - c) < 1e-7, qPrintable(QString("c = %1").arg(f.c)));
        QVERIFY(f.rmsLogResidual < 1e-7);
        QVERIFY(std::abs(f.evaluate(2.0e4) - (a * std::pow(2.0e4, -b) + c)) < 1e-6);
    }
    void handComputedRegression() {
        // ln n = 0, 1, 2 and ln y = 0, -1, -1.5: slope -3/4, intercept -1/12, RSS = 1/24 with
        // one degree of freedom; sigma_b = sqrt(RSS / Sxx) = sqrt(1/48),
        // sigma_ln_a = sqrt(RSS (1/3 + mean^2 / Sxx)) = sqrt(5/144).
        const std::vector<double> n{1.0, std::exp(1.0), std::exp(2.0)};
        const std::vector<double> y{1.0, std::exp(-1.0), std::exp(-1.5)};
        const auto f = PowerLawFit::fit(n, y);
        QVERIFY(std::abs(f.b - 0.75) < 1e-12);
        QVERIFY(std::abs(f.a - std::exp(-1.0 / 12.0)) < 1e-12);
        QVERIFY(std::abs(f.sigmaB - std::sqrt(1.0 / 48.0)) < 1e-12);
        QVERIFY(std::abs(f.sigmaA - f.a * std::sqrt(5.0 / 144.0)) < 1e-12);
        QVERIFY(std::abs(f.rmsLogResidual - std::sqrt(1.0 / 72.0)) < 1e-12);
        QCOMPARE(f.c, 0.0);
        const auto j = f.toJson();
        QCOMPARE(j.at("points").get<int>(), 3);
        QVERIFY(!j.at("with_offset").get<bool>());
        const auto csv = f.toCsv();
        QCOMPARE(csv.rows().size(), size_t(1));
        QCOMPARE(csv.header().front(), std::string("a"));
        QVERIFY(csv.toString().find(",0,3,") != std::string::npos);  // with_offset, points
    }
    void noDegreesOfFreedomGiveNaNErrors() {
        const auto f = PowerLawFit::fit(std::vector<double>{10, 100}, std::vector<double>{0.3, 0.1});
        QVERIFY(std::abs(f.b - std::log10(3.0)) < 1e-12);
        QVERIFY(std::isnan(f.sigmaA) && std::isnan(f.sigmaB));
        QVERIFY(f.toJson().at("sigma_b").is_null());
    }
    void noisyScalingCurveIsCovered() {
        // 1 % multiplicative noise: the fitted exponent lies within 4 of its own sigmas.
        std::mt19937_64 rng(8);
        std::normal_distribution<double> g(0.0, 0.01);
        std::vector<double> n, y;
        for (double e = 3.0; e <= 5.51; e += 0.125) {
            n.push_back(std::pow(10.0, e));
            y.push_back((3.0 * std::pow(n.back(), -0.4) + 0.02) * std::exp(g(rng)));
        }
        const auto f = PowerLawFit::fit(n, y, true);
        QVERIFY(f.sigmaB > 0.0 && f.sigmaC > 0.0);
        QVERIFY2(std::abs(f.b - 0.4) < 4.0 * f.sigmaB,
                 qPrintable(QString("b = %1 +- %2").arg(f.b).arg(f.sigmaB)));
        QVERIFY(std::abs(f.c - 0.02) < 4.0 * f.sigmaC);
        QVERIFY(f.c >= 0.0);
    }
    void badInput() {
        const std::vector<double> n{10, 100, 1000};
        const std::vector<double> y{0.3, 0.2, 0.1};
        QVERIFY(throwsInvalid([] { PowerLawFit::fit(std::vector<double>{}, std::vector<double>{}); }));
        QVERIFY(throwsInvalid([&] { PowerLawFit::fit(n, std::vector<double>{0.3, 0.2}); }));
        QVERIFY(throwsInvalid([&] { PowerLawFit::fit(n, std::vector<double>{0.3, 0.0, 0.1}); }));
        QVERIFY(throwsInvalid([&] { PowerLawFit::fit(std::vector<double>{10, -1, 5}, y); }));
        QVERIFY(throwsInvalid([&] {
            PowerLawFit::fit(n, std::vector<double>{0.3, std::numeric_limits<double>::quiet_NaN(), 0.1});
        }));
        QVERIFY(throwsInvalid([&] { PowerLawFit::fit(std::vector<double>{10, 10, 10}, y); }));
        QVERIFY(throwsInvalid([&] { PowerLawFit::fit(std::vector<double>{10, 100, 100}, y, true); }));
    }
};

QTEST_APPLESS_MAIN(TstPowerLawFit)
#include "tst_power_law_fit.moc"
