#pragma once
// Internal interface between the portable dispatcher (ternary_linear.cpp) and the per-ISA
// translation units. Only plain structs and free functions cross this boundary: the ISA files
// are compiled with extra -m flags, so anything they instantiate with external linkage (std
// templates, inline helpers) could be picked by the linker for portable code and run on a CPU
// without those instructions. Not part of the public API.
#include <cstdint>

namespace bithep::kernels::detail {

// Everything a GEMM kernel needs. Outputs are token-major: y[t * rows + m].
struct GemmArgs {
    const std::uint8_t* tiles = nullptr;  // TernaryMatrix::packedTiles()
    int rows = 0;                         // M (unpadded)
    int rowBlocks = 0;                    // ceil(M / 16)
    int kTiles = 0;                       // ceil(K / 16)
    const std::int8_t* xq = nullptr;      // int8 activations, one row of xStride bytes per token
    int xStride = 0;                      // kTiles * 16
    const std::int32_t* xSums = nullptr;  // sum_k xq[t][k], for the unsigned-weight correction
    const float* outScale = nullptr;      // beta * m_t / 127 per token (float outputs only)
    const float* bias = nullptr;          // may be null
    float* y = nullptr;                   // float outputs, or null
    std::int32_t* acc = nullptr;          // int32 accumulators, used when y is null
};

// Computes outputs for row blocks [rbBegin, rbEnd) and tokens [tBegin, tEnd).
using GemmFn = void (*)(const GemmArgs&, int rbBegin, int rbEnd, int tBegin, int tEnd);

// Quantizes `tokens` rows of `cols` floats (row stride `cols`) into int8 rows of `stride` bytes
// (zero padded), writing the clamped absmax m_t = max(max|x_t|, 1e-8) and sum_k q_tk per token,
// and, when outScale is not null, the GEMM's output scale (beta * m_t) / 127 (outputScale()),
// so the fused layer needs no separate pass for it. Returns the index of the first token holding
// a NaN or infinity (nothing valid is promised for it or any later token), or -1.
using QuantizeFn = int (*)(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                           std::int32_t* sums, float beta, float* outScale);

void ternaryGemmRef(const GemmArgs&, int rbBegin, int rbEnd, int tBegin, int tEnd);
void ternaryGemmAvx2(const GemmArgs&, int rbBegin, int rbEnd, int tBegin, int tEnd);
void ternaryGemmAvxVnni(const GemmArgs&, int rbBegin, int rbEnd, int tBegin, int tEnd);
void ternaryGemmAvx512Vnni(const GemmArgs&, int rbBegin, int rbEnd, int tBegin, int tEnd);

int quantizeRowsRef(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                    std::int32_t* sums, float beta, float* outScale);
int quantizeRowsAvx2(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                     std::int32_t* sums, float beta, float* outScale);
int quantizeRowsAvx512(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                       std::int32_t* sums, float beta, float* outScale);

}  // namespace bithep::kernels::detail

// Test-only: tests/core/kernels compiles the AVX-512 and AVX-VNNI files once more on SIMDe's
// portable intrinsics (BITHEP_KERNELS_EMULATED), and those copies define their entry points here
// instead of in detail, so a CPU without these instructions still checks the files bit for bit.
namespace bithep::kernels::emulated {
using detail::GemmArgs;
void ternaryGemmAvxVnni(const GemmArgs&, int rbBegin, int rbEnd, int tBegin, int tEnd);
void ternaryGemmAvx512Vnni(const GemmArgs&, int rbBegin, int rbEnd, int tBegin, int tEnd);
int quantizeRowsAvx512(const float* x, int tokens, int cols, int stride, std::int8_t* q, float* absmax,
                       std::int32_t* sums, float beta, float* outScale);
}  // namespace bithep::kernels::emulated
