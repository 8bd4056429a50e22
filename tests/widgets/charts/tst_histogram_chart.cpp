// Histogram overlays: step outlines with the right heights, normalised to unit area on request.
#include <QtTest>

#include <QAreaSeries>
#include <QLineSeries>
#include <QLogValueAxis>

#include "widgets/charts/histogram_chart.h"

using bithep::metrics::Histogram1D;
using bithep::widgets::HistogramChart;
using bithep::widgets::HistogramSeries;

class TstHistogramChart : public QObject {
    Q_OBJECT
private slots:
    void stepHeightsAreDensities() {
        auto h = Histogram1D::uniform(2, 0.0, 2.0);
        h.fill(0.5, 3.0);
        h.fill(1.5, 1.0);  // densities 0.75 and 0.25 (bin width 1, area 4)
        HistogramChart chart;
        chart.setSeries({{"gen", h, false}});
        const auto* line = qobject_cast<QLineSeries*>(chart.chart()->series().value(0));
        QVERIFY(line);
        const QList<QPointF> expected{{0, 0}, {0, 0.75}, {1, 0.75}, {1, 0.25}, {2, 0.25}, {2, 0}};
        QCOMPARE(line->points(), expected);
        chart.setNormalised(false);
        line = qobject_cast<QLineSeries*>(chart.chart()->series().value(0));
        QCOMPARE(line->at(1).y(), 3.0);
    }
    void referenceIsFilledAndLogAxisAvoidsZero() {
        auto ref = Histogram1D::uniform(4, 0.0, 4.0);
        for (double v : {0.5, 1.5, 1.5}) ref.fill(v);  // bins 2 and 3 empty
        HistogramChart chart;
        chart.setLogY(true);
        chart.setSeries({{"reference", ref, true}, {"generated", ref, false}});
        QVERIFY(qobject_cast<QAreaSeries*>(chart.chart()->series().value(0)));
        QVERIFY(qobject_cast<QLogValueAxis*>(chart.chart()->axes(Qt::Vertical).value(0)));
        const auto* line = qobject_cast<QLineSeries*>(chart.chart()->series().value(1));
        for (const QPointF& p : line->points()) QVERIFY(p.y() > 0);
    }
};

QTEST_MAIN(TstHistogramChart)
#include "tst_histogram_chart.moc"
