#pragma once
// The report of `--batch bench`: ternary kernels against the Eigen fp32 product on the same layer
// shapes, as a table (every row: shape, path, threads, both throughputs, their ratio), a bar
// figure of the ratios of the last path benchmarked (1 and 2 threads), and the settings that say
// which fp32 variant and which CPU the numbers come from.
#include <vector>

#include "core/kernels/kernel_benchmark.h"
#include "core/tasks/batch_run.h"

namespace bithep::tasks {

// `allPaths`: whether every supported ISA path was run (else only the best one).
BatchOutput kernelBenchReport(const std::vector<kernels::BenchRow>& rows, const kernels::KernelBenchConfig& config,
                              bool allPaths);

}  // namespace bithep::tasks
