#pragma once
// Classifier output distributions for signal and background on the same binning, the figure
// that sits next to every ROC curve.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>

#include "core/metrics/csv_table.h"
#include "core/metrics/histogram_1d.h"

namespace bithep::metrics {

struct ScoreHistograms {
    Histogram1D signal;
    Histogram1D background;

    // {"signal": Histogram1D json, "background": Histogram1D json}
    nlohmann::json toJson() const;
    // Columns low_edge, high_edge, signal, background, signal_density, background_density
    // (a class with no entries gets zero densities).
    CsvTable toCsv() const;
};

// Labels 0/1 (1 = signal), optional non-negative weights; nBins equal bins on [lo, hi] (scores
// outside go to under/overflow). Throws std::invalid_argument on empty or mismatched input or
// NaN scores.
ScoreHistograms makeScoreHistograms(std::span<const double> scores, std::span<const int> labels,
                                    std::size_t nBins = 50, double lo = 0.0, double hi = 1.0,
                                    std::span<const double> weights = {});
ScoreHistograms makeScoreHistograms(std::span<const float> scores, std::span<const int> labels,
                                    std::size_t nBins = 50, double lo = 0.0, double hi = 1.0,
                                    std::span<const double> weights = {});

}  // namespace bithep::metrics
