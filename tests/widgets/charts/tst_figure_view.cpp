// FigureData of each kind becomes the matching chart; bad maps are rejected; log axes drop
// points they cannot show.
#include <QtTest>

#include <QLineSeries>
#include <QScatterSeries>

#include "widgets/charts/bar_chart.h"
#include "widgets/charts/figure_view.h"
#include "widgets/charts/histogram_chart.h"
#include "widgets/charts/line_chart.h"
#include "widgets/charts/map_chart.h"
#include "widgets/charts/roc_chart.h"

using namespace bithep;

class TstFigureView : public QObject {
    Q_OBJECT
private slots:
    void eachKindHasItsChart() {
        const std::vector<double> s{0.9, 0.8, 0.3, 0.1};
        const std::vector<int> l{1, 1, 0, 0};
        tasks::RocFigure roc;
        roc.curves.push_back({"net", metrics::RocCurve(s, l)});
        std::unique_ptr<QWidget> w(widgets::createFigureWidget({"roc", "ROC", roc}));
        QVERIFY(qobject_cast<widgets::RocChart*>(w.get()));
        QCOMPARE(w->objectName(), QString("roc"));
        QVERIFY(w->property("bithepFigure").toBool());

        tasks::HistogramFigure h;
        h.histograms.push_back({"ref", metrics::Histogram1D::uniform(3, 0, 1), true});
        w.reset(widgets::createFigureWidget({"h", "H", h}));
        QVERIFY(qobject_cast<widgets::HistogramChart*>(w.get()));

        tasks::MapFigure m{{0, 1, 2}, {0, 1}, {1.0, 2.0}, "x", "y", "density", false};
        w.reset(widgets::createFigureWidget({"m", "M", m}));
        QVERIFY(qobject_cast<widgets::MapChart*>(w.get()));

        tasks::BarFigure b{{"fc0", "fc1"}, {{"fp32", {3.0, 4.0}}, {"plan", {1.0, 4.0}}}, "pJ", true};
        w.reset(widgets::createFigureWidget({"b", "B", b}));
        auto* bars = qobject_cast<widgets::BarChart*>(w.get());
        QVERIFY(bars);
        QCOMPARE(bars->chart()->series().size(), 1);  // one QBarSeries holding both sets
    }
    void lineChartLogAxisDropsNonPositivePoints() {
        tasks::LineFigure f;
        f.logX = true;
        f.lines.push_back({"acc", {0, 10, 100, 1000}, {0.5, 0.6, 0.7, 0.8}, false, true});
        f.levels.push_back({"68 %", 1.0});
        widgets::LineChart chart;
        chart.setFigure(f);
        const auto series = chart.chart()->series();
        QCOMPARE(series.size(), 2);
        const auto* points = qobject_cast<QScatterSeries*>(series[0]);
        QVERIFY(points);
        QCOMPARE(points->count(), 3);  // x = 0 cannot sit on a log axis
        const auto* level = qobject_cast<QLineSeries*>(series[1]);
        QCOMPARE(level->at(0).y(), 1.0);
    }
    void mapRejectsWrongShapeAndColoursAreViridis() {
        widgets::MapChart chart;
        tasks::MapFigure bad{{0, 1, 2}, {0, 1, 2}, {1.0, 2.0, 3.0}, "", "", "", false};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, chart.setFigure(bad));
        QCOMPARE(widgets::viridis(0.0), QColor(68, 1, 84));
        QCOMPARE(widgets::viridis(1.0), QColor(253, 231, 37));
        chart.resize(400, 300);
        QImage image(chart.size(), QImage::Format_ARGB32);
        chart.setFigure({{0, 1, 2}, {0, 1}, {1.0, 4.0}, "x", "y", "v", false});
        chart.render(&image);  // paints without touching anything outside the widget
        QVERIFY(!image.isNull());
    }
};

QTEST_MAIN(TstFigureView)
#include "tst_figure_view.moc"
