// compareAucs: DeLong errors of one AUC and of a paired AUC difference, against cases worked by
// hand and against the spread of the difference over many toy test sets.
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <QtTest>

#include "core/metrics/auc_comparison.h"
#include "core/metrics/roc_curve.h"
#include "throws_invalid.h"

using namespace bithep::metrics;

namespace {
bool near(double a, double b, double tol = 1e-12) {
    return std::abs(a - b) < tol;
}
}  // namespace

class TstAucComparison : public QObject {
    Q_OBJECT
private slots:
    void handComputedPair() {
        // Signals are events 0-2, backgrounds 3-4.
        // A: signal placements (1, 1, 1/2), background placements (2/3, 1): AUC 5/6.
        // B: signal placements (1, 1/2, 1/2), background placements (1, 1/3): AUC 2/3.
        // Signal covariances (/(m-1) = /2): AA 1/12, BB 1/12, AB 1/24.
        // Background covariances (/(n-1) = /1): AA 1/18, BB 2/9, AB -1/9.
        // var A = 1/36 + 1/36 = 1/18; var B = 1/36 + 1/9 = 5/36;
        // var(A - B) = (1/12 + 1/12 - 1/12)/3 + (1/18 + 2/9 + 2/9)/2 = 1/36 + 1/4 = 5/18.
        const std::vector<int> labels{1, 1, 1, 0, 0};
        const std::vector<double> a{0.9, 0.6, 0.4, 0.5, 0.3};
        const std::vector<double> b{0.8, 0.2, 0.7, 0.1, 0.75};
        const AucComparison c = compareAucs(a, b, labels);
        QVERIFY(near(c.aucA, 5.0 / 6.0));
        QVERIFY(near(c.aucB, 2.0 / 3.0));
        QVERIFY(near(c.difference, 1.0 / 6.0));
        QVERIFY(near(c.errorA, std::sqrt(1.0 / 18.0)));
        QVERIFY(near(c.errorB, std::sqrt(5.0 / 36.0)));
        QVERIFY(near(c.differenceError, std::sqrt(5.0 / 18.0)));
        // The AUC is the one RocCurve gives.
        QVERIFY(near(c.aucA, RocCurve(a, labels).auc()));
        QVERIFY(near(c.aucB, RocCurve(b, labels).auc()));
    }

    void tiesCountOneHalf() {
        // Signal 0.5 ties background 0.5: signal placements (3/4, 1/2), background (1/4, 1);
        // AUC 5/8; var = (2 * 1/64)/2 + (2 * 9/64)/2 = 5/32.
        const std::vector<int> labels{1, 1, 0, 0};
        const std::vector<double> s{0.5, 0.2, 0.5, 0.1};
        const AucComparison c = compareAucs(s, s, labels);
        QVERIFY(near(c.aucA, 0.625));
        QVERIFY(near(c.errorA, std::sqrt(5.0 / 32.0)));
        QVERIFY(near(c.errorB, c.errorA));
    }

    void identicalScoresHaveNoDifferenceError() {
        const std::vector<int> labels{1, 0, 1, 0, 1, 0};
        const std::vector<double> s{0.9, 0.2, 0.4, 0.6, 0.7, 0.1};
        // A monotone transform ranks the events alike: the same AUC, no paired error.
        std::vector<double> t;
        for (double x : s) t.push_back(std::exp(3.0 * x));
        const AucComparison c = compareAucs(s, t, labels);
        QCOMPARE(c.difference, 0.0);
        QVERIFY(c.differenceError < 1e-7);
        QVERIFY(c.errorA > 0.0);
    }

    void swappingTheScoresFlipsTheSign() {
        const std::vector<int> labels{1, 1, 1, 0, 0};
        const std::vector<double> a{0.9, 0.6, 0.4, 0.5, 0.3};
        const std::vector<double> b{0.8, 0.2, 0.7, 0.1, 0.75};
        const AucComparison ab = compareAucs(a, b, labels), ba = compareAucs(b, a, labels);
        QVERIFY(near(ab.difference, -ba.difference));
        QVERIFY(near(ab.differenceError, ba.differenceError));
    }

    void errorMatchesTheSpreadOverToyTestSets() {
        // Two correlated taggers of a Gaussian signal; over many independent test sets the
        // standard deviation of the AUC difference is what DeLong predicts from one set.
        std::mt19937_64 rng(7);
        std::normal_distribution<double> gauss;
        constexpr int kToys = 400, kEvents = 400;
        std::vector<double> diffs;
        double meanError = 0.0, meanErrorA = 0.0;
        std::vector<double> aucs;
        for (int toy = 0; toy < kToys; ++toy) {
            std::vector<double> a, b;
            std::vector<int> labels;
            for (int i = 0; i < kEvents; ++i) {
                const int y = i % 2;
                const double shared = gauss(rng);
                labels.push_back(y);
                a.push_back(1.0 * y + shared);
                b.push_back(0.8 * y + 0.9 * shared + 0.3 * gauss(rng));
            }
            const AucComparison c = compareAucs(a, b, labels);
            diffs.push_back(c.difference);
            aucs.push_back(c.aucA);
            meanError += c.differenceError / kToys;
            meanErrorA += c.errorA / kToys;
        }
        const auto spread = [](const std::vector<double>& v) {
            double m = 0.0, s = 0.0;
            for (double x : v) m += x / static_cast<double>(v.size());
            for (double x : v) s += (x - m) * (x - m);
            return std::sqrt(s / static_cast<double>(v.size() - 1));
        };
        // 400 toys measure a standard deviation to about 3.5 %.
        QVERIFY2(std::abs(meanError / spread(diffs) - 1.0) < 0.12,
                 qPrintable(QString("DeLong %1, spread %2").arg(meanError).arg(spread(diffs))));
        QVERIFY2(std::abs(meanErrorA / spread(aucs) - 1.0) < 0.12,
                 qPrintable(QString("DeLong %1, spread %2").arg(meanErrorA).arg(spread(aucs))));
        // Pairing matters here: the difference is far better known than either AUC.
        QVERIFY2(meanError < 0.8 * meanErrorA,
                 qPrintable(QString("%1 vs %2").arg(meanError).arg(meanErrorA)));
    }

    void badInputIsRefused() {
        const std::vector<int> labels{1, 1, 0, 0};
        const std::vector<double> ok{0.1, 0.2, 0.3, 0.4};
        QVERIFY(throwsInvalid([&] { compareAucs(ok, std::vector<double>{0.1, 0.2}, labels); }));
        QVERIFY(throwsInvalid([&] {
            compareAucs(ok, std::vector<double>{0.1, std::numeric_limits<double>::quiet_NaN(), 0.3, 0.4},
                        labels);
        }));
        QVERIFY(throwsInvalid([&] { compareAucs(ok, ok, std::vector<int>{1, 2, 0, 0}); }));
        QVERIFY(throwsInvalid([&] { compareAucs(ok, ok, std::vector<int>{1, 0, 0, 0}); }));
        QVERIFY(throwsInvalid([&] { compareAucs({}, {}, {}); }));
    }
};

QTEST_APPLESS_MAIN(TstAucComparison)
#include "tst_auc_comparison.moc"
