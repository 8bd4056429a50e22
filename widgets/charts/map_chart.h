#pragma once
// A 2-D map on a regular grid (e.g. true vs predicted φ density) with a perceptually uniform,
// colour-blind-safe colour scale (viridis), linear or log, a colour bar and labelled axes.
// Painted directly: a few thousand cells redraw far faster than chart items would.
#include <QWidget>

#include "core/tasks/figure_data.h"

namespace bithep::widgets {

// Viridis colour at t in [0, 1] (interpolated between tabulated anchor points).
QColor viridis(double t);

class MapChart : public QWidget {
    Q_OBJECT
public:
    explicit MapChart(QWidget* parent = nullptr);
    void setFigure(const tasks::MapFigure& figure);  // throws std::invalid_argument on bad shapes
    void setTitle(const QString& title);
    const tasks::MapFigure& figure() const { return m_figure; }
    QSize sizeHint() const override { return {640, 520}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double normalised(double v) const;  // value -> [0, 1] on the colour scale; NaN for no colour

    tasks::MapFigure m_figure;
    QString m_title;
    double m_lo = 0, m_hi = 1;
};

}  // namespace bithep::widgets
