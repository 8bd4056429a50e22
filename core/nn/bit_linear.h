#pragma once
// Quantization-aware linear layer (docs/ARCHITECTURE.md §4.2). The latent fp32 weights are
// always kept and trained; the forward pass uses ternary/binary weights and/or int8 per-token
// activations when switched on, with a straight-through gradient. Switching back to fp32 gives exactly Linear's
// output. The integer codes, β and bias are exposed for the inference kernels.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/nn/linear.h"

namespace bithep::kernels {
class TernaryMatrix;
}

namespace bithep::nn {

struct BitLinearConfig {
    quant::Precision precision = quant::Precision::Fp32;
    quant::ActivationBits activationBits = quant::ActivationBits::Fp32;
    quant::BitLinearVariant variant = quant::BitLinearVariant::Reference;
};

// Fractions of the weight codes and how many changed over the last recorded optimizer step.
struct QuantStats {
    double fractionMinus = 0.0;
    double fractionZero = 0.0;
    double fractionPlus = 0.0;
    float beta = 0.0f;
    double flipRatio = 0.0;  // fraction of codes that changed in the last recordStep()
};

class BitLinear : public Linear {
public:
    BitLinear(Index in, Index out, tensor::Rng& rng, bool bias = true, BitLinearConfig config = {});
    Var forward(const Var& x) override;
    void describe(const std::string& path, Index rowsPerSample, ModelListing& out) const override;

    const BitLinearConfig& config() const { return m_config; }
    void setConfig(const BitLinearConfig& c);
    void setPrecision(quant::Precision p);
    void setActivationBits(quant::ActivationBits a);
    quant::Precision precision() const override { return m_config.precision; }
    quant::ActivationBits activationBits() const override { return m_config.activationBits; }

    // Codes {−1,0,+1} and β of the current latent weights; throws if the layer is fp32.
    quant::QuantizedWeights quantizedWeights() const;
    // Zero stats for an fp32 layer.
    QuantStats stats() const;
    // Call after each optimizer step: updates the flip ratio against the previous step's codes.
    void recordStep();

    // Integer inference (see kernel_inference.h): while a packed matrix is attached and no graph
    // is recorded, forward() runs the ternary kernels instead of fake-quantized floats.
    // True when this layer's configuration has an integer form (reference variant, ternary or
    // binary weights, int8 activations).
    bool kernelEligible() const;
    void attachKernel(std::shared_ptr<const kernels::TernaryMatrix> packed) { m_kernel = std::move(packed); }
    bool kernelAttached() const { return static_cast<bool>(m_kernel); }

private:
    BitLinearConfig m_config;
    Var kernelForward(const Var& x) const;

    std::vector<std::int8_t> m_previousCodes;
    double m_flipRatio = 0.0;
    std::shared_ptr<const kernels::TernaryMatrix> m_kernel;
};

}  // namespace bithep::nn
