#pragma once
// The arguments of one fp32 matrix product (fp32_gemm.h), in a header of their own so the per-ISA
// units can use them without the public header's Eigen types.
namespace bithep::kernels {

// C (m x n) = op(A) * op(B) [+ bias per column] [+ C], all row-major with leading dimensions.
// op(A) is m x k: A is stored m x k, or k x m when transA.
struct GemmArgs {
    int m = 0, n = 0, k = 0;
    const float* a = nullptr;
    int lda = 0;
    bool transA = false;
    const float* b = nullptr;
    int ldb = 0;
    bool transB = false;
    float* c = nullptr;
    int ldc = 0;
    bool accumulate = false;      // C += product instead of C = product
    const float* bias = nullptr;  // n values added to every row of C, or none
};

}  // namespace bithep::kernels
