// Calorimeter generative models: the flow's exact inverse, the named plans per model depth, the
// transformer velocity field's tokens and cost listing, the balanced flow-matching loss, the
// preprocessing round trip, and short flow-matching trainings that learn and sample showers.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <QtTest>

#include "../../autograd/grad_check.h"
#include "core/cost/cost_model.h"
#include "core/tasks/calo/calo_plans.h"
#include "core/tasks/calo/calo_training.h"
#include "core/tasks/calo/shower_simulator.h"

using namespace bithep::tasks::calo;
using bithep::tensor::Matrix;

namespace {

ModelSpaceLayout photons() {
    return ModelSpaceLayout::of(ShowerGeometry::builtin("dataset-1-photons"));
}

}  // namespace

class TstCaloModels : public QObject {
    Q_OBJECT
private slots:
    void flowInverseIsExact_data() {
        QTest::addColumn<bool>("spline");
        QTest::newRow("affine") << false;
        QTest::newRow("spline") << true;
    }
    void flowInverseIsExact() {
        QFETCH(bool, spline);
        CouplingFlowConfig config;
        config.voxels = 11;  // odd: the halves differ in size
        config.blocks = 3;
        config.hidden = 16;
        if (spline) config.coupling = CouplingFlowConfig::Coupling::Spline;
        CouplingFlowModel flow(config, 3);
        // Perturb the zero-initialised output layers so the blocks do something.
        bithep::tensor::Rng rng(5);
        for (auto& [path, p] : flow.namedParameters())
            p.mutableValue() += bithep::tensor::normal(p.rows(), p.cols(), 0.0f, 0.1f, rng);
        // Some values beyond the spline's bound: the identity tails must invert too.
        const Matrix x = bithep::tensor::normal(6, 11, 0.0f, 2.0f, rng);
        const Matrix c = bithep::tensor::normal(6, 1, 0.0f, 1.0f, rng);
        const auto latent = flow.toLatent(bithep::autograd::constant(x), c);
        QVERIFY((flow.fromLatent(latent.z.value(), c) - x).cwiseAbs().maxCoeff() < 1e-4f);
        QVERIFY((latent.z.value() - x).cwiseAbs().maxCoeff() > 1e-2f);  // the blocks did something
        QCOMPARE(latent.logDet.rows(), bithep::tensor::Index{6});
    }
    void flowStartsAsPermutation_data() {
        QTest::addColumn<bool>("spline");
        QTest::newRow("affine") << false;
        QTest::newRow("spline") << true;
    }
    void flowStartsAsPermutation() {
        QFETCH(bool, spline);
        CouplingFlowConfig config{8, 2, 8, 3, 2.0f};
        if (spline) config.coupling = CouplingFlowConfig::Coupling::Spline;
        CouplingFlowModel flow(config, 1);
        bithep::tensor::Rng rng(2);
        const Matrix x = bithep::tensor::normal(4, 8, 0.0f, 1.0f, rng);
        const auto latent = flow.toLatent(bithep::autograd::constant(x), Matrix::Zero(4, 1));
        QVERIFY(latent.logDet.value().cwiseAbs().maxCoeff() < 1e-5f);
        // A permutation keeps each row's sorted values (the spline's identity up to rounding).
        for (int r = 0; r < 4; ++r) {
            std::vector<float> a(x.row(r).begin(), x.row(r).end()),
                b(latent.z.value().row(r).begin(), latent.z.value().row(r).end());
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            for (std::size_t i = 0; i < a.size(); ++i) QVERIFY(std::abs(a[i] - b[i]) < 1e-5f);
        }
    }
    void plansMatchTheDocumentedLayers_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("plan");
        QTest::addColumn<int>("layers");
        // Flow: 6 blocks of 3-layer subnets = 18 linears; CFM: embed 2 + net 4 = 6 linears;
        // transformer: embed 2 + 6 token inputs + 3 blocks × (q, k, v, o, 2 feed-forward) + 6
        // token outputs = 32 linears.
        QTest::addRow("flow default") << "flow"
                                      << "default" << 0;
        QTest::addRow("flow nn-central") << "flow"
                                         << "nn-central" << 6;
        QTest::addRow("flow block-central") << "flow"
                                            << "block-central" << 12;
        QTest::addRow("flow all") << "flow"
                                  << "all" << 18;
        QTest::addRow("flow-spline block-central") << "flow-spline"
                                                   << "block-central" << 12;
        QTest::addRow("cfm fp32") << "cfm"
                                  << "fp32" << 0;
        QTest::addRow("cfm mlp") << "cfm"
                                 << "mlp" << 2;
        QTest::addRow("cfm full") << "cfm"
                                  << "full" << 3;
        QTest::addRow("cfm aggressive") << "cfm"
                                        << "aggressive" << 6;
        for (const auto& [plan, layers] : std::vector<std::pair<const char*, int>>{
                 {"fp32", 0}, {"mlp", 6}, {"attention", 12}, {"full", 18}, {"aggressive", 32}})
            QTest::addRow("cfm-transformer %s", plan) << "cfm-transformer" << plan << layers;
    }
    void plansMatchTheDocumentedLayers() {
        QFETCH(QString, model);
        QFETCH(QString, plan);
        QFETCH(int, layers);
        auto m = makeCaloModel(model.toStdString(), photons(), 1);
        QCOMPARE(caloPlan(model.toStdString(), plan.toStdString(), *m).apply(*m), layers);
        const auto cost = bithep::cost::compareWithFp32(bithep::cost::costInputsFromModel(*m, 1),
                                                        bithep::cost::EnergyTable::horowitz45nm(),
                                                        bithep::cost::WeightMemory::Sram);
        QCOMPARE(cost.plan.quantizedParameterShare > 0, layers > 0);
        QVERIFY(cost.plan.quantizedMacShare <= 1.0);
    }
    void unknownNamesAreListed() {
        try {
            flowPlan("half", {});
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("nn-central"));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cfmPlan("attention", {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeCaloModel("gan", photons(), 1));
        // The MLP field has no attention plan, the transformer has one.
        auto tf = makeCaloModel("cfm-transformer", photons(), 1);
        QCOMPARE(caloPlan("cfm-transformer", "attention", *tf).apply(*tf), 12);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, caloPlan("cfm", "attention", *tf));
        CfmConfig mismatched = CfmConfig::transformer({3, 4});
        mismatched.voxels = 8;  // the tokens cover 7 columns
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CfmModel(mismatched, 1));
    }
    void transformerTokensSeeEachOther() {
        // One token per group: changing only the energy token's columns changes every token's
        // velocity (attention mixes them); the output has the input's shape.
        CfmModel m(CfmConfig::transformer({5, 3, 2}), 4);
        bithep::tensor::Rng rng(8);
        Matrix x = bithep::tensor::normal(3, 10, 0.0f, 1.0f, rng);
        const Matrix t = Matrix::Constant(3, 1, 0.3f), c = Matrix::Zero(3, 1);
        const Matrix a = m.velocity(bithep::autograd::constant(x), t, c).value();
        QCOMPARE(a.cols(), bithep::tensor::Index{10});
        x.rightCols(2).array() += 1.0f;
        const Matrix b = m.velocity(bithep::autograd::constant(x), t, c).value();
        QVERIFY((a.leftCols(5) - b.leftCols(5)).cwiseAbs().maxCoeff() > 1e-4f);
        QVERIFY((a.middleCols(5, 3) - b.middleCols(5, 3)).cwiseAbs().maxCoeff() > 1e-4f);
        // Rows are independent samples: a change in row 0 leaves row 1 alone.
        Matrix y = x;
        y.row(0).array() += 1.0f;
        const Matrix d = m.velocity(bithep::autograd::constant(y), t, c).value();
        QVERIFY((d.row(1) - b.row(1)).cwiseAbs().maxCoeff() < 1e-6f);
    }
    void transformerGradientsMatchFiniteDifferences() {
        // The token slicing, per-token projections, the (B, N·d) ↔ (B·N, d) reshapes and the
        // blocks, differentiated by the tape, against central differences in both inputs.
        bithep::tensor::Rng rng(11);
        TransformerVelocityField field({{2, 3}, 4, 1, 2, 8}, rng);
        const Matrix x = bithep::tensor::normal(3, 5, 0.0f, 1.0f, rng);
        const Matrix e = bithep::tensor::normal(3, 4, 0.0f, 1.0f, rng);
        const std::string error = bithep::testing::checkGradients(
            [&](const std::vector<bithep::autograd::Var>& in) { return field.forward(in[0], in[1]); },
            {x, e});
        QVERIFY2(error.empty(), error.c_str());
    }
    void transformerCostCountsTokensAndEvaluations() {
        // Per evaluation the token projections see one row, the blocks N = 6 rows, the attention
        // products 2·N²·d each; the listing is scaled by the evaluations per sample.
        CfmModel m(CfmConfig::transformer(photons().groups), 1);
        const auto one = bithep::nn::describeModel(m, 1), many = bithep::nn::describeModel(m, 16);
        double q = 0, in0 = 0, qk = 0;
        for (const auto& l : one.layers) {
            if (l.path == "net.blocks.0.attn.q") q = l.macsPerSample;
            if (l.path == "net.tokens.in0") in0 = l.macsPerSample;
        }
        for (const auto& c : one.compute)
            if (c.path == "net.blocks.0.attn" && c.label == "attention QK^T") qk = c.flopsPerSample;
        QCOMPARE(q, 6.0 * 64 * 64);
        QCOMPARE(in0, 8.0 * 64);  // layer 0 of dataset 1 has 8 voxels
        QCOMPARE(qk, 2.0 * 6 * 6 * 64);
        QCOMPARE(many.layers.size(), one.layers.size());
        for (std::size_t i = 0; i < one.layers.size(); ++i)
            QCOMPARE(many.layers[i].macsPerSample, 16 * one.layers[i].macsPerSample);
        QCOMPARE(many.compute.size(), one.compute.size());
        QVERIFY(!one.compute.empty());
        for (std::size_t i = 0; i < one.compute.size(); ++i)
            QCOMPARE(many.compute[i].flopsPerSample, 16 * one.compute[i].flopsPerSample);
    }
    void balancedLossWeighsGroupsEqually() {
        // Groups of 6 and 2 columns: each group carries half of the loss, weights average 1. A
        // velocity error only in the small group therefore costs 3× what the plain mean charges.
        CfmConfig plain;
        plain.voxels = 8;
        plain.hidden = 8;
        plain.hiddenLayers = 1;
        CfmConfig balanced = plain;
        balanced.tokenSizes = {6, 2};
        CfmModel a(plain, 3), b(balanced, 3);
        // Zero the output layers: v ≡ 0, so the loss is the weighted mean of (x − x0)².
        for (auto* model : {&a, &b})
            for (auto& [path, p] : model->namedParameters())
                if (path.rfind("net.fc1", 0) == 0) p.mutableValue().setZero();
        Matrix x = Matrix::Zero(4000, 8);
        x.rightCols(2).setConstant(10.0f);  // the error sits in the 2-column group
        bithep::tensor::Rng r1(5), r2(5);
        const float la = a.loss(x, Matrix::Zero(4000, 1), r1).value()(0, 0);
        const float lb = b.loss(x, Matrix::Zero(4000, 1), r2).value()(0, 0);
        // E(x − x0)² = 1 + 100 in the group, 1 elsewhere: plain (6 + 2·101)/8 = 26, balanced
        // ½·1 + ½·101 = 51.
        QVERIFY2(std::abs(la - 26.0f) < 0.6f, std::to_string(la).c_str());
        QVERIFY2(std::abs(lb - 51.0f) < 1.2f, std::to_string(lb).c_str());
    }
    void preprocessingRoundTrip() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        const auto d = ShowerSimulator(g, {}, 4).generate(200);
        const auto prep = ShowerPreprocessing::fit(d, layerRangesOf(g), 1);
        std::vector<bithep::tensor::Index> rows(200);
        std::iota(rows.begin(), rows.end(), 0);
        bithep::tensor::Rng rng(3);
        const Matrix x = prep.forward(d, rows, rng);
        QCOMPARE(x.cols(), bithep::tensor::Index{368 + 5 + 1});  // voxels, layer energies, total
        QVERIFY(std::abs(x.mean()) < 0.05f);                     // standardised
        const auto back = prep.inverse(x, d.incidentEnergies);
        for (std::size_t k = 0; k < d.showers.size(); ++k) {
            const double e = d.incidentEnergies[k / d.voxels];
            // Exact up to the dequantisation noise (±δ/2 of E_inc per voxel and layer, spread by
            // the layer rescaling) and the zero cut at 10δ.
            QVERIFY(std::abs(back.showers[k] - d.showers[k]) <=
                    12 * ShowerPreprocessing::kDelta * e + 1e-3 * d.showers[k]);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, prep.inverse(Matrix(2, 5), {1.0f, 2.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ShowerPreprocessing::fit(d, {{0, 100}}, 1));
    }
    void flowMatchingLearnsAndSamples_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("width");
        QTest::addColumn<float>("learningRate");
        QTest::newRow("mlp field") << "cfm" << 64 << 1e-3f;
        QTest::newRow("transformer field") << "cfm-transformer" << 32 << 3e-3f;
    }
    void flowMatchingLearnsAndSamples() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        const auto d = ShowerSimulator(g, {}, 6).generate(600);
        const auto prep = ShowerPreprocessing::fit(d, layerRangesOf(g), 1);
        QFETCH(QString, name);
        QFETCH(int, width);
        QFETCH(float, learningRate);
        auto model = makeCaloModel(name.toStdString(), prep.layout(), 2, {width, 2, 4});
        CaloTrainSettings settings;
        settings.epochs = 4;
        settings.batchSize = 64;
        settings.learningRate = learningRate;
        const auto fit = trainCaloModel(*model, prep, d, settings);
        QVERIFY(fit.ok);
        // Flow matching's loss starts at the variance of x1 − x0, about 2 per dimension.
        QVERIFY2(fit.validationLosses.back() < 1.97f, std::to_string(fit.validationLosses.back()).c_str());
        QVERIFY(fit.validationLosses.back() < fit.validationLosses.front());
        const std::vector<float> energies{1024.0f, 65536.0f, 65536.0f};
        const auto a = sampleShowers(*model, prep, energies, 9, 2);
        const auto b = sampleShowers(*model, prep, energies, 9, 2);
        QCOMPARE(a.showers.showers, b.showers.showers);  // seeded
        QCOMPARE(a.showers.size(), std::size_t{3});
        a.showers.validate("sampled");  // finite, non-negative
        QVERIFY(a.showersPerSecond() > 0);
    }
};

QTEST_APPLESS_MAIN(TstCaloModels)
#include "tst_calo_models.moc"
