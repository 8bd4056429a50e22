#pragma once
// Scoring a network as the explorer deploys it: the layers with an integer form (ternary or
// binary weights, int8 activations) run on the packed kernels (nn::KernelInference), and the
// largest difference to the fake-quantized float forward that training uses is reported beside
// the scores, as the quark/gluon batch's kernel check does. Both paths compute the same integer
// products and differ only in float summation order (nn::kKernelAgreement), so the difference is
// a check on the kernels, not a physics effect. A network without such layers is scored once.
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/nn/kernel_inference.h"
#include "core/nn/module.h"

namespace bithep::tasks {

struct KernelScoring {
    int kernelLayers = 0;          // layers that ran on the kernels
    double maxDifference = 0.0;    // largest |kernel − float|; ∞ when only one path is finite
    nlohmann::json toJson() const { return {{"kernel_layers", kernelLayers}, {"kernel_max_difference", maxDifference}}; }
};

// predict() returns the scores (a vector of numbers) of the current model; it is called on the
// floats and, when `model` has integer-form layers, once more on the kernels, whose scores are
// returned. Scores both paths make non-finite alike (a diverged network) do not count as a
// difference. Throws std::logic_error if the two calls return different counts.
template <class Predict>
auto scoreOnKernels(nn::Module& model, const Predict& predict, KernelScoring& report) {
    auto floats = predict();
    const nn::KernelInference kernels(model);
    report.kernelLayers = kernels.kernelLayers();
    report.maxDifference = 0.0;
    if (report.kernelLayers == 0) return floats;
    auto onKernels = predict();
    if (onKernels.size() != floats.size())
        throw std::logic_error("kernel scoring: " + std::to_string(onKernels.size()) + " scores on the kernels, " +
                               std::to_string(floats.size()) + " on floats");
    for (std::size_t i = 0; i < floats.size(); ++i) {
        const double k = double(onKernels[i]), f = double(floats[i]);
        if (std::isfinite(k) && std::isfinite(f)) {
            report.maxDifference = std::max(report.maxDifference, std::abs(k - f));
        } else if (!(k == f) && !(std::isnan(k) && std::isnan(f))) {
            // One path finite, the other not (or infinities of opposite sign): no agreement at all.
            report.maxDifference = std::numeric_limits<double>::infinity();
        }
    }
    return onKernels;
}

}  // namespace bithep::tasks
