// RocCurve and accuracyAt: hand-computed cases with ties and weights, brute-force rank-statistic
// cross-checks, symmetry properties, rejection interpolation and plot down-sampling.
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <vector>

#include <QtTest>

#include "throws_invalid.h"

#include "core/metrics/roc_curve.h"

using bithep::metrics::accuracyAt;
using bithep::metrics::RocCurve;
using bithep::metrics::RocPoint;

namespace {

constexpr double kTol = 1e-12;

// Six events, one signal/background tie at 0.7 (S = signal, B = background):
//   score 0.9 S, 0.8 B, 0.7 S, 0.7 B, 0.4 S, 0.2 B.
// Pairs (S, B) with S ranked higher: 0.9 beats all 3 -> 3; 0.7 beats 0.2, ties 0.7 -> 1.5;
// 0.4 beats 0.2 -> 1. AUC = 5.5 / 9.
// Weighted with w = 2, 1, 1, 1, 1, 3: W_S = 4, W_B = 5; 0.9 -> 2*5 = 10; 0.7 -> 1*3 + 0.5*1*1
// = 3.5; 0.4 -> 1*3 = 3. AUC = 16.5 / 20 = 0.825.
const std::vector<double> kScores{0.9, 0.8, 0.7, 0.7, 0.4, 0.2};
const std::vector<int> kLabels{1, 0, 1, 0, 1, 0};
const std::vector<double> kWeights{2, 1, 1, 1, 1, 3};

// Direct O(n^2) Mann-Whitney statistic, the definition the fast path must reproduce.
double bruteForceAuc(const std::vector<double>& s, const std::vector<int>& y, const std::vector<double>& w) {
    double num = 0.0, ws = 0.0, wb = 0.0;
    for (size_t i = 0; i < s.size(); ++i) (y[i] ? ws : wb) += w[i];
    for (size_t i = 0; i < s.size(); ++i) {
        if (!y[i]) continue;
        for (size_t j = 0; j < s.size(); ++j) {
            if (y[j]) continue;
            if (s[i] > s[j])
                num += w[i] * w[j];
            else if (s[i] == s[j])
                num += 0.5 * w[i] * w[j];
        }
    }
    return num / (ws * wb);
}

// log10 eps_B of a point list at eps_S, linear in eps_S between neighbours.
double logEffBAt(const std::vector<RocPoint>& pts, double effS) {
    for (size_t i = 1; i < pts.size(); ++i) {
        if (pts[i].signalEfficiency >= effS) {
            const auto& lo = pts[i - 1];
            const auto& hi = pts[i];
            const double t = hi.signalEfficiency > lo.signalEfficiency
                                 ? (effS - lo.signalEfficiency) / (hi.signalEfficiency - lo.signalEfficiency)
                                 : 1.0;
            return std::log10(lo.backgroundEfficiency +
                              t * (hi.backgroundEfficiency - lo.backgroundEfficiency));
        }
    }
    return 0.0;
}

}  // namespace

