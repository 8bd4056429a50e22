#pragma once
// Stand-in for <immintrin.h> in the AVX-512 and AVX-VNNI kernel files when they are built with
// BITHEP_KERNELS_EMULATED (only tst_kernels_emulated does): SIMDe's portable intrinsics (native names
// through SIMDE_ENABLE_NATIVE_ALIASES) plus the handful SIMDe 0.7 lacks, written here as plain
// lane loops so they are obviously right. This lets a CPU without AVX-512 or AVX-VNNI run those
// files bit for bit against the reference; the real builds never include this header.
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <cmath>
#include <cstdint>
#include <cstring>
#include <simde/x86/avx512.h>

// Types and constants SIMDe names only with its prefix when <immintrin.h> is not in play.
typedef simde__mmask16 __mmask16;
#ifndef _MM_FROUND_NO_EXC
#define _MM_FROUND_NO_EXC SIMDE_MM_FROUND_NO_EXC
#endif
#ifndef _MM_FROUND_TO_NEAREST_INT
#define _MM_FROUND_TO_NEAREST_INT SIMDE_MM_FROUND_TO_NEAREST_INT
#endif

namespace bithep_simde_shim {

inline bool lane(simde__mmask16 k, int i) {
    return (k >> i) & 1u;
}

inline simde__m512i maskzLoaduEpi32(simde__mmask16 k, const void* p) {
    simde__m512i_private r{};
    for (int i = 0; i < 16; ++i)
        if (lane(k, i)) std::memcpy(&r.i32[i], static_cast<const char*>(p) + 4 * i, 4);
    return simde__m512i_from_private(r);
}
inline simde__m512 maskzLoaduPs(simde__mmask16 k, const void* p) {
    simde__m512_private r{};
    for (int i = 0; i < 16; ++i)
        if (lane(k, i)) std::memcpy(&r.f32[i], static_cast<const char*>(p) + 4 * i, 4);
    return simde__m512_from_private(r);
}
inline void maskStoreuEpi32(void* p, simde__mmask16 k, simde__m512i v) {
    const simde__m512i_private a = simde__m512i_to_private(v);
    for (int i = 0; i < 16; ++i)
        if (lane(k, i)) std::memcpy(static_cast<char*>(p) + 4 * i, &a.i32[i], 4);
}
inline void maskStoreuPs(void* p, simde__mmask16 k, simde__m512 v) {
    const simde__m512_private a = simde__m512_to_private(v);
    for (int i = 0; i < 16; ++i)
        if (lane(k, i)) std::memcpy(static_cast<char*>(p) + 4 * i, &a.f32[i], 4);
}
inline std::int32_t reduceMaxEpi32(simde__m512i v) {
    const simde__m512i_private a = simde__m512i_to_private(v);
    std::int32_t m = a.i32[0];
    for (int i = 1; i < 16; ++i) m = a.i32[i] > m ? a.i32[i] : m;
    return m;
}
inline std::int32_t reduceAddEpi32(simde__m512i v) {
    const simde__m512i_private a = simde__m512i_to_private(v);
    std::uint32_t s = 0;  // wraps like the hardware
    for (int i = 0; i < 16; ++i) s += static_cast<std::uint32_t>(a.i32[i]);
    return static_cast<std::int32_t>(s);
}
// Round to nearest even (the only mode the kernels request); out of range and NaN give
// INT32_MIN, the hardware's "integer indefinite".
inline simde__m512i cvtRoundPsEpi32(simde__m512 v, int) {
    const simde__m512_private a = simde__m512_to_private(v);
    simde__m512i_private r;
    for (int i = 0; i < 16; ++i) {
        const float x = a.f32[i];
        const float f = std::floor(x);
        float q = x - f > 0.5f ? f + 1 : x - f < 0.5f ? f : (std::fmod(f, 2.0f) == 0.0f ? f : f + 1);
        r.i32[i] = (std::isnan(x) || q >= 2147483648.0f || q < -2147483648.0f) ? INT32_MIN
                                                                               : static_cast<std::int32_t>(q);
    }
    return simde__m512i_from_private(r);
}
inline simde__m512 cvtEpi32Ps(simde__m512i v) {
    const simde__m512i_private a = simde__m512i_to_private(v);
    simde__m512_private r;
    for (int i = 0; i < 16; ++i) r.f32[i] = static_cast<float>(a.i32[i]);  // round to nearest even
    return simde__m512_from_private(r);
}
inline simde__m512i sraiEpi32(simde__m512i v, int n) {
    simde__m512i_private a = simde__m512i_to_private(v);
    for (int i = 0; i < 16; ++i) a.i32[i] >>= n;  // arithmetic in C++20
    return simde__m512i_from_private(a);
}

}  // namespace bithep_simde_shim

#define _mm512_maskz_loadu_epi32(k, p) bithep_simde_shim::maskzLoaduEpi32((k), (p))
#define _mm512_maskz_loadu_ps(k, p) bithep_simde_shim::maskzLoaduPs((k), (p))
#define _mm512_mask_storeu_epi32(p, k, v) bithep_simde_shim::maskStoreuEpi32((p), (k), (v))
#define _mm512_mask_storeu_ps(p, k, v) bithep_simde_shim::maskStoreuPs((p), (k), (v))
#define _mm512_reduce_max_epi32(v) bithep_simde_shim::reduceMaxEpi32(v)
#define _mm512_reduce_add_epi32(v) bithep_simde_shim::reduceAddEpi32(v)
#define _mm512_cvt_roundps_epi32(v, mode) bithep_simde_shim::cvtRoundPsEpi32((v), (mode))
#define _mm512_cvtepi32_ps(v) bithep_simde_shim::cvtEpi32Ps(v)
#define _mm512_srai_epi32(v, n) bithep_simde_shim::sraiEpi32((v), (n))
// AVX-VNNI's VEX form computes what the AVX-512VL form does.
#define _mm256_dpbusd_avx_epi32(src, a, b) _mm256_dpbusd_epi32((src), (a), (b))
