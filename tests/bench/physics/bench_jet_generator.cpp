// Jet generator throughput (jets/s) for 1 and 2 threads; the target is 100 000 jets in under
// a minute on 2 cores.
#include <benchmark/benchmark.h>

#include "core/physics/jet_generator.h"

using bithep::physics::JetGenerator;
using bithep::physics::JetGeneratorConfig;

static void BM_GenerateJets(benchmark::State& state) {
    JetGeneratorConfig config;
    config.threads = static_cast<int>(state.range(0));
    const std::size_t n = 2048;
    std::uint64_t seed = 1;
    for (auto _ : state) {
        const JetGenerator generator(config, seed++);
        auto jets = generator.generate(n);
        benchmark::DoNotOptimize(jets.data());
    }
    state.counters["jets/s"] = benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateJets)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
