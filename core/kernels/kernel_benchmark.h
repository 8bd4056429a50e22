#pragma once
// Timing of the ternary kernels against an fp32 GEMM on the same layer shapes, shared by the
// Google Benchmark executable (tests/bench/kernels) and `bithep-explorer --batch bench`, so both
// print the same numbers. Throughput is GFLOP/s-equivalent: 2*M*N*K / time, with activation
// quantization and bias included in the ternary time.
#include <functional>
#include <string>
#include <vector>

#include "core/kernels/fp32_gemm.h"
#include "core/kernels/kernel_path.h"
#include "core/kernels/ternary_matrix.h"

namespace bithep::kernels {

struct BenchShape {
    int m = 0;  // outputs
    int k = 0;  // inputs
    int n = 0;  // tokens
    std::string label() const;  // "M=256 K=256 N=64"
};

// y (tokens x rows) = x (tokens x cols) * w^T (w: rows x cols) + bias, on `threads` threads.
using Fp32Linear = void (*)(const float* x, const float* w, const float* bias, float* y, int tokens,
                            int cols, int rows, int threads);

// One shape's seeded inputs and both contenders, ready to be called in a timing loop.
class KernelBenchCase {
public:
    explicit KernelBenchCase(BenchShape shape, Fp32Linear fp32 = &fp32Linear, unsigned seed = 1);
    void runTernary();  // uses the active path and kernel thread setting
    void runFp32(int threads);
    double flops() const { return 2.0 * m_shape.m * m_shape.n * m_shape.k; }
    const BenchShape& shape() const { return m_shape; }

private:
    BenchShape m_shape;
    Fp32Linear m_fp32;
    TernaryMatrix m_ternary;
    std::vector<float> m_weights;  // the same ternary weights times beta, for the fp32 GEMM
    std::vector<float> m_x;
    std::vector<float> m_bias;
    std::vector<float> m_y;
};

struct BenchRow {
    BenchShape shape;
    KernelPath path = KernelPath::Ref;
    int threads = 1;
    double ternaryGflops = 0.0;
    double fp32Gflops = 0.0;
    double ratio = 0.0;  // ternary / fp32
};

struct KernelBenchConfig {
    std::vector<BenchShape> shapes;
    std::vector<KernelPath> paths;  // each must be supported
    std::vector<int> threads{1, 2};
    double minSeconds = 0.2;  // per measurement
    Fp32Linear fp32 = &fp32Linear;  // Eigen at the best fp32 variant (fp32_gemm.h); required
    std::function<void(const BenchRow&)> onRow;
    std::function<bool()> cancelled;
};

// M = K in {32, 64, 128, 256, 512, 1024} x N in {1, 64, 4096}, then the 4096 x 4096 GEMV.
std::vector<BenchShape> defaultBenchShapes();
// Seconds per call: the best of several batches, each batch long enough to be timed reliably.
double secondsPerCall(const std::function<void()>& call, double minSeconds);
// Restores the automatic path and thread setting when it returns or throws.
std::vector<BenchRow> runKernelBenchmark(const KernelBenchConfig& config);
// The table, after a line naming the fp32 contender's instruction set (fp32Description()).
std::string formatBenchTable(const std::vector<BenchRow>& rows);

}  // namespace bithep::kernels
