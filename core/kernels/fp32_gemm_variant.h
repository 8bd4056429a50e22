#pragma once
// Internal: what each per-ISA translation unit of fp32_gemm exports. Nothing else of those units
// is visible to the linker as a shared name: their Eigen is renamed (fp32_gemm_variant.inc), so
// no template instantiated for AVX-512 can be picked by the linker for a baseline caller
// (tests/core/kernels/check_fp32_variant_symbols.cmake checks the objects).
#include "core/kernels/gemm_args.h"
#include "core/kernels/layer_norm_rows.h"

namespace bithep::kernels {

struct Fp32Variant {
    // From the compiler's ISA macros ("sse2", "avx2", "avx512"), so the baseline unit of a
    // native build reports the native instruction set.
    const char* name;
    void (*gemm)(const GemmArgs&);
    void (*layerNormForward)(const LayerNormArgs&);
    void (*layerNormBackward)(const LayerNormArgs&);
    void (*setThreads)(int);
    int (*threads)();
};

namespace fp32_baseline {
const Fp32Variant& variant();
}
namespace fp32_avx2 {
const Fp32Variant& variant();
}
namespace fp32_avx512 {
const Fp32Variant& variant();
}

}  // namespace bithep::kernels
