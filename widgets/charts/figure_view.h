#pragma once
// Turns a task's FigureData into the chart widget that draws it, for the window and for
// offscreen batch rendering alike.
#include <QWidget>

#include "core/tasks/figure_data.h"

namespace bithep::widgets {

// A new widget (owned by the caller) with property "bithepFigure" set.
QWidget* createFigureWidget(const tasks::FigureData& figure, QWidget* parent = nullptr);

}  // namespace bithep::widgets
