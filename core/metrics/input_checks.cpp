#include "core/metrics/input_checks.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace bithep::metrics::detail {

namespace {
std::string prefix(std::string_view who) {
    std::string s(who);
    s.append(": ");
    return s;
}
}  // namespace

void requireNonEmpty(std::string_view who, std::string_view what, std::size_t n) {
    if (n == 0) throw std::invalid_argument(prefix(who) + std::string(what) + " is empty");
}

void requireSameLength(std::string_view who, std::string_view whatA, std::size_t nA, std::string_view whatB,
                       std::size_t nB) {
    if (nA != nB)
        throw std::invalid_argument(prefix(who) + std::string(whatA) + " has " + std::to_string(nA) +
                                    " entries but " + std::string(whatB) + " has " + std::to_string(nB));
}

void requireFinite(std::string_view who, std::string_view what, std::span<const double> values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            throw std::invalid_argument(prefix(who) + std::string(what) + "[" + std::to_string(i) + "] is " +
                                        (std::isnan(values[i]) ? "NaN" : "infinite"));
    }
}

void requireWeights(std::string_view who, std::span<const double> weights, std::size_t n) {
    if (weights.empty()) return;
    requireSameLength(who, "weights", weights.size(), "the sample", n);
    requireFinite(who, "weights", weights);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] < 0.0)
            throw std::invalid_argument(prefix(who) + "weights[" + std::to_string(i) +
                                        "] = " + std::to_string(weights[i]) +
                                        " is negative (only non-negative weights are supported)");
    }
}

std::vector<double> widen(std::span<const float> values) {
    return std::vector<double>(values.begin(), values.end());
}

void requireBinaryLabels(std::string_view who, std::span<const int> labels) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != 0 && labels[i] != 1)
            throw std::invalid_argument(prefix(who) + "labels[" + std::to_string(i) + "] = " +
                                        std::to_string(labels[i]) + " is not 0 (background) or 1 (signal)");
    }
}

}  // namespace bithep::metrics::detail
