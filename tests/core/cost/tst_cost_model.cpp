// Cost model against hand counts: a small MLP (fp32 and with one ternary layer) and an
// attention block; totals equal the sum of the rows; the energy table round-trips.
#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <QtTest>

#include "core/cost/cost_model.h"
#include "core/cost/inference_timer.h"
#include "core/nn/mlp.h"
#include "core/nn/multi_head_attention.h"

using namespace bithep;
using cost::EnergyTable;
using cost::WeightMemory;

namespace {
constexpr double kEps = 1e-9;

// fc0 weights: half ±1, half 0.01, so β = mean|W| = 0.505 and exactly half the codes are zero.
void setHalfZeroWeights(nn::BitLinear& layer) {
    auto& w = const_cast<autograd::Var&>(layer.weight()).mutableValue();
    for (tensor::Index i = 0; i < w.size(); ++i) w.data()[i] = (i % 2) ? 0.01f : (i % 4 ? 1.0f : -1.0f);
}
}  // namespace

class TstCostModel : public QObject {
    Q_OBJECT
private slots:
    void fp32MlpByHand() {
        tensor::Rng rng(7);
        nn::Mlp mlp({4, 8, 2}, nn::Activation::ReLU, rng);
        const auto r = cost::computeCost(cost::costInputsFromModel(mlp, 1), EnergyTable::horowitz45nm(),
                                         WeightMemory::Sram);
        QCOMPARE(r.parameters, 58.0);        // 4·8+8 + 8·2+2
        QCOMPARE(r.macs, 48.0);              // 32 + 16
        QCOMPARE(r.ops.fp32Mult, 48.0);
        QCOMPARE(r.ops.fp32Add, 48.0);
        QCOMPARE(r.ops.int32Add, 0.0);
        QCOMPARE(r.memoryBits, 58.0 * 32);
        QVERIFY(std::abs(r.arithmeticPj - (48 * 3.7 + 48 * 0.9)) < kEps);
        QVERIFY(std::abs(r.memoryPj - 58.0 * 32 / 64 * 20) < kEps);
        QCOMPARE(r.quantizedParameterShare, 0.0);
    }

    void ternaryLayerByHand() {
        tensor::Rng rng(7);
        nn::Mlp mlp({4, 8, 2}, nn::Activation::ReLU, rng);
        auto& fc0 = *mlp.layers()[0];
        setHalfZeroWeights(fc0);
        fc0.setPrecision(quant::Precision::Ternary);
        fc0.setActivationBits(quant::ActivationBits::Int8);
        const auto cmp = cost::compareWithFp32(cost::costInputsFromModel(mlp, 1), EnergyTable::horowitz45nm(),
                                               WeightMemory::Sram);
        const auto& r = cmp.plan;
        const auto& l0 = r.layers.at(0);
        QCOMPARE(l0.path, std::string("fc0"));
        QCOMPARE(l0.macsSkipped, 16.0);
        QCOMPARE(l0.ops.int32Add, 16.0);   // 32 MACs, half with zero weights
        QCOMPARE(l0.ops.fp32Mult, 14.0);   // 4 quantize + 2 token scale + 8 rescale
        QCOMPARE(l0.ops.fp32Add, 12.0);    // 4 absmax compares + 8 bias adds
        QCOMPARE(l0.memoryBits, 352.0);    // 32·2 + 8·32 bias + 32 scale
        QCOMPARE(r.memoryBits, 352.0 + 18 * 32);
        QCOMPARE(r.quantizedParameterShare, 32.0 / 58.0);
        QCOMPARE(r.quantizedMacShare, 32.0 / 48.0);
        QCOMPARE(r.macsByPrecision.at("int8 x ternary"), 32.0);
        QVERIFY(std::abs(r.arithmeticPj - (30 * 3.7 + 28 * 0.9 + 16 * 0.1)) < kEps);
        QCOMPARE(cmp.fp32.memoryBits, 58.0 * 32);  // the baseline ignores the plan
        QVERIFY(cmp.energyRatio() > 1.0);
        QCOMPARE(cmp.memoryRatio(), 58.0 * 32 / (352.0 + 18 * 32));
    }

