#include "widgets/charts/bar_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QLogValueAxis>
#include <QValueAxis>
#include <cmath>

#include "widgets/charts/palette.h"

namespace bithep::widgets {

BarChart::BarChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setProperty("bithepFigure", true);
    chart()->legend()->setAlignment(Qt::AlignTop);
}

void BarChart::setTitle(const QString& title) { chart()->setTitle(title); }

void BarChart::setFigure(const tasks::BarFigure& figure) {
    m_figure = figure;
    QChart* c = chart();
    clearChart(c);
    auto* series = new QBarSeries;
    double lo = 0, hi = 0;
    bool any = false;
    for (int i = 0; i < int(figure.series.size()); ++i) {
        auto* set = new QBarSet(QString::fromStdString(figure.series[i].label));
        set->setColor(seriesColor(i));
        set->setBorderColor(seriesColor(i).darker(120));
        for (double v : figure.series[i].values) {
            // A log axis cannot place zero; such bars are drawn at the axis floor.
            set->append(v);
            if (std::isfinite(v) && (!figure.logY || v > 0)) {
                lo = any ? std::min(lo, v) : v;
                hi = any ? std::max(hi, v) : v;
                any = true;
            }
        }
        series->append(set);
    }
    c->addSeries(series);
    auto* x = new QBarCategoryAxis;
    for (const auto& cat : figure.categories) x->append(QString::fromStdString(cat));
    x->setLabelsAngle(figure.categories.size() > 6 ? -60 : 0);
    c->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    QAbstractAxis* y = nullptr;
    if (figure.logY) {
        auto* a = new QLogValueAxis;
        a->setLabelFormat("%g");
        a->setRange(any ? std::pow(10.0, std::floor(std::log10(lo))) : 1.0,
                    any ? std::pow(10.0, std::ceil(std::log10(hi)) + 0.0) * 1.5 : 10.0);
        y = a;
    } else {
        auto* a = new QValueAxis;
        a->setRange(std::min(0.0, lo), any && hi > 0 ? hi * 1.1 : 1.0);
        a->applyNiceNumbers();
        a->setLabelFormat("%g");
        y = a;
    }
    y->setTitleText(QString::fromStdString(figure.yLabel));
    c->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
}

}  // namespace bithep::widgets
