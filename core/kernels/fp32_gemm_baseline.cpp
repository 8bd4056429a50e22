// The variant compiled with the library's own flags (fp32_gemm_variant.inc): baseline x86-64 in
// a portable build, the build machine's instruction set in a native one.
#define BITHEP_FP32_NS fp32_baseline
#include "core/kernels/fp32_gemm_variant.inc"
