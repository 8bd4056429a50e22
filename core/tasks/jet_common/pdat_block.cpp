#include "core/tasks/jet_common/pdat_block.h"

#include <string>

#include "core/autograd/ops.h"
#include "core/tasks/jet_common/attention_layout.h"

namespace bithep::tasks::jet_common {

namespace ag = autograd;
using autograd::Var;
using tensor::Index;
using tensor::Matrix;

ChannelAttention::ChannelAttention(Index dim, tensor::Rng& rng) : nn::Module("ChannelAttention"), m_dim(dim) {
    m_q = addModule("q", std::make_shared<nn::BitLinear>(dim, dim, rng));
    m_k = addModule("k", std::make_shared<nn::BitLinear>(dim, dim, rng));
    m_v = addModule("v", std::make_shared<nn::BitLinear>(dim, dim, rng));
    m_o = addModule("o", std::make_shared<nn::BitLinear>(dim, dim, rng));
}

Var ChannelAttention::forward(const Var& x, Index setSize, const Var& maskCol, const Var& meanCol) {
    // Zeroing padded rows of q, k, v keeps them out of every channel sum.
    const Var q = transposeSets(ag::mul(m_q->forward(x), meanCol), setSize);  // (B·C, N)
    const Var k = transposeSets(ag::mul(m_k->forward(x), maskCol), setSize);
    const Var v = transposeSets(ag::mul(m_v->forward(x), maskCol), setSize);
    const Var scores = ag::setScores(q, k, m_dim, 1);                      // (B·C, C)
    const Var mixed = ag::setApply(ag::softmaxRows(scores), v, m_dim, 1);  // (B·C, N)
    return m_o->forward(transposeSets(mixed, m_dim));
}

void ChannelAttention::describe(const std::string& path, Index rowsPerSample, nn::ModelListing& out) const {
    Module::describe(path, rowsPerSample, out);
    const double n = static_cast<double>(rowsPerSample), c = static_cast<double>(m_dim);
    out.compute.push_back({path, "channel attention QᵀK", 2.0 * n * c * c});
    out.compute.push_back({path, "channel attention softmax", 5.0 * c * c});  // max, sub, exp, sum, div
    out.compute.push_back({path, "channel attention AV", 2.0 * n * c * c});
}

PdatBlock::PdatBlock(const JetModelConfig& config, tensor::Rng& rng) : nn::Module("PdatBlock") {
    const Index d = config.dim;
    m_norm1 = addModule("norm1", std::make_shared<nn::LayerNorm>(d));
    m_particleAttn =
        addModule("particle_attn", std::make_shared<nn::MultiHeadAttention>(d, config.heads, rng));
    m_norm2 = addModule("norm2", std::make_shared<nn::LayerNorm>(d));
    m_ff1 = addModule("ff1", std::make_shared<nn::Mlp>(std::vector<Index>{d, config.ffHidden, d},
                                                       nn::Activation::GELU, rng));
    m_norm3 = addModule("norm3", std::make_shared<nn::LayerNorm>(d));
    m_channelAttn = addModule("channel_attn", std::make_shared<ChannelAttention>(d, rng));
    m_norm4 = addModule("norm4", std::make_shared<nn::LayerNorm>(d));
    m_ff2 = addModule("ff2", std::make_shared<nn::Mlp>(std::vector<Index>{d, config.ffHidden, d},
                                                       nn::Activation::GELU, rng));
}

Var PdatBlock::forward(const Var& x, const ag::SetMask& mask, const Var& pairBias, const Var& maskCol,
                       const Var& meanCol) {
    Var h = ag::add(x, m_particleAttn->forward(m_norm1->forward(x), mask, pairBias));
    h = ag::add(h, m_ff1->forward(m_norm2->forward(h)));
    h = ag::add(h, m_channelAttn->forward(m_norm3->forward(h), mask.setSize, maskCol, meanCol));
    return ag::add(h, m_ff2->forward(m_norm4->forward(h)));
}

}  // namespace bithep::tasks::jet_common
