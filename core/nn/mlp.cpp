#include "core/nn/mlp.h"

#include <stdexcept>

namespace bithep::nn {

Mlp::Mlp(const std::vector<Index>& sizes, Activation activation, tensor::Rng& rng, bool activateLast)
    : UnaryModule("MLP"), m_activation(activation), m_activateLast(activateLast) {
    if (sizes.size() < 2) throw std::invalid_argument("Mlp: needs at least input and output sizes");
    for (size_t i = 0; i + 1 < sizes.size(); ++i) {
        m_layers.push_back(addModule("fc" + std::to_string(i), std::make_shared<BitLinear>(sizes[i], sizes[i + 1], rng)));
    }
}

Var Mlp::forward(const Var& x) {
    Var h = x;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        h = m_layers[i]->forward(h);
        if (i + 1 < m_layers.size() || m_activateLast) h = applyActivation(m_activation, h);
    }
    return h;
}

}  // namespace bithep::nn
