#pragma once
// P-DAT-style dual-attention transformer for jets (particle attention + channel attention, as
// in the particle dual attention transformer that the BitHEP paper quantizes), sized to train on
// two cores. Layout and paths (what quantization plans match):
//   embed.fc0, embed.fc1                   per-particle feature embedding (GELU MLP)
//   pair_embed.fc0, pair_embed.fc1         pairwise features → one additive bias per head (ReLU MLP)
//   blocks.<b>.particle_attn.{q,k,v,o}     particle self-attention with the pair bias
//   blocks.<b>.ff1.fc0, .fc1               feed-forward after particle attention
//   blocks.<b>.channel_attn.{q,k,v,o}      attention across the feature channels
//   blocks.<b>.ff2.fc0, .fc1               feed-forward after channel attention
//   head.fc0, head.fc1                     classifier on the masked mean of the particles
// Every sub-layer is pre-norm with a residual connection; padded particles never reach a real
// particle's output or the pooled jet (attention keys, channel sums and pooling are masked).
#include <memory>
#include <vector>

#include "core/nn/layer_norm.h"
#include "core/nn/mlp.h"
#include "core/nn/multi_head_attention.h"
#include "core/tasks/qg/qg_model.h"

namespace bithep::tasks::qg {

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
    PdatBlock(const QgModelConfig& config, tensor::Rng& rng);
    autograd::Var forward(const autograd::Var& x, const autograd::SetMask& mask,
                          const autograd::Var& pairBias, const autograd::Var& maskCol,
                          const autograd::Var& meanCol);

private:
    std::shared_ptr<nn::LayerNorm> m_norm1, m_norm2, m_norm3, m_norm4;
    std::shared_ptr<nn::MultiHeadAttention> m_particleAttn;
    std::shared_ptr<ChannelAttention> m_channelAttn;
    std::shared_ptr<nn::Mlp> m_ff1, m_ff2;
};

class PdatModel : public QgModel {
public:
    PdatModel(const QgModelConfig& config, tensor::Rng& rng);
    bool needsPairFeatures() const override { return true; }
    autograd::Var forward(const FeatureBatch& batch) override;

private:
    std::shared_ptr<nn::Mlp> m_embed, m_pairEmbed, m_head;
    std::vector<std::shared_ptr<PdatBlock>> m_blocks;
    std::shared_ptr<nn::LayerNorm> m_norm;
};

}  // namespace bithep::tasks::qg
