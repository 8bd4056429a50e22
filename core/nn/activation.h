#pragma once
// Named element-wise activations, selectable from configuration text ("relu", "gelu", ...),
// and a parameter-free module wrapping one for use inside Sequential.
#include <string>

#include "core/nn/module.h"

namespace bithep::nn {

enum class Activation { Identity, ReLU, LeakyReLU, GELU, SiLU, Tanh, Sigmoid };

Var applyActivation(Activation a, const Var& x);
std::string toString(Activation a);
Activation activationFromString(const std::string& s);  // throws std::invalid_argument

class ActivationLayer : public UnaryModule {
public:
    explicit ActivationLayer(Activation a) : UnaryModule("Activation"), m_activation(a) {}
    Var forward(const Var& x) override { return applyActivation(m_activation, x); }

private:
    Activation m_activation;
};

}  // namespace bithep::nn
