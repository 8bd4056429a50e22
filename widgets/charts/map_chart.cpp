#include "widgets/charts/map_chart.h"

#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace bithep::widgets {

namespace {
// Viridis sampled at 9 evenly spaced points (matplotlib's table).
constexpr int kAnchors[9][3] = {{68, 1, 84},    {71, 44, 122},  {59, 81, 139},   {44, 113, 142}, {33, 144, 141},
                                {39, 173, 129}, {92, 200, 99},  {170, 220, 50},  {253, 231, 37}};
constexpr int kMargin = 60;
}  // namespace

QColor viridis(double t) {
    t = std::clamp(t, 0.0, 1.0) * 8.0;
    const int i = std::min(7, int(t));
    const double f = t - i;
    auto mix = [&](int c) { return int(std::lround(kAnchors[i][c] + f * (kAnchors[i + 1][c] - kAnchors[i][c]))); };
    return QColor(mix(0), mix(1), mix(2));
}

MapChart::MapChart(QWidget* parent) : QWidget(parent) {
    setProperty("bithepFigure", true);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::white);
    setPalette(p);
}

void MapChart::setTitle(const QString& title) {
    m_title = title;
    update();
}

void MapChart::setFigure(const tasks::MapFigure& figure) {
    const size_t nx = figure.xEdges.size(), ny = figure.yEdges.size();
    if (nx < 2 || ny < 2 || figure.values.size() != (nx - 1) * (ny - 1))
        throw std::invalid_argument("map figure: values must have (yEdges-1)·(xEdges-1) entries");
    m_figure = figure;
    m_lo = std::numeric_limits<double>::max();
    m_hi = -m_lo;
    for (double v : figure.values) {
        if (!std::isfinite(v) || (figure.logValues && v <= 0)) continue;
        m_lo = std::min(m_lo, v);
        m_hi = std::max(m_hi, v);
    }
    if (m_lo > m_hi) m_lo = 0, m_hi = 1;
    if (m_lo == m_hi) m_hi = m_lo + 1;
    update();
}

double MapChart::normalised(double v) const {
    if (!std::isfinite(v)) return std::nan("");
    if (m_figure.logValues) {
        if (v <= 0) return std::nan("");
        return (std::log(v) - std::log(m_lo)) / (std::log(m_hi) - std::log(m_lo));
    }
    return (v - m_lo) / (m_hi - m_lo);
}

void MapChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const auto& f = m_figure;
    if (f.xEdges.size() < 2 || f.yEdges.size() < 2) return;
    const QRectF plot(kMargin, 30, width() - 2 * kMargin - 50, height() - kMargin - 40);
    const double x0 = f.xEdges.front(), x1 = f.xEdges.back(), y0 = f.yEdges.front(), y1 = f.yEdges.back();
    auto px = [&](double x) { return plot.left() + (x - x0) / (x1 - x0) * plot.width(); };
    auto py = [&](double y) { return plot.bottom() - (y - y0) / (y1 - y0) * plot.height(); };
    const size_t nx = f.xEdges.size() - 1, ny = f.yEdges.size() - 1;
    for (size_t r = 0; r < ny; ++r)
        for (size_t c = 0; c < nx; ++c) {
            const double t = normalised(f.values[r * nx + c]);
            if (std::isnan(t)) continue;
            const QRectF cell(QPointF(px(f.xEdges[c]), py(f.yEdges[r + 1])), QPointF(px(f.xEdges[c + 1]), py(f.yEdges[r])));
            p.fillRect(cell.adjusted(0, 0, 0.5, 0.5), viridis(t));  // overlap half a pixel: no seams
        }
    p.setPen(Qt::black);
    p.drawRect(plot);
    p.drawText(QRectF(0, 0, width(), 28), Qt::AlignCenter, m_title);
    const int ticks = 5;
    for (int i = 0; i <= ticks; ++i) {
        const double xv = x0 + (x1 - x0) * i / ticks, yv = y0 + (y1 - y0) * i / ticks;
        p.drawText(QRectF(px(xv) - 30, plot.bottom() + 4, 60, 16), Qt::AlignHCenter, QString::number(xv, 'g', 3));
        p.drawText(QRectF(plot.left() - 56, py(yv) - 8, 52, 16), Qt::AlignRight, QString::number(yv, 'g', 3));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 20, plot.width(), 18), Qt::AlignCenter, QString::fromStdString(f.xLabel));
    p.save();
    p.translate(12, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -8, plot.height(), 18), Qt::AlignCenter, QString::fromStdString(f.yLabel));
    p.restore();
    const QRectF bar(plot.right() + 14, plot.top(), 14, plot.height());
    for (int i = 0; i < int(bar.height()); ++i)
        p.fillRect(QRectF(bar.left(), bar.bottom() - i - 1, bar.width(), 1), viridis(i / bar.height()));
    p.drawRect(bar);
    const auto label = [&](double v) { return QString::number(v, 'g', 3); };
    p.drawText(QRectF(bar.right() + 2, bar.top() - 2, 60, 16), Qt::AlignLeft, label(m_hi));
    p.drawText(QRectF(bar.right() + 2, bar.bottom() - 14, 60, 16), Qt::AlignLeft, label(m_lo));
    p.save();
    p.translate(width() - 8, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -10, plot.height(), 16), Qt::AlignCenter,
               QString::fromStdString(f.valueLabel) + (f.logValues ? " (log scale)" : ""));
    p.restore();
}

}  // namespace bithep::widgets
