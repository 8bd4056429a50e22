#include "core/metrics/score_histograms.h"

#include <nlohmann/json.hpp>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

ScoreHistograms makeScoreHistograms(std::span<const double> scores, std::span<const int> labels,
                                    std::size_t nBins, double lo, double hi,
                                    std::span<const double> weights) {
    constexpr std::string_view who = "makeScoreHistograms";
    detail::requireNonEmpty(who, "scores", scores.size());
    detail::requireSameLength(who, "scores", scores.size(), "labels", labels.size());
    detail::requireFinite(who, "scores", scores);
    detail::requireBinaryLabels(who, labels);
    detail::requireWeights(who, weights, scores.size());
    ScoreHistograms h{Histogram1D::uniform(nBins, lo, hi), Histogram1D::uniform(nBins, lo, hi)};
    for (std::size_t i = 0; i < scores.size(); ++i)
        (labels[i] == 1 ? h.signal : h.background).fill(scores[i], detail::weightAt(weights, i));
    return h;
}

nlohmann::json ScoreHistograms::toJson() const {
    return {{"signal", signal.toJson()}, {"background", background.toJson()}};
}

CsvTable ScoreHistograms::toCsv() const {
    CsvTable t({"low_edge", "high_edge", "signal", "background", "signal_density", "background_density"});
    const auto densityOrZero = [](const Histogram1D& h) {
        return h.integral() > 0.0 ? h.density() : std::vector<double>(h.binCount(), 0.0);
    };
    const auto ds = densityOrZero(signal), db = densityOrZero(background);
    const auto& e = signal.edges();
    for (std::size_t i = 0; i < signal.binCount(); ++i)
        t.addRow({e[i], e[i + 1], signal.contents()[i], background.contents()[i], ds[i], db[i]});
    return t;
}

ScoreHistograms makeScoreHistograms(std::span<const float> scores, std::span<const int> labels,
                                    std::size_t nBins, double lo, double hi,
                                    std::span<const double> weights) {
    return makeScoreHistograms(std::span<const double>(detail::widen(scores)), labels, nBins, lo, hi,
                               weights);
}

}  // namespace bithep::metrics
