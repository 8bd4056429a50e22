#pragma once
// Reliability diagram of a probabilistic classifier: in bins of predicted probability, the mean
// prediction against the observed signal fraction (a calibrated model lies on the diagonal),
// with the counts that say how far to trust each bin; and the Brier score.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

#include "core/metrics/csv_table.h"

namespace bithep::metrics {

struct CalibrationBin {
    double low = 0.0;
    double high = 0.0;
    std::size_t count = 0;          // events in the bin
    double weight = 0.0;            // their summed weight
    double meanPredicted = 0.0;     // weighted mean score
    double observedFraction = 0.0;  // weighted fraction with label 1
};

class CalibrationCurve {
public:
    // Scores are probabilities in [0, 1]; nBins equal bins on [0, 1] (the last includes 1).
    // Bins without events (or with zero weight) are left out, as they say nothing.
    // Throws std::invalid_argument on empty or mismatched input, NaN or out-of-range scores,
    // labels other than 0/1, negative weights, or nBins == 0.
    CalibrationCurve(std::span<const double> scores, std::span<const int> labels, std::size_t nBins = 10,
                     std::span<const double> weights = {});
    CalibrationCurve(std::span<const float> scores, std::span<const int> labels, std::size_t nBins = 10,
                     std::span<const double> weights = {});

    const std::vector<CalibrationBin>& bins() const { return m_bins; }
    // Weighted mean of (score - label)^2 over all events.
    double brierScore() const { return m_brier; }

    nlohmann::json toJson() const;
    // Columns low, high, count, weight, mean_predicted, observed_fraction.
    CsvTable toCsv() const;

private:
    std::vector<CalibrationBin> m_bins;
    double m_brier = 0.0;
};

// Weighted mean of (score - label)^2; same input rules as CalibrationCurve.
double brierScore(std::span<const double> scores, std::span<const int> labels,
                  std::span<const double> weights = {});
double brierScore(std::span<const float> scores, std::span<const int> labels,
                  std::span<const double> weights = {});

}  // namespace bithep::metrics
