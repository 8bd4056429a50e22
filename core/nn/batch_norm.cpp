#include "core/nn/batch_norm.h"

#include "core/autograd/ops.h"

namespace bithep::nn {

BatchNorm::BatchNorm(Index dim, float momentum, float eps)
    : UnaryModule("BatchNorm"), m_dim(dim), m_momentum(momentum), m_eps(eps),
      m_runningMean(Matrix::Zero(1, dim)), m_runningVar(Matrix::Ones(1, dim)) {
    m_gamma = addParameter("weight", Matrix::Ones(1, dim));
    m_beta = addParameter("bias", Matrix::Zero(1, dim));
    addBuffer("running_mean", &m_runningMean);
    addBuffer("running_var", &m_runningVar);
}

Var BatchNorm::forward(const Var& x) {
    return autograd::batchNorm(x, m_gamma, m_beta, m_runningMean, m_runningVar, training(), m_momentum, m_eps);
}

void BatchNorm::describe(const std::string& path, Index rowsPerSample, ModelListing& out) const {
    out.compute.push_back({path, "batch norm", 2.0 * double(rowsPerSample * m_dim)});  // scale + shift
}

}  // namespace bithep::nn
