// Shower simulator: reproducibility (seed, thread count), energies as dataset 1, and the trends
// of a sampling calorimeter with energy (deposited fraction, resolution, layer fractions, widths).
#include <QtTest>

#include <cmath>
#include <set>

#include "core/tasks/calo/shower_observables.h"
#include "core/tasks/calo/shower_simulator.h"

using namespace bithep::tasks::calo;

namespace {

struct Summary {
    double fraction = 0, spread = 0;  // mean E_tot/E_inc and its relative rms
    double layerFraction[5] = {};     // mean E_l / E_tot, dataset-1 photon layers 0, 1, 2, 3, 12
    double width2 = 0, sparsity2 = 0; // layer 2: mean width in η (mm), mean fraction of hit voxels
};

Summary summarise(const ShowerSimulator& sim, float energy, std::size_t n) {
    const std::vector<float> energies(n, energy);
    const auto f = computeHighLevelFeatures(sim.generate(energies), sim.geometry());
    Summary s;
    double m2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double r = f.totalEnergy[i] / energy;
        s.fraction += r / static_cast<double>(n);
        m2 += r * r / static_cast<double>(n);
        for (std::size_t l = 0; l < 5; ++l)
            s.layerFraction[l] += f.at(f.layerEnergy, i, l) / f.totalEnergy[i] / static_cast<double>(n);
        s.width2 += f.at(f.widthEta, i, 2) / static_cast<double>(n);
        s.sparsity2 += f.at(f.sparsity, i, 2) / static_cast<double>(n);
    }
    s.spread = std::sqrt(m2 - s.fraction * s.fraction) / s.fraction;
    return s;
}

}  // namespace

class TstShowerSimulator : public QObject {
    Q_OBJECT
    ShowerGeometry m_photons = ShowerGeometry::builtin("dataset-1-photons");
private slots:
    void reproducibleForAnyThreadCount() {
        ShowerSimulatorConfig one, two;
        two.threads = 2;
        const auto a = ShowerSimulator(m_photons, one, 11).generate(200);
        const auto b = ShowerSimulator(m_photons, two, 11).generate(200);
        const auto c = ShowerSimulator(m_photons, one, 12).generate(200);
        QCOMPARE(a.showers, b.showers);
        QCOMPARE(a.incidentEnergies, b.incidentEnergies);
        QVERIFY(a.showers != c.showers);
        a.validate("simulated");  // non-negative, finite
    }
    void energiesAreDatasetOnePowersOfTwo() {
        const auto d = ShowerSimulator(m_photons, {}, 3).generate(600);
        QCOMPARE(d.voxels, std::size_t{368});
        std::set<float> seen(d.incidentEnergies.begin(), d.incidentEnergies.end());
        QCOMPARE(seen.size(), std::size_t{15});
        QCOMPARE(*seen.begin(), 256.0f);
        QCOMPARE(*seen.rbegin(), 4194304.0f);
        for (std::size_t i = 0; i < d.size(); ++i) {
            double sum = 0;
            for (float v : d.shower(i)) sum += v;
            QVERIFY(sum > 0 && sum < 1.3 * d.incidentEnergies[i]);
        }
    }
    void behavesLikeASamplingCalorimeter() {
        const ShowerSimulator sim(m_photons, {}, 5);
        const Summary low = summarise(sim, 1024.0f, 400), mid = summarise(sim, 16384.0f, 400),
                      high = summarise(sim, 262144.0f, 200);
        // Less is lost in front of the calorimeter as the shower starts relatively deeper.
        QVERIFY(low.fraction < mid.fraction);
        QVERIFY(mid.fraction > 0.9 && mid.fraction < 1.02);
        // Relative resolution improves roughly as 1/√E, to a constant term.
        QVERIFY(low.spread > 2.5 * mid.spread);
        QVERIFY(high.spread < mid.spread);
        // The shower maximum moves deeper: strips lose, back layer and tile gain.
        QVERIFY(low.layerFraction[1] > mid.layerFraction[1] && mid.layerFraction[1] > high.layerFraction[1]);
        QVERIFY(high.layerFraction[3] + high.layerFraction[4] > mid.layerFraction[3] + mid.layerFraction[4]);
        QVERIFY(mid.layerFraction[2] > 0.6);  // the middle layer holds most of the energy
        // Narrower in the middle layer (relatively earlier in the shower) and more voxels hit.
        QVERIFY(low.width2 > mid.width2 && mid.width2 > high.width2);
        QVERIFY(low.sparsity2 < mid.sparsity2);
    }
    void meanProfilePeaksDeeperWithEnergy() {
        const ShowerSimulator sim(m_photons, {}, 1);
        double previous = 0;
        for (double e : ShowerSimulatorConfig::defaultEnergiesMeV()) {
            const auto p = sim.meanProfile(e);
            QVERIFY(p.tMax() > previous);
            QVERIFY(std::abs(p.tMax() - (std::log(e / 10.0) + 0.5)) < 1e-9);  // T = ln y + C_γ
            previous = p.tMax();
        }
    }
    void otherGeometries_data() {
        QTest::addColumn<QString>("name");
        QTest::addRow("pions") << "dataset-1-pions";
        QTest::addRow("dataset-2") << "dataset-2";
    }
    void otherGeometries() {
        QFETCH(QString, name);
        const auto g = ShowerGeometry::builtin(name.toStdString());
        const ShowerSimulator sim(g, {}, 2);
        QCOMPARE(sim.layerDepths().size(), g.layers().size());
        const std::vector<float> e(20, 65536.0f);
        const auto d = sim.generate(e);
        QCOMPARE(d.voxels, g.voxelCount());
        const auto f = computeHighLevelFeatures(d, g);
        for (std::size_t i = 0; i < f.showers; ++i) QVERIFY(f.totalEnergy[i] > 0.5 * 65536.0);
    }
    void gammaVariateMoments() {
        bithep::physics::RandomStream rng(9);
        for (double shape : {0.5, 3.0}) {
            double m = 0, m2 = 0;
            const int n = 40000;
            for (int i = 0; i < n; ++i) {
                const double x = gammaVariate(shape, rng);
                m += x / n;
                m2 += x * x / n;
            }
            QVERIFY(std::abs(m - shape) < 0.03 * shape + 0.01);           // mean k
            QVERIFY(std::abs(m2 - m * m - shape) < 0.06 * shape + 0.01);  // variance k
        }
    }
    void rejectsBadSettings() {
        ShowerSimulatorConfig c;
        c.energiesMeV = {5.0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ShowerSimulator(m_photons, c, 1));
        c = {};
        c.maxSpots = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ShowerSimulator(m_photons, c, 1));
        const std::vector<float> bad{-1.0f};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ShowerSimulator(m_photons, {}, 1).generate(bad));
    }
};

QTEST_APPLESS_MAIN(TstShowerSimulator)
#include "tst_shower_simulator.moc"
