// AVX2 path (compiled with -mavx2, called only when CPUID reports AVX2): the GEMM emulates
// VPDPBUSD with VPMADDUBSW + VPMADDWD, and the activation quantizer used by both 256-bit paths.
// VPMADDUBSW saturates its int16 pair sums, so the bound matters: |c q| <= 2 * 128 per product,
// a pair <= 512, the two pairs added in int16 <= 1024 < 32767; VPMADDWD then widens to int32,
// where the lanes, which start at -sum q (|sum q| <= 128 K), stay within 384 K < 2^31 for
// K <= 2^22. No int16 value ever accumulates along K.
#include <cstdint>
#include <cstring>
#include <immintrin.h>
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

constexpr int kQuantBatch = 8;  // tokens whose per-token scalars are computed as one vector

// Lane i of the result is op over the 8 lanes of v[i] (7 x (2 shuffles + op) for 8 rows).
template <class Op>
inline __m256i reduceRows(const __m256i (&v)[kQuantBatch], Op op) {
    __m256i a[4], b[2];
    for (int i = 0; i < 4; ++i)  // per 128-bit lane: (v0 v1 v0 v1) partials
        a[i] =
            op(_mm256_unpacklo_epi32(v[2 * i], v[2 * i + 1]), _mm256_unpackhi_epi32(v[2 * i], v[2 * i + 1]));
    for (int i = 0; i < 2; ++i)  // per 128-bit lane: (v0 v1 v2 v3), each over that lane
        b[i] =
            op(_mm256_unpacklo_epi64(a[2 * i], a[2 * i + 1]), _mm256_unpackhi_epi64(a[2 * i], a[2 * i + 1]));
    return op(_mm256_permute2x128_si256(b[0], b[1], 0x20), _mm256_permute2x128_si256(b[0], b[1], 0x31));
}

// Loads 8 floats; only the row's last chunk pays for a masked load (none at all past the row).
inline __m256 load8(const float* p, int remaining) {
    return remaining >= 8 ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, tailMask(remaining));
}

// Lane-wise max of the sign-cleared float bits: exact, and NaN/inf sort above all finite values.
inline __m256i absMaxBits(const float* row, int cols) {
    const __m256i absBits = _mm256_set1_epi32(0x7fffffff);
    __m256i mx = _mm256_setzero_si256();
    for (int k = 0; k < cols; k += 8)
        mx = _mm256_max_epi32(mx, _mm256_and_si256(_mm256_castps_si256(load8(row + k, cols - k)), absBits));
    return mx;
}

// x * s rounded half to even (MXCSR default). No clamp: |x| <= m and s = fl(127 / m) give
// |fl(x s)| <= 127 (1 + 2^-24)^2 < 127.5, so the reference's clip to [-128, 127] never bites
// (and the saturating packs in quantizeRow would apply it anyway).
inline __m256i round8(__m256 x, __m256 s) {
    return _mm256_cvtps_epi32(_mm256_mul_ps(x, s));
}

// Writes the row's int8 codes up to stride (zero padding) and returns their lane-wise sums.
inline __m256i quantizeRow(const float* row, int cols, int stride, __m256 s, std::int8_t* out) {
    __m256i sum = _mm256_setzero_si256();
    for (int k = 0; k < stride; k += 16) {
        const __m256i i0 = round8(load8(row + k, cols - k), s);
        const __m256i i1 = round8(load8(row + k + 8, cols - k - 8), s);
        sum = _mm256_add_epi32(sum, _mm256_add_epi32(i0, i1));
        // packs works per 128-bit lane; the permute restores i0[0..7], i1[0..7] order.
        const __m256i w16 = _mm256_permute4x64_epi64(_mm256_packs_epi32(i0, i1), 0xD8);
        const __m128i b = _mm_packs_epi16(_mm256_castsi256_si128(w16), _mm256_extracti128_si256(w16, 1));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), b);
    }
    return sum;
}

