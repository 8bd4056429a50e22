#pragma once
// Integer inference for a trained model and its plan. While a KernelInference is alive, graph
// recording is off and every BitLinear that has an integer form (reference variant, ternary or
// binary weights, int8 per-token activations) runs on the packed 2-bit ternary kernels
// (core/kernels): int8 activations, int32 accumulation, one float rescale per output. fp32 layers
// keep Eigen, and layers without an integer form (fp32 activations, the BitNet-paper variant)
// keep the fake-quantized float path. Weights are packed once when the session starts, so
// construct it after training and after any precision change.
//
// Agreement with the fake-quantized training forward: both compute (β·max|x_t|/127)·Σ q_tk·c_mk
// + b_m with identical integer codes; they differ only in float summation order, so outputs agree
// to float rounding (documented tolerance kKernelAgreement, relative to the output scale).
#include <memory>
#include <vector>

#include "core/autograd/var.h"
#include "core/nn/module.h"

namespace bithep::nn {

class BitLinear;

// |y_kernel − y_fake| ≤ kKernelAgreement · (β·max|x|·K/127 + |b|) per output: a few float
// ulps of the largest partial sum, far below any physics effect.
inline constexpr float kKernelAgreement = 1e-5f;

class KernelInference {
public:
    explicit KernelInference(Module& model);
    ~KernelInference();
    KernelInference(const KernelInference&) = delete;
    KernelInference& operator=(const KernelInference&) = delete;

    int kernelLayers() const { return static_cast<int>(m_layers.size()); }  // layers on the kernels

private:
    autograd::NoGradGuard m_noGrad;
    std::vector<BitLinear*> m_layers;
};

}  // namespace bithep::nn
