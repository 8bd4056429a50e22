// AVX-VNNI path (VEX-encoded 256-bit VPDPBUSD; compiled with -mavx2 -mavxvnni, called only when
// CPUID reports AVX-VNNI). Same unsigned-weight trick and overflow bound as the AVX-512 path
// (ternary_gemm_avx512vnni.cpp); activations are quantized by the AVX2 quantizer.
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

constexpr int kGemmTokens = 6;  // 2 units (16 rows) x 6 tokens = 12 accumulators of 16 ymm
constexpr int kGemvUnits = 4;

struct Dot {
    static constexpr bool kPairs = false;
    static inline __m256i once(__m256i acc, __m256i w, __m256i x) {
        return _mm256_dpbusd_avx_epi32(acc, w, x);
    }
    static inline __m256i twice(__m256i acc, __m256i w0, __m256i x0, __m256i w1, __m256i x1) {
        return once(once(acc, w0, x0), w1, x1);
    }
};

#include "core/kernels/ternary_gemm_256.inc"

}  // namespace

void ternaryGemmAvxVnni(const GemmArgs& a, int rbBegin, int rbEnd, int tBegin, int tEnd) {
    gemm256(a, rbBegin, rbEnd, tBegin, tEnd);
}

}  // namespace bithep::kernels::BITHEP_KERNELS_ISA_NS
