#pragma once
// Task-independent batch jobs: `cost` (per-layer cost of a task's model under a plan, fp32 vs plan,
// energy tables, measured time) and `bench` (ternary kernels against Eigen fp32 on layer shapes).
#include "app/batch_runner.h"

namespace bithep::app {

BatchJob makeCostJob();
BatchJob makeBenchJob();

}  // namespace bithep::app
