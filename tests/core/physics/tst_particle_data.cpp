// Hadron table and decays: conservation of four-momentum and charge, stable end products.
#include <QtTest>

#include <cmath>

#include "core/physics/fragmentation.h"
#include "core/physics/particle_data.h"

using namespace bithep::physics;

class TstParticleData : public QObject {
    Q_OBJECT
private slots:
    void decaysConserve_data() {
        QTest::addColumn<int>("pid");
        for (int pid : {111, 221, 310, 311, -311, 113, 213, -213, 313, -323, 333, 3122, -3122, 3222,
                        3112, 2224, -1114, 2214, 2114})
            QTest::addRow("%d", pid) << pid;
    }
    void decaysConserve() {
        QFETCH(int, pid);
        RandomStream rng(static_cast<std::uint64_t>(pid + 1000));
        for (int i = 0; i < 20; ++i) {
            const Hadron h{FourVector::onShell(3.0, -1.0, 20.0, particleMass(pid)), pid};
            std::vector<Hadron> out;
            decayToStable(h, rng, out);
            QVERIFY(!out.empty());
            FourVector sum;
            int charge = 0;
            for (const auto& d : out) {
                QVERIFY2(isStable(d.pid), qPrintable(QString::number(d.pid)));
                QVERIFY(std::abs(d.p.mass() - particleMass(d.pid)) < 1e-6);
                sum += d.p;
                charge += particleCharge(d.pid);
            }
            QCOMPARE(charge, particleCharge(pid));
            QVERIFY(std::abs(sum.e - h.p.e) < 1e-9 && std::abs(sum.pz - h.p.pz) < 1e-9);
        }
    }
    void tableValues() {
        QCOMPARE(particleCharge(211), 1);
        QCOMPARE(particleCharge(-211), -1);
        QCOMPARE(particleCharge(11), -1);
        QCOMPARE(particleCharge(-2212), -1);
        QVERIFY(std::abs(particleMass(2212) - 0.938272) < 1e-6);
        QVERIFY(isStable(130) && isStable(22) && isStable(-2112));
        QVERIFY(!isStable(111) && !isStable(310));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, particleMass(9999));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, particleMass(-111));  // self-conjugate
    }
    void fragmentationMakesRealisticSpecies() {
        const Fragmentation fragmentation(FragmentationConfig{});
        RandomStream rng(5);
        std::vector<Hadron> out;
        for (int i = 0; i < 200; ++i)
            fragmentation.hadronize({{FourVector::onShell(0, 0, 100.0, 0), i % 2 ? 2 : 21}}, rng, out);
        std::map<int, int> counts;
        double charged = 0;
        for (const auto& h : out) {
            QVERIFY(isStable(h.pid));
            ++counts[std::abs(h.pid)];
            charged += particleCharge(h.pid) != 0;
        }
        const double n = static_cast<double>(out.size());
        // e+e− jets: ~60 % of stable particles charged, photons (from π⁰) ~ 25–35 %, kaons ~ 10 %.
        QVERIFY2(charged / n > 0.45 && charged / n < 0.75, qPrintable(QString::number(charged / n)));
        QVERIFY(counts[22] / n > 0.15 && counts[22] / n < 0.45);
        QVERIFY((counts[321] + counts[130]) / n > 0.03 && (counts[321] + counts[130]) / n < 0.2);
        QVERIFY(counts[2212] > 0 && counts[2112] > 0);
    }
    void fragmentationRejectsBadConfig() {
        FragmentationConfig c;
        c.ffA = -0.8;  // f(z) negative near z = 0
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Fragmentation{c});
        c = FragmentationConfig{};
        c.stopMomentum = 0.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Fragmentation{c});
    }
};

QTEST_APPLESS_MAIN(TstParticleData)
#include "tst_particle_data.moc"
