#include "core/nn/activation.h"

#include <stdexcept>

#include "core/autograd/ops.h"

namespace bithep::nn {

Var applyActivation(Activation a, const Var& x) {
    switch (a) {
        case Activation::Identity: return x;
        case Activation::ReLU: return autograd::relu(x);
        case Activation::LeakyReLU: return autograd::leakyRelu(x, 0.01f);
        case Activation::GELU: return autograd::gelu(x);
        case Activation::SiLU: return autograd::silu(x);
        case Activation::Tanh: return autograd::tanh(x);
        case Activation::Sigmoid: return autograd::sigmoid(x);
    }
    return x;
}

std::string toString(Activation a) {
    switch (a) {
        case Activation::Identity: return "identity";
        case Activation::ReLU: return "relu";
        case Activation::LeakyReLU: return "leaky_relu";
        case Activation::GELU: return "gelu";
        case Activation::SiLU: return "silu";
        case Activation::Tanh: return "tanh";
        case Activation::Sigmoid: return "sigmoid";
    }
    return "?";
}

Activation activationFromString(const std::string& s) {
    for (Activation a : {Activation::Identity, Activation::ReLU, Activation::LeakyReLU, Activation::GELU,
                         Activation::SiLU, Activation::Tanh, Activation::Sigmoid}) {
        if (toString(a) == s) return a;
    }
    throw std::invalid_argument("unknown activation '" + s + "'");
}

}  // namespace bithep::nn
