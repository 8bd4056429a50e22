// Scalar reference kernels: the oracle every SIMD path must match bit for bit, and the path
// used on CPUs without AVX2. Written for obviousness: weights are decoded to {-1, 0, 1} and
// multiplied directly, with no unsigned-code trick.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/kernels/quantized_activations.h"
#include "core/kernels/ternary_gemm.h"
#include "core/kernels/ternary_matrix.h"

namespace bithep::kernels::detail {

int quantizeRowsRef(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                    std::int32_t* sums, float beta, float* outScale) {
    for (int t = 0; t < tokens; ++t) {
        const float* row = x + static_cast<std::size_t>(t) * cols;
        std::int8_t* out = q + static_cast<std::size_t>(t) * stride;
        float m = 0.0f;
        for (int k = 0; k < cols; ++k) {
            if (!std::isfinite(row[k])) return t;
            m = std::max(m, std::fabs(row[k]));
        }
        m = std::max(m, 1e-8f);
        const float s = 127.0f / m;
        std::int32_t sum = 0;
        for (int k = 0; k < cols; ++k) {
            const float r = std::nearbyint(row[k] * s);  // half to even in the default FP mode
            const auto v = static_cast<std::int32_t>(std::clamp(r, -128.0f, 127.0f));
            out[k] = static_cast<std::int8_t>(v);
            sum += v;
        }
        std::fill(out + cols, out + stride, std::int8_t{0});
        absmax[t] = m;
        sums[t] = sum;
        if (outScale != nullptr) outScale[t] = outputScale(beta, m);
    }
    return -1;
}

void ternaryGemmRef(const GemmArgs& a, int rbBegin, int rbEnd, int tBegin, int tEnd) {
    const int cols = a.kTiles * kTileCols;
    std::vector<std::int8_t> w(cols);
    const int rowEnd = std::min(a.rows, rbEnd * kTileRows);
    for (int m = rbBegin * kTileRows; m < rowEnd; ++m) {
        for (int k = 0; k < cols; ++k) {
            const std::uint8_t byte = a.tiles[TernaryMatrix::codeByte(m, k, a.kTiles)];
            w[k] = static_cast<std::int8_t>(((byte >> TernaryMatrix::codeShift(k)) & 3) - 1);
        }
        for (int t = tBegin; t < tEnd; ++t) {
            const std::int8_t* x = a.xq + static_cast<std::size_t>(t) * a.xStride;
            std::int32_t acc = 0;  // |acc| <= 128 * K < 2^31 for K <= 2^22
            for (int k = 0; k < cols; ++k) acc += std::int32_t{w[k]} * x[k];
            const std::size_t out = static_cast<std::size_t>(t) * a.rows + m;
            if (a.y == nullptr) {
                a.acc[out] = acc;
                continue;
            }
            float y = a.outScale[t] * static_cast<float>(acc);
            if (a.bias != nullptr) y = y + a.bias[m];
            a.y[out] = y;
        }
    }
}

}  // namespace bithep::kernels::detail
