#include "core/nn/transformer_block.h"

namespace bithep::nn {

TransformerBlock::TransformerBlock(Index dim, Index heads, Index hidden, tensor::Rng& rng)
    : Module("TransformerBlock") {
    m_norm1 = addModule("norm1", std::make_shared<LayerNorm>(dim));
    m_attn = addModule("attn", std::make_shared<MultiHeadAttention>(dim, heads, rng));
    m_norm2 = addModule("norm2", std::make_shared<LayerNorm>(dim));
    m_ff = addModule("ff", std::make_shared<Mlp>(std::vector<Index>{dim, hidden, dim}, Activation::GELU, rng));
}

Var TransformerBlock::forward(const Var& x, const autograd::SetMask& mask, const Var& pairBias) {
    const Var h = autograd::add(x, m_attn->forward(m_norm1->forward(x), mask, pairBias));
    return autograd::add(h, m_ff->forward(m_norm2->forward(h)));
}

}  // namespace bithep::nn
