// The avx2 variant of the fp32 products (fp32_gemm_variant.inc); its flags are in sources.cmake.
#define BITHEP_FP32_NS fp32_avx2
#include "core/kernels/fp32_gemm_variant.inc"
