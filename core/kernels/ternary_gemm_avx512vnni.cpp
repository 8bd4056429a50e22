// AVX-512 VNNI path (compiled with -mavx512f -mavx512bw -mavx512vnni; called only when CPUID
// reports them). Weights are the unsigned VPDPBUSD operand: codes c = w + 1 in {0, 1, 2} come
// straight out of the tile with one shift and one and, activations q are the signed operand, and
//   sum_k w_k q_k = sum_k c_k q_k - sum_k q_k,
// so the accumulators start at -sum_k q_k instead of any decode to signed bytes. No overflow:
// every lane starts at |sum q| <= 128 K and adds 4 products |c q| <= 2 * 128 per instruction, so
// |lane| <= 384 K < 2^31 for K <= 2^22 (kMaxTernaryCols), and VPDPBUSD sums the four products
// exactly before adding.
// Everything here has internal linkage or plain C signatures; see ternary_gemm.h for why.
// GCC 12's AVX-512 headers build "undefined" registers by self-assignment (__Y = __Y), which
// -Wmaybe-uninitialized / -Wuninitialized report at every inlined reduce/mask/convert intrinsic:
// a header false positive.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#ifdef BITHEP_KERNELS_EMULATED  // test-only portable build, see ternary_gemm.h
#include "core/kernels/simde_avx512_shim.h"
#define BITHEP_KERNELS_ISA_NS emulated
#else
#include <immintrin.h>
#define BITHEP_KERNELS_ISA_NS detail
#endif

#include <cstdint>
#include <cstring>
#include <utility>

#include "core/kernels/ternary_gemm.h"

