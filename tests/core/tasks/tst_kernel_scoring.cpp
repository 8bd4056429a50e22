// scoreOnKernels: an fp32 network is scored once on floats; a quantized one returns the kernel
// outputs (equal to a forward under nn::KernelInference) with the largest difference to the
// fake-quantized floats, which stays within the kernels' documented agreement.
#include <QtTest>

#include <cmath>

#include "core/nn/mlp.h"
#include "core/quant/quant_plan.h"
#include "core/tasks/kernel_scoring.h"

namespace nn = bithep::nn;
namespace q = bithep::quant;
using bithep::tasks::KernelScoring;
using bithep::tasks::scoreOnKernels;

namespace {

std::vector<float> outputsOf(nn::Mlp& mlp, const bithep::tensor::Matrix& x) {
    const auto y = mlp.forward(bithep::autograd::constant(x)).value();
    return {y.data(), y.data() + y.size()};
}

}  // namespace

class TstKernelScoring : public QObject {
    Q_OBJECT
private slots:
    void fp32IsScoredOnceOnFloats() {
        bithep::tensor::Rng rng(8);
        nn::Mlp mlp({24, 48, 3}, nn::Activation::GELU, rng);
        const auto x = bithep::tensor::uniform(37, 24, -2, 2, rng);
        int calls = 0;
        KernelScoring report;
        const auto scores = scoreOnKernels(mlp, [&] { ++calls; return outputsOf(mlp, x); }, report);
        QCOMPARE(calls, 1);
        QCOMPARE(report.kernelLayers, 0);
        QCOMPARE(report.maxDifference, 0.0);
        QCOMPARE(scores, outputsOf(mlp, x));
    }
    void quantizedRunsOnTheKernels() {
        bithep::tensor::Rng rng(8);
        nn::Mlp mlp({24, 48, 3}, nn::Activation::GELU, rng);
        q::QuantPlan("all", {{"*", q::Precision::Ternary, q::ActivationBits::Int8}}).apply(mlp);
        const auto x = bithep::tensor::uniform(37, 24, -2, 2, rng);
        const std::vector<float> floats = outputsOf(mlp, x);
        std::vector<float> kernelDirect;
        {
            const nn::KernelInference kernels(mlp);
            kernelDirect = outputsOf(mlp, x);
        }
        KernelScoring report;
        const auto scores = scoreOnKernels(mlp, [&] { return outputsOf(mlp, x); }, report);
        QCOMPARE(report.kernelLayers, 2);
        QCOMPARE(scores, kernelDirect);
        double expected = 0;
        for (std::size_t i = 0; i < floats.size(); ++i)
            expected = std::max(expected, std::abs(double(kernelDirect[i]) - double(floats[i])));
        QCOMPARE(report.maxDifference, expected);
        QVERIFY(report.maxDifference < 1e-3);  // float summation order only
        QCOMPARE(report.toJson().at("kernel_layers").get<int>(), 2);
        // The model is back on floats afterwards (the kernels were a scope).
        QCOMPARE(outputsOf(mlp, x), floats);
    }
    void nonFiniteScores() {
        bithep::tensor::Rng rng(8);
        nn::Mlp mlp({4, 4, 1}, nn::Activation::ReLU, rng);
        q::QuantPlan("all", {{"*", q::Precision::Ternary, q::ActivationBits::Int8}}).apply(mlp);
        const double nan = std::nan("");
        // Both paths NaN at the same place: they agree the network diverged.
        KernelScoring same;
        (void)scoreOnKernels(mlp, [&] { return std::vector<double>{0.5, nan}; }, same);
        QCOMPARE(same.maxDifference, 0.0);
        // Only the kernels non-finite: reported as no agreement, never as a perfect match.
        int calls = 0;
        KernelScoring one;
        (void)scoreOnKernels(mlp, [&] { return std::vector<double>{0.5, ++calls == 1 ? 0.25 : nan}; }, one);
        QVERIFY(std::isinf(one.maxDifference));
    }
    void mismatchedCountsAreALogicError() {
        bithep::tensor::Rng rng(8);
        nn::Mlp mlp({4, 4, 1}, nn::Activation::ReLU, rng);
        q::QuantPlan("all", {{"*", q::Precision::Ternary, q::ActivationBits::Int8}}).apply(mlp);
        int calls = 0;
        KernelScoring report;
        QVERIFY_THROWS_EXCEPTION(std::logic_error,
                                 scoreOnKernels(mlp, [&] { return std::vector<double>(++calls, 0.0); }, report));
    }
};

QTEST_APPLESS_MAIN(TstKernelScoring)
#include "tst_kernel_scoring.moc"
