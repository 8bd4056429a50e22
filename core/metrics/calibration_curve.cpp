#include "core/metrics/calibration_curve.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

namespace {

void validateProbabilities(std::string_view who, std::span<const double> scores, std::span<const int> labels,
                           std::span<const double> weights) {
    detail::requireNonEmpty(who, "scores", scores.size());
    detail::requireSameLength(who, "scores", scores.size(), "labels", labels.size());
    detail::requireFinite(who, "scores", scores);
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (scores[i] < 0.0 || scores[i] > 1.0)
            throw std::invalid_argument(std::string(who) + ": scores[" + std::to_string(i) + "] = " +
                                        std::to_string(scores[i]) + " is not a probability in [0, 1]");
    }
    detail::requireBinaryLabels(who, labels);
    detail::requireWeights(who, weights, scores.size());
}

double brierUnchecked(std::string_view who, std::span<const double> scores, std::span<const int> labels,
                      std::span<const double> weights) {
    double sum = 0.0, total = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const double w = detail::weightAt(weights, i);
        const double d = scores[i] - labels[i];
        sum += w * d * d;
        total += w;
    }
    if (!(total > 0.0)) throw std::invalid_argument(std::string(who) + ": all weights are zero");
    return sum / total;
}

}  // namespace

CalibrationCurve::CalibrationCurve(std::span<const double> scores, std::span<const int> labels,
                                   std::size_t nBins, std::span<const double> weights) {
    constexpr std::string_view who = "CalibrationCurve";
    if (nBins == 0) throw std::invalid_argument("CalibrationCurve: nBins is 0");
    validateProbabilities(who, scores, labels, weights);
    m_brier = brierUnchecked(who, scores, labels, weights);

    const double n = static_cast<double>(nBins);
    std::vector<CalibrationBin> all(nBins);
    std::vector<double> sumScore(nBins, 0.0), sumPositive(nBins, 0.0);
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const auto b = std::min(static_cast<std::size_t>(scores[i] * n), nBins - 1);
        const double w = detail::weightAt(weights, i);
        all[b].count += 1;
        all[b].weight += w;
        sumScore[b] += w * scores[i];
        sumPositive[b] += w * labels[i];
    }
    for (std::size_t b = 0; b < nBins; ++b) {
        if (!(all[b].weight > 0.0)) continue;
        all[b].low = static_cast<double>(b) / n;
        all[b].high = static_cast<double>(b + 1) / n;
        all[b].meanPredicted = sumScore[b] / all[b].weight;
        all[b].observedFraction = sumPositive[b] / all[b].weight;
        m_bins.push_back(all[b]);
    }
}

CalibrationCurve::CalibrationCurve(std::span<const float> scores, std::span<const int> labels,
                                   std::size_t nBins, std::span<const double> weights)
    : CalibrationCurve(std::span<const double>(detail::widen(scores)), labels, nBins, weights) {}

nlohmann::json CalibrationCurve::toJson() const {
    nlohmann::json bins = nlohmann::json::array();
    for (const auto& b : m_bins)
        bins.push_back({{"low", b.low},
                        {"high", b.high},
                        {"count", b.count},
                        {"weight", b.weight},
                        {"mean_predicted", b.meanPredicted},
                        {"observed_fraction", b.observedFraction}});
    return {{"brier_score", m_brier}, {"bins", bins}};
}

CsvTable CalibrationCurve::toCsv() const {
    CsvTable t({"low", "high", "count", "weight", "mean_predicted", "observed_fraction"});
    for (const auto& b : m_bins)
        t.addRow({b.low, b.high, b.count, b.weight, b.meanPredicted, b.observedFraction});
    return t;
}

double brierScore(std::span<const double> scores, std::span<const int> labels,
                  std::span<const double> weights) {
    validateProbabilities("brierScore", scores, labels, weights);
    return brierUnchecked("brierScore", scores, labels, weights);
}

double brierScore(std::span<const float> scores, std::span<const int> labels,
                  std::span<const double> weights) {
    return brierScore(std::span<const double>(detail::widen(scores)), labels, weights);
}

}  // namespace bithep::metrics
