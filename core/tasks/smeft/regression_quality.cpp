#include "core/tasks/smeft/regression_quality.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "core/metrics/distribution_distance.h"
#include "core/tasks/smeft/smeft_features.h"

namespace bithep::tasks::smeft {

namespace {

void requireMatching(std::span<const double> predicted, std::span<const double> truth, const char* who) {
    if (predicted.size() != truth.size())
        throw std::invalid_argument(std::string(who) + ": " + std::to_string(predicted.size()) +
                                    " predictions for " + std::to_string(truth.size()) + " true angles");
    if (predicted.empty()) throw std::invalid_argument(std::string(who) + ": no events");
    for (std::size_t i = 0; i < truth.size(); ++i)
        if (!std::isfinite(predicted[i]) || !std::isfinite(truth[i]))
            throw std::invalid_argument(std::string(who) + ": non-finite angle at event " +
                                        std::to_string(i));
}

}  // namespace

RegressionQuality regressionQuality(std::span<const double> predicted, std::span<const double> truth) {
    requireMatching(predicted, truth, "regressionQuality");
    RegressionQuality q;
    q.residuals.resize(truth.size());
    double sin2 = 0.0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        q.residuals[i] = wrapHalfPi(predicted[i] - truth[i]);
        sin2 += std::pow(std::sin(q.residuals[i]), 2);
    }
    q.meanSin2 = sin2 / double(truth.size());
    q.residualHistogram.fill(q.residuals);
    q.residualStd = q.residualHistogram.stdDev();
    return q;
}

ResidualDistance residualDistance(const RegressionQuality& reference, const RegressionQuality& other) {
    return {metrics::separationPower(reference.residualHistogram, other.residualHistogram),
            metrics::wasserstein1(reference.residuals, other.residuals)};
}

MapFigure truthVersusPrediction(std::span<const double> predicted, std::span<const double> truth) {
    requireMatching(predicted, truth, "truthVersusPrediction");
    MapFigure map;
    const double width = std::numbers::pi / double(kMapBins);
    for (std::size_t i = 0; i <= kMapBins; ++i) {
        map.xEdges.push_back(double(i) * width);
        map.yEdges.push_back(double(i) * width);
    }
    map.values.assign(kMapBins * kMapBins, 0.0);
    auto binOf = [width](double phi) {
        const double p = std::fmod(std::fmod(phi, std::numbers::pi) + std::numbers::pi, std::numbers::pi);
        return std::min(static_cast<std::size_t>(p / width), kMapBins - 1);
    };
    const double unit = 1.0 / double(truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i)
        map.values[binOf(predicted[i]) * kMapBins + binOf(truth[i])] += unit;
    map.xLabel = "true φ [rad]";
    map.yLabel = "predicted φ [rad]";
    map.valueLabel = "fraction of events";
    return map;
}

}  // namespace bithep::tasks::smeft
