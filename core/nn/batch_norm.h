#pragma once
// Batch normalisation over rows per feature; batch statistics in training, running statistics
// (saved in checkpoints as buffers) in evaluation.
#include "core/nn/module.h"

namespace bithep::nn {

class BatchNorm : public UnaryModule {
public:
    explicit BatchNorm(Index dim, float momentum = 0.1f, float eps = 1e-5f);
    Var forward(const Var& x) override;
    void describe(const std::string& path, Index rowsPerSample, ModelListing& out) const override;
    const Matrix& runningMean() const { return m_runningMean; }
    const Matrix& runningVar() const { return m_runningVar; }

private:
    Index m_dim;
    float m_momentum;
    float m_eps;
    Var m_gamma;
    Var m_beta;
    Matrix m_runningMean;
    Matrix m_runningVar;
};

}  // namespace bithep::nn
