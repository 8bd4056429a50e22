// AVX2 path (compiled with -mavx2, called only when CPUID reports AVX2): the GEMM emulates
// VPDPBUSD with VPMADDUBSW + VPMADDWD, and the activation quantizer used by both 256-bit paths.
// VPMADDUBSW saturates its int16 pair sums, so the bound matters: |c q| <= 2 * 128 per product,
// a pair <= 512, the two pairs added in int16 <= 1024 < 32767; VPMADDWD then widens to int32,
// where |lane| <= 256 K < 2^31 for K <= 2^22. No int16 value ever accumulates along K.
#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <utility>

#include "core/kernels/ternary_gemm.h"

namespace bithep::kernels::detail {

namespace {

constexpr int kGemmTokens = 4;  // 2 units (16 rows) x 4 tokens = 8 accumulators of 16 ymm
constexpr int kGemvUnits = 4;

struct Dot {
    static constexpr bool kPairs = true;  // two groups per VPMADDWD halves the widening work
    static inline __m256i once(__m256i, __m256i, __m256i);  // unused: pairs only
    static inline __m256i twice(__m256i acc, __m256i w0, __m256i x0, __m256i w1, __m256i x1) {
        const __m256i pairs = _mm256_add_epi16(_mm256_maddubs_epi16(w0, x0), _mm256_maddubs_epi16(w1, x1));
        return _mm256_add_epi32(acc, _mm256_madd_epi16(pairs, _mm256_set1_epi16(1)));
    }
};

#include "core/kernels/ternary_gemm_256.inc"

inline __m256i tailMask(int remaining) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(remaining), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

inline std::int32_t horizontalMax(__m256i v) {
    __m128i m = _mm_max_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    m = _mm_max_epi32(m, _mm_shuffle_epi32(m, 0x4E));
    m = _mm_max_epi32(m, _mm_shuffle_epi32(m, 0xB1));
    return _mm_cvtsi128_si32(m);
}

inline std::int32_t horizontalSum(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

// 8 floats -> 8 int32 rounded half to even (MXCSR default) and clamped to int8.
inline __m256i quantize8(__m256 x, __m256 s) {
    const __m256i i = _mm256_cvtps_epi32(_mm256_mul_ps(x, s));
    return _mm256_max_epi32(_mm256_min_epi32(i, _mm256_set1_epi32(127)), _mm256_set1_epi32(-128));
}

// Loads 8 floats; only the row's last chunk pays for a masked load.
inline __m256 load8(const float* p, int remaining) {
    return remaining >= 8 ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, tailMask(remaining));
}

}  // namespace

void ternaryGemmAvx2(const GemmArgs& a, int rbBegin, int rbEnd, int tBegin, int tEnd) {
    gemm256(a, rbBegin, rbEnd, tBegin, tEnd);
}

int quantizeRowsAvx2(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                     std::int32_t* sums) {
    const __m256i absBits = _mm256_set1_epi32(0x7fffffff);
    for (int t = 0; t < tokens; ++t) {
        const float* row = x + static_cast<std::size_t>(t) * cols;
        std::int8_t* out = q + static_cast<std::size_t>(t) * stride;
        // Integer max of the sign-cleared bits: exact, and NaN/inf sort above all finite values.
        __m256i mx = _mm256_setzero_si256();
        for (int k = 0; k < cols; k += 8)
            mx = _mm256_max_epi32(mx, _mm256_and_si256(_mm256_castps_si256(load8(row + k, cols - k)), absBits));
        const std::int32_t bits = horizontalMax(mx);
        if (bits >= 0x7f800000) return t;
        float m;
        std::memcpy(&m, &bits, sizeof m);
        m = m < 1e-8f ? 1e-8f : m;
        const __m256 s = _mm256_set1_ps(127.0f / m);
        __m256i sum = _mm256_setzero_si256();
        for (int k = 0; k < stride; k += 16) {
            const __m256i i0 = quantize8(load8(row + k, cols - k), s);
            const __m256i i1 = quantize8(load8(row + k + 8, cols - k - 8), s);
            sum = _mm256_add_epi32(sum, _mm256_add_epi32(i0, i1));
            // packs works per 128-bit lane; the permute restores i0[0..7], i1[0..7] order.
            const __m256i w16 = _mm256_permute4x64_epi64(_mm256_packs_epi32(i0, i1), 0xD8);
            const __m128i b = _mm_packs_epi16(_mm256_castsi256_si128(w16), _mm256_extracti128_si256(w16, 1));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), b);
        }
        absmax[t] = m;
        sums[t] = horizontalSum(sum);
    }
    return -1;
}

}  // namespace bithep::kernels::detail
