#pragma once
// A 2-D map (e.g. true vs predicted φ density) with a perceptually uniform, colour-blind-safe
// colour scale (viridis), linear or log, a colour bar and labelled axes. A polar map (angle α in
// radians, radius r) is drawn as a disc of annular sectors — the CaloChallenge shower images —
// with the radius on a log-like scale ln(1 + r/r₁), r₁ the first non-zero ring edge, so the narrow
// core rings stay visible beside the wide outer ones; ticks give r itself. A map with a second
// map beside it (a generated shower and the reference) draws both panels on one colour scale.
// Painted directly: a few thousand cells redraw far faster than chart items would.
#include <QWidget>

#include "core/tasks/figure_data.h"

namespace bithep::widgets {

// Viridis colour at t in [0, 1] (interpolated between tabulated anchor points).
QColor viridis(double t);

class MapChart : public QWidget {
    Q_OBJECT
public:
    // A log colour scale spans at most this many decades below the largest value: smaller
    // positive values take the lowest colour (mean showers have voxels at 1e-9 of the peak).
    static constexpr double kLogDecades = 6;

    explicit MapChart(QWidget* parent = nullptr);
    void setFigure(const tasks::MapFigure& figure);  // throws std::invalid_argument on bad shapes
    void setTitle(const QString& title);
    const tasks::MapFigure& figure() const { return m_figure; }
    QSize sizeHint() const override;

    int panels() const { return m_figure.besideValues.empty() ? 1 : 2; }
    // The colour-scale range (after the log clamp) and where a value sits on it, in [0, 1].
    double lowest() const { return m_lo; }
    double highest() const { return m_hi; }
    double normalised(double v) const;  // NaN for no colour (non-finite, or ≤ 0 on a log scale)
    // Where a point of the data lands on the widget at its current size: (x, y) for a grid
    // map, (α, r) for a polar one; panel 0 is the map, 1 the map beside it.
    QPointF toPixel(int panel, double x, double y) const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRectF panelRect(int panel) const;  // the grid's plot area, or the disc's bounding square
    double radialFraction(double r) const;
    const std::vector<double>& panelValues(int panel) const {
        return panel == 0 ? m_figure.values : m_figure.besideValues;
    }
    void paintGrid(QPainter& p, int panel) const;
    void paintPolar(QPainter& p, int panel) const;
    void paintColourBar(QPainter& p) const;

    tasks::MapFigure m_figure;
    QString m_title;
    double m_lo = 0, m_hi = 1;
    double m_radialUnit = 1;  // r₁ of the polar radial scale
};

}  // namespace bithep::widgets
