// FigureData of each kind becomes the matching chart; bad maps are rejected; log axes drop
// points they cannot show; polar maps paint each sector in its colour, beside the reference on
// one scale.
#include <cmath>

#include <QLineSeries>
#include <QScatterSeries>
#include <QtTest>

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
    void polarMapPaintsSectorsBesideTheReferenceOnOneScale() {
        constexpr int kColourTolerance = 3;  // per channel: antialiased outlines of the same colour
        const double pi = 3.14159265358979;
        tasks::MapFigure f;
        f.polar = f.logValues = true;
        f.xEdges = {-pi, 0, pi};        // two sectors: lower and upper half
        f.yEdges = {0, 2, 10};          // two rings
        f.values = {1, 10, 100, 1000};  // ring 0: lower, upper; ring 1: lower, upper
        f.besideValues = {1000, 1000, 1000, 1000};
        f.label = "cfm";
        f.besideLabel = "reference";
        widgets::MapChart chart;
        chart.resize(800, 400);
        chart.setFigure(f);
        QCOMPARE(chart.panels(), 2);
        QCOMPARE(chart.lowest(), 1.0);  // one scale over both panels
        QCOMPARE(chart.highest(), 1000.0);
        QImage image(chart.size(), QImage::Format_ARGB32);
        chart.render(&image);
        const auto expect = [&](QPointF at, QColor colour) {
            const QColor got = image.pixelColor(at.toPoint());
            const bool close = std::abs(got.red() - colour.red()) <= kColourTolerance &&
                               std::abs(got.green() - colour.green()) <= kColourTolerance &&
                               std::abs(got.blue() - colour.blue()) <= kColourTolerance;
            QVERIFY2(close, qPrintable(QString("at (%1, %2): %3 instead of %4")
                                           .arg(at.x())
                                           .arg(at.y())
                                           .arg(got.name(), colour.name())));
        };
        expect(chart.toPixel(0, pi / 4, 1), widgets::viridis(1.0 / 3));      // ring 0, upper: 10
        expect(chart.toPixel(0, -3 * pi / 4, 1), widgets::viridis(0.0));     // ring 0, lower: 1
        expect(chart.toPixel(0, -pi / 4, 6), widgets::viridis(2.0 / 3));     // ring 1, lower: 100
        expect(chart.toPixel(0, 3 * pi / 4, 6), widgets::viridis(1.0));      // ring 1, upper: 1000
        expect(chart.toPixel(1, -3 * pi / 4, 1), widgets::viridis(1.0));     // the reference
        expect(chart.toPixel(0, pi / 4, 10) + QPointF(30, -30), Qt::white);  // outside the disc
        // The radius is drawn as ln(1 + r/2 mm): ring 0 (r < 2) takes ln 2 / ln 6 of the disc.
        const QPointF centre = chart.toPixel(0, 0, 0), edge = chart.toPixel(0, 0, 10);
        QVERIFY(std::abs((chart.toPixel(0, 0, 2).x() - centre.x()) / (edge.x() - centre.x()) -
                         std::log(2.0) / std::log(6.0)) < 1e-9);

        f.besideValues = {1.0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, chart.setFigure(f));
        f.besideValues.clear();
        f.yEdges = {-1, 2, 10};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, chart.setFigure(f));
        f.yEdges = {0, 2, 10};
        f.values = {1e-12, 1, 1, 1};  // a log scale spans kLogDecades below the largest value
        chart.setFigure(f);
        QCOMPARE(chart.lowest(), std::pow(10.0, -widgets::MapChart::kLogDecades));
        QCOMPARE(chart.normalised(1e-12), 0.0);
    }
};

QTEST_MAIN(TstFigureView)
#include "tst_figure_view.moc"
