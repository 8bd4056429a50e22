#pragma once
// The quantization arithmetic of BitLinear (docs/ARCHITECTURE.md §4.2), shared by training
// (fake-quantized floats) and by the integer inference kernels (codes + scales). Rounding is
// round-half-to-even: std::nearbyint under the default FE_TONEAREST mode, which this code never
// changes.
#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor/tensor.h"

namespace bithep::quant {

using tensor::Index;
using tensor::Matrix;

enum class Precision { Fp32, Ternary, Binary };
enum class ActivationBits { Fp32, Int8 };
// Reference = what the reference code and the paper's numbers use (default);
// BitNetPaper = LayerNorm inside the layer, per-tensor γ, Q_b = 128, β·γ/Q_b rescale.
enum class BitLinearVariant { Reference, BitNetPaper };

std::string toString(Precision p);
std::string toString(ActivationBits a);
std::string toString(BitLinearVariant v);
// Throw std::invalid_argument naming the unknown text.
Precision precisionFromString(const std::string& s);
ActivationBits activationBitsFromString(const std::string& s);
BitLinearVariant variantFromString(const std::string& s);

// Smallest |W| mean used as scale, so an all-zero weight matrix gives finite codes.
inline constexpr float kMinScale = 1e-8f;

// Integer weight codes (each −1, 0 or +1; binary uses only ±1) and the scale β with W_q = code·β.
struct QuantizedWeights {
    std::vector<std::int8_t> codes;  // row-major (out, in)
    Index rows = 0;
    Index cols = 0;
    float beta = 0.0f;
    Matrix dequantized() const;
};

// Ternary: β = max(mean|W|, 1e-8), code = clip(round(W/β), −1, 1).
// Binary:  α = mean(W), β as above, code = sign(W − α) with sign(0) = +1 (codes stay two-valued).
// Fp32 is rejected: there are no codes for it.
QuantizedWeights quantizeWeights(const Matrix& w, Precision p);

// Per-token (row) absmax int8: s = 127/max(max|x|, 1e-8), x_q = clip(round(x·s), −128, 127)/s.
Matrix fakeQuantizeActivations(const Matrix& x);
// Integer form of the same: codes and the per-row dequantisation factor 1/s.
void quantizeActivationsInt8(const Matrix& x, std::vector<std::int8_t>& codes, std::vector<float>& rowScale);

// BitNet-paper form: γ = max|x| over the whole tensor, x_int = clip(round(x·Q_b/γ), −Q_b, Q_b−1),
// fake-quantized x_q = x_int·γ/Q_b with Q_b = 128.
inline constexpr float kBitNetQb = 128.0f;
Matrix fakeQuantizeActivationsPerTensor(const Matrix& x);

}  // namespace bithep::quant
