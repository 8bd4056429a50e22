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

#include "core/tasks/jet_common/pdat_block.h"

namespace bithep::tasks::qg {

class PdatModel : public jet_common::JetModel {
public:
    PdatModel(const jet_common::JetModelConfig& config, tensor::Rng& rng);
    bool needsPairFeatures() const override { return true; }
    autograd::Var forward(const jet_common::FeatureBatch& batch) override;

private:
    std::shared_ptr<nn::Mlp> m_embed, m_pairEmbed, m_head;
    std::vector<std::shared_ptr<jet_common::PdatBlock>> m_blocks;
    std::shared_ptr<nn::LayerNorm> m_norm;
};

}  // namespace bithep::tasks::qg
