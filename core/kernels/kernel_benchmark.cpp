// Kernel benchmark driver: seeded inputs, best-of-batches timing, and the text table.
#include "core/kernels/kernel_benchmark.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>

#include "core/kernels/ternary_linear.h"

namespace bithep::kernels {

namespace {

// Restores the automatic kernel choice however the benchmark ends.
struct KernelSettingsGuard {
    ~KernelSettingsGuard() {
        forceKernelPath(std::nullopt);
        setKernelThreads(0);
    }
};

}  // namespace

std::string BenchShape::label() const {
    return "M=" + std::to_string(m) + " K=" + std::to_string(k) + " N=" + std::to_string(n);
}

KernelBenchCase::KernelBenchCase(BenchShape shape, Fp32Linear fp32, unsigned seed)
    : m_shape(shape), m_fp32(fp32) {
    if (shape.m < 1 || shape.k < 1 || shape.n < 1)
        throw std::invalid_argument("KernelBenchCase: bad shape " + shape.label());
    if (fp32 == nullptr) throw std::invalid_argument("KernelBenchCase: no fp32 GEMM given");
    std::mt19937 gen(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const float beta = 0.05f;
    std::vector<std::int8_t> codes(static_cast<std::size_t>(shape.m) * shape.k);
    m_weights.resize(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) {
        codes[i] = static_cast<std::int8_t>(static_cast<int>(gen() % 3) - 1);
        m_weights[i] = beta * codes[i];
    }
    m_ternary = TernaryMatrix::fromTernary(shape.m, shape.k, codes, beta);
    m_x.resize(static_cast<std::size_t>(shape.n) * shape.k);
    for (auto& v : m_x) v = normal(gen);
    m_bias.resize(shape.m);
    for (auto& v : m_bias) v = 0.1f * normal(gen);
    m_y.resize(static_cast<std::size_t>(shape.n) * shape.m);
}

void KernelBenchCase::runTernary() {
    ternaryLinear(m_ternary, m_x.data(), m_shape.n, m_bias.data(), m_y.data());
}

void KernelBenchCase::runFp32(int threads) {
    m_fp32(m_x.data(), m_weights.data(), m_bias.data(), m_y.data(), m_shape.n, m_shape.k, m_shape.m, threads);
}

std::vector<BenchShape> defaultBenchShapes() {
    std::vector<BenchShape> shapes;
    for (int n : {1, 64, 4096})
        for (int mk : {32, 64, 128, 256, 512, 1024}) shapes.push_back({mk, mk, n});
    shapes.push_back({4096, 4096, 1});
    return shapes;
}

double secondsPerCall(const std::function<void()>& call, double minSeconds) {
    using Clock = std::chrono::steady_clock;
    call();  // warm caches and the thread-local scratch
    long iterations = 1;
    double best = 1e300;
    double spent = 0.0;
    int batches = 0;
    // Batches of >= minSeconds/5 each; the fastest batch is the least disturbed by other load.
    while (batches < 5 || spent < minSeconds) {
        const auto start = Clock::now();
        for (long i = 0; i < iterations; ++i) call();
        const double s = std::chrono::duration<double>(Clock::now() - start).count();
        spent += s;
        if (s < minSeconds / 5) {
            iterations *= 2;
            continue;
        }
        best = std::min(best, s / iterations);
        ++batches;
    }
    return best;
}

std::vector<BenchRow> runKernelBenchmark(const KernelBenchConfig& config) {
    KernelSettingsGuard guard;
    std::vector<BenchRow> rows;
    for (const BenchShape& shape : config.shapes) {
        KernelBenchCase bench(shape, config.fp32);
        for (int threads : config.threads) {
            if (config.cancelled && config.cancelled()) return rows;
            const double fp32 = bench.flops() / secondsPerCall([&] { bench.runFp32(threads); }, config.minSeconds) / 1e9;
            for (KernelPath path : config.paths) {
                forceKernelPath(path);
                setKernelThreads(threads);
                BenchRow row{shape, path, threads, 0.0, fp32, 0.0};
                row.ternaryGflops = bench.flops() / secondsPerCall([&] { bench.runTernary(); }, config.minSeconds) / 1e9;
                row.ratio = row.ternaryGflops / fp32;
                rows.push_back(row);
                if (config.onRow) config.onRow(row);
            }
        }
    }
    return rows;
}

std::string formatBenchTable(const std::vector<BenchRow>& rows) {
    std::string out = "fp32 contender: Eigen, " + fp32Description() + "\n\n"
                      "|    M |    K |    N | path       | threads | ternary GFLOP/s | fp32 GFLOP/s | ratio |\n"
                      "|-----:|-----:|-----:|------------|--------:|----------------:|-------------:|------:|\n";
    char line[160];
    for (const BenchRow& r : rows) {
        std::snprintf(line, sizeof line, "| %4d | %4d | %4d | %-10s | %7d | %15.1f | %12.1f | %5.2f |\n", r.shape.m,
                      r.shape.k, r.shape.n, std::string(kernelPathName(r.path)).c_str(), r.threads,
                      r.ternaryGflops, r.fp32Gflops, r.ratio);
        out += line;
    }
    return out;
}

}  // namespace bithep::kernels
