#pragma once
// Figures as JSON, so a project file keeps its runs' plots: every figure kind round-trips
// (ROC curves with all their points, histograms with their bin contents and moments). Reading
// throws std::invalid_argument naming the figure and what is wrong.
#include <nlohmann/json.hpp>

#include "core/tasks/figure_data.h"

namespace bithep::tasks {

nlohmann::json figureToJson(const FigureData& figure);
FigureData figureFromJson(const nlohmann::json& j);

}  // namespace bithep::tasks
