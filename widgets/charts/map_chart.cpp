#include "widgets/charts/map_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include <QPainter>
#include <QPainterPath>

namespace bithep::widgets {

namespace {
// Viridis sampled at 9 evenly spaced points (matplotlib's table).
constexpr int kAnchors[9][3] = {{68, 1, 84},    {71, 44, 122}, {59, 81, 139},  {44, 113, 142}, {33, 144, 141},
                                {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}};
constexpr double kLeft = 60;         // y tick labels and the y axis title of a grid panel
constexpr double kTop = 30;          // the title
constexpr double kCaption = 20;      // panel captions, when there are two panels
constexpr double kBottom = 44;       // x tick labels and the x axis title
constexpr double kBarArea = 110;     // colour bar, its ticks and its title
constexpr double kTickSpacing = 30;  // minimum pixels between radial tick labels

QString tickText(double v) {
    return QString::number(v, 'g', 3);
}

// Annular sector between radii rIn < rOut (pixels) and angles a0 < a1 (radians, counter-clockwise
// from the +x axis as seen on screen).
QPainterPath sector(QPointF c, double rIn, double rOut, double a0, double a1) {
    QPainterPath path;
    const QRectF outer(c.x() - rOut, c.y() - rOut, 2 * rOut, 2 * rOut);
    const QRectF inner(c.x() - rIn, c.y() - rIn, 2 * rIn, 2 * rIn);
    if (a1 - a0 >= 2 * std::numbers::pi - 1e-9) {  // a whole ring
        path.setFillRule(Qt::OddEvenFill);
        path.addEllipse(outer);
        if (rIn > 0) path.addEllipse(inner);
        return path;
    }
    const double d0 = a0 * 180 / std::numbers::pi, span = (a1 - a0) * 180 / std::numbers::pi;
    path.arcMoveTo(outer, d0);
    path.arcTo(outer, d0, span);
    if (rIn > 0)
        path.arcTo(inner, d0 + span, -span);
    else
        path.lineTo(c);
    path.closeSubpath();
    return path;
}
}  // namespace

QColor viridis(double t) {
    t = std::clamp(t, 0.0, 1.0) * 8.0;
    const int i = std::min(7, int(t));
    const double f = t - i;
    auto mix = [&](int c) {
        return int(std::lround(kAnchors[i][c] + f * (kAnchors[i + 1][c] - kAnchors[i][c])));
    };
    return QColor(mix(0), mix(1), mix(2));
}

MapChart::MapChart(QWidget* parent) : QWidget(parent) {
    setProperty("bithepFigure", true);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::white);
    setPalette(p);
}

QSize MapChart::sizeHint() const {
    return panels() == 2 ? QSize{1040, 520} : QSize{640, 520};
}

void MapChart::setTitle(const QString& title) {
    m_title = title;
    update();
}

void MapChart::setFigure(const tasks::MapFigure& figure) {
    const size_t nx = figure.xEdges.size(), ny = figure.yEdges.size();
    if (nx < 2 || ny < 2 || figure.values.size() != (nx - 1) * (ny - 1))
        throw std::invalid_argument("map figure: values must have (yEdges-1)·(xEdges-1) entries");
    if (!figure.besideValues.empty() && figure.besideValues.size() != figure.values.size())
        throw std::invalid_argument("map figure: the map beside must have as many values as the map");
    if (figure.polar && !(figure.yEdges.front() >= 0 && figure.yEdges.back() > 0))
        throw std::invalid_argument("map figure: polar radii must be non-negative");
    m_figure = figure;
    m_lo = std::numeric_limits<double>::max();
    m_hi = -m_lo;
    for (const auto* values : {&figure.values, &figure.besideValues})
        for (double v : *values) {
            if (!std::isfinite(v) || (figure.logValues && v <= 0)) continue;
            m_lo = std::min(m_lo, v);
            m_hi = std::max(m_hi, v);
        }
    if (m_lo > m_hi) m_lo = 0, m_hi = 1;
    if (figure.logValues) m_lo = std::max(m_lo, m_hi * std::pow(10.0, -kLogDecades));
    if (m_lo == m_hi) m_hi = figure.logValues ? m_lo * 10 : m_lo + 1;
    m_radialUnit = 1;
    for (double r : figure.yEdges)
        if (r > 0) {
            m_radialUnit = r;
            break;
        }
    update();
}

double MapChart::normalised(double v) const {
    if (!std::isfinite(v)) return std::nan("");
    if (m_figure.logValues) {
        if (v <= 0) return std::nan("");
        return std::clamp((std::log(v) - std::log(m_lo)) / (std::log(m_hi) - std::log(m_lo)), 0.0, 1.0);
    }
    return (v - m_lo) / (m_hi - m_lo);
}

