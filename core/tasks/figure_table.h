#pragma once
// The data behind a figure as one CSV table, so every exported plot comes with numbers a reader
// can re-plot or check: ROC points (ε_S, ε_B, 1/ε_B), histogram bins, curve points, map cells or
// bar values, each row labelled with its series.
#include "core/metrics/csv_table.h"
#include "core/tasks/figure_data.h"

namespace bithep::tasks {

metrics::CsvTable figureTable(const FigureData& figure);

}  // namespace bithep::tasks
