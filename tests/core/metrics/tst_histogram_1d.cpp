// Histogram1D, score histograms and the calibration curve / Brier score against hand-computed
// contents, moments and bin statistics.
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <vector>

#include <QtTest>

#include "throws_invalid.h"

#include "core/metrics/calibration_curve.h"
#include "core/metrics/histogram_1d.h"
#include "core/metrics/score_histograms.h"

using namespace bithep::metrics;

namespace {
constexpr double kTol = 1e-12;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

class TstHistogram1D : public QObject {
    Q_OBJECT
private slots:
    void explicitEdgesHandComputed() {
        // Edges 0, 1, 3, 6: bins [0,1), [1,3), [3,6] (the last one closed).
        Histogram1D h({0.0, 1.0, 3.0, 6.0});
        const std::vector<double> x{-1.0, 0.0, 0.5, 1.0, 2.9, 3.0, 6.0, 7.0};
        const std::vector<double> w{1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        h.fill(x, w);
        QCOMPARE(h.contents(), (std::vector<double>{3.0, 2.0, 2.0}));
        QCOMPARE(h.sumWeights2(), (std::vector<double>{5.0, 2.0, 2.0}));
        QCOMPARE(h.underflow(), 1.0);
        QCOMPARE(h.overflow(), 1.0);
        QCOMPARE(h.integral(), 7.0);
        const auto norm = h.normalised();
        QVERIFY(std::abs(norm[0] - 3.0 / 7.0) < kTol && std::abs(norm[2] - 2.0 / 7.0) < kTol);
        const auto dens = h.density();
        QVERIFY(std::abs(dens[0] - 3.0 / 7.0) < kTol);
        QVERIFY(std::abs(dens[1] - 1.0 / 7.0) < kTol);
        QVERIFY(std::abs(dens[2] - 2.0 / 21.0) < kTol);
        // Moments of all filled values (under/overflow included), weighted:
        // sum w = 9, sum w x = 19.9, sum w x^2 = 104.91.
        const double mean = 19.9 / 9.0;
        QVERIFY(std::abs(h.mean() - mean) < kTol);
        QVERIFY(std::abs(h.stdDev() - std::sqrt(104.91 / 9.0 - mean * mean)) < 1e-12);
        QCOMPARE(h.binCenter(1), 2.0);
        QCOMPARE(h.binWidth(2), 3.0);
    }
    void uniformBinsMatchExplicitEdges() {
        auto u = Histogram1D::uniform(10, 0.0, 1.0);
        Histogram1D e(u.edges());
        u.fill(0.3);
        u.fill(0.7);
        u.fill(1.0);
        QCOMPARE(u.contents()[3], 1.0);
        QCOMPARE(u.contents()[7], 1.0);
        QCOMPARE(u.contents()[9], 1.0);
        std::mt19937_64 rng(3);
        std::uniform_int_distribution<int> k(-20, 120);
        std::uniform_real_distribution<double> r(-0.2, 1.2);
        auto u2 = Histogram1D::uniform(37, -0.1, 1.1);
        Histogram1D e2(u2.edges());
        for (int i = 0; i < 20000; ++i) {
            // Half the values sit exactly on (or next to) bin edges, where rounding bites.
            const double x = (i % 2) ? u2.edges()[static_cast<size_t>(k(rng) + 20) % 38] : r(rng);
            u2.fill(x);
            e2.fill(x);
        }
        QCOMPARE(u2.contents(), e2.contents());
        QCOMPARE(u2.underflow(), e2.underflow());
        QCOMPARE(u2.overflow(), e2.overflow());
    }
    void addingEqualsFillingTogether() {
        std::mt19937_64 rng(23);
        std::normal_distribution<double> g(0.5, 0.4);
        std::uniform_real_distribution<double> w(0.0, 2.0);
        auto all = Histogram1D::uniform(20, 0.0, 1.0), partA = all, partB = all;
        for (int i = 0; i < 5000; ++i) {
            const double x = g(rng), wi = w(rng);
            all.fill(x, wi);
            (i < 1200 ? partA : partB).fill(x, wi);
        }
        auto empty = Histogram1D::uniform(20, 0.0, 1.0);
        partA.add(empty);
        partA.add(partB);
        for (size_t i = 0; i < all.binCount(); ++i)
            QVERIFY(std::abs(partA.contents()[i] - all.contents()[i]) < 1e-9);
        QVERIFY(std::abs(partA.underflow() - all.underflow()) < 1e-9);
        QVERIFY(std::abs(partA.overflow() - all.overflow()) < 1e-9);
        QVERIFY(std::abs(partA.mean() - all.mean()) < 1e-12);
        QVERIFY(std::abs(partA.stdDev() - all.stdDev()) < 1e-12);
        empty.add(all);
        QVERIFY(std::abs(empty.mean() - all.mean()) < 1e-12);
        QVERIFY(throwsInvalid([&] { all.add(Histogram1D::uniform(21, 0.0, 1.0)); }));
    }
    void emptyHistogramMoments() {
        auto h = Histogram1D::uniform(4, 0.0, 1.0);
        QVERIFY(std::isnan(h.mean()));
        QVERIFY(std::isnan(h.stdDev()));
        bool threw = false;
        try {
            h.normalised();
        } catch (const std::runtime_error&) {
            threw = true;
        }
        QVERIFY(threw);
    }
    void badHistogramInput() {
        QVERIFY(throwsInvalid([] { Histogram1D({1.0}); }));
        QVERIFY(throwsInvalid([] { Histogram1D({0.0, 2.0, 1.0}); }));
        QVERIFY(throwsInvalid([] { Histogram1D({0.0, kNaN}); }));
        QVERIFY(throwsInvalid([] { Histogram1D::uniform(0, 0.0, 1.0); }));
        QVERIFY(throwsInvalid([] { Histogram1D::uniform(3, 1.0, 1.0); }));
        auto h = Histogram1D::uniform(3, 0.0, 1.0);
        QVERIFY(throwsInvalid([&] { h.fill(kNaN); }));
        QVERIFY(throwsInvalid([&] { h.fill(0.5, -1.0); }));
        QVERIFY(throwsInvalid([&] { h.fill(std::vector<double>{0.1, 0.2}, std::vector<double>{1.0}); }));
    }
    void scoreHistogramsSplitByLabel() {
        const std::vector<double> s{0.1, 0.2, 0.6, 0.9, 1.0};
        const std::vector<int> y{0, 0, 1, 1, 0};
        const std::vector<double> w{1.0, 2.0, 1.0, 3.0, 1.0};
        const auto h = makeScoreHistograms(s, y, 2, 0.0, 1.0, w);
        QCOMPARE(h.signal.contents(), (std::vector<double>{0.0, 4.0}));
        QCOMPARE(h.background.contents(), (std::vector<double>{3.0, 1.0}));
        const auto csv = h.toCsv().toString();
        // Densities: signal all in [0.5, 1] -> 0 and 2; background 3/4 and 1/4 over width 0.5.
        QVERIFY(csv.find("0,0.5,0,3,0,1.5\n") != std::string::npos);
        QVERIFY(csv.find("0.5,1,4,1,2,0.5\n") != std::string::npos);
        QVERIFY(throwsInvalid([&] { makeScoreHistograms(s, std::vector<int>{0, 1}); }));
        QCOMPARE(h.toJson().at("signal").at("contents").at(1).get<double>(), 4.0);
    }
    void calibrationHandComputed() {
        // Two bins: [0, .5) holds 0.05 (0), 0.15 (0), 0.15 (1); [.5, 1] holds 0.85 (1), 0.95 (1),
        // 1.0 (0). Brier = (.05^2 + .15^2 + .85^2 + .15^2 + .05^2 + 1) / 6 = 1.7725 / 6.
        const std::vector<double> s{0.05, 0.15, 0.15, 0.85, 0.95, 1.0};
        const std::vector<int> y{0, 0, 1, 1, 1, 0};
        const CalibrationCurve c(s, y, 2);
        QCOMPARE(c.bins().size(), size_t(2));
        QCOMPARE(c.bins()[0].count, size_t(3));
        QVERIFY(std::abs(c.bins()[0].meanPredicted - 0.35 / 3.0) < kTol);
        QVERIFY(std::abs(c.bins()[0].observedFraction - 1.0 / 3.0) < kTol);
        QVERIFY(std::abs(c.bins()[1].meanPredicted - 2.8 / 3.0) < kTol);
        QVERIFY(std::abs(c.bins()[1].observedFraction - 2.0 / 3.0) < kTol);
        QVERIFY(std::abs(c.brierScore() - 1.7725 / 6.0) < kTol);
        QVERIFY(std::abs(brierScore(s, y) - 1.7725 / 6.0) < kTol);
        // Ten bins: empty ones are left out, 1.0 falls in the last bin.
        const CalibrationCurve fine(s, y, 10);
        QCOMPARE(fine.bins().size(), size_t(4));
        QCOMPARE(fine.bins()[3].low, 0.9);
        QCOMPARE(fine.bins()[3].count, size_t(2));
        // Weighted: the event at 1.0 counted 3 times.
        const std::vector<double> w{1, 1, 1, 1, 1, 3};
        QVERIFY(std::abs(brierScore(s, y, w) - (1.7725 + 2.0) / 8.0) < kTol);
        QVERIFY(std::abs(CalibrationCurve(s, y, 2, w).bins()[1].observedFraction - 2.0 / 5.0) < kTol);
        QCOMPARE(c.toJson().at("bins").size(), size_t(2));
        QCOMPARE(c.toCsv().rows().size(), size_t(2));
    }
    void floatScores() {
        const std::vector<float> s{0.05f, 0.15f, 0.15f, 0.85f, 0.95f, 1.0f};
        const std::vector<int> y{0, 0, 1, 1, 1, 0};
        const std::vector<double> widened(s.begin(), s.end());
        QCOMPARE(brierScore(s, y), brierScore(widened, y));
        QCOMPARE(CalibrationCurve(s, y, 2).bins().size(), size_t(2));
        QCOMPARE(makeScoreHistograms(s, y, 2).signal.contents(), (std::vector<double>{1.0, 2.0}));
    }
    void calibratedScoresLieOnDiagonal() {
        // Labels drawn with P(y = 1) = score: observed fraction ~ mean prediction in every bin.
        std::mt19937_64 rng(17);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        std::vector<double> s(100000);
        std::vector<int> y(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            s[i] = u(rng);
            y[i] = u(rng) < s[i] ? 1 : 0;
        }
        const CalibrationCurve c(s, y, 10);
        QCOMPARE(c.bins().size(), size_t(10));
        for (const auto& b : c.bins()) QVERIFY(std::abs(b.observedFraction - b.meanPredicted) < 0.02);
        QVERIFY(std::abs(c.brierScore() - 1.0 / 6.0) < 0.005);  // E[p(1-p)] for uniform p
    }
    void badCalibrationInput() {
        const std::vector<int> y{0, 1};
        QVERIFY(throwsInvalid([&] { CalibrationCurve(std::vector<double>{0.1, 1.2}, y); }));
        QVERIFY(throwsInvalid([&] { CalibrationCurve(std::vector<double>{0.1, kNaN}, y); }));
        QVERIFY(throwsInvalid([&] { CalibrationCurve(std::vector<double>{0.1, 0.2}, y, 0); }));
        QVERIFY(throwsInvalid([&] { brierScore(std::vector<double>{}, std::vector<int>{}); }));
        QVERIFY(throwsInvalid([&] { brierScore(std::vector<double>{0.1}, y); }));
    }
};

QTEST_APPLESS_MAIN(TstHistogram1D)
#include "tst_histogram_1d.moc"
