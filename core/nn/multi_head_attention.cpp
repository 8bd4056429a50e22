#include "core/nn/multi_head_attention.h"

#include <cmath>
#include <stdexcept>

namespace bithep::nn {

MultiHeadAttention::MultiHeadAttention(Index dim, Index heads, tensor::Rng& rng)
    : Module("MultiHeadAttention"), m_dim(dim), m_heads(heads) {
    if (heads <= 0 || dim % heads != 0) {
        throw std::invalid_argument("MultiHeadAttention: dimension " + std::to_string(dim) +
                                    " does not split into " + std::to_string(heads) + " heads");
    }
    m_q = addModule("q", std::make_shared<BitLinear>(dim, dim, rng));
    m_k = addModule("k", std::make_shared<BitLinear>(dim, dim, rng));
    m_v = addModule("v", std::make_shared<BitLinear>(dim, dim, rng));
    m_o = addModule("o", std::make_shared<BitLinear>(dim, dim, rng));
}

Var MultiHeadAttention::forward(const Var& x, const autograd::SetMask& mask, const Var& pairBias) {
    namespace ag = autograd;
    const Index n = mask.setSize;
    const float scale = 1.0f / std::sqrt(static_cast<float>(m_dim / m_heads));
    const Var q = ag::mulScalar(m_q->forward(x), scale);  // scaling q is cheaper than the N×N scores
    Var scores = ag::setScores(q, m_k->forward(x), n, m_heads);
    if (pairBias.defined()) scores = ag::add(scores, pairBias);
    const Var p = ag::setSoftmax(scores, mask, m_heads);
    return m_o->forward(ag::setApply(p, m_v->forward(x), n, m_heads));
}

void MultiHeadAttention::describe(const std::string& path, Index rowsPerSample, ModelListing& out) const {
    Module::describe(path, rowsPerSample, out);
    const double n = static_cast<double>(rowsPerSample), d = static_cast<double>(m_dim);
    out.compute.push_back({path, "attention QK^T", 2.0 * n * n * d});
    // max, subtract, exp, sum, divide per score: about 5 flops
    out.compute.push_back({path, "attention softmax", 5.0 * n * n * static_cast<double>(m_heads)});
    out.compute.push_back({path, "attention AV", 2.0 * n * n * d});
}

}  // namespace bithep::nn
