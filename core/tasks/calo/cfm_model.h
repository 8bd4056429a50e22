#pragma once
// Conditional flow matching (Lipman et al. 2023; CaloDREAM-style) for showers in model space:
// straight paths x_t = (1 − t)·x0 + t·x1 from Gaussian noise x0 to data x1, and a velocity
// field v(x_t, t, c) trained to match x1 − x0 by mean squared error. Sampling integrates
// dx/dt = v from t = 0 to 1 with the midpoint rule. Two velocity fields:
//   MLP (`cfm`): an MLP on [x_t, embedding]. Layer paths:
//     embed.fc0, embed.fc1   time/condition embedding: [sinusoidal(t) (16), c] → embedDim → embedDim
//     net.fc0                input layer [x_t, embedding] → hidden
//     net.fc1 … net.fc<n-2>  hidden layers
//     net.fc<n-1>            output layer hidden → voxels
//   Transformer (`cfm-transformer`): one token per calorimeter layer and one for the energies
//     (transformer_velocity_field.h); the embedding MLP ends at the token width and is added to
//     every token. Paths embed.fc0/fc1, then net.tokens.in<i>, net.blocks.<b>.…, net.tokens.out<i>.
// The loss weighs every token group equally when the transformer's tokens are known (see
// balancedWeights): with a plain mean the 6 energy columns would count for 6 of 374 and the
// layer energies, which decide the linear-scale means, would be learnt last.
#include <nlohmann/json_fwd.hpp>

#include "core/nn/mlp.h"
#include "core/tasks/calo/calo_generative_model.h"
#include "core/tasks/calo/transformer_velocity_field.h"

namespace bithep::tasks::calo {

struct CfmConfig {
    enum class Field { Mlp, Transformer };
    Field field = Field::Mlp;
    int voxels = 368;      // model-space columns
    int hidden = 256;      // MLP width, or the transformer's token width
    int hiddenLayers = 3;  // MLP: linear layers between input and output layers + 1; transformer: blocks
    int heads = 4;         // transformer only
    // Model-space columns per token (transformer) and per loss group (both fields); empty: one group.
    std::vector<int> tokenSizes;
    int embedDim = 32;
    int timeFrequencies = 16;  // sinusoidal embedding width (even)
    int odeSteps = 8;          // midpoint steps: 2 network evaluations each
    nlohmann::json toJson() const;
    // Defaults of the transformer field for a model-space layout (token width 64, 3 blocks).
    static CfmConfig transformer(const std::vector<int>& tokenSizes);
};

class CfmModel : public CaloGenerativeModel {
public:
    CfmModel(const CfmConfig& config, std::uint64_t seed);
    nn::Var velocity(const nn::Var& xt, const tensor::Matrix& t, const tensor::Matrix& cond);
    nn::Var loss(const tensor::Matrix& x, const tensor::Matrix& cond, tensor::Rng& rng) override;
    tensor::Matrix sample(const tensor::Matrix& cond, tensor::Rng& rng) override;
    int evaluationsPerSample() const override { return 2 * m_config.odeSteps; }
    std::string configJson() const override;
    const CfmConfig& config() const { return m_config; }

private:
    CfmConfig m_config;
    std::shared_ptr<nn::Mlp> m_embed, m_mlp;
    std::shared_ptr<TransformerVelocityField> m_transformer;
    tensor::Matrix m_lossWeights;  // (1 × voxels), mean 1; empty for a plain mean
};

}  // namespace bithep::tasks::calo
