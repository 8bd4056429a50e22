// Shower simulator throughput (showers/s) on the dataset-1 photon geometry for 1 and 2 threads;
// the target is 50 000 showers (energies 256 MeV … 4 TeV) in under a minute on 2 cores.
#include <benchmark/benchmark.h>

#include "core/tasks/calo/shower_simulator.h"

using namespace bithep::tasks::calo;

static void BM_SimulateShowers(benchmark::State& state) {
    ShowerSimulatorConfig config;
    config.threads = static_cast<int>(state.range(0));
    const std::size_t n = 4096;
    std::uint64_t seed = 1;
    const auto geometry = ShowerGeometry::builtin("dataset-1-photons");
    for (auto _ : state) {
        const ShowerSimulator simulator(geometry, config, seed++);
        auto showers = simulator.generate(n);
        benchmark::DoNotOptimize(showers.showers.data());
    }
    state.counters["showers/s"] = benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()),
                                                     benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateShowers)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
