#pragma once
// Power-law fit of a data-scaling curve, error(n) = a * n^(-b) (+ c), by least squares on
// log(error) so every decade of n weighs the same, with standard errors from the fit's
// covariance. Used for "accuracy vs training-set size" studies.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>

#include "core/metrics/csv_table.h"

namespace bithep::metrics {

struct PowerLawFit {
    double a = 0.0;
    double b = 0.0;
    double c = 0.0;  // the floor; 0 and not fitted when withOffset is false
    // Standard errors: sqrt of the diagonal of s^2 (J^T J)^-1 with s^2 = RSS / (points -
    // parameters); sigmaA by the delta method from ln a. NaN when there are no degrees of
    // freedom left (2 points without offset, 3 with).
    double sigmaA = 0.0;
    double sigmaB = 0.0;
    double sigmaC = 0.0;
    bool withOffset = false;
    std::size_t pointCount = 0;
    double rmsLogResidual = 0.0;  // sqrt(RSS / points) in ln(error)

    double evaluate(double n) const;
    // {"a", "b", "c", "sigma_a", "sigma_b", "sigma_c", "with_offset", "points", "rms_log_residual"}
    nlohmann::json toJson() const;
    // One row: a, b, c, sigma_a, sigma_b, sigma_c, with_offset, points, rms_log_residual.
    CsvTable toCsv() const;

    // sizes > 0 and errors > 0, finite, same length. Without offset: an ordinary linear fit of
    // ln(error) on ln(n), at least 2 distinct sizes. With offset: c is restricted to
    // [0, min error) and found by minimising the profiled residual (for a fixed c the best a, b
    // are again a linear fit of ln(error - c)); at least 3 distinct sizes.
    // Throws std::invalid_argument naming the offending entry.
    static PowerLawFit fit(std::span<const double> sizes, std::span<const double> errors,
                           bool withOffset = false);
};

}  // namespace bithep::metrics