    void attentionBlockByHand() {
        tensor::Rng rng(3);
        nn::MultiHeadAttention attn(8, 2, rng);
        for (auto& [path, layer] : attn.modulesOfType<nn::BitLinear>()) layer->setPrecision(quant::Precision::Ternary);
        const auto r = cost::computeCost(cost::costInputsFromModel(attn, 4), EnergyTable::horowitz45nm(),
                                         WeightMemory::Dram);
        QCOMPARE(r.layers.size(), size_t(4));            // q, k, v, o
        QCOMPARE(r.parameters, 4.0 * (64 + 8));
        double computeFlops = 0;
        for (const auto& c : r.compute) computeFlops += c.flops;
        QCOMPARE(computeFlops, 2 * 16 * 8 + 5 * 16 * 2 + 2 * 16 * 8.0);  // QKᵀ, softmax, AV
        QCOMPARE(r.macs, 4 * 4 * 64 + computeFlops / 2);
        QCOMPARE(r.quantizedMacShare, 1024.0 / (1024 + 336));
        QVERIFY(r.quantizedParameterShare > r.quantizedMacShare);  // attention products stay fp32
    }

    void totalsAreSumsOfRows() {
        tensor::Rng rng(11);
        nn::Mlp mlp({16, 32, 32, 1}, nn::Activation::GELU, rng);
        mlp.layers()[1]->setPrecision(quant::Precision::Binary);
        const auto r = cost::computeCost(cost::costInputsFromModel(mlp, 1), EnergyTable::jouppi7nm(),
                                         WeightMemory::Sram);
        double macs = 0, bits = 0, pj = 0, params = 0;
        for (const auto& l : r.layers) {
            macs += l.macs;
            bits += l.memoryBits;
            pj += l.arithmeticPj;
            params += l.parameters;
        }
        QCOMPARE(r.macs, macs);
        QCOMPARE(r.memoryBits, bits);
        QVERIFY(std::abs(r.arithmeticPj - pj) < 1e-9 * pj);
        QCOMPARE(r.parameters, params);
        const auto csv = cost::toCsv(r);
        QCOMPARE(std::get<std::string>(csv.rows().back()[0].value()), std::string("TOTAL"));
    }

    void energyTableValidatesAndRoundTrips() {
        const auto t = EnergyTable::jouppi7nm();
        const auto back = EnergyTable::fromJson(t.toJson());
        QCOMPARE(back.fp32Mult, t.fp32Mult);
        QCOMPARE(back.name, t.name);
        auto j = t.toJson();
        j["fp32_add_pj"] = -1.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EnergyTable::fromJson(j));
        j["fp32_add_pj"] = "cheap";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EnergyTable::fromJson(j));
    }

    void inferenceTimingRestoresThePlan() {
        tensor::Rng rng(4);
        nn::Mlp mlp({64, 128, 1}, nn::Activation::ReLU, rng);
        mlp.layers()[0]->setPrecision(quant::Precision::Ternary);
        mlp.layers()[0]->setActivationBits(quant::ActivationBits::Int8);
        const tensor::Matrix x = tensor::normal(32, 64, 0, 1, rng);
        int calls = 0;
        const auto t = cost::measureInferenceTime(mlp, [&] {
            ++calls;
            mlp.forward(autograd::constant(x));
        }, 32, 3);
        QCOMPARE(calls, 2 * (1 + 3));  // warm-up + repeats, on both paths
        QCOMPARE(t.kernelLayers, 1);
        QVERIFY(t.fp32SecondsPerSample > 0 && t.planSecondsPerSample > 0);
        // The timing carries the conditions it was taken under.
        QCOMPARE(t.threads, Eigen::nbThreads());
        const auto j = t.toJson();
        QCOMPARE(j["load_average"].get<double>(), t.loadAverage);
        QCOMPARE(j["machine_busy"].get<bool>(), t.machineBusy());
        cost::InferenceTiming busy;
        busy.loadAverage = 3.0;  // two threads more than the one timed
        QVERIFY(busy.machineBusy() &&
                busy.busyNote().find("load 3.0 for 1 timed thread") != std::string::npos);
        busy.loadAverage = 0.7;
        QVERIFY(!busy.machineBusy() && busy.busyNote().empty());
        QVERIFY(mlp.layers()[0]->precision() == quant::Precision::Ternary);
        QVERIFY(!mlp.layers()[0]->kernelAttached());
        QVERIFY(mlp.training());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cost::measureInferenceTime(mlp, [] {}, 0));
    }

    void badZeroFractionIsRejected() {
        tensor::Rng rng(1);
        nn::Mlp mlp({2, 2}, nn::Activation::ReLU, rng);
        auto in = cost::costInputsFromModel(mlp, 1);
        in.zeroFraction["fc0"] = 1.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 cost::computeCost(in, EnergyTable::horowitz45nm(), WeightMemory::Sram));
    }
};

QTEST_APPLESS_MAIN(TstCostModel)
#include "tst_cost_model.moc"
