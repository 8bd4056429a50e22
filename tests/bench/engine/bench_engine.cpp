// Training throughput of the engine (samples/s, Adam, batch 256): an MLP 64→256→256→1 with BCE,
// and one pre-norm transformer block (64-dim, 8 heads, 64 particles, FF 256) mean-pooled to one
// logit. Run: bench_engine --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include "core/autograd/ops.h"
#include "core/nn/mlp.h"
#include "core/nn/transformer_block.h"
#include "core/quant/quant_plan.h"
#include "core/train/optimizer.h"
#include "core/train/thread_control.h"

namespace ag = bithep::autograd;
namespace nn = bithep::nn;
namespace q = bithep::quant;
using ag::Matrix;
using nn::Index;

namespace {

constexpr Index kBatch = 256;

Matrix labels(bithep::tensor::Rng& rng) {
    Matrix y(kBatch, 1);
    for (Index i = 0; i < kBatch; ++i) y(i, 0) = static_cast<float>(rng() % 2);
    return y;
}

void applyPrecision(nn::Module& m, int ternary) {
    if (ternary) q::QuantPlan("all", {{"*", q::Precision::Ternary, q::ActivationBits::Int8}}).apply(m);
}

void BM_MlpTrain(benchmark::State& state) {
    bithep::train::setThreads(static_cast<int>(state.range(0)));
    bithep::train::keepFreedBuffers();
    bithep::tensor::Rng rng(1);
    nn::Mlp mlp({64, 256, 256, 1}, nn::Activation::ReLU, rng);
    applyPrecision(mlp, static_cast<int>(state.range(1)));
    bithep::train::Adam opt(mlp.namedParameters(), 1e-3f);
    const Matrix x = bithep::tensor::normal(kBatch, 64, 0, 1, rng);
    const Matrix y = labels(rng);
    for (auto _ : state) {
        opt.zeroGrad();
        const ag::Var loss = ag::bceWithLogits(mlp.forward(ag::constant(x)), y);
        loss.backward();
        opt.step();
        benchmark::DoNotOptimize(loss.item());
    }
    state.counters["samples/s"] = benchmark::Counter(double(state.iterations()) * kBatch, benchmark::Counter::kIsRate);
}

class PooledBlock : public nn::Module {
public:
    explicit PooledBlock(bithep::tensor::Rng& rng) : Module("PooledBlock") {
        m_block = addModule("block", std::make_shared<nn::TransformerBlock>(64, 8, 256, rng));
        m_head = addModule("head", std::make_shared<nn::BitLinear>(64, 1, rng));
    }
    ag::Var forward(const ag::Var& x, const ag::SetMask& mask) {
        return m_head->forward(ag::setMean(m_block->forward(x, mask), mask));
    }

private:
    std::shared_ptr<nn::TransformerBlock> m_block;
    std::shared_ptr<nn::BitLinear> m_head;
};

void BM_TransformerTrain(benchmark::State& state) {
    bithep::train::setThreads(static_cast<int>(state.range(0)));
    bithep::train::keepFreedBuffers();
    constexpr Index kParticles = 64;
    bithep::tensor::Rng rng(1);
    PooledBlock model(rng);
    applyPrecision(model, static_cast<int>(state.range(1)));
    bithep::train::Adam opt(model.namedParameters(), 1e-3f);
    const Matrix x = bithep::tensor::normal(kBatch * kParticles, 64, 0, 1, rng);
    const Matrix y = labels(rng);
    const auto mask = ag::SetMask::allValid(kBatch, kParticles);
    for (auto _ : state) {
        opt.zeroGrad();
        const ag::Var loss = ag::bceWithLogits(model.forward(ag::constant(x), mask), y);
        loss.backward();
        opt.step();
        benchmark::DoNotOptimize(loss.item());
    }
    state.counters["samples/s"] = benchmark::Counter(double(state.iterations()) * kBatch, benchmark::Counter::kIsRate);
}

}  // namespace

// Arguments: threads, all-ternary (0 = fp32).
BENCHMARK(BM_MlpTrain)->ArgsProduct({{1, 2}, {0, 1}})->ArgNames({"threads", "ternary"})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TransformerTrain)->ArgsProduct({{1, 2}, {0, 1}})->ArgNames({"threads", "ternary"})->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
