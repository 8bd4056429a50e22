// Calorimeter generative models: the flow's exact inverse, the named plans per model depth, the
// preprocessing round trip, and a short flow-matching training that learns and samples showers.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/cost/cost_model.h"
#include "core/tasks/calo/calo_plans.h"
#include "core/tasks/calo/calo_training.h"
#include "core/tasks/calo/shower_simulator.h"

using namespace bithep::tasks::calo;
using bithep::tensor::Matrix;

class TstCaloModels : public QObject {
    Q_OBJECT
private slots:
    void flowInverseIsExact() {
        CouplingFlowConfig config;
        config.voxels = 11;  // odd: the halves differ in size
        config.blocks = 3;
        config.hidden = 16;
        CouplingFlowModel flow(config, 3);
        // Perturb the zero-initialised output layers so the blocks do something.
        bithep::tensor::Rng rng(5);
        for (auto& [path, p] : flow.namedParameters()) p.mutableValue() += bithep::tensor::normal(p.rows(), p.cols(), 0.0f, 0.1f, rng);
        const Matrix x = bithep::tensor::normal(6, 11, 0.0f, 1.0f, rng);
        const Matrix c = bithep::tensor::normal(6, 1, 0.0f, 1.0f, rng);
        const auto latent = flow.toLatent(bithep::autograd::constant(x), c);
        QVERIFY((flow.fromLatent(latent.z.value(), c) - x).cwiseAbs().maxCoeff() < 1e-4f);
        QCOMPARE(latent.logDet.rows(), bithep::tensor::Index{6});
    }
    void flowStartsAsPermutation() {
        CouplingFlowModel flow({8, 2, 8, 3, 2.0f}, 1);
        bithep::tensor::Rng rng(2);
        const Matrix x = bithep::tensor::normal(4, 8, 0.0f, 1.0f, rng);
        const auto latent = flow.toLatent(bithep::autograd::constant(x), Matrix::Zero(4, 1));
        QVERIFY(latent.logDet.value().cwiseAbs().maxCoeff() < 1e-6f);
        // A permutation keeps each row's sorted values.
        for (int r = 0; r < 4; ++r) {
            std::vector<float> a(x.row(r).begin(), x.row(r).end()), b(latent.z.value().row(r).begin(), latent.z.value().row(r).end());
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            QCOMPARE(a, b);
        }
    }
    void plansMatchTheDocumentedLayers_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("plan");
        QTest::addColumn<int>("layers");
        // Flow: 6 blocks of 3-layer subnets = 18 linears; CFM: embed 2 + net 4 = 6 linears.
        QTest::addRow("flow default") << "flow" << "default" << 0;
        QTest::addRow("flow nn-central") << "flow" << "nn-central" << 6;
        QTest::addRow("flow block-central") << "flow" << "block-central" << 12;
        QTest::addRow("flow all") << "flow" << "all" << 18;
        QTest::addRow("cfm fp32") << "cfm" << "fp32" << 0;
        QTest::addRow("cfm mlp") << "cfm" << "mlp" << 2;
        QTest::addRow("cfm full") << "cfm" << "full" << 3;
        QTest::addRow("cfm aggressive") << "cfm" << "aggressive" << 6;
    }
    void plansMatchTheDocumentedLayers() {
        QFETCH(QString, model);
        QFETCH(QString, plan);
        QFETCH(int, layers);
        auto m = makeCaloModel(model.toStdString(), 368, 1);
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
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeCaloModel("gan", 368, 1));
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
        QVERIFY(std::abs(x.mean()) < 0.05f);  // standardised
        const auto back = prep.inverse(x, d.incidentEnergies);
        for (std::size_t k = 0; k < d.showers.size(); ++k) {
            const double e = d.incidentEnergies[k / d.voxels];
            // Exact up to the dequantisation noise (±δ/2 of E_inc per voxel and layer, spread by
            // the layer rescaling) and the zero cut at 10δ.
            QVERIFY(std::abs(back.showers[k] - d.showers[k]) <= 12 * ShowerPreprocessing::kDelta * e + 1e-3 * d.showers[k]);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, prep.inverse(Matrix(2, 5), {1.0f, 2.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ShowerPreprocessing::fit(d, {{0, 100}}, 1));
    }
    void flowMatchingLearnsAndSamples() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        const auto d = ShowerSimulator(g, {}, 6).generate(600);
        const auto prep = ShowerPreprocessing::fit(d, layerRangesOf(g), 1);
        auto model = makeCaloModel("cfm", static_cast<int>(prep.dimension()), 2, {64, 2, 4});
        CaloTrainSettings settings;
        settings.epochs = 4;
        settings.batchSize = 64;
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
