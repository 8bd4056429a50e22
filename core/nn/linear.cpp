#include "core/nn/linear.h"

#include <cmath>
#include <stdexcept>

#include "core/autograd/ops.h"

namespace bithep::nn {

Linear::Linear(Index in, Index out, tensor::Rng& rng, bool bias) : Linear("Linear", in, out, rng, bias) {}

Linear::Linear(std::string typeName, Index in, Index out, tensor::Rng& rng, bool bias)
    : UnaryModule(std::move(typeName)), m_in(in), m_out(out) {
    if (in <= 0 || out <= 0) {
        throw std::invalid_argument("Linear: sizes must be positive, got " + std::to_string(in) + " -> " +
                                    std::to_string(out));
    }
    const float bound = 1.0f / std::sqrt(static_cast<float>(in));
    m_weight = addParameter("weight", tensor::uniform(out, in, -bound, bound, rng));
    if (bias) m_bias = addParameter("bias", tensor::uniform(1, out, -bound, bound, rng));
}

Var Linear::forward(const Var& x) { return autograd::linear(x, m_weight, m_bias); }

void Linear::describe(const std::string& path, Index rowsPerSample, ModelListing& out) const {
    LayerInfo info;
    info.path = path;
    info.type = typeName();
    info.in = m_in;
    info.out = m_out;
    info.parameters = m_in * m_out + (m_bias.defined() ? m_out : 0);
    info.macsPerSample = static_cast<double>(rowsPerSample) * static_cast<double>(m_in * m_out);
    info.precision = precision();
    info.activationBits = activationBits();
    out.layers.push_back(info);
}

}  // namespace bithep::nn
