#pragma once
// Decay-plane regressors of the SMEFT task: a message-passing / DeepSets network on the jet
// constituents. `embed` (MLP 8→w) per constituent; `mp.<r>` rounds of message passing on the
// fully connected constituent graph with mean aggregation: messages `mp.<r>.message` (w→w) are
// averaged over the jet and each node is updated by `mp.<r>.update` ([h_i, mean message] 2w→w,
// residual); `readout` (w→w/2→2) gives each constituent a complex weight (a_i, b_i). The output
// is Z = Σ_i (pT_i/Σ pT)·(a_i + i b_i)·e^{2iφ_i} and the prediction φ = ½·arg Z, so the network
// is exactly equivariant under rotations about the jet axis (smeft_features.h).
//
// Loss: mean sin²(φ_pred − φ_true) = mean ½(1 − cos 2(φ_pred − φ_true)), computed from Z
// without an arctangent: cos 2Δ = (X cos 2φ_t + Y sin 2φ_t)/|Z|.
//
// Presets (parameters): small (w 32, 1 round) 3 986 — the reference study's size; medium
// (w 64, 2 rounds) 27 554; large (w 176, 2 rounds) 203 898.
#include <memory>
#include <string>
#include <vector>

#include "core/autograd/ops.h"
#include "core/nn/mlp.h"
#include "core/nn/module.h"
#include "core/tasks/smeft/smeft_features.h"

namespace bithep::tasks::smeft {

struct SmeftModelConfig {
    std::string preset = "small";
    tensor::Index width = 32;
    int rounds = 1;
    std::size_t maxParticles = 40;  // constituents per jet the network sees

    static SmeftModelConfig fromPreset(const std::string& name);  // small, medium, large
    static std::vector<std::string> presetNames();
    std::string toJson() const;
    void validate() const;  // throws std::invalid_argument naming the bad field
};

// The network's output for a batch: Z = (x, y), each (B, 1).
struct DecayPlaneOutput {
    autograd::Var x, y;
};

class SmeftModel : public nn::Module {
public:
    SmeftModel(const SmeftModelConfig& config, std::uint64_t seed);
    const SmeftModelConfig& config() const { return m_config; }
    DecayPlaneOutput forward(const SmeftBatch& batch);
    // Sets the per-feature standardisation from the real constituents of a batch.
    void fitInputScaling(const SmeftBatch& batch);

private:
    SmeftModelConfig m_config;
    std::shared_ptr<nn::Mlp> m_embed, m_readout;
    std::vector<std::shared_ptr<nn::Mlp>> m_message, m_update;
    tensor::Matrix m_mean, m_scale;  // (1, D): x' = (x − mean)·scale
};

// mean sin²(φ_pred − φ_true) from the network's Z and the batch targets.
autograd::Var decayPlaneLoss(const DecayPlaneOutput& out, const SmeftBatch& batch);
// φ_pred = ½·arg Z in [0, π), one per event.
std::vector<double> predictedPhi(const DecayPlaneOutput& out);

}  // namespace bithep::tasks::smeft
