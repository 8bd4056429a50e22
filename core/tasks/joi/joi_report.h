#pragma once
// Figures and tables of the jet-origin task, shared by the batch run and the explorer session:
// the row-normalised 11 × 11 confusion matrix (MapFigure; x = predicted, y = true class, both
// in the class order b, b̄, c, c̄, s, s̄, u, ū, d, d̄, g), the eleven one-vs-rest ROC curves, the
// merged ROCs (b vs light, c vs light, quark vs antiquark), and the data-scaling curve: accuracy
// against training-set size on a log axis, with the power-law fit 1 − accuracy = a·n^(−b) drawn
// dashed (metrics::PowerLawFit, least squares in log space), labelled with the exponent b.
#include <optional>
#include <string>
#include <vector>

#include "core/metrics/power_law_fit.h"
#include "core/tasks/figure_data.h"
#include "core/tasks/joi/joi_metrics.h"

namespace bithep::tasks::joi {

// "b", "bbar", ... (physics::originNames) for captions and tables.
const std::vector<std::string>& classLabels();

FigureData confusionFigure(const JoiEvaluation& e, const std::string& id, const std::string& what);
FigureData perClassRocFigure(const JoiEvaluation& e, const std::string& id, const std::string& what);

struct LabelledEvaluation {
    std::string label;
    const JoiEvaluation* evaluation = nullptr;
};
FigureData mergedRocFigure(const std::vector<LabelledEvaluation>& runs);

struct ScalingSeries {
    std::string label;             // "float fp32"
    std::vector<double> sizes;     // training jets
    std::vector<double> accuracy;  // on the same held-out jets
};

// The fit of 1 − accuracy against size; empty with fewer than two distinct sizes (or an
// accuracy of 1, which has no logarithm).
std::optional<metrics::PowerLawFit> fitScaling(const ScalingSeries& series);
// Points of every series with markers, its fit (when there is one) dashed over the same range.
FigureData scalingFigure(const std::vector<ScalingSeries>& series);

}  // namespace bithep::tasks::joi
