#pragma once
// Shared argument validation for the metrics: every public entry point checks its inputs with
// these so a wrong length, a NaN score or a one-class sample gives the same kind of message
// ("<who>: <argument> ... what is wrong") instead of a silently wrong number.
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace bithep::metrics::detail {

// Throws std::invalid_argument when the sample is empty.
void requireNonEmpty(std::string_view who, std::string_view what, std::size_t n);

// Throws std::invalid_argument when the two lengths differ.
void requireSameLength(std::string_view who, std::string_view whatA, std::size_t nA, std::string_view whatB,
                       std::size_t nB);

// Throws std::invalid_argument naming the first NaN or infinite entry.
void requireFinite(std::string_view who, std::string_view what, std::span<const double> values);

// Weights may be empty (all 1); otherwise they must match n, be finite and non-negative.
// Negative weights are refused: they make efficiencies non-monotone and ROC areas meaningless.
void requireWeights(std::string_view who, std::span<const double> weights, std::size_t n);

// Labels must be 0 (background) or 1 (signal).
void requireBinaryLabels(std::string_view who, std::span<const int> labels);

// Network outputs arrive as float; the metrics compute in double.
std::vector<double> widen(std::span<const float> values);

// Weight of entry i, 1 when no weights were given.
inline double weightAt(std::span<const double> weights, std::size_t i) {
    return weights.empty() ? 1.0 : weights[i];
}

}  // namespace bithep::metrics::detail
