#pragma once
// The engine's fp32 matrix products: every autograd matmul and linear layer, the attention
// products, and the fp32 contender of the kernel benchmark go through gemm() / fp32Linear().
// Eigen does the arithmetic. In a native build (the default) there is one variant, compiled with
// the build machine's instruction set like the rest of the library; in a portable build
// (BITHEP_NATIVE=OFF, the Debian package) the variant is compiled three times, for baseline
// x86-64, AVX2+FMA and AVX-512, and the best one the CPU supports is chosen once at run time, as
// the ternary kernels are. Results are bit-identical for a fixed variant and thread count;
// between variants they differ in the last bits (FMA contraction and the packet width change
// the summation order).
#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "core/kernels/gemm_args.h"

namespace bithep::kernels {

void gemm(const GemmArgs& args);

// Eigen convenience for the autograd: c = op(a) * op(b) [+ bias], or c += ... when accumulate. Blocks of
// row-major matrices (attention heads) are accepted through the outer stride.
using Fp32Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMatrixRef = Eigen::Ref<const Fp32Matrix, 0, Eigen::OuterStride<>>;
using MatrixRef = Eigen::Ref<Fp32Matrix, 0, Eigen::OuterStride<>>;
void gemm(MatrixRef c, const ConstMatrixRef& a, bool transA, const ConstMatrixRef& b, bool transB,
          bool accumulate = false, const float* bias = nullptr);

// y (tokens x rows) = x (tokens x cols) * w^T (w: rows x cols) + bias on `threads` threads (1 or
// 2; two split the tokens when there are many, the output rows otherwise), the way the ternary
// kernels split. The kernel benchmark's fp32 contender.
void fp32Linear(const float* x, const float* w, const float* bias, float* y, int tokens, int cols, int rows,
                int threads);

// The variants compiled into this build ("sse2", "avx2", "avx512"; one entry in a native build),
// the one in use, and whether the build is native.
std::vector<std::string> fp32Variants();
std::string activeFp32Variant();
std::vector<std::string> supportedFp32Variants();  // by this CPU, worst first
// Forces one variant for the whole process (tests, benchmarks comparing ISAs); "" goes back to
// the automatic choice: the environment variable BITHEP_FP32 (read once) or else the best the
// CPU supports. Throws std::invalid_argument for a name not built or not supported here.
void forceFp32Variant(std::string_view name);
bool nativeBuild();
// "avx512 (native build)" or "avx2 (portable build: sse2 avx2 avx512)", for tables and `info`.
std::string fp32Description();

// Threads Eigen may use inside one product, in every variant (train::setThreads calls this).
void setFp32Threads(int threads);

}  // namespace bithep::kernels
