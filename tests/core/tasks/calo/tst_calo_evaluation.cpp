// CaloChallenge evaluation pieces against hand-computed cases: common-edge histograms and their
// separation power, the mean-profile baseline, and the classifier two-sample test.
#include <cmath>

#include <QtTest>

#include "core/tasks/calo/classifier_test.h"
#include "core/tasks/calo/feature_comparison.h"
#include "core/tasks/calo/mean_profile_baseline.h"
#include "core/tasks/calo/shower_simulator.h"

using namespace bithep::tasks::calo;
using bithep::tensor::Matrix;

class TstCaloEvaluation : public QObject {
    Q_OBJECT
private slots:
    void separationPowerOnCommonEdges() {
        // Pooled range [0, 1] in two bins: reference (1/2, 1/2), generated (3/4, 1/4);
        // S = ½[(1/4)²/(5/4) + (1/4)²/(3/4)] = ½(1/20 + 1/12) = 1/15.
        const auto c = compareSamples("x", "x", {0, 0, 1, 1}, {0, 0, 0, 1}, 2);
        QVERIFY(std::abs(c.separationPower - 1.0 / 15.0) < 1e-12);
        QCOMPARE(c.reference.contents(), (std::vector<double>{2, 2}));
        QCOMPARE(compareSamples("same", "", {1, 2, 3}, {1, 2, 3}, 5).separationPower, 0.0);
        QVERIFY(std::abs(compareSamples("apart", "", {0, 0}, {9, 9}, 4).separationPower - 1.0) < 1e-12);
        // A constant feature gets a unit window and no separation.
        QCOMPARE(compareSamples("const", "", {0, 0}, {0, 0}, 3).separationPower, 0.0);
        QCOMPARE(compareSamples("one empty", "", {}, {1, 2}, 3).separationPower, 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareSamples("empty", "", {}, {}, 3));
    }
    void meanProfileBaselineByHand() {
        CaloDataset ref;
        ref.voxels = 2;
        ref.incidentEnergies = {100, 100, 1000};
        ref.showers = {10, 30, 30, 10, 500, 0};
        const MeanProfileBaseline baseline(ref);
        QCOMPARE(baseline.energies(), (std::vector<double>{100, 1000}));
        const auto s = baseline.sample({200.0f, 250.0f, 800.0f});
        // 200 and 250 MeV are nearer 100 than 1000 in log E: mean fraction (0.2, 0.2).
        QCOMPARE(s.shower(0)[0], 40.0f);
        QCOMPARE(s.shower(1)[1], 50.0f);
        QCOMPARE(s.shower(2)[0], 400.0f);
        QCOMPARE(s.shower(2)[1], 0.0f);
    }
    void featureSetOnSimulatedShowers() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        const auto a = ShowerSimulator(g, {}, 1).generate(1500);
        const auto b = ShowerSimulator(g, {}, 2).generate(1500);
        const auto fa = computeHighLevelFeatures(a, g), fb = computeHighLevelFeatures(b, g);
        const auto same = compareFeatures(fa, fb, a, b, g);
        // E_tot/E_inc; per layer energy, η centre, η width, sparsity; φ centre and width for the
        // two layers with 10 sectors; the voxel spectrum.
        QCOMPARE(same.features.size(), std::size_t{1 + 5 * 4 + 2 * 2 + 1});
        QVERIFY2(same.meanSeparationPower() < 0.02, std::to_string(same.meanSeparationPower()).c_str());
        const auto trivial = MeanProfileBaseline(a).sample(b.incidentEnergies);
        const auto ft = computeHighLevelFeatures(trivial, g);
        const auto worse = compareFeatures(fb, ft, b, trivial, g);
        QVERIFY(worse.meanSeparationPower() > 5 * same.meanSeparationPower());
        QVERIFY(worse.find("layer2_sparsity").separationPower > 0.3);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, worse.find("nothing"));
    }
    void classifierSeesShiftsNotNoise() {
        bithep::tensor::Rng rng(4);
        const Matrix a = bithep::tensor::normal(1500, 4, 0.0f, 1.0f, rng);
        const Matrix b = bithep::tensor::normal(1500, 4, 0.0f, 1.0f, rng);
        Matrix shifted = b;
        shifted.col(2).array() += 1.5f;
        ClassifierTestConfig config;
        config.epochs = 6;
        const auto same = runClassifierTest(a, b, config);
        const auto apart = runClassifierTest(a, shifted, config);
        QVERIFY2(std::abs(same.auc - 0.5) < 0.06, std::to_string(same.auc).c_str());
        // Two unit Gaussians 1.5 apart: the optimal AUC is Φ(1.5/√2) ≈ 0.856.
        QVERIFY2(std::abs(apart.auc - 0.856) < 0.05, std::to_string(apart.auc).c_str());
        QCOMPARE(apart.testRows, std::size_t{600});  // 20 % of 2 · 1500
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runClassifierTest(a, Matrix(1500, 3), config));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runClassifierTest(a.topRows(10), b, config));
    }
    void classifierSeesThroughTheBaseline() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        const auto ref = ShowerSimulator(g, {}, 7).generate(1200);
        const auto trivial = MeanProfileBaseline(ref).sample(ref.incidentEnergies);
        ClassifierTestConfig config;
        config.epochs = 4;
        const auto result = runClassifierTest(lowLevelRows(ref), lowLevelRows(trivial), config);
        QVERIFY2(result.auc > 0.9, std::to_string(result.auc).c_str());
        QCOMPARE(lowLevelRows(ref).cols(), bithep::tensor::Index{369});
    }
};

QTEST_APPLESS_MAIN(TstCaloEvaluation)
#include "tst_calo_evaluation.moc"
