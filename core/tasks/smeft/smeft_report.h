#pragma once
// Turns the SMEFT batch run's trained regressors and likelihood scans into what the run writes:
// metric tables (regression quality, distances to the fp32 reference with the fp32-vs-fp32 noise
// floor, cost shares, intervals), the scan curves as CSV, the figures (true-vs-predicted maps,
// residual histograms, −2Δln L curves with the 68 % / 95 % lines) and the printed summary.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/tasks/batch_run.h"
#include "core/tasks/kernel_scoring.h"
#include "core/tasks/smeft/eft_scan_analysis.h"
#include "core/tasks/smeft/regression_quality.h"

namespace bithep::tasks::smeft {

// One φ estimator evaluated on the test events (a trained network, or the network-free estimate).
struct SmeftEstimatorResult {
    std::string label;  // "fp32", "fp32 seed 2", "all-ternary", "naive"
    std::string plan;   // empty for the network-free estimate
    std::uint64_t seed = 0;
    std::vector<double> phi;
    RegressionQuality quality;
    ResidualDistance vsReference;  // against the fp32 reference (zero for the reference itself)
    nlohmann::json cost;           // quantized shares and energy of the plan; empty if no network
    KernelScoring kernels;         // the network's integer-form layers ran on the kernels
    double trainSeconds = 0.0;
};

// Fills out.metrics, tables, figures and summary. results[0] must be the fp32 reference, and
// results[1] the second fp32 seed (the noise floor). scans: truth, rate-only, then one per result.
void addSmeftReport(const std::vector<SmeftEstimatorResult>& results,
                    const std::vector<EftEstimatorScan>& scans, const std::vector<double>& truthPhi,
                    BatchOutput& out);

// The scan part alone (intervals and curve tables, metrics.json "scans", the −2Δln L figure with
// the scans whose labels are in `shown`): also used by the truth-level run on an LHE file.
void addScanOutputs(const std::vector<EftEstimatorScan>& scans, const std::vector<std::string>& shown,
                    BatchOutput& out);

}  // namespace bithep::tasks::smeft
