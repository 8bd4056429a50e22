#include "core/quant/quantizer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bithep::quant {

std::string toString(Precision p) {
    switch (p) {
        case Precision::Fp32: return "fp32";
        case Precision::Ternary: return "ternary";
        case Precision::Binary: return "binary";
    }
    return "?";
}

std::string toString(ActivationBits a) { return a == ActivationBits::Int8 ? "8" : "fp32"; }

std::string toString(BitLinearVariant v) {
    return v == BitLinearVariant::Reference ? "reference" : "bitnet-paper";
}

Precision precisionFromString(const std::string& s) {
    if (s == "fp32") return Precision::Fp32;
    if (s == "ternary") return Precision::Ternary;
    if (s == "binary") return Precision::Binary;
    throw std::invalid_argument("unknown precision '" + s + "' (expected fp32, ternary or binary)");
}

ActivationBits activationBitsFromString(const std::string& s) {
    if (s == "8" || s == "int8") return ActivationBits::Int8;
    if (s == "fp32" || s == "32") return ActivationBits::Fp32;
    throw std::invalid_argument("unknown activation bits '" + s + "' (expected 8 or fp32)");
}

BitLinearVariant variantFromString(const std::string& s) {
    if (s == "reference") return BitLinearVariant::Reference;
    if (s == "bitnet-paper") return BitLinearVariant::BitNetPaper;
    throw std::invalid_argument("unknown BitLinear variant '" + s + "' (expected reference or bitnet-paper)");
}

Matrix QuantizedWeights::dequantized() const {
    Matrix m(rows, cols);
    for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(codes[static_cast<size_t>(i)]) * beta;
    return m;
}

QuantizedWeights quantizeWeights(const Matrix& w, Precision p) {
    if (p == Precision::Fp32) throw std::invalid_argument("quantizeWeights: fp32 has no integer codes");
    if (w.size() == 0) throw std::invalid_argument("quantizeWeights: empty weight matrix");
    QuantizedWeights q;
    q.rows = w.rows();
    q.cols = w.cols();
    q.codes.resize(static_cast<size_t>(w.size()));
    // Sums in double: a 1e6-entry layer would lose ~3 digits summing in float.
    double absSum = 0.0, sumW = 0.0;
    for (Index i = 0; i < w.size(); ++i) {
        absSum += std::abs(w.data()[i]);
        sumW += w.data()[i];
    }
    const auto n = static_cast<double>(w.size());
    q.beta = std::max(static_cast<float>(absSum / n), kMinScale);
    if (p == Precision::Ternary) {
        for (Index i = 0; i < w.size(); ++i) {
            const float r = std::nearbyint(w.data()[i] / q.beta);
            q.codes[static_cast<size_t>(i)] = static_cast<std::int8_t>(std::clamp(r, -1.0f, 1.0f));
        }
    } else {
        const auto alpha = static_cast<float>(sumW / n);
        for (Index i = 0; i < w.size(); ++i) {
            q.codes[static_cast<size_t>(i)] = w.data()[i] - alpha >= 0.0f ? 1 : -1;
        }
    }
    return q;
}

Matrix fakeQuantizeActivations(const Matrix& x) {
    Matrix out(x.rows(), x.cols());
    for (Index r = 0; r < x.rows(); ++r) {
        const float s = 127.0f / std::max(x.row(r).cwiseAbs().maxCoeff(), kMinScale);
        for (Index c = 0; c < x.cols(); ++c) {
            out(r, c) = std::clamp(std::nearbyint(x(r, c) * s), -128.0f, 127.0f) / s;
        }
    }
    return out;
}

void quantizeActivationsInt8(const Matrix& x, std::vector<std::int8_t>& codes, std::vector<float>& rowScale) {
    codes.resize(static_cast<size_t>(x.size()));
    rowScale.resize(static_cast<size_t>(x.rows()));
    for (Index r = 0; r < x.rows(); ++r) {
        const float s = 127.0f / std::max(x.row(r).cwiseAbs().maxCoeff(), kMinScale);
        rowScale[static_cast<size_t>(r)] = 1.0f / s;
        for (Index c = 0; c < x.cols(); ++c) {
            codes[static_cast<size_t>(r * x.cols() + c)] =
                static_cast<std::int8_t>(std::clamp(std::nearbyint(x(r, c) * s), -128.0f, 127.0f));
        }
    }
}

Matrix fakeQuantizeActivationsPerTensor(const Matrix& x) {
    const float gamma = std::max(x.size() ? x.cwiseAbs().maxCoeff() : 0.0f, kMinScale);
    const float s = kBitNetQb / gamma;
    return x.unaryExpr([s](float v) { return std::clamp(std::nearbyint(v * s), -kBitNetQb, kBitNetQb - 1.0f) / s; });
}

}  // namespace bithep::quant
