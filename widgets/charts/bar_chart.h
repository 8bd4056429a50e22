#pragma once
// Grouped bar chart (per-layer memory, MACs by precision, energy: fp32 vs the plan), linear or
// log value axis, colours from the shared palette.
#include <QChartView>

#include "core/tasks/figure_data.h"

namespace bithep::widgets {

class BarChart : public QChartView {
    Q_OBJECT
public:
    explicit BarChart(QWidget* parent = nullptr);
    void setFigure(const tasks::BarFigure& figure);
    void setTitle(const QString& title);

private:
    tasks::BarFigure m_figure;
};

}  // namespace bithep::widgets
