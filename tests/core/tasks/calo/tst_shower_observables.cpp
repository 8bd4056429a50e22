// High-level features against a hand-computed two-layer shower.
#include <QtTest>

#include <cmath>

#include "core/tasks/calo/shower_observables.h"

using namespace bithep::tasks::calo;

class TstShowerObservables : public QObject {
    Q_OBJECT
private slots:
    void handComputedShower() {
        // Layer 0: rings [0,2], [2,4], one sector → η = 1, 3; φ = 0.
        // Layer 1: ring [0,2], two sectors with α = −π/2, +π/2 → (η, φ) = (0, −1), (0, +1).
        const auto g = ShowerGeometry::fromXml(R"(<Bins><Bin name="toy" pid="22">
            <Layer id="0" r_edges="0,2,4" n_bin_alpha="1"/><Layer id="5" r_edges="0" n_bin_alpha="1"/>
            <Layer id="7" r_edges="0,2" n_bin_alpha="2"/></Bin></Bins>)", "toy");
        CaloDataset d;
        d.voxels = 4;
        d.incidentEnergies = {10.0f, 10.0f};
        d.showers = {1, 3, 2, 0,   // shower 0
                     0, 0, 0, 0};  // shower 1: empty
        const auto f = computeHighLevelFeatures(d, g);
        QCOMPARE(f.layers, std::size_t{2});
        QCOMPARE(f.totalEnergy[0], 6.0);
        QCOMPARE(f.at(f.layerEnergy, 0, 0), 4.0);
        QCOMPARE(f.at(f.layerEnergy, 0, 1), 2.0);
        QCOMPARE(f.at(f.centerEta, 0, 0), 2.5);  // (1·1 + 3·3)/4
        // <η²> − <η>² = (1 + 27)/4 − 6.25 = 0.75
        QVERIFY(std::abs(f.at(f.widthEta, 0, 0) - std::sqrt(0.75)) < 1e-12);
        QCOMPARE(f.at(f.centerPhi, 0, 0), 0.0);
        QVERIFY(std::abs(f.at(f.centerPhi, 0, 1) + 1.0) < 1e-12);  // all energy at α = −π/2
        QVERIFY(f.at(f.widthPhi, 0, 1) < 1e-6);
        QCOMPARE(f.at(f.sparsity, 0, 0), 1.0);
        QCOMPARE(f.at(f.sparsity, 0, 1), 0.5);
        // An empty shower: zero energies, centres and widths 0 by convention, sparsity 0.
        QCOMPARE(f.totalEnergy[1], 0.0);
        QCOMPARE(f.at(f.centerEta, 1, 0), 0.0);
        QCOMPARE(f.at(f.widthEta, 1, 1), 0.0);
        QCOMPARE(f.at(f.sparsity, 1, 1), 0.0);
        // Classifier row: log10 E_inc, E_tot/E_inc, then per layer log10(1+E), ηc, φc, ση, σφ.
        const auto row = f.row(0);
        QCOMPARE(row.size(), f.rowSize());
        QCOMPARE(row[0], 1.0f);
        QCOMPARE(row[1], 0.6f);
        QVERIFY(std::abs(row[2] - std::log10(5.0f)) < 1e-6f);
        QCOMPARE(row[3], 2.5f);
    }
    void voxelCountMustMatch() {
        CaloDataset d;
        d.voxels = 3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 computeHighLevelFeatures(d, ShowerGeometry::builtin("dataset-1-photons")));
    }
};

QTEST_APPLESS_MAIN(TstShowerObservables)
#include "tst_shower_observables.moc"