namespace bithep::kernels::BITHEP_KERNELS_ISA_NS {

namespace {

constexpr int kTileBytes = 64;
constexpr int kBlockRows = 16;
constexpr int kGemmRows = 2;    // row blocks per GEMM register tile (32 outputs) ...
constexpr int kGemmTokens = 8;  // ... times 8 tokens = 16 accumulators; weights decoded once per tile
constexpr int kGemvRows = 8;    // one token: 8 row blocks keep 8+ independent accumulator chains busy
// The GEMV kernel keeps codes of inputs 8..15 of a tile at 16x their value (see gemvKernel), so
// that accumulator reaches 16 * 256 * K / 2 = 2^11 K, < 2^31 for (padded) K < 2^20; longer rows
// take the plain kernel.
constexpr int kScaledDecodeMaxCols = (1 << 20) - 16;

inline std::int32_t load32(const std::int8_t* p) {
    std::int32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <int Sub>
inline __m512i decode(__m512i packed, __m512i mask) {
    if constexpr (Sub == 0)
        return _mm512_and_si512(packed, mask);
    else
        return _mm512_and_si512(_mm512_srli_epi16(packed, 2 * Sub), mask);
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

// Where row block rb's outputs go: the valid rows and their bias (zero without one).
struct BlockOut {
    int m0;
    __mmask16 mask;
    __m512 bias;
};
inline BlockOut blockOut(const GemmArgs& a, int rb) {
    const int m0 = rb * kBlockRows;
    const int valid = a.rows - m0;
    const __mmask16 mask = valid >= kBlockRows ? __mmask16(0xFFFF) : __mmask16((1u << valid) - 1);
    return {m0, mask, a.bias ? _mm512_maskz_loadu_ps(mask, a.bias + m0) : _mm512_setzero_ps()};
}

// acc already holds sum_k w q (the -sum q start made the correction): rescale, bias, store.
inline void storeBlock(const GemmArgs& a, const BlockOut& b, __m512i acc, int t) {
    const std::size_t out = static_cast<std::size_t>(t) * a.rows + b.m0;
    if (a.y == nullptr) {
        _mm512_mask_storeu_epi32(a.acc + out, b.mask, acc);
        return;
    }
    // Same operation order as the reference: (scale * float(acc)) + bias, never fused.
    __m512 f = _mm512_mul_ps(_mm512_cvtepi32_ps(acc), _mm512_set1_ps(a.outScale[t]));
    if (a.bias) f = _mm512_add_ps(f, b.bias);
    _mm512_mask_storeu_ps(a.y + out, b.mask, f);
}

template <int R, int T>
inline void store(const GemmArgs& a, const __m512i (&acc)[R][T], int rb, int t0) {
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        const BlockOut b = blockOut(a, rb + r);
#pragma GCC unroll 8
        for (int t = 0; t < T; ++t) storeBlock(a, b, acc[r][t], t0 + t);
    }
}

template <int R, int T>
void microKernel(const GemmArgs& a, int rb, int t0) {
    __m512i acc[R][T];
#pragma GCC unroll 8
    for (int t = 0; t < T; ++t) {
        const __m512i start = _mm512_set1_epi32(-a.xSums[t0 + t]);
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) acc[r][t] = start;
    }
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

// One token: each weight tile is used once, so decoding is most of the work besides VPDPBUSD.
// One shift instead of three: codes of inputs 0-3 and 4-7 of the tile sit in bits 0-1 of p and
// p >> 2, those of inputs 8-11 and 12-15 in bits 4-5 of the same two registers, where they count
// 16x and go to a second accumulator, divided by 16 (exactly: it is a multiple of 16) at the end.
template <int R>
void gemvKernel(const GemmArgs& a, int rb, int t) {
    // Every loop over r fully unrolled, so lo and hi live in registers, not in a stack array.
    __m512i lo[R], hi[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        lo[r] = _mm512_set1_epi32(-a.xSums[t]);
        hi[r] = _mm512_setzero_si512();
    }
    const __m512i low2 = _mm512_set1_epi8(0x03);
    const __m512i mid2 = _mm512_set1_epi8(0x30);
    const std::size_t blockBytes = static_cast<std::size_t>(a.kTiles) * kTileBytes;
    const std::uint8_t* wp = a.tiles + static_cast<std::size_t>(rb) * blockBytes;
    const std::int8_t* xp = a.xq + static_cast<std::size_t>(t) * a.xStride;
    for (int j = 0; j < a.kTiles; ++j) {
        const __m512i x0 = _mm512_set1_epi32(load32(xp + 16 * j));
        const __m512i x1 = _mm512_set1_epi32(load32(xp + 16 * j + 4));
        const __m512i x2 = _mm512_set1_epi32(load32(xp + 16 * j + 8));
        const __m512i x3 = _mm512_set1_epi32(load32(xp + 16 * j + 12));
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) {
            const __m512i p = _mm512_load_si512(wp + r * blockBytes + j * kTileBytes);
            const __m512i p2 = _mm512_srli_epi16(p, 2);
            lo[r] = _mm512_dpbusd_epi32(lo[r], _mm512_and_si512(p, low2), x0);
            hi[r] = _mm512_dpbusd_epi32(hi[r], _mm512_and_si512(p, mid2), x2);
            lo[r] = _mm512_dpbusd_epi32(lo[r], _mm512_and_si512(p2, low2), x1);
            hi[r] = _mm512_dpbusd_epi32(hi[r], _mm512_and_si512(p2, mid2), x3);
        }
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r)
        storeBlock(a, blockOut(a, rb + r), _mm512_add_epi32(lo[r], _mm512_srai_epi32(hi[r], 4)), t);
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
    static constexpr MicroFn plain[sizeof...(R)] = {&microKernel<R + 1, 1>...};
    static constexpr MicroFn scaled[sizeof...(R)] = {&gemvKernel<R + 1>...};
};
template <int R, int... T>
constexpr const MicroFn* tokenTable(std::integer_sequence<int, T...>) {
    return TokenTable<R, T...>::fns;
}
template <int... R>
constexpr const MicroFn* gemvTable(bool scaled, std::integer_sequence<int, R...>) {
    return scaled ? GemvTable<R...>::scaled : GemvTable<R...>::plain;
}
constexpr const MicroFn* kOneBlock = tokenTable<1>(std::make_integer_sequence<int, kGemmTokens>{});
constexpr const MicroFn* kFullBlocks = tokenTable<kGemmRows>(std::make_integer_sequence<int, kGemmTokens>{});
constexpr const MicroFn* kGemvPlain = gemvTable(false, std::make_integer_sequence<int, kGemvRows>{});
constexpr const MicroFn* kGemvScaled = gemvTable(true, std::make_integer_sequence<int, kGemvRows>{});

inline __mmask16 tailMask(int remaining) {
    return remaining >= 16 ? __mmask16(0xFFFF) : remaining > 0 ? __mmask16((1u << remaining) - 1) : 0;
}

}  // namespace

void ternaryGemmAvx512Vnni(const GemmArgs& a, int rbBegin, int rbEnd, int tBegin, int tEnd) {
    const MicroFn* gemv = a.kTiles * 16 <= kScaledDecodeMaxCols ? kGemvScaled : kGemvPlain;
    for (int t = tBegin; t < tEnd; t += kGemmTokens) {
        const int nt = tEnd - t < kGemmTokens ? tEnd - t : kGemmTokens;
        if (nt == 1) {
            for (int rb = rbBegin; rb < rbEnd; rb += kGemvRows) {
                const int nr = rbEnd - rb < kGemvRows ? rbEnd - rb : kGemvRows;
                gemv[nr - 1](a, rb, t);
            }
            continue;
        }
        for (int rb = rbBegin; rb < rbEnd; rb += kGemmRows) {
            if (rbEnd - rb >= kGemmRows)
                kFullBlocks[nt - 1](a, rb, t);
            else
                for (int r = rb; r < rbEnd; ++r) kOneBlock[nt - 1](a, r, t);
        }
    }
}

namespace {

constexpr int kQuantBatch = 16;  // tokens whose per-token scalars are computed as one vector

// Lane i of the result is op over the 16 lanes of v[i]: 15 (2 shuffles + op) for 16 rows where
// one reduction per row costs 4 dependent steps and a move to a scalar register.
template <class Op>
inline __m512i reduceRows(const __m512i (&v)[kQuantBatch], Op op) {
    __m512i a[8], b[4], c[2];
    for (int i = 0; i < 8; ++i)  // per 128-bit lane: (v0 v1 v0 v1) partials
        a[i] =
            op(_mm512_unpacklo_epi32(v[2 * i], v[2 * i + 1]), _mm512_unpackhi_epi32(v[2 * i], v[2 * i + 1]));
    for (int i = 0; i < 4; ++i)  // per 128-bit lane: (v0 v1 v2 v3), each over that lane
        b[i] =
            op(_mm512_unpacklo_epi64(a[2 * i], a[2 * i + 1]), _mm512_unpackhi_epi64(a[2 * i], a[2 * i + 1]));
    for (int i = 0; i < 2; ++i)  // lanes (v0-3, v0-3, v4-7, v4-7), each over two lanes
        c[i] = op(_mm512_shuffle_i32x4(b[2 * i], b[2 * i + 1], 0x88),
                  _mm512_shuffle_i32x4(b[2 * i], b[2 * i + 1], 0xDD));
    return op(_mm512_shuffle_i32x4(c[0], c[1], 0x88), _mm512_shuffle_i32x4(c[0], c[1], 0xDD));
}

// Lane-wise max of the sign-cleared float bits of a row: exact, and NaN/inf sort above every
// finite value, so one compare finds them. Only the row's last chunk pays for a masked load.
inline __m512i absMaxBits(const float* row, int cols) {
    const __m512i absBits = _mm512_set1_epi32(0x7fffffff);
    __m512i mx = _mm512_setzero_si512();
    int k = 0;
    for (; k + 16 <= cols; k += 16)
        mx = _mm512_max_epi32(mx, _mm512_and_si512(_mm512_loadu_si512(row + k), absBits));
    if (k < cols)
        mx = _mm512_max_epi32(
            mx, _mm512_and_si512(_mm512_maskz_loadu_epi32(tailMask(cols - k), row + k), absBits));
    return mx;
}

inline __m512i quantize16(__m512 x, __m512 s, std::int8_t* out) {
    const __m512i i =
        _mm512_cvt_roundps_epi32(_mm512_mul_ps(x, s), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm512_cvtsepi32_epi8(i));
    return i;
}

// q = clip(round(x s), -128, 127), half to even, written up to stride (zero padding); returns
// the lane-wise sums of q. The saturating VPMOVSDB is the clip, which never bites anyway:
// |x| <= m and s = fl(127 / m) give |fl(x s)| <= 127 (1 + 2^-24)^2 < 127.5, so the int32 lanes
// summed are exactly the bytes stored.
inline __m512i quantizeRow(const float* row, int cols, int stride, __m512 s, std::int8_t* out) {
    __m512i sum = _mm512_setzero_si512();
    int k = 0;
    for (; k + 16 <= cols; k += 16)
        sum = _mm512_add_epi32(sum, quantize16(_mm512_loadu_ps(row + k), s, out + k));
    if (k < stride)  // stride - k == 16 here: the row's tail and its padding
        sum =
            _mm512_add_epi32(sum, quantize16(_mm512_maskz_loadu_ps(tailMask(cols - k), row + k), s, out + k));
    return sum;
}

// One token; false for a NaN/inf row.
inline bool quantizeToken(const float* row, int cols, int stride, std::int8_t* out, float beta, float* absmax,
                          std::int32_t* sum, float* outScale) {
    const std::int32_t bits = _mm512_reduce_max_epi32(absMaxBits(row, cols));
    if (bits >= 0x7f800000) return false;
    float m;
    std::memcpy(&m, &bits, sizeof m);
    m = m < 1e-8f ? 1e-8f : m;
    *sum = _mm512_reduce_add_epi32(quantizeRow(row, cols, stride, _mm512_set1_ps(127.0f / m), out));
    *absmax = m;
    if (outScale != nullptr)
        *outScale = (beta * m) / 127.0f;  // outputScale(), spelled out: see ternary_gemm.h
    return true;
}

// kQuantBatch tokens from t0 with the per-token scalars (absmax, 127 / m, output scale, sums) as
// vectors. Returns how many tokens were done: kQuantBatch, or the batch index of a NaN/inf token.
int quantizeBatch(const float* x, int t0, int cols, int stride, std::int8_t* q, float* absmax,
                  std::int32_t* sums, float beta, float* outScale) {
    __m512i v[kQuantBatch];
    for (int i = 0; i < kQuantBatch; ++i)
        v[i] = absMaxBits(x + static_cast<std::size_t>(t0 + i) * cols, cols);
    const __m512i bits = reduceRows(v, [](__m512i l, __m512i r) { return _mm512_max_epi32(l, r); });
    const unsigned bad = _mm512_cmpge_epi32_mask(bits, _mm512_set1_epi32(0x7f800000));
    const int count = bad != 0 ? __builtin_ctz(bad) : kQuantBatch;
    const __mmask16 done = tailMask(count);
    // Lanes past a bad token may hold NaN; they are computed but never stored or used.
    const __m512 m = _mm512_max_ps(_mm512_castsi512_ps(bits), _mm512_set1_ps(1e-8f));
    alignas(64) float s[kQuantBatch];
    _mm512_store_ps(s, _mm512_div_ps(_mm512_set1_ps(127.0f), m));
    _mm512_mask_storeu_ps(absmax + t0, done, m);
    if (outScale != nullptr)
        _mm512_mask_storeu_ps(outScale + t0, done,
                              _mm512_div_ps(_mm512_mul_ps(_mm512_set1_ps(beta), m), _mm512_set1_ps(127.0f)));
    for (int i = 0; i < kQuantBatch; ++i) {
        const std::size_t t = static_cast<std::size_t>(t0) + static_cast<std::size_t>(i);
        v[i] = i < count ? quantizeRow(x + t * cols, cols, stride, _mm512_set1_ps(s[i]), q + t * stride)
                         : _mm512_setzero_si512();
    }
    _mm512_mask_storeu_epi32(sums + t0, done,
                             reduceRows(v, [](__m512i l, __m512i r) { return _mm512_add_epi32(l, r); }));
    return count;
}

}  // namespace

int quantizeRowsAvx512(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
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

}  // namespace bithep::kernels::BITHEP_KERNELS_ISA_NS
