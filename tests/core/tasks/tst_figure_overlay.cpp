// overlayFigures: runs' ROC curves and histograms merged by figure id, run-prefixed labels, and
// references identical in every run drawn once.
#include <QtTest>

#include "core/tasks/figure_overlay.h"

namespace tasks = bithep::tasks;

namespace {

bithep::metrics::RocCurve roc(double shift) {
    const std::vector<double> scores{0.9, 0.8 - shift, 0.3, 0.1 + shift};
    const std::vector<int> labels{1, 0, 1, 0};
    return bithep::metrics::RocCurve(scores, labels);
}

tasks::FigureData rocFigure(double shift) {
    tasks::RocFigure f;
    f.curves.push_back({"P-DAT", roc(shift)});
    f.curves.push_back({"Multiplicity cut", roc(0.0)});
    return {"roc", "ROC", f};
}

}  // namespace

class TstFigureOverlay : public QObject {
    Q_OBJECT
private slots:
    void oneRunIsUnchanged() {
        const auto out = tasks::overlayFigures({{"#1", {rocFigure(0.6)}}});
        QCOMPARE(std::get<tasks::RocFigure>(out.at(0).content).curves.at(0).label, std::string("P-DAT"));
    }
    void rocCurvesArePrefixedAndReferencesShared() {
        const auto out = tasks::overlayFigures({{"#1 fp32", {rocFigure(0.6)}}, {"#2 ternary", {rocFigure(0.2)}}});
        QCOMPARE(out.size(), std::size_t(1));
        const auto& curves = std::get<tasks::RocFigure>(out[0].content).curves;
        QCOMPARE(curves.size(), std::size_t(3));  // the cut once, then one curve per run
        QCOMPARE(curves[0].label, std::string("Multiplicity cut"));
        QCOMPARE(curves[1].label, std::string("#1 fp32: P-DAT"));
        QCOMPARE(curves[2].label, std::string("#2 ternary: P-DAT"));
        QVERIFY(out[0].title.find("2 runs") != std::string::npos);
    }
    void figuresMissingFromARunAreKept() {
        tasks::BarFigure bars;
        bars.categories = {"a"};
        bars.series = {{"x", {1.0}}};
        const auto out = tasks::overlayFigures({{"#1", {rocFigure(0.6), {"cost", "Cost", bars}}}, {"#2", {rocFigure(0.2)}}});
        QCOMPARE(out.size(), std::size_t(2));
        QCOMPARE(out[1].id, std::string("cost"));
    }
    void mapsAreNotOverlaidAndSaySo() {
        tasks::MapFigure a;
        a.xEdges = {0, 1};
        a.yEdges = {0, 1, 2};
        a.values = {1, 2};
        a.besideValues = {3, 4};  // the reference, the same in every run
        tasks::MapFigure b = a;
        b.values = {5, 6};
        const auto out = tasks::overlayFigures({{"#1 fp32", {{"average_layer2", "Average", a}}},
                                                {"#2 full", {{"average_layer2", "Average", b}}}});
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(std::get<tasks::MapFigure>(out[0].content).values, a.values);  // the first run's
        QCOMPARE(out[0].title, std::string("Average (#1 fp32 shown; not overlaid)"));
        const auto same =
            tasks::overlayFigures({{"#1", {{"ref", "Reference", a}}}, {"#2", {{"ref", "Reference", a}}}});
        QCOMPARE(same[0].title, std::string("Reference"));  // one map for every run: nothing to say
    }
};

QTEST_GUILESS_MAIN(TstFigureOverlay)
#include "tst_figure_overlay.moc"
