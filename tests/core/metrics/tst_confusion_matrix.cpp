// Multi-class metrics: confusion matrix counts, normalisation, accuracy and merging; argmax on
// ties; one-vs-rest and group-vs-group ROC curves against hand-computed rank statistics.
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <vector>

#include <QtTest>

#include "throws_invalid.h"

#include "core/metrics/class_grouping.h"
#include "core/metrics/confusion_matrix.h"

using namespace bithep::metrics;

namespace {
constexpr double kTol = 1e-12;

// Truth 0,0,1,1,2,2,2 predicted 0,1,1,1,2,0,2:
//   row 0: 1 1 0 | row 1: 0 2 0 | row 2: 1 0 2  -> accuracy 5/7.
const std::vector<int> kTruth{0, 0, 1, 1, 2, 2, 2};
const std::vector<int> kPredicted{0, 1, 1, 1, 2, 0, 2};
}  // namespace

class TstConfusionMatrix : public QObject {
    Q_OBJECT
private slots:
    void countsAndAccuracy() {
        const ConfusionMatrix m(3, kTruth, kPredicted);
        QCOMPARE(m.counts(), (std::vector<double>{1, 1, 0, 0, 2, 0, 1, 0, 2}));
        QVERIFY(std::abs(m.accuracy() - 5.0 / 7.0) < kTol);
        const auto n = m.rowNormalised();
        QCOMPARE(n[0], 0.5);
        QCOMPARE(n[4], 1.0);
        QVERIFY(std::abs(n[6] - 1.0 / 3.0) < kTol);
        QVERIFY(std::abs(n[8] - 2.0 / 3.0) < kTol);
        // Weighted: the misclassified 2 -> 0 event counts 4 times: accuracy 5/10.
        const std::vector<double> w{1, 1, 1, 1, 1, 4, 1};
        const ConfusionMatrix mw(3, kTruth, kPredicted, w);
        QCOMPARE(mw.count(2, 0), 4.0);
        QVERIFY(std::abs(mw.accuracy() - 0.5) < kTol);
    }
    void absentClassRowIsNaN() {
        const ConfusionMatrix m(4, kTruth, kPredicted);
        const auto n = m.rowNormalised();
        for (int c = 0; c < 4; ++c) QVERIFY(std::isnan(n[static_cast<size_t>(12 + c)]));
        const auto j = m.toJson({"b", "c", "s", "g"});
        QVERIFY(j.at("row_normalised").at(3).at(0).is_null());
        QCOMPARE(j.at("class_names").at(3).get<std::string>(), std::string("g"));
        QVERIFY(std::abs(j.at("accuracy").get<double>() - 5.0 / 7.0) < kTol);
        QCOMPARE(m.toCsv().rows().size(), size_t(16));
        QVERIFY(throwsInvalid([&] { m.toJson({"b", "c"}); }));
    }
    void mergingGroups() {
        // A = {0, 1}, B = {2}: A->A = 1 + 1 + 2 = 4, A->B = 0, B->A = 1, B->B = 2.
        const ConfusionMatrix m(3, kTruth, kPredicted);
        const ClassGrouping g(3, {{"A", {0, 1}}, {"B", {2}}});
        const auto merged = m.merged(g);
        QCOMPARE(merged.counts(), (std::vector<double>{4, 0, 1, 2}));
        QVERIFY(std::abs(merged.accuracy() - 6.0 / 7.0) < kTol);
        // Dropping class 1: only rows/columns of classes 0 and 2 remain.
        const ClassGrouping partial(3, {{"zero", {0}}, {"two", {2}}});
        QCOMPARE(m.merged(partial).counts(), (std::vector<double>{1, 0, 1, 2}));
        QCOMPARE(partial.mapLabels(kTruth), (std::vector<int>{0, 0, -1, -1, 1, 1, 1}));
    }
    void groupingErrors() {
        QVERIFY(throwsInvalid([] { ClassGrouping(3, {}); }));
        QVERIFY(throwsInvalid([] { ClassGrouping(3, {{"A", {0, 3}}}); }));
        QVERIFY(throwsInvalid([] { ClassGrouping(3, {{"A", {0, 1}}, {"B", {1}}}); }));
        QVERIFY(throwsInvalid([] { ClassGrouping(3, {{"A", {}}}); }));
        const ConfusionMatrix m(3, kTruth, kPredicted);
        QVERIFY(throwsInvalid([&] { m.merged(ClassGrouping(4, {{"A", {0}}, {"B", {1}}})); }));
    }
    void scoresArgmaxAndMerge() {
        // Row 1 ties classes 0 and 2: the first wins.
        const std::vector<double> s{0.1, 0.7, 0.2, 0.4, 0.2, 0.4, 0.0, 0.0, 1.0};
        const ClassScores cs{s, 3};
        QCOMPARE(argmaxPredictions(cs), (std::vector<int>{1, 0, 2}));
        const auto m = ConfusionMatrix::fromScores(cs, std::vector<int>{1, 2, 2});
        QVERIFY(std::abs(m.accuracy() - 2.0 / 3.0) < kTol);
        const ClassGrouping g(3, {{"x", {0, 2}}, {"y", {1}}});
        const auto merged = g.mergeScores(cs);
        QCOMPARE(merged.size(), size_t(6));
        QVERIFY(std::abs(merged[0] - 0.3) < kTol && std::abs(merged[1] - 0.7) < kTol);
        QVERIFY(std::abs(merged[2] - 0.8) < kTol);
    }
    void oneVsRestMatchesBinaryRoc() {
        std::mt19937_64 rng(4);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const size_t n = 300, k = 4;
        std::vector<double> s(n * k);
        std::vector<int> y(n);
        for (size_t e = 0; e < n; ++e) {
            y[e] = static_cast<int>(e % k);
            for (size_t c = 0; c < k; ++c) s[e * k + c] = u(rng) + (static_cast<int>(c) == y[e] ? 0.5 : 0.0);
        }
        for (int cls = 0; cls < static_cast<int>(k); ++cls) {
            std::vector<double> col(n);
            std::vector<int> bin(n);
            for (size_t e = 0; e < n; ++e) {
                col[e] = s[e * k + static_cast<size_t>(cls)];
                bin[e] = y[e] == cls ? 1 : 0;
            }
            QCOMPARE(oneVsRestRoc({s, k}, y, cls).auc(), RocCurve(col, bin).auc());
        }
        QVERIFY(throwsInvalid([&] { oneVsRestRoc({s, k}, y, 4); }));
    }
    void groupVsGroupHandComputed() {
        // Classes b = 0, c = 1, light = 2. D = p_b / (p_b + p_l); the c event is left out.
        //   b: (.6,.3,.1) -> 6/7; l: (.2,.2,.6) -> 1/4; c: skipped; l: (.5,0,.5) -> 1/2;
        //   b: (.3,.3,.4) -> 3/7. Signal 6/7 beats both, 3/7 beats 1/4 only: AUC = 3/4.
        const std::vector<double> s{.6, .3, .1, .2, .2, .6, .1, .8, .1, .5, 0, .5, .3, .3, .4};
        const std::vector<int> y{0, 2, 1, 2, 0};
        const auto roc = groupVsGroupRoc({s, 3}, y, {0}, {2});
        QVERIFY(std::abs(roc.auc() - 0.75) < kTol);
        QCOMPARE(roc.signalWeight(), 2.0);
        QCOMPARE(roc.backgroundWeight(), 2.0);
        // With weights, the c event's weight must not leak in: b events weigh 1 and 3.
        const auto rocW = groupVsGroupRoc({s, 3}, y, {0}, {2}, std::vector<double>{1, 1, 100, 1, 3});
        QVERIFY(std::abs(rocW.auc() - (2.0 + 3.0) / 8.0) < kTol);
        QVERIFY(throwsInvalid([&] { groupVsGroupRoc({s, 3}, y, {0}, {0, 2}); }));
        QVERIFY(throwsInvalid([&] { groupVsGroupRoc({s, 3}, y, {}, {2}); }));
        QVERIFY(throwsInvalid([&] { groupVsGroupRoc({s, 3}, std::vector<int>{1, 1, 1, 1, 1}, {0}, {2}); }));
    }
    void badInput() {
        QVERIFY(throwsInvalid([] { ConfusionMatrix(1, std::vector<int>{0}, std::vector<int>{0}); }));
        QVERIFY(throwsInvalid([] { ConfusionMatrix(3, std::vector<int>{}, std::vector<int>{}); }));
        QVERIFY(throwsInvalid([] { ConfusionMatrix(3, std::vector<int>{0, 1}, std::vector<int>{0}); }));
        QVERIFY(throwsInvalid([] { ConfusionMatrix(3, std::vector<int>{0, 3}, std::vector<int>{0, 1}); }));
        QVERIFY(throwsInvalid([] { ConfusionMatrix(3, std::vector<int>{0, 1}, std::vector<int>{-1, 1}); }));
        const std::vector<double> s{0.1, 0.2, 0.3, 0.4, 0.5};
        QVERIFY(throwsInvalid([&] { argmaxPredictions({s, 2}); }));  // 5 is not a multiple of 2
        QVERIFY(throwsInvalid([&] { argmaxPredictions({s, 1}); }));
        const std::vector<double> withNaN{0.1, std::numeric_limits<double>::quiet_NaN()};
        QVERIFY(throwsInvalid([&] { argmaxPredictions({withNaN, 2}); }));
        QVERIFY(throwsInvalid([&] {
            oneVsRestRoc({std::span<const double>(s).first(4), 4}, std::vector<int>{0}, 0);
        }));  // one class
    }
};

QTEST_APPLESS_MAIN(TstConfusionMatrix)
#include "tst_confusion_matrix.moc"
