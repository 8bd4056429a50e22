// Ternary kernels vs Eigen fp32 on the same layer shapes: GFLOP/s-equivalent (2*M*N*K / t,
// activation quantization included) per ISA path and thread count, then a table of ratios.
//   bench_ternary_kernels [--benchmark_filter=...] [--benchmark_min_time=0.2]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/kernels/kernel_benchmark.h"
#include "core/kernels/kernel_path.h"
#include "core/platform/cpu_features.h"

using namespace bithep::kernels;

namespace {

struct Meta {
    BenchShape shape;
    bool fp32 = false;
    KernelPath path = KernelPath::Ref;
    int threads = 1;
};
std::map<std::string, Meta> g_meta;

void ternaryBench(benchmark::State& state, BenchShape shape, KernelPath path, int threads) {
    KernelBenchCase bench(shape);
    forceKernelPath(path);
    setKernelThreads(threads);
    for (auto _ : state) bench.runTernary();
    forceKernelPath(std::nullopt);
    setKernelThreads(0);
    state.counters["FLOP/s"] = benchmark::Counter(bench.flops(), benchmark::Counter::kIsIterationInvariantRate);
}

void fp32Bench(benchmark::State& state, BenchShape shape, int threads) {
    KernelBenchCase bench(shape);
    for (auto _ : state) bench.runFp32(threads);
    state.counters["FLOP/s"] = benchmark::Counter(bench.flops(), benchmark::Counter::kIsIterationInvariantRate);
}

// Console output as usual, plus the ternary/fp32 ratio table at the end.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            const auto it = g_meta.find(run.run_name.function_name);
            const auto flops = run.counters.find("FLOP/s");
            if (it == g_meta.end() || flops == run.counters.end() || run.run_type != Run::RT_Iteration) continue;
            // With --benchmark_repetitions the fastest repetition counts: on a shared machine the
            // slower ones measure other people's load, not the kernel.
            double& best = m_best[run.run_name.function_name];
            best = std::max(best, flops->second.value / 1e9);
            if (std::find_if(m_meta.begin(), m_meta.end(), [&](const auto& e) { return e.first == it->first; }) ==
                m_meta.end())
                m_meta.emplace_back(it->first, it->second);
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        std::vector<BenchRow> rows;
        for (const auto& [name, meta] : m_meta) {
            if (meta.fp32) continue;
            BenchRow row{meta.shape, meta.path, meta.threads, m_best[name], 0.0, 0.0};
            for (const auto& [otherName, other] : m_meta)
                if (other.fp32 && other.threads == meta.threads && other.shape.m == meta.shape.m &&
                    other.shape.k == meta.shape.k && other.shape.n == meta.shape.n)
                    row.fp32Gflops = m_best[otherName];
            row.ratio = row.fp32Gflops > 0 ? row.ternaryGflops / row.fp32Gflops : 0.0;
            rows.push_back(row);
        }
        std::printf("\n%s", formatBenchTable(rows).c_str());
    }

private:
    std::vector<std::pair<std::string, Meta>> m_meta;  // in run order
    std::map<std::string, double> m_best;
};

std::string shapeName(const BenchShape& s, int threads) {
    return "M:" + std::to_string(s.m) + "/K:" + std::to_string(s.k) + "/N:" + std::to_string(s.n) +
           "/threads:" + std::to_string(threads);
}

void registerAll() {
    for (const BenchShape& shape : defaultBenchShapes()) {
        const double macs = double(shape.m) * shape.k * shape.n;
        for (int threads : {1, 2}) {
            const std::string fp32Name = "eigen_fp32/" + shapeName(shape, threads);
            g_meta[fp32Name] = {shape, true, KernelPath::Ref, threads};
            benchmark::RegisterBenchmark(fp32Name.c_str(), fp32Bench, shape, threads)->UseRealTime();
            for (KernelPath path : supportedKernelPaths()) {
                if (path == KernelPath::Ref && macs > (1 << 22)) continue;  // the scalar oracle is slow
                const std::string name =
                    "ternary/" + std::string(kernelPathName(path)) + "/" + shapeName(shape, threads);
                g_meta[name] = {shape, false, path, threads};
                benchmark::RegisterBenchmark(name.c_str(), ternaryBench, shape, path, threads)->UseRealTime();
            }
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::AddCustomContext("cpu", bithep::platform::cpuFeatures().brand);
    benchmark::AddCustomContext("cpu_features", bithep::platform::cpuFeatures().summary());
    benchmark::AddCustomContext("fp32_contender", "Eigen, " + bithep::kernels::fp32Description());
    registerAll();
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
