#pragma once
// Turns the trained series of a quark/gluon batch run into its outputs: metrics JSON (per seed
// and mean ± std), CSV tables (per-seed metrics, summary, ROC points), figures as data (ROC with
// one curve per model/plan and the multiplicity cut, score histograms, calibration) and the
// paper-style text table (plans × metrics with the cost of each plan), followed by the trained
// taggers' throughput on the fp32 and kernel paths.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/metrics/seed_summary.h"
#include "core/tasks/batch_run.h"
#include "core/tasks/qg/qg_kernel_check.h"
#include "core/tasks/qg/qg_training.h"

namespace bithep::tasks::qg {

// One model under one plan, trained for several seeds.
struct QgSeries {
    std::string label;  // "P-DAT p-dat-bit", "DeepSets fp32"
    std::string plan;
    metrics::SeedSummary summary;
    std::vector<std::uint64_t> seeds;
    std::vector<QgEvaluation> perSeed;
    std::vector<float> firstScores;            // first seed's test probabilities
    nlohmann::json cost;                       // planCost of the first seed's model
    std::optional<QgKernelCheck> kernelCheck;  // of the first seed's model
};

// Adds metrics, tables, figures and summary to `out` (settings and files are the caller's).
void addQgReport(const std::vector<QgSeries>& series, const QgEvaluation& multiplicityCut,
                 const std::vector<int>& testLabels, BatchOutput& out);

// The plans × metrics table, "mean ± std" per cell, with the cost columns.
std::string comparisonTable(const std::vector<QgSeries>& series, const QgEvaluation& multiplicityCut);

}  // namespace bithep::tasks::qg
