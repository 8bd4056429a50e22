#pragma once
// What the calorimeter task asks of a generative model: a training loss on a batch of showers in
// model space with their conditions, and samples for given conditions. Both models are built
// from BitLinear layers with dotted paths, so quantization plans, checkpoints and the cost
// model treat them like every other network of the project.
#include <string>

#include "core/nn/module.h"

namespace bithep::tasks::calo {

class CaloGenerativeModel : public nn::Module {
public:
    using nn::Module::Module;
    // Mean loss of a batch: x (B × voxels) in model space, cond (B × 1). rng draws the time and
    // noise of flow matching (unused by the normalizing flow).
    virtual nn::Var loss(const tensor::Matrix& x, const tensor::Matrix& cond, tensor::Rng& rng) = 0;
    // Samples in model space for the conditions (B × 1); runs without recording a graph.
    virtual tensor::Matrix sample(const tensor::Matrix& cond, tensor::Rng& rng) = 0;
    // Network evaluations per sampled shower (ODE steps × evaluations per step; 1 for a flow),
    // so cost per shower = cost per evaluation × this.
    virtual int evaluationsPerSample() const = 0;
    virtual std::string configJson() const = 0;
};

}  // namespace bithep::tasks::calo
