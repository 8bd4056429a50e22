#pragma once
// Receiver operating characteristic of a binary classifier as HEP quotes it: signal efficiency
// eps_S against background efficiency eps_B (plotted as rejection 1/eps_B on a log axis), the
// area under the curve as a weighted Mann-Whitney rank statistic, and the rejection at a fixed
// signal efficiency. Built from one sort of the scores, so 10^6 events take a fraction of a second.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

#include "core/metrics/csv_table.h"

namespace bithep::metrics {

// Conventions: label 1 = signal, 0 = background; a higher score is more signal-like; an event
// is selected when score >= threshold.
struct RocPoint {
    double signalEfficiency = 0.0;
    double backgroundEfficiency = 0.0;
    double threshold = 0.0;  // +inf for the first point (nothing selected)
};

struct BackgroundRejection {
    double signalEfficiency = 0.0;
    double backgroundEfficiency = 0.0;  // interpolated, see RocCurve::rejectionAt
    double rejection = 0.0;             // 1 / backgroundEfficiency; +inf when that is 0
    bool finite = false;                // false when no background survives (eps_B = 0)
};

class RocCurve {
public:
    // weights: empty (all 1) or one non-negative weight per event. Throws std::invalid_argument
    // for empty input, mismatched lengths, NaN/infinite scores, labels other than 0/1, or a
    // sample in which one class is missing (or has zero total weight).
    RocCurve(std::span<const double> scores, std::span<const int> labels,
             std::span<const double> weights = {});
    // Float scores (network outputs) are widened to double first.
    RocCurve(std::span<const float> scores, std::span<const int> labels,
             std::span<const double> weights = {});

    // One point per distinct score, from (0, 0) at threshold +inf to (1, 1) at the lowest score;
    // eps_S and eps_B never decrease along the list.
    const std::vector<RocPoint>& points() const { return m_points; }

    // P(score_S > score_B) + 1/2 P(score_S == score_B), weighted; equals the trapezoidal area
    // under the points, since tied events form one straight segment.
    double auc() const { return m_auc; }

    // eps_B at the given eps_S in (0, 1]: linear interpolation in eps_S between the two
    // neighbouring points (the straight segment the AUC integrates, i.e. random tie breaking);
    // where several points share exactly that eps_S the smallest eps_B is taken.
    // Throws std::invalid_argument for eps_S outside (0, 1].
    BackgroundRejection rejectionAt(double signalEfficiency) const;

    // At most maxPoints (>= 4) points for plotting: the first point entering each of
    // ~maxPoints/2 equal eps_S cells and each of ~maxPoints/2 equal cells in log10 eps_B, plus
    // both end points, so the steep low-eps_B end keeps its shape on a log 1/eps_B axis.
    std::vector<RocPoint> downsampled(std::size_t maxPoints = 500) const;

    double signalWeight() const { return m_signalWeight; }
    double backgroundWeight() const { return m_backgroundWeight; }

    // {"auc", "signal_weight", "background_weight", "points": {"signal_efficiency": [...],
    // "background_efficiency": [...], "threshold": [...]}} with downsampled(maxPoints) points
    // (maxPoints 0 = all); the +inf threshold is written as null.
    nlohmann::json toJson(std::size_t maxPoints = 500) const;
    // The inverse of toJson (with the points it holds). Throws std::invalid_argument when a key
    // is missing or the points are not a ROC curve (outside [0, 1], decreasing, unequal lengths).
    static RocCurve fromJson(const nlohmann::json& j);
    // Columns signal_efficiency, background_efficiency, background_rejection, threshold.
    CsvTable toCsv(std::size_t maxPoints = 0) const;

private:
    RocCurve() = default;
    std::vector<RocPoint> m_points;
    double m_auc = 0.0;
    double m_signalWeight = 0.0;
    double m_backgroundWeight = 0.0;
};

// Weighted fraction of events classified correctly when score >= threshold means signal.
// Same input checks as RocCurve except that one class alone is allowed.
double accuracyAt(std::span<const double> scores, std::span<const int> labels, double threshold,
                  std::span<const double> weights = {});
double accuracyAt(std::span<const float> scores, std::span<const int> labels, double threshold,
                  std::span<const double> weights = {});

}  // namespace bithep::metrics
