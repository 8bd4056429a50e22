#pragma once
// The building blocks of the P-DAT-style dual-attention transformer (particle attention with a
// pairwise bias + channel attention), shared by the quark/gluon tagger (qg::PdatModel) and the
// jet-origin tagger (joi::JoiModel). Paths inside a block (what quantization plans match):
//   particle_attn.{q,k,v,o}     particle self-attention with the pair bias
//   ff1.fc0, .fc1               feed-forward after particle attention
//   channel_attn.{q,k,v,o}      attention across the feature channels
//   ff2.fc0, .fc1               feed-forward after channel attention
// Every sub-layer is pre-norm with a residual connection; padded particles never reach a real
// particle's output (attention keys and channel sums are masked).
#include <memory>
#include <vector>

#include "core/nn/layer_norm.h"
#include "core/nn/mlp.h"
#include "core/nn/multi_head_attention.h"
#include "core/tasks/jet_common/jet_model.h"

namespace bithep::tasks::jet_common {


// Attention among the C feature channels of one jet: channel c attends to channel d with weight
// softmax_d(mean_i q_ic k_id) over the jet's real particles i, and its output mixes the value
// channels. Normalising by the particle count (not √N) keeps the scores independent of padding
// and of multiplicity.
class ChannelAttention : public nn::Module {
public:
    ChannelAttention(tensor::Index dim, tensor::Rng& rng);
    // x (B·N, C) for sets of setSize particles; maskCol (B·N, 1) 1/0; meanCol (B·N, 1) =
    // mask / (real particles of the jet).
    autograd::Var forward(const autograd::Var& x, tensor::Index setSize, const autograd::Var& maskCol,
                          const autograd::Var& meanCol);
    void describe(const std::string& path, tensor::Index rowsPerSample, nn::ModelListing& out) const override;

private:
    tensor::Index m_dim;
    std::shared_ptr<nn::BitLinear> m_q, m_k, m_v, m_o;
};

class PdatBlock : public nn::Module {
public:
    PdatBlock(const JetModelConfig& config, tensor::Rng& rng);
    autograd::Var forward(const autograd::Var& x, const autograd::SetMask& mask,
                          const autograd::Var& pairBias, const autograd::Var& maskCol,
                          const autograd::Var& meanCol);

private:
    std::shared_ptr<nn::LayerNorm> m_norm1, m_norm2, m_norm3, m_norm4;
    std::shared_ptr<nn::MultiHeadAttention> m_particleAttn;
    std::shared_ptr<ChannelAttention> m_channelAttn;
    std::shared_ptr<nn::Mlp> m_ff1, m_ff2;
};

}  // namespace bithep::tasks::jet_common
