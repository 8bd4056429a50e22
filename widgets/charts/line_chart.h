#pragma once
// Curves and measured points against an x axis (linear or log), with labelled horizontal
// reference levels: loss curves, likelihood scans with their 68 %/95 % lines, scaling curves.
#include <QChartView>

#include "core/tasks/figure_data.h"

namespace bithep::widgets {

class LineChart : public QChartView {
    Q_OBJECT
public:
    explicit LineChart(QWidget* parent = nullptr);
    void setFigure(const tasks::LineFigure& figure);
    void setTitle(const QString& title);
    const tasks::LineFigure& figure() const { return m_figure; }

private:
    tasks::LineFigure m_figure;
};

}  // namespace bithep::widgets
