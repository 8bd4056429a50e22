#pragma once
// The transformer velocity field of the flow-matching model (CaloDREAM-style, one token per
// calorimeter layer): model space is cut into tokens (each layer's voxels, then one token of the
// layer energies and the total), each token gets its own input projection to the token width,
// plus the time/condition embedding; pre-norm transformer blocks let every layer see the others
// and the energies; a final LayerNorm and a per-token output projection give the velocity.
// With one token per layer the attention is over a handful of tokens, so its fp32 products are
// cheap and most of the MACs sit in the projections and feed-forward layers that plans quantize.
// Layer paths: tokens.in<i>, blocks.<b>.attn.{q,k,v,o}, blocks.<b>.ff.fc{0,1}, tokens.out<i>.
#include <memory>
#include <vector>

#include "core/nn/layer_norm.h"
#include "core/nn/transformer_block.h"

namespace bithep::tasks::calo {

struct TransformerFieldConfig {
    std::vector<int> tokenSizes;  // model-space columns per token, in column order
    int width = 64;               // token width d
    int blocks = 3;
    int heads = 4;
    int feedForward = 128;  // hidden width of each block's feed-forward network
};

class TransformerVelocityField : public nn::Module {
public:
    TransformerVelocityField(const TransformerFieldConfig& config, tensor::Rng& rng);
    // xt (B × Σ tokenSizes), embedding (B × width) → velocity (B × Σ tokenSizes).
    nn::Var forward(const nn::Var& xt, const nn::Var& embedding);
    // rowsPerSample = network evaluations per sample: the projections see one row per
    // evaluation, the blocks one row per token, the attention N² products per evaluation.
    void describe(const std::string& path, tensor::Index rowsPerSample, nn::ModelListing& out) const override;

private:
    TransformerFieldConfig m_config;
    std::vector<std::shared_ptr<nn::BitLinear>> m_in, m_out;
    std::vector<std::shared_ptr<nn::TransformerBlock>> m_blocks;
    std::shared_ptr<nn::LayerNorm> m_norm;
};

}  // namespace bithep::tasks::calo
