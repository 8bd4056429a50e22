#include "widgets/charts/bar_chart.h"

#include <cmath>

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include "widgets/charts/palette.h"

namespace bithep::widgets {

BarChart::BarChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setProperty("bithepFigure", true);
    chart()->legend()->setAlignment(Qt::AlignTop);
}

void BarChart::setTitle(const QString& title) {
    chart()->setTitle(title);
}

bool BarChart::horizontal(const tasks::BarFigure& figure) {
    return figure.categories.size() > kMaxUprightCategories;
}

void BarChart::setFigure(const tasks::BarFigure& figure) {
    m_figure = figure;
    QChart* c = chart();
    clearChart(c);
    // Many categories (the layers of a network) go down the left side, where their full path
    // names fit; read from the top, so they are appended in reverse.
    const bool across = horizontal(figure);
    QAbstractBarSeries* series = across ? static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries)
                                        : static_cast<QAbstractBarSeries*>(new QBarSeries);
    const int n = static_cast<int>(figure.categories.size());
    double lo = 0, hi = 0;
    bool any = false;
    for (int i = 0; i < int(figure.series.size()); ++i) {
        auto* set = new QBarSet(QString::fromStdString(figure.series[i].label));
        set->setColor(seriesColor(i));
        set->setBorderColor(seriesColor(i).darker(120));
        const auto& values = figure.series[i].values;
        for (int k = 0; k < int(values.size()); ++k) {
            // A log axis cannot place zero; such bars are drawn at the axis floor.
            const double v = values[std::size_t(across ? int(values.size()) - 1 - k : k)];
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
    auto* categories = new QBarCategoryAxis;
    for (int k = 0; k < n; ++k)
        categories->append(QString::fromStdString(figure.categories[std::size_t(across ? n - 1 - k : k)]));
    categories->setTruncateLabels(false);  // a layer path is useless once elided
    if (across) {
        // Keep the font small and give every category a band of at least kBandPixels, so the
        // untruncated labels do not overlap.
        QFont font = categories->labelsFont();
        font.setPointSizeF(std::min(font.pointSizeF(), 8.0));
        categories->setLabelsFont(font);
        setMinimumHeight(kBandPixels * n + kFramePixels);
    }
    c->addAxis(categories, across ? Qt::AlignLeft : Qt::AlignBottom);
    series->attachAxis(categories);
    QAbstractAxis* value = nullptr;
    if (figure.logY) {
        auto* a = new QLogValueAxis;
        a->setLabelFormat(QStringLiteral("%g"));
        a->setRange(any ? std::pow(10.0, std::floor(std::log10(lo))) : 1.0,
                    any ? std::pow(10.0, std::ceil(std::log10(hi)) + 0.0) * 1.5 : 10.0);
        value = a;
    } else {
        auto* a = new QValueAxis;
        a->setRange(std::min(0.0, lo), any && hi > 0 ? hi * 1.1 : 1.0);
        a->applyNiceNumbers();
        a->setLabelFormat(QStringLiteral("%g"));
        value = a;
    }
    value->setTitleText(QString::fromStdString(figure.yLabel));
    c->addAxis(value, across ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(value);
}

}  // namespace bithep::widgets
