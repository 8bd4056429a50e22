#include "core/tasks/kernel_bench_report.h"

#include <string>

#include "core/kernels/fp32_gemm.h"
#include "core/metrics/csv_table.h"
#include "core/platform/cpu_features.h"

namespace bithep::tasks {

BatchOutput kernelBenchReport(const std::vector<kernels::BenchRow>& rows, const kernels::KernelBenchConfig& config,
                              bool allPaths) {
    metrics::CsvTable table({"m", "k", "n", "path", "threads", "ternary_gflops", "fp32_gflops", "ratio"});
    BarFigure ratios;
    ratios.yLabel = "ternary / Eigen fp32 (" + kernels::activeFp32Variant() + ") throughput";
    ratios.series = {{"1 thread", {}}, {"2 threads", {}}};
    for (const auto& r : rows) {
        table.addRow({r.shape.m, r.shape.k, r.shape.n, std::string(kernels::kernelPathName(r.path)), r.threads,
                      r.ternaryGflops, r.fp32Gflops, r.ratio});
        if (config.paths.empty() || r.path != config.paths.back()) continue;
        if (r.threads == 1) ratios.categories.push_back(r.shape.label());
        if (r.threads == 1 || r.threads == 2) ratios.series[std::size_t(r.threads - 1)].values.push_back(r.ratio);
    }
    if (ratios.series[1].values.empty()) ratios.series.pop_back();
    BatchOutput output;
    output.tables.emplace("bench", table);
    output.figures.push_back({"bench_ratio", "Ternary kernels vs Eigen fp32 (same shapes, same run)", ratios});
    output.settings = {{"job", "bench"},
                       {"paths", allPaths ? "all supported" : "best"},
                       {"fp32_contender", "Eigen, " + kernels::fp32Description()},
                       {"cpu", platform::cpuFeatures().brand + " (" + platform::cpuFeatures().summary() + ")"}};
    output.summary = kernels::formatBenchTable(rows);
    return output;
}

}  // namespace bithep::tasks