class TstRocCurve : public QObject {
    Q_OBJECT
private slots:
    void handComputedPointsAndAuc() {
        const RocCurve roc(kScores, kLabels);
        QCOMPARE(roc.auc(), 5.5 / 9.0);
        // Groups by descending score: 0.9 S, 0.8 B, 0.7 S+B, 0.4 S, 0.2 B.
        const std::vector<std::array<double, 3>> expected{{0.0, 0.0, 0.0},         {1.0 / 3, 0.0, 0.9},
                                                          {1.0 / 3, 1.0 / 3, 0.8}, {2.0 / 3, 2.0 / 3, 0.7},
                                                          {1.0, 2.0 / 3, 0.4},     {1.0, 1.0, 0.2}};
        QCOMPARE(roc.points().size(), expected.size());
        QVERIFY(std::isinf(roc.points()[0].threshold));
        for (size_t i = 0; i < expected.size(); ++i) {
            QVERIFY(std::abs(roc.points()[i].signalEfficiency - expected[i][0]) < kTol);
            QVERIFY(std::abs(roc.points()[i].backgroundEfficiency - expected[i][1]) < kTol);
            if (i > 0) QCOMPARE(roc.points()[i].threshold, expected[i][2]);
        }
    }
    void handComputedWeightedAuc() {
        const RocCurve roc(kScores, kLabels, kWeights);
        QVERIFY(std::abs(roc.auc() - 0.825) < kTol);
        QCOMPARE(roc.signalWeight(), 4.0);
        QCOMPARE(roc.backgroundWeight(), 5.0);
    }
    void rejectionInterpolates_data() {
        QTest::addColumn<double>("effS");
        QTest::addColumn<double>("effB");
        // Between (1/3, 1/3) and (2/3, 2/3): eps_S 0.5 -> eps_B 0.5, rejection 2.
        QTest::addRow("mid-segment") << 0.5 << 0.5;
        // eps_S = 2/3 and 1 lie exactly on points; (1, 2/3) is the first point with eps_S = 1.
        QTest::addRow("on a point") << 2.0 / 3.0 << 2.0 / 3.0;
        QTest::addRow("flat top") << 0.8 << 2.0 / 3.0;
        QTest::addRow("full efficiency") << 1.0 << 2.0 / 3.0;
    }
    void rejectionInterpolates() {
        QFETCH(double, effS);
        QFETCH(double, effB);
        const auto r = RocCurve(kScores, kLabels).rejectionAt(effS);
        QVERIFY(r.finite);
        QVERIFY(std::abs(r.backgroundEfficiency - effB) < kTol);
        QVERIFY(std::abs(r.rejection - 1.0 / effB) < 1e-9);
    }
    void zeroBackgroundIsFlaggedNotDivided() {
        const RocCurve roc(kScores, kLabels);
        for (double effS : {0.2, 1.0 / 3.0}) {
            const auto r = roc.rejectionAt(effS);
            QVERIFY(!r.finite);
            QCOMPARE(r.backgroundEfficiency, 0.0);
            QVERIFY(std::isinf(r.rejection));
        }
    }
    void accuracyHandComputed() {
        // Threshold 0.5 selects 0.9 S, 0.8 B, 0.7 S, 0.7 B: correct are 0.9, 0.7 S and 0.2 B.
        QCOMPARE(accuracyAt(kScores, kLabels, 0.5), 0.5);
        QVERIFY(std::abs(accuracyAt(kScores, kLabels, 0.5, kWeights) - 6.0 / 9.0) < kTol);
        // score >= threshold is signal: at 0.7 both tied events are called signal.
        QVERIFY(std::abs(accuracyAt(kScores, kLabels, 0.7) - 3.0 / 6.0) < kTol);
        QCOMPARE(accuracyAt(kScores, kLabels, 0.0), 0.5);
        QCOMPARE(accuracyAt(std::vector<double>{0.1, 0.2}, std::vector<int>{0, 0}, 0.5), 1.0);
    }
    void matchesBruteForceWithTiesAndWeights_data() {
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("n");
        for (int seed : {1, 2, 3})
            for (int n : {2, 7, 50, 400}) QTest::addRow("seed%d n%d", seed, n) << seed << n;
    }
    void matchesBruteForceWithTiesAndWeights() {
        QFETCH(int, seed);
        QFETCH(int, n);
        std::mt19937_64 rng(static_cast<unsigned>(seed));
        std::uniform_int_distribution<int> level(0, 9);  // few distinct scores: many ties
        std::uniform_real_distribution<double> wdist(0.0, 2.0);
        std::vector<double> s(static_cast<size_t>(n)), w(s.size());
        std::vector<int> y(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            y[i] = static_cast<int>(i % 2);               // both classes always present
            s[i] = level(rng) + 0.5 * y[i] * level(rng);  // exact in binary: ties are real ties
            w[i] = wdist(rng) + 0.01;
        }
        const std::vector<double> ones(s.size(), 1.0);
        // Efficiencies never decrease and end at exactly (1, 1) despite rounding in the sums.
        const RocCurve weighted(s, y, w);
        for (size_t i = 1; i < weighted.points().size(); ++i) {
            QVERIFY(weighted.points()[i].signalEfficiency >= weighted.points()[i - 1].signalEfficiency);
            QVERIFY(weighted.points()[i].backgroundEfficiency >=
                    weighted.points()[i - 1].backgroundEfficiency);
            QVERIFY(weighted.points()[i].signalEfficiency <= 1.0);
        }
        QCOMPARE(weighted.points().back().signalEfficiency, 1.0);
        QCOMPARE(weighted.points().back().backgroundEfficiency, 1.0);
        QVERIFY(std::abs(RocCurve(s, y).auc() - bruteForceAuc(s, y, ones)) < 1e-12);
        QVERIFY(std::abs(RocCurve(s, y, w).auc() - bruteForceAuc(s, y, w)) < 1e-12);
        // Reversing the order of the scores flips the ranking: AUC -> 1 - AUC (ties stay half).
        std::vector<double> reversed(s);
        for (double& x : reversed) x = -x;
        QVERIFY(std::abs(RocCurve(reversed, y, w).auc() - (1.0 - RocCurve(s, y, w).auc())) < 1e-12);
        // A strictly monotone transformation (exact in floating point here) changes nothing.
        std::vector<double> squashed(s);
        for (double& x : squashed) x = x * x * x - 7.0;
        QVERIFY(std::abs(RocCurve(squashed, y, w).auc() - RocCurve(s, y, w).auc()) < 1e-12);
    }
    void perfectSeparationAndConstantScore() {
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        std::vector<double> s(1000);
        std::vector<int> y(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            y[i] = u(rng) < 0.3 ? 1 : 0;
            s[i] = y[i] ? 1.0 + u(rng) : u(rng);
        }
        y[0] = 1, s[0] = 1.5, y[1] = 0, s[1] = 0.5;
        const RocCurve roc(s, y);
        QCOMPARE(roc.auc(), 1.0);
        QVERIFY(!roc.rejectionAt(0.99).finite);
        // Every event tied: the ROC is the diagonal and the AUC exactly 1/2.
        const std::vector<double> constant(s.size(), 0.3);
        QCOMPARE(RocCurve(constant, y).auc(), 0.5);
        QCOMPARE(RocCurve(constant, y).points().size(), size_t(2));
    }
    void gaussianSeparationMatchesAnalyticAuc() {
        // Signal N(1, 1) vs background N(0, 1): AUC = Phi(1 / sqrt 2) = 0.760249...
        std::mt19937_64 rng(11);
        std::normal_distribution<double> g(0.0, 1.0);
        const size_t n = 200000;
        std::vector<double> s(n);
        std::vector<int> y(n);
        for (size_t i = 0; i < n; ++i) {
            y[i] = static_cast<int>(i % 2);
            s[i] = g(rng) + y[i];
        }
        const double expected = 0.5 * std::erfc(-0.5);  // Phi(1/sqrt2) = erfc(-1/2) / 2
        QVERIFY2(std::abs(RocCurve(s, y).auc() - expected) < 0.005, "AUC off by more than 5 sigma");
    }
    void downsamplingKeepsShapeOnLogAxis() {
        std::mt19937_64 rng(5);
        std::normal_distribution<double> g(0.0, 1.0);
        const size_t n = 100000;
        std::vector<double> s(n);
        std::vector<int> y(n);
        for (size_t i = 0; i < n; ++i) {
            y[i] = static_cast<int>(i % 2);
            s[i] = g(rng) + 2.0 * y[i];
        }
        const RocCurve roc(s, y);
        const auto pts = roc.downsampled(500);
        QVERIFY(pts.size() <= 500);
        QVERIFY(pts.size() >= 200);
        QCOMPARE(pts.front().signalEfficiency, 0.0);
        QCOMPARE(pts.back().signalEfficiency, 1.0);
        for (size_t i = 1; i < pts.size(); ++i) {
            QVERIFY(pts[i].signalEfficiency >= pts[i - 1].signalEfficiency);
            QVERIFY(pts[i].backgroundEfficiency >= pts[i - 1].backgroundEfficiency);
        }
        // On the log 1/eps_B axis the plotted curve stays within 0.05 decades of the full one
        // wherever the full curve has at least 20 background events (statistics, not drawing).
        double worst = 0.0;
        for (const auto& p : roc.points()) {
            if (p.backgroundEfficiency * (n / 2) < 20 || p.signalEfficiency <= 0.0) continue;
            worst = std::max(
                worst, std::abs(logEffBAt(pts, p.signalEfficiency) - std::log10(p.backgroundEfficiency)));
        }
        QVERIFY2(worst < 0.05, qPrintable(QString("worst deviation %1 decades").arg(worst)));
        // A short curve is returned whole.
        QCOMPARE(RocCurve(kScores, kLabels).downsampled(500).size(), size_t(6));
    }
    void exportsJsonAndCsv() {
        const RocCurve roc(kScores, kLabels);
        const auto j = roc.toJson();
        QCOMPARE(j.at("auc").get<double>(), 5.5 / 9.0);
        QVERIFY(j.at("points").at("threshold").at(0).is_null());
        QCOMPARE(j.at("points").at("signal_efficiency").size(), size_t(6));
        const auto csv = roc.toCsv().toString();
        QVERIFY(csv.rfind("signal_efficiency,background_efficiency,background_rejection,threshold\n", 0) ==
                0);
        QVERIFY(csv.find("0,0,inf,inf\n") != std::string::npos);
        QVERIFY(csv.find("1,1,1,0.2\n") != std::string::npos);
    }
    void floatScoresGiveTheSameCurve() {
        // float(0.9) widened is not 0.9, so the reference is built from the widened values.
        const std::vector<float> f(kScores.begin(), kScores.end());
        const std::vector<double> widened(f.begin(), f.end());
        QCOMPARE(RocCurve(f, kLabels, kWeights).auc(), RocCurve(widened, kLabels, kWeights).auc());
        QVERIFY(std::abs(RocCurve(f, kLabels).auc() - 5.5 / 9.0) < kTol);
        QCOMPARE(accuracyAt(f, kLabels, 0.5), 0.5);
        QVERIFY(throwsInvalid([] {
            RocCurve(std::vector<float>{0.1f, std::numeric_limits<float>::quiet_NaN()},
                     std::vector<int>{0, 1});
        }));
    }
    void badInputIsRefused() {
        const std::vector<double> s{0.1, 0.2};
        const std::vector<int> y{0, 1};
        QVERIFY(throwsInvalid([] { RocCurve(std::vector<double>{}, std::vector<int>{}); }));
        QVERIFY(throwsInvalid([&] { RocCurve(s, std::vector<int>{0, 1, 1}); }));
        QVERIFY(throwsInvalid([&] {
            RocCurve(std::vector<double>{0.1, std::numeric_limits<double>::quiet_NaN()}, y);
        }));
        QVERIFY(throwsInvalid([&] { RocCurve(s, std::vector<int>{1, 1}); }));
        QVERIFY(throwsInvalid([&] { RocCurve(s, std::vector<int>{0, 2}); }));
        QVERIFY(throwsInvalid([&] { RocCurve(s, y, std::vector<double>{1.0, -1.0}); }));
        QVERIFY(throwsInvalid([&] { RocCurve(s, y, std::vector<double>{1.0}); }));
        QVERIFY(throwsInvalid([&] { RocCurve(s, y, std::vector<double>{1.0, 0.0}); }));  // no signal weight
        QVERIFY(throwsInvalid([&] { RocCurve(s, y).rejectionAt(0.0); }));
        QVERIFY(throwsInvalid([&] { RocCurve(s, y).rejectionAt(1.5); }));
        QVERIFY(throwsInvalid([&] { RocCurve(s, y).downsampled(3); }));
        QVERIFY(throwsInvalid([&] { accuracyAt(s, y, std::numeric_limits<double>::quiet_NaN()); }));
        try {
            RocCurve(s, std::vector<int>{0, 1, 1});
        } catch (const std::invalid_argument& e) {
            QVERIFY(std::string(e.what()).find("scores has 2 entries but labels has 3") != std::string::npos);
        }
    }
};

QTEST_APPLESS_MAIN(TstRocCurve)
#include "tst_roc_curve.moc"
