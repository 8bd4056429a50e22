#pragma once
// Multi-head self-attention over padded particle sets (B·N, D): BitLinear projections q, k, v, o,
// scaled dot products per set and head, an optional additive pairwise bias per head
// ((B·H·N, N), rows ordered set, head, query — P-DAT's interaction features) and a padding mask.
#include <memory>

#include "core/autograd/ops.h"
#include "core/nn/bit_linear.h"

namespace bithep::nn {

class MultiHeadAttention : public Module {
public:
    MultiHeadAttention(Index dim, Index heads, tensor::Rng& rng);
    Var forward(const Var& x, const autograd::SetMask& mask, const Var& pairBias = Var());
    void describe(const std::string& path, Index rowsPerSample, ModelListing& out) const override;
    Index heads() const { return m_heads; }

private:
    Index m_dim;
    Index m_heads;
    std::shared_ptr<BitLinear> m_q, m_k, m_v, m_o;
};

}  // namespace bithep::nn