// One token; false for a NaN/inf row.
inline bool quantizeToken(const float* row, int cols, int stride, std::int8_t* out, float beta, float* absmax,
                          std::int32_t* sum, float* outScale) {
    const std::int32_t bits = horizontalMax(absMaxBits(row, cols));
    if (bits >= 0x7f800000) return false;
    float m;
    std::memcpy(&m, &bits, sizeof m);
    m = m < 1e-8f ? 1e-8f : m;
    *sum = horizontalSum(quantizeRow(row, cols, stride, _mm256_set1_ps(127.0f / m), out));
    *absmax = m;
    if (outScale != nullptr)
        *outScale = (beta * m) / 127.0f;  // outputScale(), spelled out: see ternary_gemm.h
    return true;
}

// kQuantBatch tokens from t0 with the per-token scalars (absmax, 127 / m, output scale, sums) as
// vectors. Returns how many tokens were done: kQuantBatch, or the batch index of a NaN/inf token.
int quantizeBatch(const float* x, int t0, int cols, int stride, std::int8_t* q, float* absmax,
                  std::int32_t* sums, float beta, float* outScale) {
    __m256i v[kQuantBatch];
    for (int i = 0; i < kQuantBatch; ++i)
        v[i] = absMaxBits(x + static_cast<std::size_t>(t0 + i) * cols, cols);
    const __m256i bits = reduceRows(v, [](__m256i l, __m256i r) { return _mm256_max_epi32(l, r); });
    const unsigned bad =
        _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(bits, _mm256_set1_epi32(0x7f7fffff))));
    const int count = bad != 0 ? __builtin_ctz(bad) : kQuantBatch;
    const __m256i done = tailMask(count);
    // Lanes past a bad token may hold NaN; they are computed but never stored or used.
    const __m256 m = _mm256_max_ps(_mm256_castsi256_ps(bits), _mm256_set1_ps(1e-8f));
    alignas(32) float s[kQuantBatch];
    _mm256_store_ps(s, _mm256_div_ps(_mm256_set1_ps(127.0f), m));
    _mm256_maskstore_ps(absmax + t0, done, m);
    if (outScale != nullptr)
        _mm256_maskstore_ps(outScale + t0, done,
                            _mm256_div_ps(_mm256_mul_ps(_mm256_set1_ps(beta), m), _mm256_set1_ps(127.0f)));
    for (int i = 0; i < kQuantBatch; ++i) {
        const std::size_t t = static_cast<std::size_t>(t0) + static_cast<std::size_t>(i);
        v[i] = i < count ? quantizeRow(x + t * cols, cols, stride, _mm256_set1_ps(s[i]), q + t * stride)
                         : _mm256_setzero_si256();
    }
    _mm256_maskstore_epi32(reinterpret_cast<int*>(sums + t0), done,
                           reduceRows(v, [](__m256i l, __m256i r) { return _mm256_add_epi32(l, r); }));
    return count;
}

}  // namespace

void ternaryGemmAvx2(const GemmArgs& a, int rbBegin, int rbEnd, int tBegin, int tEnd) {
    gemm256(a, rbBegin, rbEnd, tBegin, tEnd);
}

int quantizeRowsAvx2(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                     std::int32_t* sums, float beta, float* outScale) {
    int t = 0;
    for (; t + kQuantBatch <= tokens; t += kQuantBatch) {
        const int done = quantizeBatch(x, t, cols, stride, q, absmax, sums, beta, outScale);
        if (done < kQuantBatch) return t + done;
    }
    for (; t < tokens; ++t)
        if (!quantizeToken(x + static_cast<std::size_t>(t) * cols, cols, stride,
                           q + static_cast<std::size_t>(t) * stride, beta, absmax + t, sums + t,
                           outScale != nullptr ? outScale + t : nullptr))
            return t;
    return -1;
}

}  // namespace bithep::kernels::detail
