#pragma once
// Conditional flow matching (Lipman et al. 2023; CaloDREAM-style) for showers in model space:
// straight paths x_t = (1 − t)·x0 + t·x1 from Gaussian noise x0 to data x1, and an MLP velocity
// field v(x_t, t, c) trained to match x1 − x0 by mean squared error. Sampling integrates
// dx/dt = v from t = 0 to 1 with the midpoint rule.
// Layer paths (what the plans address):
//   embed.fc0, embed.fc1   time/condition embedding: [sinusoidal(t) (16), c] → embedDim → embedDim
//   net.fc0                input layer [x_t, embedding] → hidden
//   net.fc1 … net.fc<n-2>  hidden layers
//   net.fc<n-1>            output layer hidden → voxels
#include <nlohmann/json_fwd.hpp>

#include "core/nn/mlp.h"
#include "core/tasks/calo/calo_generative_model.h"

namespace bithep::tasks::calo {

struct CfmConfig {
    int voxels = 368;
    int hidden = 256;
    int hiddenLayers = 3;  // linear layers between the input and output layers: hiddenLayers − 1
    int embedDim = 32;
    int timeFrequencies = 16;  // sinusoidal embedding width (even)
    int odeSteps = 8;          // midpoint steps: 2 network evaluations each
    nlohmann::json toJson() const;
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
    std::shared_ptr<nn::Mlp> m_embed, m_net;
};

}  // namespace bithep::tasks::calo
