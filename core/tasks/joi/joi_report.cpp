#include "core/tasks/joi/joi_report.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/physics/flavour_jet_generator.h"

namespace bithep::tasks::joi {

namespace {
constexpr int kFitPoints = 40;  // smooth enough on a log axis
}

const std::vector<std::string>& classLabels() {
    // ASCII names: combining overlines do not render reliably in every font of the figures.
    static const std::vector<std::string> labels(physics::originNames().begin(),
                                                 physics::originNames().end());
    return labels;
}

FigureData confusionFigure(const JoiEvaluation& e, const std::string& id, const std::string& what) {
    MapFigure f;
    for (int k = 0; k <= kClasses; ++k) {
        f.xEdges.push_back(k);
        f.yEdges.push_back(k);
    }
    f.values = e.confusion.rowNormalised();
    for (double& v : f.values)
        if (std::isnan(v)) v = 0.0;  // a class absent from the sample draws as empty
    f.xLabel = "Predicted class";
    f.yLabel = "True class";
    f.xCategories = f.yCategories = classLabels();
    f.valueLabel = "Fraction of the true class";
    return {id, "Confusion matrix, row-normalised: " + what, f};
}

FigureData perClassRocFigure(const JoiEvaluation& e, const std::string& id, const std::string& what) {
    RocFigure f;
    for (std::size_t c = 0; c < e.perClass.size(); ++c)
        f.curves.push_back({classLabels()[c] + " vs rest", e.perClass[c]});
    return {id, "One-vs-rest ROC per class: " + what, f};
}

FigureData mergedRocFigure(const std::vector<LabelledEvaluation>& runs) {
    RocFigure f;
    for (const auto& r : runs) {
        f.curves.push_back({"b vs light, " + r.label, r.evaluation->bVsLight});
        f.curves.push_back({"c vs light, " + r.label, r.evaluation->cVsLight});
        f.curves.push_back({"quark vs antiquark, " + r.label, r.evaluation->quarkVsAntiquark});
    }
    return {"roc_merged", "Merged views: b / c vs light (udsg), quark vs antiquark", f};
}

std::optional<metrics::PowerLawFit> fitScaling(const ScalingSeries& s) {
    const std::set<double> distinct(s.sizes.begin(), s.sizes.end());
    if (distinct.size() < 2) return std::nullopt;
    std::vector<double> errors;
    for (double a : s.accuracy) {
        if (!(a < 1.0)) return std::nullopt;
        errors.push_back(1.0 - a);
    }
    return metrics::PowerLawFit::fit(s.sizes, errors);
}

FigureData scalingFigure(const std::vector<ScalingSeries>& series) {
    LineFigure f;
    f.xLabel = "Training jets";
    f.yLabel = "Accuracy on held-out jets (11 classes)";
    f.logX = true;
    f.levels.push_back({"chance (1/11)", 1.0 / kClasses});
    for (const auto& s : series) {
        f.lines.push_back({s.label, s.sizes, s.accuracy, false, true});
        const auto fit = fitScaling(s);
        if (!fit) continue;
        const auto [lo, hi] = std::minmax_element(s.sizes.begin(), s.sizes.end());
        // Short legend: the exponent b of 1 − accuracy ∝ n^−b is the number that matters.
        LineFigure::Entry curve{
            s.label + " fit, b = " + metrics::CsvTable::formatNumber(std::round(fit->b * 1000) / 1000),
            {},
            {},
            true,
            false};
        for (int k = 0; k < kFitPoints; ++k) {
            const double n = *lo * std::pow(*hi / *lo, static_cast<double>(k) / (kFitPoints - 1));
            curve.x.push_back(n);
            curve.y.push_back(1.0 - fit->evaluate(n));
        }
        f.lines.push_back(std::move(curve));
    }
    return {"scaling", "Accuracy vs training-set size", f};
}

}  // namespace bithep::tasks::joi
