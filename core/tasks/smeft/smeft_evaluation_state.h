#pragma once
// What an interactive SMEFT evaluation keeps so the explorer's sliders can remake it without
// the model or the events: the held-out events' EFT weights summed per (φ × jet pT) bin for the
// truth angle and for the network's angle (per unit luminosity, scaled to the fiducial
// cross-section, as EftScanAnalysis does), the residual histograms of the network and of the fp32
// reference, the true-vs-predicted map as event counts, and the regression metrics. From these,
// evaluation(luminosity, cTrue) rebuilds the −2Δln L(c_W) scans (truth φ, network, rate only;
// linear and linear+quadratic, Asimov data at cTrue, the grid of EftScanAnalysis) and every
// figure. A few kB of JSON; fromJson throws std::invalid_argument for state it did not write.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/metrics/histogram_1d.h"
#include "core/tasks/smeft/eft_scan_analysis.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks::smeft {

// Per-bin sums of w0, w1, w2 (fb): the expectation in bin i is L·(s0_i + c s1_i + c² s2_i).
struct EftBinnedWeights {
    std::vector<double> s0, s1, s2;
};

// Bins `events` by `phi` (one per event; empty = the truth angle) and the jet pT; the weights are
// scaled so that the events sum to the dataset's fiducial cross-section. Throws
// std::invalid_argument for no events, no SM weight or a length mismatch.
EftBinnedWeights binEftWeights(const SmeftDataset& data, const std::vector<std::size_t>& events,
                               std::span<const double> phi, const EftBinning& binning);

struct SmeftEvaluationState {
    static constexpr const char* kFormat = "bithep-smeft-evaluation-1";
    std::string model;  // the preset, for titles
    EftBinning binning;
    std::size_t gridPoints = 401;
    EftBinnedWeights truth, network;
    metrics::Histogram1D residuals = metrics::Histogram1D::uniform(1, 0.0, 1.0);  // the network's
    std::optional<metrics::Histogram1D> referenceResiduals;  // the fp32 reference's, when there is one
    std::string referenceLabel;
    std::vector<double> mapCounts;  // kMapBins² events, row-major (predicted × true)
    nlohmann::json metrics;         // numbers that do not depend on the sliders

    nlohmann::json toJson() const;
    static SmeftEvaluationState fromJson(const nlohmann::json& j);
    // Scans, metrics and figures at this luminosity (fb⁻¹) and true c_W of the Asimov data.
    SessionEvaluation evaluation(double luminosityFb, double cTrue) const;
    // The three scans (truth φ, network, rate only) the evaluation shows.
    std::vector<EftEstimatorScan> scans(double luminosityFb, double cTrue) const;
};

}  // namespace bithep::tasks::smeft
