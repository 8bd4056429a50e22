// Sampling speed of the calorimeter generators, showers/s, batch 1000, on the dataset-1 photon
// model space (368 voxels, 5 layer energies, the total): every plan of flow matching and of the coupling
// flow, on the fake-quantized float path (Arg 0) and on the packed ternary kernels (Arg 1).
// Targets: >= 1 000 showers/s for the fp32 CFM on 2 cores; ternary plans on the kernels faster
// than fp32. Untrained weights: speed does not depend on training.
#include <benchmark/benchmark.h>

#include "core/nn/kernel_inference.h"
#include "core/tasks/calo/calo_training.h"

using namespace bithep::tasks::calo;

namespace {

void sampleWithPlan(benchmark::State& state, const std::string& model, const std::string& plan) {
    const bool kernels = state.range(0) != 0;
    auto m = makeCaloModel(model, ModelSpaceLayout::of(ShowerGeometry::builtin("dataset-1-photons")), 1);
    caloPlan(model, plan, *m).apply(*m);
    const bithep::tensor::Matrix cond = bithep::tensor::Matrix::Zero(1000, 1);
    bithep::tensor::Rng rng(3);
    std::unique_ptr<bithep::nn::KernelInference> session;
    if (kernels) session = std::make_unique<bithep::nn::KernelInference>(*m);
    for (auto _ : state) benchmark::DoNotOptimize(m->sample(cond, rng).data());
    state.counters["showers/s"] =
        benchmark::Counter(1000.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["kernel_layers"] = session ? session->kernelLayers() : 0;
}

}  // namespace

#define CALO_SAMPLE_BENCH(model, plan, name) \
    static void name(benchmark::State& s) {  \
        sampleWithPlan(s, model, plan);      \
    }                                        \
    BENCHMARK(name)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

CALO_SAMPLE_BENCH("cfm", "fp32", BM_CfmFp32)
CALO_SAMPLE_BENCH("cfm", "mlp", BM_CfmMlp)
CALO_SAMPLE_BENCH("cfm", "full", BM_CfmFull)
CALO_SAMPLE_BENCH("cfm", "aggressive", BM_CfmAggressive)
CALO_SAMPLE_BENCH("cfm-transformer", "fp32", BM_CfmTransformerFp32)
CALO_SAMPLE_BENCH("cfm-transformer", "mlp", BM_CfmTransformerMlp)
CALO_SAMPLE_BENCH("cfm-transformer", "attention", BM_CfmTransformerAttention)
CALO_SAMPLE_BENCH("cfm-transformer", "full", BM_CfmTransformerFull)
CALO_SAMPLE_BENCH("cfm-transformer", "aggressive", BM_CfmTransformerAggressive)
CALO_SAMPLE_BENCH("flow", "default", BM_FlowDefault)
CALO_SAMPLE_BENCH("flow", "all", BM_FlowAll)
CALO_SAMPLE_BENCH("flow-spline", "default", BM_FlowSplineDefault)
CALO_SAMPLE_BENCH("flow-spline", "all", BM_FlowSplineAll)

BENCHMARK_MAIN();
