#pragma once
// Several runs' figures on one plot each: the run list ticks runs, and their ROC curves,
// histograms and lines are overlaid, each series prefixed with its run's label. A series that is
// identical in every run (a reference such as the multiplicity cut, or the filled reference
// histogram) is drawn once, unprefixed. Maps and bar charts cannot be overlaid: the first run's is
// kept, and its title names that run unless every run's is the same (a reference map).
#include <string>
#include <vector>

#include "core/tasks/figure_data.h"

namespace bithep::tasks {

struct LabelledFigures {
    std::string label;  // the run: "#3 p-dat-bit seed 2"
    std::vector<FigureData> figures;
};

// Figures in the order of the first run's, merged by id.
std::vector<FigureData> overlayFigures(const std::vector<LabelledFigures>& runs);

}  // namespace bithep::tasks
