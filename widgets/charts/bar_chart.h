#pragma once
// Grouped bar chart (per-layer memory, MACs by precision, energy: fp32 vs the plan), linear or
// log value axis, colours from the shared palette. More than a handful of categories turn the
// bars horizontal, so long layer paths stay readable instead of being elided.
#include <QChartView>

#include "core/tasks/figure_data.h"

namespace bithep::widgets {

class BarChart : public QChartView {
    Q_OBJECT
public:
    explicit BarChart(QWidget* parent = nullptr);
    void setFigure(const tasks::BarFigure& figure);
    void setTitle(const QString& title);
    const tasks::BarFigure& figure() const { return m_figure; }

    static constexpr std::size_t kMaxUprightCategories = 6;
    static constexpr int kBandPixels = 15, kFramePixels = 170;  // title, legend, value axis
    static bool horizontal(const tasks::BarFigure& figure);

private:
    tasks::BarFigure m_figure;
};

}  // namespace bithep::widgets
