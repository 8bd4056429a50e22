// Throughput of the quark/gluon models in jets/s on generated jets (teaching size: dim 32,
// 2 blocks, 48 particles): one AdamW training step (features built inside, as in training) and
// inference, per plan, on the fake-quantized autograd path (BM_QgInference) and with every
// integer-form layer on the packed ternary kernels (BM_QgKernelInference; the kernel speed does
// not depend on the weight values, so untrained weights time the same as trained ones).
// Run: bench_qg_models --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include "core/autograd/ops.h"
#include "core/kernels/kernel_path.h"
#include "core/nn/kernel_inference.h"
#include "core/physics/jet_generator.h"
#include "core/tasks/qg/qg_model.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/train/optimizer.h"
#include "core/train/thread_control.h"

using namespace bithep;
using namespace bithep::tasks::qg;
using namespace bithep::tasks::jet_common;

namespace {

constexpr std::size_t kBatch = 128;

const JetDataset& dataset() {
    static const JetDataset d = [] {
        const physics::JetGeneratorConfig config;
        return JetDataset::fromJets(physics::JetGenerator(config, 3).generate(kBatch), config.toJson(), 3);
    }();
    return d;
}

const char* planName(int64_t i) {
    static const char* names[] = {"fp32", "p-dat-bit", "all-linear-ternary"};
    return names[i];
}

std::vector<std::size_t> allJets() {
    std::vector<std::size_t> jets(kBatch);
    for (std::size_t i = 0; i < kBatch; ++i) jets[i] = i;
    return jets;
}

void BM_QgTrainStep(benchmark::State& state) {
    train::keepFreedBuffers();
    JetModelConfig config;
    config.architecture = state.range(0) == 3 ? "deepsets" : "pdat";
    auto model = makeQgModel(config, 1);
    resolveJetPlan(planName(state.range(0) == 3 ? 0 : state.range(0))).apply(*model);
    const auto jets = allJets();
    const auto options = featureOptionsFor(config);
    model->fitInputScaling(buildFeatures(dataset(), jets, options));
    train::AdamW optimizer(model->namedParameters(), 1e-3f);
    for (auto _ : state) {
        const FeatureBatch batch = buildFeatures(dataset(), jets, options);
        const tensor::Matrix y = Eigen::Map<const tensor::Matrix>(batch.labels.data(), kBatch, 1);
        optimizer.zeroGrad();
        autograd::bceWithLogits(model->forward(batch), y).backward();
        optimizer.step();
    }
    state.SetLabel(config.architecture + " " + (state.range(0) == 3 ? "fp32" : planName(state.range(0))));
    state.counters["jets/s"] =
        benchmark::Counter(double(kBatch) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_QgTrainStep)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_QgInference(benchmark::State& state) {
    train::keepFreedBuffers();  // as the app and the batch run do
    JetModelConfig config;
    auto model = makeQgModel(config, 1);
    resolveJetPlan(planName(state.range(0))).apply(*model);
    model->setTraining(false);
    const auto batch = buildFeatures(dataset(), allJets(), featureOptionsFor(config));
    model->fitInputScaling(batch);
    autograd::NoGradGuard noGrad;
    for (auto _ : state) benchmark::DoNotOptimize(model->forward(batch).value().data());
    state.SetLabel(planName(state.range(0)));
    state.counters["jets/s"] =
        benchmark::Counter(double(kBatch) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_QgInference)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

void BM_QgKernelInference(benchmark::State& state) {
    train::keepFreedBuffers();
    JetModelConfig config;
    auto model = makeQgModel(config, 1);
    resolveJetPlan(planName(state.range(0))).apply(*model);
    model->setTraining(false);
    const auto batch = buildFeatures(dataset(), allJets(), featureOptionsFor(config));
    model->fitInputScaling(batch);
    const nn::KernelInference onKernels(*model);  // packs the ternary layers once
    for (auto _ : state) benchmark::DoNotOptimize(model->forward(batch).value().data());
    state.SetLabel(std::string(planName(state.range(0))) + ", " + std::to_string(onKernels.kernelLayers()) +
                   " layers on " + std::string(kernels::kernelPathName(kernels::activeKernelPath())));
    state.counters["jets/s"] =
        benchmark::Counter(double(kBatch) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_QgKernelInference)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
