#pragma once
// Distances between two distributions used to compare a generated or quantized model's output
// with a reference: the CaloChallenge separation power of two histograms and the exact
// Wasserstein-1 (earth mover's) distance of two 1-D samples.
#include <span>

#include "core/metrics/histogram_1d.h"

namespace bithep::metrics {

// Separation power S = 1/2 sum_i (p_i - q_i)^2 / (p_i + q_i), with p and q the bin contents
// each divided by its own sum, so S is 0 for identical shapes and 1 for disjoint ones. This is
// the CaloChallenge convention (their density-normalised histograms times bin widths are these
// p, q); bins where both are zero are skipped instead of adding 1e-16 to the denominator.
// Throws std::invalid_argument for empty or mismatched inputs, NaN or negative contents, or a
// histogram whose contents sum to zero.
double separationPower(std::span<const double> contentsA, std::span<const double> contentsB);
// Same on the in-range contents of two histograms, which must have identical edges
// (under/overflow are left out, like numpy's histogram that CaloChallenge uses).
double separationPower(const Histogram1D& a, const Histogram1D& b);

// W1 = integral |F_A(x) - F_B(x)| dx of the two empirical (optionally weighted) CDFs, exact:
// one sort per sample and a merge. Weights: empty (all 1) or one non-negative weight per value,
// with a positive sum. Throws std::invalid_argument on empty samples or NaN/infinite values.
double wasserstein1(std::span<const double> a, std::span<const double> b,
                    std::span<const double> weightsA = {}, std::span<const double> weightsB = {});

}  // namespace bithep::metrics
