#pragma once
// The trained tagger as it is deployed: its held-out jets scored with every integer-form layer on
// the packed ternary kernels (tasks::scoreOnKernels, as every evaluation is), the AUC there and the
// largest change of a quark probability against the fake-quantized float path it was trained
// on, and its inference throughput in jets/s on the fp32 path (every layer Eigen)
// and on the kernel path, timed on the same batch of test jets in the same run.
#include <nlohmann/json.hpp>
#include <vector>

#include "core/cost/inference_timer.h"
#include "core/tasks/jet_common/jet_dataset.h"
#include "core/tasks/kernel_scoring.h"
#include "core/tasks/qg/qg_model.h"

namespace bithep::tasks::qg {

struct QgKernelCheck {
    double kernelAuc = 0;
    double maxProbabilityDifference = 0;  // max over test jets of |p_kernels − p_float|
    std::size_t timedJets = 0;            // jets per timed batch
    cost::InferenceTiming timing;
    double fp32JetsPerSecond() const;
    double kernelJetsPerSecond() const;
    nlohmann::json toJson() const;
};

// kernelProbabilities and scoring: what tasks::scoreOnKernels gave for `test` (same order); the
// check adds the AUC there and the timing. Throws std::invalid_argument when the sizes differ or
// `test` is empty.
QgKernelCheck checkOnKernels(jet_common::JetModel& model, const jet_common::JetDataset& data,
                             const std::vector<std::size_t>& test, const std::vector<float>& kernelProbabilities,
                             const KernelScoring& scoring);

}  // namespace bithep::tasks::qg
