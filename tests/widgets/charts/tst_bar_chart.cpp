// Bar chart: a few categories stand upright; many (the layers of a network) lie horizontal with
// their full names down the left, read from the top, and each bar keeps its category's value.
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QtTest>

#include "widgets/charts/bar_chart.h"

using bithep::tasks::BarFigure;
using bithep::widgets::BarChart;

namespace {
BarFigure layers(int n) {
    BarFigure f;
    f.yLabel = "Energy [pJ]";
    BarFigure::Entry fp32{"fp32", {}}, plan{"current precisions", {}};
    for (int i = 0; i < n; ++i) {
        f.categories.push_back("blocks." + std::to_string(i) + ".particle_attn.q");
        fp32.values.push_back(100.0 + i);
        plan.values.push_back(10.0 + i);
    }
    f.series = {fp32, plan};
    return f;
}
}  // namespace

class TstBarChart : public QObject {
    Q_OBJECT
private slots:
    void fewCategoriesStandUpright() {
        BarChart chart;
        chart.setFigure(layers(3));
        auto* series = qobject_cast<QBarSeries*>(chart.chart()->series().value(0));
        QVERIFY(series);
        auto* axis = qobject_cast<QBarCategoryAxis*>(chart.chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->categories().front(), QString("blocks.0.particle_attn.q"));
        QCOMPARE(series->barSets().at(1)->at(2), 12.0);
    }

    void manyCategoriesLieHorizontalReadFromTheTop() {
        BarChart chart;
        chart.setFigure(layers(12));
        QVERIFY(BarChart::horizontal(chart.figure()));
        auto* series = qobject_cast<QHorizontalBarSeries*>(chart.chart()->series().value(0));
        QVERIFY(series);
        auto* axis = qobject_cast<QBarCategoryAxis*>(chart.chart()->axes(Qt::Vertical).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->count(), 12);
        QVERIFY(!axis->truncateLabels());
        // Qt draws the first category at the bottom: the first layer is appended last.
        QCOMPARE(axis->categories().back(), QString("blocks.0.particle_attn.q"));
        QCOMPARE(axis->categories().front(), QString("blocks.11.particle_attn.q"));
        QCOMPARE(series->barSets().at(0)->at(11), 100.0);             // blocks.0, fp32
        QCOMPARE(series->barSets().at(1)->at(0), 21.0);               // blocks.11, current precisions
        QCOMPARE(chart.figure().series.at(0).values.front(), 100.0);  // the figure keeps its order
    }
};

QTEST_MAIN(TstBarChart)
#include "tst_bar_chart.moc"
