// AVX-512 VNNI path (compiled with -mavx512f -mavx512bw -mavx512vnni; called only when CPUID
// reports them). Weights are the unsigned VPDPBUSD operand: codes c = w + 1 in {0, 1, 2} come
// straight out of the tile with one shift and one and, activations q are the signed operand, and
//   sum_k w_k q_k = sum_k c_k q_k - sum_k q_k,
// so one per-token correction replaces any decode to signed bytes. No overflow: every lane adds
// 4 products |c q| <= 2 * 128 per instruction, so |lane| <= 256 K < 2^31 for K <= 2^22
// (kMaxTernaryCols), and VPDPBUSD sums the four products exactly before adding.
// Everything here has internal linkage or plain C signatures; see ternary_gemm.h for why.
// GCC 12's AVX-512 headers build "undefined" registers by self-assignment (__Y = __Y), which
// -Wmaybe-uninitialized reports at every inlined reduce/mask intrinsic: a header false positive.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <utility>

#include "core/kernels/ternary_gemm.h"

namespace bithep::kernels::detail {

namespace {

constexpr int kTileBytes = 64;
constexpr int kBlockRows = 16;
constexpr int kGemmRows = 2;    // row blocks per GEMM register tile (32 outputs) ...
constexpr int kGemmTokens = 8;  // ... times 8 tokens = 16 accumulators; weights decoded once per tile
constexpr int kGemvRows = 8;    // one token: 8 row blocks keep 8 independent accumulator chains busy

inline std::int32_t load32(const std::int8_t* p) {
    std::int32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <int Sub>
inline __m512i decode(__m512i packed, __m512i mask) {
    if constexpr (Sub == 0) return _mm512_and_si512(packed, mask);
    else return _mm512_and_si512(_mm512_srli_epi16(packed, 2 * Sub), mask);
}

template <int R, int T, int Sub>
inline void step(__m512i (&acc)[R][T], const __m512i (&packed)[R], const std::int8_t* const (&xp)[T],
                 int koff, __m512i mask) {
    __m512i w[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) w[r] = decode<Sub>(packed[r], mask);
#pragma GCC unroll 8
    for (int t = 0; t < T; ++t) {
        const __m512i xb = _mm512_set1_epi32(load32(xp[t] + koff + 4 * Sub));
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) acc[r][t] = _mm512_dpbusd_epi32(acc[r][t], w[r], xb);
    }
}

template <int R, int T>
inline void store(const GemmArgs& a, const __m512i (&acc)[R][T], int rb, int t0) {
    for (int r = 0; r < R; ++r) {
        const int m0 = (rb + r) * kBlockRows;
        const int valid = a.rows - m0;
        const __mmask16 mask = valid >= kBlockRows ? __mmask16(0xFFFF) : __mmask16((1u << valid) - 1);
        const __m512 bias = a.bias ? _mm512_maskz_loadu_ps(mask, a.bias + m0) : _mm512_setzero_ps();
        for (int t = 0; t < T; ++t) {
            const __m512i v = _mm512_sub_epi32(acc[r][t], _mm512_set1_epi32(a.xSums[t0 + t]));
            const std::size_t out = static_cast<std::size_t>(t0 + t) * a.rows + m0;
            if (a.y == nullptr) {
                _mm512_mask_storeu_epi32(a.acc + out, mask, v);
                continue;
            }
            // Same operation order as the reference: (scale * float(acc)) + bias, never fused.
            __m512 f = _mm512_mul_ps(_mm512_cvtepi32_ps(v), _mm512_set1_ps(a.outScale[t0 + t]));
            if (a.bias) f = _mm512_add_ps(f, bias);
            _mm512_mask_storeu_ps(a.y + out, mask, f);
        }
    }
}

template <int R, int T>
void microKernel(const GemmArgs& a, int rb, int t0) {
    __m512i acc[R][T];
    for (int r = 0; r < R; ++r)
        for (int t = 0; t < T; ++t) acc[r][t] = _mm512_setzero_si512();
    const __m512i mask = _mm512_set1_epi8(3);
    const std::size_t blockBytes = static_cast<std::size_t>(a.kTiles) * kTileBytes;
    const std::uint8_t* wp[R];
    for (int r = 0; r < R; ++r) wp[r] = a.tiles + static_cast<std::size_t>(rb + r) * blockBytes;
    const std::int8_t* xp[T];
    for (int t = 0; t < T; ++t) xp[t] = a.xq + static_cast<std::size_t>(t0 + t) * a.xStride;
    for (int j = 0; j < a.kTiles; ++j) {
        __m512i packed[R];
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) packed[r] = _mm512_load_si512(wp[r] + j * kTileBytes);
        const int koff = j * 16;
        step<R, T, 0>(acc, packed, xp, koff, mask);
        step<R, T, 1>(acc, packed, xp, koff, mask);
        step<R, T, 2>(acc, packed, xp, koff, mask);
        step<R, T, 3>(acc, packed, xp, koff, mask);
    }
    store<R, T>(a, acc, rb, t0);
}

using MicroFn = void (*)(const GemmArgs&, int, int);

// Kernel tables indexed by (count - 1); plain arrays with internal linkage (no std template
// gets instantiated with AVX-512 flags).
template <int R, int... T>
struct TokenTable {
    static constexpr MicroFn fns[sizeof...(T)] = {&microKernel<R, T + 1>...};
};
template <int... R>
struct GemvTable {
    static constexpr MicroFn fns[sizeof...(R)] = {&microKernel<R + 1, 1>...};
};
template <int R, int... T>
constexpr const MicroFn* tokenTable(std::integer_sequence<int, T...>) {
    return TokenTable<R, T...>::fns;
}
template <int... R>
constexpr const MicroFn* gemvTable(std::integer_sequence<int, R...>) {
    return GemvTable<R...>::fns;
}
constexpr const MicroFn* kOneBlock = tokenTable<1>(std::make_integer_sequence<int, kGemmTokens>{});
constexpr const MicroFn* kFullBlocks = tokenTable<kGemmRows>(std::make_integer_sequence<int, kGemmTokens>{});
constexpr const MicroFn* kGemv = gemvTable(std::make_integer_sequence<int, kGemvRows>{});

inline __mmask16 tailMask(int remaining) {
    return remaining >= 16 ? __mmask16(0xFFFF) : remaining > 0 ? __mmask16((1u << remaining) - 1) : 0;
}

}  // namespace

