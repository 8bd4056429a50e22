#pragma once
// Layer normalisation over the features of each row, with learnable γ (ones) and β (zeros).
#include "core/nn/module.h"

namespace bithep::nn {

class LayerNorm : public UnaryModule {
public:
    explicit LayerNorm(Index dim, float eps = 1e-5f);
    Var forward(const Var& x) override;
    void describe(const std::string& path, Index rowsPerSample, ModelListing& out) const override;

private:
    Index m_dim;
    float m_eps;
    Var m_gamma;
    Var m_beta;
};

}  // namespace bithep::nn
