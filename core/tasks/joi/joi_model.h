#pragma once
// The jet-origin network: the quark/gluon task's P-DAT dual-attention blocks (pdat_model.h,
// reused, not copied) with an 11-class head, and a choice of how each particle's numbers enter:
//   float          the standardised features through the embedding MLP (as the qg P-DAT);
//   bytes-float32, bytes-bfloat16, bytes-fixed16, bytes-text
//                  the raw (unstandardised) feature values as byte tokens (byte_tokens.h); each
//                  token id looks up a learned tokenDim-wide vector, the particle's tokens are
//                  concatenated in feature order (a "patch", as BBT-Neutron does) and the same
//                  embedding MLP maps them to the particle width.
// Paths: tokens.weight (byte encodings only), embed.fc0, embed.fc1, pair_embed.fc0/fc1,
// blocks.<b>.{particle_attn,ff1,channel_attn,ff2}.*, norm, head.fc0, head.fc1 — the quark/gluon
// plans (qg_plans.h: fp32, p-dat-bit, all-linear-ternary) match them unchanged.
#include <memory>
#include <string>
#include <vector>

#include "core/nn/embedding.h"
#include "core/tasks/joi/byte_tokens.h"
#include "core/tasks/jet_common/pdat_block.h"

namespace bithep::tasks::joi {

// "float", "bytes-float32", "bytes-bfloat16", "bytes-fixed16", "bytes-text".
std::vector<std::string> joiEncodingNames();

struct JoiModelConfig {
    std::string encoding = "float";
    tensor::Index tokenDim = 8;  // width of one byte token's embedding
    tensor::Index classes = 11;
    jet_common::JetModelConfig pdat;  // architecture "pdat", particleDim = kJoiParticleDim

    JoiModelConfig();
    bool usesTokens() const { return encoding != "float"; }
    ByteEncoding byteEncoding() const;  // throws std::logic_error for "float"
    std::string toJson() const;
    // Throws std::invalid_argument naming the missing or invalid field.
    static JoiModelConfig fromJson(const std::string& json);
    void validate() const;
};

class JoiModel : public jet_common::JetModel {
public:
    JoiModel(const JoiModelConfig& config, tensor::Rng& rng);
    bool needsPairFeatures() const override { return true; }
    // Logits (batch, classes).
    autograd::Var forward(const jet_common::FeatureBatch& batch) override;
    const JoiModelConfig& joiConfig() const { return m_joiConfig; }

private:
    autograd::Var particleInput(const jet_common::FeatureBatch& batch) const;
    JoiModelConfig m_joiConfig;
    std::shared_ptr<nn::Embedding> m_tokens;  // null for the float encoding
    std::shared_ptr<nn::Mlp> m_embed, m_pairEmbed, m_head;
    std::vector<std::shared_ptr<jet_common::PdatBlock>> m_blocks;
    std::shared_ptr<nn::LayerNorm> m_norm;
};

std::unique_ptr<JoiModel> makeJoiModel(const JoiModelConfig& config, std::uint64_t seed);

}  // namespace bithep::tasks::joi
