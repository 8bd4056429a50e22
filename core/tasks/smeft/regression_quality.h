#pragma once
// How well a regressor measures the decay-plane angle, and how far a quantized regressor's
// residuals are from a full-precision run's: residuals φ_pred − φ_true wrapped to (−π/2, π/2]
// (φ is defined modulo π), their mean sin² (the training loss), a residual histogram, the
// true-vs-predicted 2-D density, and the separation power and Wasserstein-1 distance between two
// residual distributions (core/metrics/distribution_distance.h). The fp32-vs-fp32 comparison of
// two seeds is the noise floor that any quantized-vs-fp32 distance has to be read against.
#include <span>
#include <vector>

#include "core/metrics/histogram_1d.h"
#include "core/tasks/figure_data.h"

namespace bithep::tasks::smeft {

inline constexpr std::size_t kResidualBins = 40;
inline constexpr std::size_t kMapBins = 24;

struct RegressionQuality {
    std::vector<double> residuals;  // wrapped to (−π/2, π/2]
    double meanSin2 = 0.0;          // 0 perfect, 0.5 random
    double residualStd = 0.0;       // rad
    metrics::Histogram1D residualHistogram =
        metrics::Histogram1D::uniform(kResidualBins, -1.5707963267948966, 1.5707963267948966);
};

// Throws std::invalid_argument for different lengths, an empty input or non-finite angles.
RegressionQuality regressionQuality(std::span<const double> predicted, std::span<const double> truth);

struct ResidualDistance {
    double separationPower = 0.0;  // CaloChallenge convention, 0 equal .. 1 disjoint, kResidualBins bins
    double wasserstein1 = 0.0;     // rad
};

ResidualDistance residualDistance(const RegressionQuality& reference, const RegressionQuality& other);

// 2-D density of (true φ, predicted φ) on [0, π)², kMapBins per axis, normalised to unit sum.
MapFigure truthVersusPrediction(std::span<const double> predicted, std::span<const double> truth);

}  // namespace bithep::tasks::smeft
