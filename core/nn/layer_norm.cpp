#include "core/nn/layer_norm.h"

#include "core/autograd/ops.h"

namespace bithep::nn {

LayerNorm::LayerNorm(Index dim, float eps) : UnaryModule("LayerNorm"), m_dim(dim), m_eps(eps) {
    m_gamma = addParameter("weight", Matrix::Ones(1, dim));
    m_beta = addParameter("bias", Matrix::Zero(1, dim));
}

Var LayerNorm::forward(const Var& x) { return autograd::layerNorm(x, m_gamma, m_beta, m_eps); }

void LayerNorm::describe(const std::string& path, Index rowsPerSample, ModelListing& out) const {
    // mean, variance, normalise, scale, shift: about 8 flops per entry
    out.compute.push_back({path, "layer norm", 8.0 * double(rowsPerSample * m_dim)});
}

}  // namespace bithep::nn
