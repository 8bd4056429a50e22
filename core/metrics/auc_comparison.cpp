#include "core/metrics/auc_comparison.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

namespace {

constexpr const char* kWho = "compareAucs";

// Placement values of one score: for each signal event the fraction of background events it
// beats (ties one half), and for each background event the fraction of signal events above it.
struct Placements {
    std::vector<double> signal, background;
};

Placements placements(std::span<const double> scores, std::span<const int> labels) {
    std::vector<double> sig, bkg;
    for (std::size_t i = 0; i < scores.size(); ++i) (labels[i] == 1 ? sig : bkg).push_back(scores[i]);
    std::vector<double> sortedSig = sig, sortedBkg = bkg;
    std::sort(sortedSig.begin(), sortedSig.end());
    std::sort(sortedBkg.begin(), sortedBkg.end());
    // Below and tied counts from one pair of binary searches per event: O(N log N) in all.
    const auto share = [](const std::vector<double>& sorted, double x, bool countBelow) {
        const auto lo = std::lower_bound(sorted.begin(), sorted.end(), x);
        const auto hi = std::upper_bound(lo, sorted.end(), x);
        const double ties = static_cast<double>(hi - lo);
        const double strict =
            countBelow ? static_cast<double>(lo - sorted.begin()) : static_cast<double>(sorted.end() - hi);
        return (strict + 0.5 * ties) / static_cast<double>(sorted.size());
    };
    Placements p;
    for (double x : sig) p.signal.push_back(share(sortedBkg, x, true));
    for (double y : bkg) p.background.push_back(share(sortedSig, y, false));
    return p;
}

double mean(const std::vector<double>& v) {
    double s = 0.0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

// Sample covariance of two equally long placement lists.
double covariance(const std::vector<double>& a, const std::vector<double>& b) {
    const double ma = mean(a), mb = mean(b);
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - ma) * (b[i] - mb);
    return s / static_cast<double>(a.size() - 1);
}

}  // namespace

AucComparison compareAucs(std::span<const double> scoresA, std::span<const double> scoresB,
                          std::span<const int> labels) {
    detail::requireSameLength(kWho, "scoresA", scoresA.size(), "labels", labels.size());
    detail::requireSameLength(kWho, "scoresB", scoresB.size(), "labels", labels.size());
    detail::requireFinite(kWho, "scoresA", scoresA);
    detail::requireFinite(kWho, "scoresB", scoresB);
    detail::requireBinaryLabels(kWho, labels);
    const auto signals = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), 1));
    const std::size_t backgrounds = labels.size() - signals;
    if (signals < 2 || backgrounds < 2)
        throw std::invalid_argument(std::string(kWho) +
                                    ": needs at least two signal and two background events, got " +
                                    std::to_string(signals) + " and " + std::to_string(backgrounds));

    const Placements a = placements(scoresA, labels), b = placements(scoresB, labels);
    const double m = static_cast<double>(signals), n = static_cast<double>(backgrounds);
    const double varA = covariance(a.signal, a.signal) / m + covariance(a.background, a.background) / n;
    const double varB = covariance(b.signal, b.signal) / m + covariance(b.background, b.background) / n;
    const double covAB = covariance(a.signal, b.signal) / m + covariance(a.background, b.background) / n;
    AucComparison c;
    c.aucA = mean(a.signal);
    c.aucB = mean(b.signal);
    c.errorA = std::sqrt(varA);
    c.errorB = std::sqrt(varB);
    c.difference = c.aucA - c.aucB;
    // Rounding can leave a tiny negative variance when the two scores rank alike.
    c.differenceError = std::sqrt(std::max(varA + varB - 2.0 * covAB, 0.0));
    return c;
}

}  // namespace bithep::metrics
