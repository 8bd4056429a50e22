#pragma once
// Fully connected layer y = x·Wᵀ + b with W stored (out, in) as in PyTorch, initialised
// U(−1/√in, 1/√in) for weights and bias (PyTorch's default) from a seeded generator.
#include "core/nn/module.h"

namespace bithep::nn {

class Linear : public UnaryModule {
public:
    Linear(Index in, Index out, tensor::Rng& rng, bool bias = true);
    Var forward(const Var& x) override;
    void describe(const std::string& path, Index rowsPerSample, ModelListing& out) const override;

    Index in() const { return m_in; }
    Index out() const { return m_out; }
    const Var& weight() const { return m_weight; }  // latent fp32 (out, in)
    const Var& bias() const { return m_bias; }      // (1, out) or undefined
    virtual quant::Precision precision() const { return quant::Precision::Fp32; }
    virtual quant::ActivationBits activationBits() const { return quant::ActivationBits::Fp32; }

protected:
    Linear(std::string typeName, Index in, Index out, tensor::Rng& rng, bool bias);

private:
    Index m_in;
    Index m_out;
    Var m_weight;
    Var m_bias;
};

}  // namespace bithep::nn