void ternaryGemmAvx512Vnni(const GemmArgs& a, int rbBegin, int rbEnd, int tBegin, int tEnd) {
    for (int t = tBegin; t < tEnd; t += kGemmTokens) {
        const int nt = tEnd - t < kGemmTokens ? tEnd - t : kGemmTokens;
        if (nt == 1) {
            for (int rb = rbBegin; rb < rbEnd; rb += kGemvRows) {
                const int nr = rbEnd - rb < kGemvRows ? rbEnd - rb : kGemvRows;
                kGemv[nr - 1](a, rb, t);
            }
            continue;
        }
        for (int rb = rbBegin; rb < rbEnd; rb += kGemmRows) {
            if (rbEnd - rb >= kGemmRows) kFullBlocks[nt - 1](a, rb, t);
            else for (int r = rb; r < rbEnd; ++r) kOneBlock[nt - 1](a, r, t);
        }
    }
}

int quantizeRowsAvx512(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                       std::int32_t* sums) {
    const __m512i absBits = _mm512_set1_epi32(0x7fffffff);
    const __m512i lo = _mm512_set1_epi32(-128);
    const __m512i hi = _mm512_set1_epi32(127);
    for (int t = 0; t < tokens; ++t) {
        const float* row = x + static_cast<std::size_t>(t) * cols;
        std::int8_t* out = q + static_cast<std::size_t>(t) * stride;
        // max |x| as the integer max of the sign-cleared bits: exact, and NaN/inf sort above
        // every finite value, so one compare finds them.
        __m512i mx = _mm512_setzero_si512();
        for (int k = 0; k < cols; k += 16)
            mx = _mm512_max_epi32(mx, _mm512_and_si512(_mm512_maskz_loadu_epi32(tailMask(cols - k), row + k),
                                                       absBits));
        const std::int32_t bits = _mm512_reduce_max_epi32(mx);
        if (bits >= 0x7f800000) return t;
        float m;
        std::memcpy(&m, &bits, sizeof m);
        m = m < 1e-8f ? 1e-8f : m;
        const __m512 s = _mm512_set1_ps(127.0f / m);
        __m512i sum = _mm512_setzero_si512();
        for (int k = 0; k < stride; k += 16) {
            const __m512 v = _mm512_mul_ps(_mm512_maskz_loadu_ps(tailMask(cols - k), row + k), s);
            __m512i i = _mm512_cvt_roundps_epi32(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
            i = _mm512_max_epi32(_mm512_min_epi32(i, hi), lo);
            sum = _mm512_add_epi32(sum, i);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), _mm512_cvtepi32_epi8(i));
        }
        absmax[t] = m;
        sums[t] = _mm512_reduce_add_epi32(sum);
    }
    return -1;
}

}  // namespace bithep::kernels::detail
