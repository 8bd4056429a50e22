// Substructure observables against hand-computed cases: one particle, two particles across the
// φ = 0 seam (axis, leading fraction, LHA, τ₂₁ = 0), and a two-prong jet whose τ₂₁ is tiny.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "core/physics/jet_substructure.h"

using namespace bithep::physics;

class TstJetSubstructure : public QObject {
    Q_OBJECT
private slots:
    void singleParticle() {
        const std::vector<Particle> jet{{100.0, 0.3, 1.0, 211}};
        const auto s = computeSubstructure(jet);
        QCOMPARE(s.leadingFraction, 1.0);
        QVERIFY(std::abs(s.lha) < 1e-6);
        QCOMPARE(s.tau21, 0.0);
        std::vector<double> dr;
        constituentDeltaR(jet, dr);
        QCOMPARE(dr.size(), std::size_t{1});
        QVERIFY(dr[0] < 1e-9);
    }
    void twoParticlesAcrossTheSeam() {
        // pT 30 at φ = 0.1 and pT 10 at φ = −0.1 (written 2π − 0.1), both at y = 0. Massless
        // E-scheme axis: tan φ_axis = (30 − 10) sin 0.1 / ((30 + 10) cos 0.1) = ½ tan 0.1.
        const double twoPi = 2.0 * std::numbers::pi;
        const std::vector<Particle> jet{{30.0, 0.0, 0.1, 211}, {10.0, 0.0, twoPi - 0.1, 22}};
        const double axis = std::atan(0.5 * std::tan(0.1));
        const double dr1 = 0.1 - axis, dr2 = 0.1 + axis;
        const auto s = computeSubstructure(jet, 0.4);
        QCOMPARE(s.leadingFraction, 0.75);
        QVERIFY(std::abs(s.lha - (0.75 * std::sqrt(dr1 / 0.4) + 0.25 * std::sqrt(dr2 / 0.4))) < 1e-9);
        QCOMPARE(s.tau21, 0.0);  // two constituents, two axes
        std::vector<double> dr{7.0};  // appends after what is there
        constituentDeltaR(jet, dr);
        QCOMPARE(dr.size(), std::size_t{3});
        QCOMPARE(dr[0], 7.0);
        QVERIFY(std::abs(dr[1] - dr1) < 1e-9);
        QVERIFY(std::abs(dr[2] - dr2) < 1e-9);
    }
    void twoProngJetHasSmallTau21() {
        // Prongs of pT 50 at φ = 0 and 0.3 and a pT-1 particle 0.01 from the first: exclusive kT
        // merges the soft one into its prong, so τ₂ ≈ 2 × 0.0098 while τ₁ ≈ 50·0.15 × 2 + 0.15
        // ≈ 15.2 (axis near φ = 0.15): τ₂₁ ≈ 0.0013.
        const std::vector<Particle> jet{{50.0, 0.0, 0.0, 211}, {50.0, 0.0, 0.3, 211}, {1.0, 0.01, 0.0, 22}};
        const auto s = computeSubstructure(jet);
        QVERIFY2(s.tau21 > 0.0008 && s.tau21 < 0.0018, qPrintable(QString::number(s.tau21)));
        // A third prong of equal pT makes two axes a poor description: τ₂₁ grows a lot.
        const std::vector<Particle> three{{50.0, 0.0, 0.0, 211}, {50.0, 0.0, 0.3, 211}, {50.0, 0.26, 0.15, 211}};
        QVERIFY(computeSubstructure(three).tau21 > 0.3);
    }
    void emptyJet() {
        const auto s = computeSubstructure({});
        QCOMPARE(s.leadingFraction, 0.0);
        QCOMPARE(s.lha, 0.0);
        QCOMPARE(s.tau21, 0.0);
    }
};

QTEST_APPLESS_MAIN(TstJetSubstructure)
#include "tst_jet_substructure.moc"
