#include "widgets/charts/line_chart.h"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <cmath>
#include <limits>

#include "widgets/charts/palette.h"

namespace bithep::widgets {

namespace {

QAbstractAxis* makeAxis(bool log, double lo, double hi, const QString& title) {
    if (log) {
        auto* a = new QLogValueAxis;
        a->setBase(10);
        a->setLabelFormat(QStringLiteral("%g"));
        a->setMinorTickCount(-1);
        a->setRange(std::pow(10.0, std::floor(std::log10(lo))), std::pow(10.0, std::ceil(std::log10(hi))));
        a->setTitleText(title);
        return a;
    }
    auto* a = new QValueAxis;
    const double pad = hi > lo ? 0.05 * (hi - lo) : 1.0;
    a->setRange(lo - (lo == 0 ? 0 : pad), hi + pad);
    a->applyNiceNumbers();
    a->setLabelFormat(QStringLiteral("%g"));
    a->setTitleText(title);
    return a;
}

}  // namespace

LineChart::LineChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setProperty("bithepFigure", true);
    chart()->legend()->setAlignment(Qt::AlignTop);
}

void LineChart::setTitle(const QString& title) { chart()->setTitle(title); }

void LineChart::setFigure(const tasks::LineFigure& figure) {
    m_figure = figure;
    QChart* c = chart();
    clearChart(c);
    // Points a log axis cannot show (≤ 0) or that are not finite are left out.
    auto usable = [&](double x, double y) {
        return std::isfinite(x) && std::isfinite(y) && (!figure.logX || x > 0) && (!figure.logY || y > 0);
    };
    double xLo = std::numeric_limits<double>::max(), xHi = -xLo, yLo = xLo, yHi = -xLo;
    for (const auto& e : figure.lines)
        for (size_t i = 0; i < std::min(e.x.size(), e.y.size()); ++i)
            if (usable(e.x[i], e.y[i])) {
                xLo = std::min(xLo, e.x[i]);
                xHi = std::max(xHi, e.x[i]);
                yLo = std::min(yLo, e.y[i]);
                yHi = std::max(yHi, e.y[i]);
            }
    for (const auto& l : figure.levels) {
        yLo = std::min(yLo, l.y);
        yHi = std::max(yHi, l.y);
    }
    if (xLo > xHi) xLo = figure.logX ? 1 : 0, xHi = figure.logX ? 10 : 1;
    if (yLo > yHi) yLo = figure.logY ? 1 : 0, yHi = figure.logY ? 10 : 1;
    QAbstractAxis* x = makeAxis(figure.logX, xLo, xHi, QString::fromStdString(figure.xLabel));
    QAbstractAxis* y = makeAxis(figure.logY, yLo, yHi, QString::fromStdString(figure.yLabel));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    auto attach = [&](QXYSeries* s) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    };
    for (int i = 0; i < int(figure.lines.size()); ++i) {
        const auto& e = figure.lines[i];
        QXYSeries* s = e.markers ? static_cast<QXYSeries*>(new QScatterSeries) : new QLineSeries;
        s->setName(QString::fromStdString(e.label));
        QPen pen(seriesColor(i));
        pen.setWidthF(2.0);
        if (e.dashed) pen.setStyle(Qt::DashLine);
        s->setPen(pen);
        if (auto* scatter = qobject_cast<QScatterSeries*>(s)) {
            scatter->setColor(seriesColor(i));
            scatter->setMarkerSize(8);
        }
        for (size_t k = 0; k < std::min(e.x.size(), e.y.size()); ++k)
            if (usable(e.x[k], e.y[k])) s->append(e.x[k], e.y[k]);
        attach(s);
    }
    for (const auto& level : figure.levels) {
        auto* s = new QLineSeries;
        s->setName(QString::fromStdString(level.label));
        QPen pen(QColor(110, 110, 110));
        pen.setStyle(Qt::DotLine);
        pen.setWidthF(1.5);
        s->setPen(pen);
        s->append(xLo, level.y);
        s->append(xHi, level.y);
        attach(s);
    }
}

}  // namespace bithep::widgets
