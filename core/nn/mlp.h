#pragma once
// Multi-layer perceptron of BitLinear layers named fc0, fc1, ... with an activation between
// them (none after the last unless asked), so every layer can be quantized by a plan.
#include <memory>
#include <vector>

#include "core/nn/activation.h"
#include "core/nn/bit_linear.h"

namespace bithep::nn {

class Mlp : public UnaryModule {
public:
    // sizes = {in, hidden..., out}; at least two entries.
    Mlp(const std::vector<Index>& sizes, Activation activation, tensor::Rng& rng, bool activateLast = false);
    Var forward(const Var& x) override;
    const std::vector<std::shared_ptr<BitLinear>>& layers() const { return m_layers; }

private:
    std::vector<std::shared_ptr<BitLinear>> m_layers;
    Activation m_activation;
    bool m_activateLast;
};

}  // namespace bithep::nn