double MapChart::radialFraction(double r) const {
    const double outer = std::log1p(m_figure.yEdges.back() / m_radialUnit);
    return std::log1p(std::max(r, 0.0) / m_radialUnit) / outer;
}

QRectF MapChart::panelRect(int panel) const {
    const double top = kTop + (panels() == 2 ? kCaption : 0);
    const double slot = (width() - kBarArea) / panels();
    const QRectF area(slot * panel, top, slot, height() - top - kBottom);
    if (!m_figure.polar) return area.adjusted(kLeft, 0, -10, 0);
    // Room above for the φ label and below for the radial caption.
    const double side = std::max(10.0, std::min(area.width() - 40, area.height() - 24));
    return QRectF(area.center().x() - side / 2, area.top() + 18, side, side);
}

QPointF MapChart::toPixel(int panel, double x, double y) const {
    const QRectF r = panelRect(panel);
    const auto& f = m_figure;
    if (f.polar) {
        const double radius = r.width() / 2 * radialFraction(y);
        return {r.center().x() + radius * std::cos(x), r.center().y() - radius * std::sin(x)};
    }
    const double x0 = f.xEdges.front(), x1 = f.xEdges.back(), y0 = f.yEdges.front(), y1 = f.yEdges.back();
    return {r.left() + (x - x0) / (x1 - x0) * r.width(), r.bottom() - (y - y0) / (y1 - y0) * r.height()};
}

void MapChart::paintGrid(QPainter& p, int panel) const {
    const auto& f = m_figure;
    const QRectF plot = panelRect(panel);
    const auto& values = panelValues(panel);
    const size_t nx = f.xEdges.size() - 1, ny = f.yEdges.size() - 1;
    for (size_t r = 0; r < ny; ++r)
        for (size_t c = 0; c < nx; ++c) {
            const double t = normalised(values[r * nx + c]);
            if (std::isnan(t)) continue;
            const QRectF cell(toPixel(panel, f.xEdges[c], f.yEdges[r + 1]),
                              toPixel(panel, f.xEdges[c + 1], f.yEdges[r]));
            p.fillRect(cell.adjusted(0, 0, 0.5, 0.5), viridis(t));  // overlap half a pixel: no seams
        }
    p.setPen(Qt::black);
    p.drawRect(plot);
    const double x0 = f.xEdges.front(), x1 = f.xEdges.back(), y0 = f.yEdges.front(), y1 = f.yEdges.back();
    const int ticks = 5;
    for (int i = 0; i <= ticks; ++i) {
        const double xv = x0 + (x1 - x0) * i / ticks, yv = y0 + (y1 - y0) * i / ticks;
        const QPointF px = toPixel(panel, xv, y0), py = toPixel(panel, x0, yv);
        if (f.xCategories.empty())
            p.drawText(QRectF(px.x() - 30, plot.bottom() + 4, 60, 16), Qt::AlignHCenter, tickText(xv));
        if (f.yCategories.empty())
            p.drawText(QRectF(plot.left() - 56, py.y() - 8, 52, 16), Qt::AlignRight, tickText(yv));
    }
    // Named columns and rows (classes) at the cell centres.
    for (std::size_t c = 0; c < f.xCategories.size() && c + 1 < f.xEdges.size(); ++c) {
        const QPointF px = toPixel(panel, 0.5 * (f.xEdges[c] + f.xEdges[c + 1]), y0);
        p.drawText(QRectF(px.x() - 30, plot.bottom() + 4, 60, 16), Qt::AlignHCenter,
                   QString::fromStdString(f.xCategories[c]));
    }
    for (std::size_t r = 0; r < f.yCategories.size() && r + 1 < f.yEdges.size(); ++r) {
        const QPointF py = toPixel(panel, x0, 0.5 * (f.yEdges[r] + f.yEdges[r + 1]));
        p.drawText(QRectF(plot.left() - 56, py.y() - 8, 52, 16), Qt::AlignRight,
                   QString::fromStdString(f.yCategories[r]));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 20, plot.width(), 18), Qt::AlignCenter,
               QString::fromStdString(f.xLabel));
    p.save();
    p.translate(plot.left() - kLeft + 12, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -8, plot.height(), 18), Qt::AlignCenter,
               QString::fromStdString(f.yLabel));
    p.restore();
}

