// Parton shower: running coupling, conservation laws, colour-factor scaling, reproducibility.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "core/physics/parton_shower.h"

using namespace bithep::physics;

namespace {
Parton along(double energy, int id) { return {FourVector::onShell(0.3 * energy, 0.0, std::sqrt(0.91) * energy, 0.0), id}; }
int netQuarks(const std::vector<Parton>& partons) {
    int n = 0;
    for (const auto& p : partons)
        if (!p.isGluon()) n += p.id > 0 ? 1 : -1;
    return n;
}
}  // namespace

class TstPartonShower : public QObject {
    Q_OBJECT
private slots:
    void alphaSIsOneLoop() {
        ShowerConfig c;
        c.lambdaQcd = 0.2;
        c.nfRunning = 5;
        const PartonShower shower(c);
        // Hand value: b0 = 23/(12π) = 0.610094; ln(91.1876²/0.2²) = 12.24493 → 0.133861.
        QVERIFY(std::abs(shower.alphaS(91.1876) - 0.133861) < 2e-6);
        QVERIFY(shower.alphaS(2.0) > shower.alphaS(10.0));
    }
    void conservesMomentumAndFlavour_data() {
        QTest::addColumn<int>("id");
        QTest::addRow("quark") << 2;
        QTest::addRow("antiquark") << -3;
        QTest::addRow("gluon") << 21;
    }
    void conservesMomentumAndFlavour() {
        QFETCH(int, id);
        const PartonShower shower(ShowerConfig{});
        RandomStream rng(7);
        for (int event = 0; event < 50; ++event) {
            const Parton start = along(500.0, id);
            const auto partons = shower.shower(start, rng);
            QVERIFY(!partons.empty());
            FourVector sum;
            for (const auto& p : partons) {
                sum += p.p;
                QVERIFY(p.p.e > 0.0);
            }
            QVERIFY(std::abs(sum.px - start.p.px) < 1e-9 * start.p.e);
            QVERIFY(std::abs(sum.pz - start.p.pz) < 1e-9 * start.p.e);
            QCOMPARE(netQuarks(partons), id == 21 ? 0 : (id > 0 ? 1 : -1));
        }
    }
    void gluonsRadiateMoreThanQuarks() {
        const PartonShower shower(ShowerConfig{});
        RandomStream rng(11);
        double nq = 0, ng = 0;
        for (int event = 0; event < 400; ++event) {
            nq += static_cast<double>(shower.shower(along(500.0, 1), rng).size());
            ng += static_cast<double>(shower.shower(along(500.0, 21), rng).size());
        }
        // Soft-gluon emission scales with C_A/C_F = 9/4; multiplicities grow by less than that.
        QVERIFY2(ng / nq > 1.4 && ng / nq < 2.6, qPrintable(QString::number(ng / nq)));
    }
    void noSplittingBelowCutoff() {
        ShowerConfig c;
        c.kTCutoff = 5.0;
        const PartonShower shower(c);
        RandomStream rng(3);
        // E·θmax·z(1−z) ≤ 4 GeV·0.6/4 < 5 GeV: no allowed splitting at all.
        QCOMPARE(shower.shower(along(4.0, 21), rng).size(), size_t(1));
    }
    void reproducible() {
        const PartonShower shower(ShowerConfig{});
        RandomStream a(42), b(42);
        const auto pa = shower.shower(along(520.0, 21), a);
        const auto pb = shower.shower(along(520.0, 21), b);
        QCOMPARE(pa.size(), pb.size());
        for (size_t i = 0; i < pa.size(); ++i) QCOMPARE(pa[i].p.px, pb[i].p.px);
    }
    void rejectsBadConfig_data() {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("cutoff");
        QTest::addColumn<double>("thetaMax");
        QTest::addRow("cutoff at Landau pole") << 0.3 << 0.3 << 0.6;
        QTest::addRow("negative lambda") << -0.1 << 1.0 << 0.6;
        QTest::addRow("NaN cutoff") << 0.2 << std::nan("") << 0.6;
        QTest::addRow("zero angle") << 0.2 << 1.0 << 0.0;
    }
    void rejectsBadConfig() {
        QFETCH(double, lambda);
        QFETCH(double, cutoff);
        QFETCH(double, thetaMax);
        ShowerConfig c;
        c.lambdaQcd = lambda;
        c.kTCutoff = cutoff;
        c.thetaMax = thetaMax;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PartonShower{c});
    }
};

QTEST_APPLESS_MAIN(TstPartonShower)
#include "tst_parton_shower.moc"
