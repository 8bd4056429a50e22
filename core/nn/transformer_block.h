#pragma once
// Pre-norm transformer encoder block for particle sets:
// x += attn(norm1(x)); x += ff(norm2(x)) with a two-layer GELU feed-forward network.
#include <memory>

#include "core/nn/layer_norm.h"
#include "core/nn/mlp.h"
#include "core/nn/multi_head_attention.h"

namespace bithep::nn {

class TransformerBlock : public Module {
public:
    TransformerBlock(Index dim, Index heads, Index hidden, tensor::Rng& rng);
    Var forward(const Var& x, const autograd::SetMask& mask, const Var& pairBias = Var());
    MultiHeadAttention& attention() { return *m_attn; }

private:
    std::shared_ptr<LayerNorm> m_norm1;
    std::shared_ptr<MultiHeadAttention> m_attn;
    std::shared_ptr<LayerNorm> m_norm2;
    std::shared_ptr<Mlp> m_ff;
};

}  // namespace bithep::nn
