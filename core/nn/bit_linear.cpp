#include "core/nn/bit_linear.h"

#include "core/autograd/ops.h"
#include "core/kernels/ternary_linear.h"

namespace bithep::nn {

BitLinear::BitLinear(Index in, Index out, tensor::Rng& rng, bool bias, BitLinearConfig config)
    : Linear("BitLinear", in, out, rng, bias), m_config(config) {}

void BitLinear::setConfig(const BitLinearConfig& c) {
    if (c.precision != m_config.precision) {
        m_previousCodes.clear();  // flips across a precision change are meaningless
        m_flipRatio = 0.0;
    }
    m_config = c;
}

void BitLinear::setPrecision(quant::Precision p) {
    BitLinearConfig c = m_config;
    c.precision = p;
    setConfig(c);
}

void BitLinear::setActivationBits(quant::ActivationBits a) { m_config.activationBits = a; }

bool BitLinear::kernelEligible() const {
    return m_config.variant == quant::BitLinearVariant::Reference && m_config.precision != quant::Precision::Fp32 &&
           m_config.activationBits == quant::ActivationBits::Int8;
}

Var BitLinear::kernelForward(const Var& x) const {
    const Matrix& in = x.value();
    if (in.cols() != this->in())
        throw std::invalid_argument("BitLinear: input has " + std::to_string(in.cols()) + " features, layer expects " +
                                    std::to_string(this->in()));
    Matrix out(in.rows(), this->out());
    const float* b = bias().defined() ? bias().value().data() : nullptr;
    kernels::ternaryLinear(*m_kernel, in.data(), static_cast<int>(in.rows()), b, out.data());
    return autograd::constant(std::move(out));
}

Var BitLinear::forward(const Var& x) {
    using quant::ActivationBits;
    using quant::BitLinearVariant;
    using quant::Precision;
    if (m_kernel && !autograd::gradEnabled() && kernelEligible()) return kernelForward(x);
    const bool paper = m_config.variant == BitLinearVariant::BitNetPaper;
    if (m_config.precision == Precision::Fp32 && m_config.activationBits == ActivationBits::Fp32 && !paper) {
        return Linear::forward(x);  // bit-identical to a plain Linear
    }
    Var xin = paper ? autograd::layerNorm(x, Var(), Var()) : x;
    if (m_config.activationBits == ActivationBits::Int8) {
        xin = autograd::straightThrough(xin, paper ? quant::fakeQuantizeActivationsPerTensor(xin.value())
                                                   : quant::fakeQuantizeActivations(xin.value()));
    }
    Var w = weight();
    if (m_config.precision != Precision::Fp32) {
        w = autograd::straightThrough(w, quant::quantizeWeights(w.value(), m_config.precision).dequantized());
    }
    return autograd::linear(xin, w, bias());
}

void BitLinear::describe(const std::string& path, Index rowsPerSample, ModelListing& out) const {
    Linear::describe(path, rowsPerSample, out);
    if (m_config.variant == quant::BitLinearVariant::BitNetPaper) {
        // mean, variance, normalise: about 8 flops per input entry
        out.compute.push_back({path, "layer norm (inside BitLinear)", 8.0 * double(rowsPerSample * in())});
    }
}

quant::QuantizedWeights BitLinear::quantizedWeights() const {
    return quant::quantizeWeights(weight().value(), m_config.precision);
}

QuantStats BitLinear::stats() const {
    QuantStats s;
    if (m_config.precision == quant::Precision::Fp32) return s;
    const quant::QuantizedWeights q = quantizedWeights();
    for (std::int8_t c : q.codes) {
        if (c < 0) s.fractionMinus += 1.0;
        else if (c == 0) s.fractionZero += 1.0;
        else s.fractionPlus += 1.0;
    }
    const auto n = static_cast<double>(q.codes.size());
    s.fractionMinus /= n;
    s.fractionZero /= n;
    s.fractionPlus /= n;
    s.beta = q.beta;
    s.flipRatio = m_flipRatio;
    return s;
}

void BitLinear::recordStep() {
    if (m_config.precision == quant::Precision::Fp32) return;
    std::vector<std::int8_t> codes = quantizedWeights().codes;
    if (m_previousCodes.size() == codes.size()) {
        size_t flips = 0;
        for (size_t i = 0; i < codes.size(); ++i) flips += codes[i] != m_previousCodes[i] ? 1 : 0;
        m_flipRatio = static_cast<double>(flips) / static_cast<double>(codes.size());
    }
    m_previousCodes = std::move(codes);
}

}  // namespace bithep::nn
