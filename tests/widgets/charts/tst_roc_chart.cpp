// The ROC chart plots 1/ε_B on a log axis and puts the metrics in the legend.
#include <QtTest>

#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>

#include "widgets/charts/roc_chart.h"

using bithep::metrics::RocCurve;
using bithep::widgets::RocChart;
using bithep::widgets::RocSeries;

class TstRocChart : public QObject {
    Q_OBJECT
private slots:
    void legendCarriesAucAndRejections() {
        // Scores 1..8; signal = {8,7,6,4}, background = {5,3,2,1}. Pairs with S > B: 4+4+4+3 = 15
        // of 16, so AUC = 15/16. At ε_S = 0.5 (threshold 7) no background passes: 1/ε_B = ∞.
        const std::vector<double> scores{8, 7, 6, 5, 4, 3, 2, 1};
        const std::vector<int> labels{1, 1, 1, 0, 1, 0, 0, 0};
        const RocCurve curve(scores, labels);
        const RocSeries s = RocSeries::fromCurve("toy", curve);
        QCOMPARE(s.auc, 15.0 / 16.0);
        QVERIFY(!std::isfinite(s.rejection50));
        QCOMPARE(s.legendText(), QString("toy: AUC 0.938 · 1/ε_B ∞ @30%, ∞ @50%"));
    }
    void logAxisAndOneSeriesPerCurve() {
        std::vector<double> scores;
        std::vector<int> labels;
        for (int i = 0; i < 400; ++i) {
            scores.push_back((i * 37 % 400) / 400.0 + (i % 2) * 0.3);
            labels.push_back(i % 2);
        }
        const RocCurve curve(scores, labels);
        RocChart chart;
        chart.setSeries({RocSeries::fromCurve("a", curve), RocSeries::fromCurve("b", curve)});
        QCOMPARE(chart.chart()->series().size(), 2);
        QVERIFY(qobject_cast<QLogValueAxis*>(chart.chart()->axes(Qt::Vertical).value(0)));
        const auto* line = qobject_cast<QLineSeries*>(chart.chart()->series().first());
        QVERIFY(line->count() > 10);
        for (const QPointF& p : line->points()) QVERIFY(p.y() >= 1.0);
        QVERIFY(chart.property("bithepFigure").toBool());
    }
};

QTEST_MAIN(TstRocChart)
#include "tst_roc_chart.moc"
