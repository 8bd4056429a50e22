#pragma once
// The fp32 contender of the kernel benchmark: y = x * W^T + b with Eigen (row-major float GEMM,
// noalias), optionally split over two threads (platform::runPair) the way the ternary path is (tokens when there are
// many, output rows otherwise). Header-only on purpose: each caller compiles it with its own ISA
// flags -- the app with the library's portable flags, tests/bench/kernels with -march=native --
// and passes the function to KernelBenchCase, so bithep_core never holds a copy that could mix
// with the benchmark's at link time.
#include <Eigen/Core>

#include "core/platform/parallel.h"

namespace bithep::kernels {

inline void eigenFp32Linear(const float* x, const float* w, const float* bias, float* y, int tokens,
                            int cols, int rows, int threads) {
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const RowMajor> X(x, tokens, cols);
    const Eigen::Map<const RowMajor> W(w, rows, cols);
    const Eigen::Map<const Eigen::RowVectorXf> B(bias, rows);
    Eigen::Map<RowMajor> Y(y, tokens, rows);
    auto tokenRange = [&](int t0, int t1) {
        Y.middleRows(t0, t1 - t0).noalias() = X.middleRows(t0, t1 - t0) * W.transpose();
        Y.middleRows(t0, t1 - t0).rowwise() += B;
    };
    auto rowRange = [&](int m0, int m1) {
        Y.middleCols(m0, m1 - m0).noalias() = X * W.middleRows(m0, m1 - m0).transpose();
        Y.middleCols(m0, m1 - m0).rowwise() += B.segment(m0, m1 - m0);
    };
    if (threads < 2) {
        // Eigen built with OpenMP would otherwise use every core for the single-thread column.
        const int eigenThreads = Eigen::nbThreads();
        Eigen::setNbThreads(1);
        tokenRange(0, tokens);
        Eigen::setNbThreads(eigenThreads);
    } else if (tokens >= 16) {
        platform::runPair([&] { tokenRange(0, tokens / 2); }, [&] { tokenRange(tokens / 2, tokens); });
    } else {
        platform::runPair([&] { rowRange(0, rows / 2); }, [&] { rowRange(rows / 2, rows); });
    }
}

}  // namespace bithep::kernels
