#pragma once
// Per-token absmax int8 quantization of activations, exactly as BitLinear defines it:
//   m_t = max(max_k |x_tk|, 1e-8),  s_t = 127 / m_t,  q_tk = clip(round(x_tk * s_t), -128, 127)
// with round half to even (the default FP rounding mode, which nothing in the app changes; the
// SIMD paths use the same mode or request it explicitly). Every kernel path gives the same
// bytes. NaN or infinite inputs are rejected with std::invalid_argument naming the token and
// column: no integer value represents them and silently mapping them would hide a bug upstream.
#include <cstdint>
#include <vector>

#include "core/kernels/aligned_allocator.h"

namespace bithep::kernels {

struct QuantizedActivations {
    int tokens = 0;
    int cols = 0;
    int stride = 0;  // cols rounded up to 16; the padding bytes are zero
    std::vector<std::int8_t, AlignedAllocator<std::int8_t>> values;  // tokens x stride
    std::vector<float> absmax;       // m_t (already clamped to >= 1e-8)
    std::vector<std::int32_t> sums;  // sum_k q_tk; must match values (the VNNI paths subtract it)

    std::int8_t at(int token, int col) const {
        return values[static_cast<std::size_t>(token) * stride + col];
    }
    float scale(int token) const { return 127.0f / absmax[token]; }  // s_t
};

// x: tokens x cols row-major. Uses the active kernel path (kernel_path.h).
QuantizedActivations quantizeActivations(const float* x, int tokens, int cols);
// Same, reusing out's buffers.
void quantizeActivations(const float* x, int tokens, int cols, QuantizedActivations& out);

// The float each output is multiplied by: (beta * m_t) / 127, in this operation order on every
// path so that outputs are bitwise identical.
inline float outputScale(float beta, float absmax) { return (beta * absmax) / 127.0f; }

}  // namespace bithep::kernels
