#pragma once
// The physics question behind the SMEFT task: how well can c_W be measured from the decay-plane
// angle, and how much does a quantized regressor lose? Events are binned in (reconstructed φ ×
// jet pT, the reconstructed pT_V); the per-bin expectations L·(s0 + c s1 + c² s2) come from the
// per-event weights (metrics::LikelihoodScan), Asimov data are taken at a chosen true c, and
// −2Δln L(c) is scanned for any φ estimator (truth, fp32 network, quantized network) and for the
// rate alone, with the linear (interference-only) and the linear+quadratic model, the 68 % / 95 %
// intervals and the Fisher information at c = 0.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/metrics/likelihood_scan.h"
#include "core/tasks/smeft/smeft_dataset.h"

namespace bithep::tasks::smeft {

struct EftBinning {
    std::size_t phiBins = 8;                                   // uniform on [0, π)
    std::vector<double> ptEdges{500.0, 650.0, 800.0, 1000.0};  // GeV; the last bin is open above
    // Bin index φ-major within each pT slice; −1 below the first pT edge.
    int bin(double phi, double pt) const;
    std::size_t binCount() const { return phiBins * ptEdges.size(); }
    void validate() const;  // throws std::invalid_argument naming the problem
};

struct EftScanSettings {
    double luminosityFb = 300.0;  // integrated luminosity in fb⁻¹
    double cTrue = 0.0;           // c_W of the Asimov data
    double cMax = 0.0;  // scan on [cTrue − cMax, cTrue + cMax]; 0 = 5 truth-φ standard deviations
    std::size_t gridPoints = 401;
    EftBinning binning;
    nlohmann::json toJson() const;
    void validate() const;
};

struct EftEstimatorScan {
    std::string label;
    metrics::ScanResult linear, quadratic;
    double fisherInformation = 0.0;  // at c = 0, per the binned model
    // Total length of the 68 % / 95 % intervals of the linear+quadratic scan (open ends count
    // up to the grid edge).
    double width68() const;
    double width95() const;
    nlohmann::json toJson() const;
};

class EftScanAnalysis {
public:
    // `events` index the dataset (the held-out events); their weights are scaled so they sum to
    // the dataset's fiducial cross-section. Throws std::invalid_argument for no events or a
    // zero total SM weight.
    EftScanAnalysis(const SmeftDataset& data, std::vector<std::size_t> events, EftScanSettings settings);

    // One scan for φ values in event order (same length as `events`).
    EftEstimatorScan scan(const std::string& label, std::span<const double> phi) const;
    EftEstimatorScan truth() const;
    EftEstimatorScan rateOnly() const;  // one bin: the total cross-section alone
    const std::vector<double>& grid() const { return m_grid; }
    double expectedSmEvents() const;  // L·Σ w0

private:
    metrics::LikelihoodScan model(std::span<const double> phi, bool quadratic) const;
    EftEstimatorScan run(const std::string& label, const metrics::LikelihoodScan& linear,
                         const metrics::LikelihoodScan& quadratic) const;
    const SmeftDataset& m_data;
    std::vector<std::size_t> m_events;
    EftScanSettings m_settings;
    double m_scale = 1.0;
    std::vector<double> m_grid;
};

}  // namespace bithep::tasks::smeft
