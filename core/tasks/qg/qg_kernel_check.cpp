#include "core/tasks/qg/qg_kernel_check.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/metrics/roc_curve.h"
#include "core/tasks/qg/qg_training.h"

namespace bithep::tasks::qg {

namespace {
// The training batch size: what a user scoring a file would run, and large enough that the
// GEMMs, not the per-call overhead, are timed.
constexpr std::size_t kTimedJets = 128;
}  // namespace

double QgKernelCheck::fp32JetsPerSecond() const {
    return timing.fp32SecondsPerSample > 0 ? 1.0 / timing.fp32SecondsPerSample : 0.0;
}
double QgKernelCheck::kernelJetsPerSecond() const {
    return timing.planSecondsPerSample > 0 ? 1.0 / timing.planSecondsPerSample : 0.0;
}

nlohmann::json QgKernelCheck::toJson() const {
    return {{"kernel_auc", kernelAuc},
            {"max_probability_difference", maxProbabilityDifference},
            {"timed_jets", timedJets},
            {"threads", timing.threads},
            {"fp32_jets_per_second", fp32JetsPerSecond()},
            {"kernel_jets_per_second", kernelJetsPerSecond()},
            {"timing", timing.toJson()}};
}

QgKernelCheck checkOnKernels(jet_common::JetModel& model, const jet_common::JetDataset& data,
                             const std::vector<std::size_t>& test, const std::vector<float>& kernelProbabilities,
                             const KernelScoring& scoring) {
    if (test.empty() || kernelProbabilities.size() != test.size())
        throw std::invalid_argument("qg kernel check: " + std::to_string(kernelProbabilities.size()) +
                                    " probabilities for " + std::to_string(test.size()) + " test jets");
    QgKernelCheck check;
    check.maxProbabilityDifference = scoring.maxDifference;
    check.kernelAuc = metrics::RocCurve(std::span<const float>(kernelProbabilities), labelsOf(data, test)).auc();

    // Timed on the first test jets, features built once outside the clock (both paths see the
    // same inputs; feature building is the same cost for either).
    check.timedJets = std::min(kTimedJets, test.size());
    const std::vector<std::size_t> timed(test.begin(),
                                         test.begin() + static_cast<std::ptrdiff_t>(check.timedJets));
    const jet_common::FeatureBatch batch = jet_common::buildFeatures(data, timed, jet_common::featureOptionsFor(model.config()));
    check.timing = cost::measureInferenceTime(
        model, [&] { model.forward(batch); }, static_cast<int>(check.timedJets));
    return check;
}

}  // namespace bithep::tasks::qg
