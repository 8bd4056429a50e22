// Throughput of the SMEFT task: the event generator in kept events/s (1 and 2 threads) and one
// AdamW training step of each regressor size in events/s (batch 128, features built inside, as
// in training), fp32 and all-ternary (fake-quantized autograd path).
// Run: bench_smeft --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include "core/tasks/smeft/smeft_model.h"
#include "core/tasks/smeft/smeft_plans.h"
#include "core/train/optimizer.h"
#include "core/train/thread_control.h"

using namespace bithep;
using namespace bithep::tasks::smeft;

namespace {

constexpr std::size_t kBatch = 128;

const SmeftDataset& dataset() {
    static const SmeftDataset d = [] {
        const SmeftGeneratorConfig config;
        return SmeftDataset::fromSample(SmeftEventGenerator(config, 3).generate(kBatch), config, 3);
    }();
    return d;
}

void BM_SmeftGenerate(benchmark::State& state) {
    SmeftGeneratorConfig config;
    config.threads = static_cast<int>(state.range(0));
    const SmeftEventGenerator generator(config, 1);
    constexpr std::size_t kEvents = 512;
    for (auto _ : state) benchmark::DoNotOptimize(generator.generate(kEvents).events.data());
    state.counters["events/s"] =
        benchmark::Counter(double(kEvents) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SmeftGenerate)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SmeftTrainStep(benchmark::State& state) {
    train::keepFreedBuffers();
    const char* presets[] = {"small", "medium", "large"};
    const std::string preset = presets[state.range(0)];
    const std::string plan = state.range(1) ? "all-ternary" : "fp32";
    SmeftModel model(SmeftModelConfig::fromPreset(preset), 1);
    resolveSmeftPlan(plan).apply(model);
    std::vector<std::size_t> events(kBatch);
    for (std::size_t i = 0; i < kBatch; ++i) events[i] = i;
    model.fitInputScaling(buildSmeftBatch(dataset(), events, 40));
    train::AdamW optimizer(model.namedParameters(), 1e-3f);
    for (auto _ : state) {
        const SmeftBatch batch = buildSmeftBatch(dataset(), events, 40);
        optimizer.zeroGrad();
        decayPlaneLoss(model.forward(batch), batch).backward();
        optimizer.step();
    }
    state.SetLabel(preset + " " + plan);
    state.counters["events/s"] =
        benchmark::Counter(double(kBatch) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SmeftTrainStep)->ArgsProduct({{0, 1, 2}, {0, 1}})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
