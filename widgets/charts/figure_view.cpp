#include "widgets/charts/figure_view.h"

#include "widgets/charts/bar_chart.h"
#include "widgets/charts/histogram_chart.h"
#include "widgets/charts/line_chart.h"
#include "widgets/charts/map_chart.h"
#include "widgets/charts/roc_chart.h"

namespace bithep::widgets {

namespace {
template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;
}  // namespace

QWidget* createFigureWidget(const tasks::FigureData& figure, QWidget* parent) {
    const QString title = QString::fromStdString(figure.title);
    QWidget* w = std::visit(
        Overloaded{
            [&](const tasks::RocFigure& f) -> QWidget* {
                auto* chart = new RocChart(parent);
                QVector<RocSeries> series;
                for (const auto& e : f.curves) series.push_back(RocSeries::fromCurve(QString::fromStdString(e.label), e.curve));
                chart->setSeries(series);
                chart->setTitle(title);
                return chart;
            },
            [&](const tasks::HistogramFigure& f) -> QWidget* {
                auto* chart = new HistogramChart(parent);
                QVector<HistogramSeries> series;
                for (const auto& e : f.histograms)
                    series.push_back({QString::fromStdString(e.label), e.histogram, e.filled});
                chart->setNormalised(f.normalised);
                chart->setLogY(f.logY);
                chart->setAxisTitles(QString::fromStdString(f.xLabel), QString::fromStdString(f.yLabel));
                chart->setSeries(series);
                chart->setTitle(title);
                return chart;
            },
            [&](const tasks::LineFigure& f) -> QWidget* {
                auto* chart = new LineChart(parent);
                chart->setFigure(f);
                chart->setTitle(title);
                return chart;
            },
            [&](const tasks::MapFigure& f) -> QWidget* {
                auto* chart = new MapChart(parent);
                chart->setFigure(f);
                chart->setTitle(title);
                return chart;
            },
            [&](const tasks::BarFigure& f) -> QWidget* {
                auto* chart = new BarChart(parent);
                chart->setFigure(f);
                chart->setTitle(title);
                return chart;
            }},
        figure.content);
    w->setObjectName(QString::fromStdString(figure.id));
    return w;
}

}  // namespace bithep::widgets
