#include "core/metrics/distribution_distance.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

namespace {

double checkedSum(std::string_view what, std::span<const double> contents) {
    constexpr std::string_view who = "separationPower";
    detail::requireFinite(who, what, contents);
    double sum = 0.0;
    for (std::size_t i = 0; i < contents.size(); ++i) {
        if (contents[i] < 0.0)
            throw std::invalid_argument("separationPower: " + std::string(what) + "[" + std::to_string(i) +
                                        "] is negative");
        sum += contents[i];
    }
    if (!(sum > 0.0)) throw std::invalid_argument("separationPower: " + std::string(what) + " sums to zero");
    return sum;
}

// Values sorted with their weights normalised to sum 1.
std::vector<std::pair<double, double>> sortedNormalised(std::string_view what, std::span<const double> values,
                                                        std::span<const double> weights) {
    constexpr std::string_view who = "wasserstein1";
    detail::requireNonEmpty(who, what, values.size());
    detail::requireFinite(who, what, values);
    detail::requireWeights(who, weights, values.size());
    std::vector<std::pair<double, double>> out(values.size());
    double total = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        out[i] = {values[i], detail::weightAt(weights, i)};
        total += out[i].second;
    }
    if (!(total > 0.0))
        throw std::invalid_argument("wasserstein1: the weights of " + std::string(what) + " sum to zero");
    for (auto& p : out) p.second /= total;
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

double separationPower(std::span<const double> contentsA, std::span<const double> contentsB) {
    detail::requireNonEmpty("separationPower", "contentsA", contentsA.size());
    detail::requireSameLength("separationPower", "contentsA", contentsA.size(), "contentsB",
                              contentsB.size());
    const double sumA = checkedSum("contentsA", contentsA);
    const double sumB = checkedSum("contentsB", contentsB);
    double s = 0.0;
    for (std::size_t i = 0; i < contentsA.size(); ++i) {
        const double p = contentsA[i] / sumA, q = contentsB[i] / sumB;
        if (p + q > 0.0) s += (p - q) * (p - q) / (p + q);
    }
    return 0.5 * s;
}

double separationPower(const Histogram1D& a, const Histogram1D& b) {
    if (a.edges() != b.edges())
        throw std::invalid_argument("separationPower: the histograms have different bin edges (" +
                                    std::to_string(a.binCount()) + " vs " + std::to_string(b.binCount()) +
                                    " bins)");
    return separationPower(a.contents(), b.contents());
}

double wasserstein1(std::span<const double> a, std::span<const double> b, std::span<const double> weightsA,
                    std::span<const double> weightsB) {
    const auto sa = sortedNormalised("sample A", a, weightsA);
    const auto sb = sortedNormalised("sample B", b, weightsB);
    // Sweep the merged support left to right; between consecutive support points both CDFs are
    // constant, so each gap contributes |F_A - F_B| times its width.
    std::size_t i = 0, j = 0;
    double cdfA = 0.0, cdfB = 0.0, distance = 0.0;
    double x = std::min(sa.front().first, sb.front().first);
    while (i < sa.size() || j < sb.size()) {
        const double next =
            (j == sb.size() || (i < sa.size() && sa[i].first <= sb[j].first)) ? sa[i].first : sb[j].first;
        distance += std::abs(cdfA - cdfB) * (next - x);
        x = next;
        for (; i < sa.size() && sa[i].first == x; ++i) cdfA += sa[i].second;
        for (; j < sb.size() && sb[j].first == x; ++j) cdfB += sb[j].second;
    }
    return distance;
}

}  // namespace bithep::metrics