void MapChart::paintPolar(QPainter& p, int panel) const {
    const auto& f = m_figure;
    const QRectF disc = panelRect(panel);
    const auto& values = panelValues(panel);
    const QPointF c = disc.center();
    const double scale = disc.width() / 2;
    const size_t na = f.xEdges.size() - 1, nr = f.yEdges.size() - 1;
    p.setRenderHint(QPainter::Antialiasing, true);
    for (size_t r = 0; r < nr; ++r)
        for (size_t a = 0; a < na; ++a) {
            const double t = normalised(values[r * na + a]);
            if (std::isnan(t)) continue;
            const QColor colour = viridis(t);
            p.setPen(QPen(colour, 0.8));  // an outline of the fill's colour closes antialiasing seams
            p.setBrush(colour);
            p.drawPath(sector(c, scale * radialFraction(f.yEdges[r]), scale * radialFraction(f.yEdges[r + 1]),
                              f.xEdges[a], f.xEdges[a + 1]));
        }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(160, 160, 160), 0.6, Qt::DotLine));  // η and φ axes
    p.drawLine(QPointF(disc.left(), c.y()), QPointF(disc.right(), c.y()));
    p.drawLine(QPointF(c.x(), disc.top()), QPointF(c.x(), disc.bottom()));
    p.setPen(Qt::black);
    p.drawEllipse(c, scale, scale);
    // Ring edges as radial ticks along α = 0, from the outside in, as many as fit.
    double lastX = std::numeric_limits<double>::max();
    for (size_t i = f.yEdges.size(); i-- > 0;) {
        if (f.yEdges[i] <= 0) continue;  // the centre
        const double x = c.x() + scale * radialFraction(f.yEdges[i]);
        if (lastX - x < kTickSpacing && i + 1 != f.yEdges.size()) continue;
        p.drawLine(QPointF(x, c.y() - 3), QPointF(x, c.y() + 3));
        p.drawText(QRectF(x - 30, c.y() + 4, 60, 14), Qt::AlignHCenter, tickText(f.yEdges[i]));
        lastX = x;
    }
    p.drawText(QRectF(disc.right() + 3, c.y() - 8, 30, 16), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("η"));
    p.drawText(QRectF(c.x() - 15, disc.top() - 16, 30, 14), Qt::AlignCenter, QStringLiteral("φ"));
    p.drawText(QRectF(disc.left() - 40, disc.bottom() + 4, disc.width() + 80, 18), Qt::AlignCenter,
               tr("%1 along α = 0, drawn as ln(1 + r/%2)")
                   .arg(QString::fromStdString(f.yLabel.empty() ? "r" : f.yLabel), tickText(m_radialUnit)));
    p.setRenderHint(QPainter::Antialiasing, false);
}

void MapChart::paintColourBar(QPainter& p) const {
    const auto& f = m_figure;
    const double top = kTop + (panels() == 2 ? kCaption : 0);
    const QRectF bar(width() - kBarArea + 14, top, 14, std::max(10.0, height() - top - kBottom));
    for (int i = 0; i < int(bar.height()); ++i)
        p.fillRect(QRectF(bar.left(), bar.bottom() - i - 1, bar.width(), 1), viridis(i / bar.height()));
    p.setPen(Qt::black);
    p.drawRect(bar);
    std::vector<double> ticks;
    if (f.logValues)
        for (double e = std::ceil(std::log10(m_lo) - 1e-9); e <= std::floor(std::log10(m_hi) + 1e-9); ++e)
            ticks.push_back(std::pow(10.0, e));
    if (ticks.size() < 2) ticks = {m_lo, m_hi};
    for (double v : ticks) {
        const double y = bar.bottom() - normalised(v) * bar.height();
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y));
        p.drawText(QRectF(bar.right() + 5, y - 8, 60, 16), Qt::AlignLeft | Qt::AlignVCenter, tickText(v));
    }
    p.save();
    p.translate(width() - 10, bar.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-bar.height() / 2, -10, bar.height(), 16), Qt::AlignCenter,
               QString::fromStdString(f.valueLabel) + (f.logValues ? tr(" (log scale)") : QString()));
    p.restore();
}

void MapChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const auto& f = m_figure;
    if (f.xEdges.size() < 2 || f.yEdges.size() < 2) return;
    p.setPen(Qt::black);
    p.drawText(QRectF(0, 0, width(), 28), Qt::AlignCenter, m_title);
    for (int panel = 0; panel < panels(); ++panel) {
        const QRectF r = panelRect(panel);
        if (panels() == 2) {
            p.setPen(Qt::black);
            p.drawText(QRectF(r.left() - 40, kTop, r.width() + 80, kCaption), Qt::AlignCenter,
                       QString::fromStdString(panel == 0 ? f.label : f.besideLabel));
        }
        if (f.polar)
            paintPolar(p, panel);
        else
            paintGrid(p, panel);
    }
    paintColourBar(p);
}

}  // namespace bithep::widgets
