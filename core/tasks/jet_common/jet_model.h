#pragma once
// Networks of the quark/gluon task and what they share: a configuration that rebuilds them
// from a checkpoint, the input standardisation (per-feature mean and spread measured on the
// training jets, kept as buffers so checkpoints carry it), and the forward pass from a
// FeatureBatch to one logit per jet (quark = 1). Every linear is an nn::BitLinear with a dotted
// path, so quantization plans (qg_plans.h) apply to any of them.
#include <cstddef>
#include <memory>
#include <string>

#include "core/autograd/ops.h"
#include "core/nn/module.h"
#include "core/tasks/jet_common/jet_features.h"

namespace bithep::tasks::jet_common {

struct JetModelConfig {
    // Bounds of the format: far above any tagger we train (a 4096-wide, 64-block P-DAT has
    // ~10⁹ parameters), so a checkpoint beyond them is damaged or hostile, not big.
    static constexpr tensor::Index kMaxWidth = 4096, kMaxHeads = 64, kMaxBlocks = 64, kMaxParticleDim = 64;
    // 2·10⁷: fifty times the largest tagger we train (the full preset has ~4·10⁵), 80 MB of fp32.
    static constexpr double kMaxParameters = 2e7;
    std::string architecture = "pdat";  // "pdat" or "deepsets"
    tensor::Index particleDim = 13;     // 13 with PID, 7 without (qg_features.h)
    tensor::Index dim = 32;             // embedding width (P-DAT) / per-particle width (DeepSets)
    tensor::Index heads = 4;            // particle-attention heads
    tensor::Index blocks = 2;           // dual-attention blocks
    tensor::Index ffHidden = 64;        // feed-forward hidden width
    tensor::Index pairHidden = 16;      // hidden width of the pairwise-bias MLP
    std::size_t maxParticles = 48;      // hardest particles kept per jet (0 = all); pairs cost N²
    // ln(constituent multiplicity of the whole jet), standardised, joins the pooled particles
    // before the head. Mean pooling cannot count, and truncation to maxParticles hides the count
    // of the densest gluon jets; the count is the strongest single q/g observable. Checkpoints
    // written before this input existed load with it off.
    bool countInput = true;

    std::string toJson() const;
    // Throws std::invalid_argument naming the missing or invalid field.
    static JetModelConfig fromJson(const std::string& json);
    void validate() const;
};

class JetModel : public nn::Module {
public:
    JetModel(std::string typeName, const JetModelConfig& config);
    const JetModelConfig& config() const { return m_config; }
    virtual bool needsPairFeatures() const = 0;
    // Logits (batch, 1). Throws std::invalid_argument when the batch's particle dimension or
    // pair features do not match the model.
    virtual autograd::Var forward(const FeatureBatch& batch) = 0;
    // Sets the standardisation from the real (unpadded) particles and pairs of a batch.
    void fitInputScaling(const FeatureBatch& batch);

protected:
    autograd::Var scaledParticles(const FeatureBatch& batch) const;
    autograd::Var scaledPairs(const FeatureBatch& batch) const;  // (B·N·N, 4)
    autograd::Var scaledCount(const FeatureBatch& batch) const;  // (B, 1); needs countInput
    // `pooled` (B, C) with the scaled count appended as column C when countInput is on.
    autograd::Var withCount(const autograd::Var& pooled, const FeatureBatch& batch) const;
    tensor::Index countColumns() const { return m_config.countInput ? 1 : 0; }
    static autograd::SetMask setMask(const FeatureBatch& batch);
    void checkBatch(const FeatureBatch& batch) const;

private:
    JetModelConfig m_config;
    tensor::Matrix m_particleMean, m_particleScale;  // (1, D): x' = (x − mean)·scale
    tensor::Matrix m_pairMean, m_pairScale;          // (1, 4)
    tensor::Matrix m_countMean, m_countScale;        // (1, 1), of ln multiplicity
};

// FeatureOptions that give the model the inputs it expects.
FeatureOptions featureOptionsFor(const JetModelConfig& config);

}  // namespace bithep::tasks::jet_common
