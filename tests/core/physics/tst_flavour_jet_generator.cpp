// Flavour jet generator: heavy-hadron formation and decays (charge conservation, lifetimes),
// reproducibility, and summary statistics per origin class: b jets have the largest impact-
// parameter significances (then c), s jets more kaons, and the leading charged particle's
// charge follows the initiating quark vs antiquark.
#include <cmath>

#include <QtTest>

#include "core/physics/flavour_jet_generator.h"

using namespace bithep::physics;

namespace {

constexpr int kJetsPerClass = 220;

struct ClassStats {
    double meanMaxSignificance = 0;  // per jet: the 2nd largest |d0|/σ among charged tracks
    double kaonPtShare = 0;          // fraction of the jet pT carried by K± and K_L
    double meanLeadingCharge = 0;    // charge of the hardest charged particle
    double displacedFraction = 0;    // jets with >= 2 tracks of |d0|/σ > 3
};

double secondLargest(std::vector<double> v) {
    if (v.size() < 2) return 0.0;
    std::partial_sort(v.begin(), v.begin() + 2, v.end(), std::greater<>());
    return v[1];
}

}  // namespace

class TstFlavourJetGenerator : public QObject {
    Q_OBJECT
    std::array<ClassStats, kOriginCount> m_stats;

private slots:
    void initTestCase() {
        FlavourJetConfig config;
        config.jet.threads = 2;
        const FlavourJetGenerator generator(config, 11);
        for (int origin = 0; origin < kOriginCount; ++origin) {
            RandomStream rng(11, 1000 + static_cast<std::uint64_t>(origin));
            ClassStats& s = m_stats[static_cast<std::size_t>(origin)];
            for (int j = 0; j < kJetsPerClass; ++j) {
                const FlavourJet jet = generator.generateOne(origin, rng);
                std::vector<double> significance;
                bool leadingSeen = false;
                for (const auto& p : jet.particles) {
                    if (std::abs(p.pid) == 321 || p.pid == 130) s.kaonPtShare += p.pt / jet.pt;
                    if (p.charge == 0) continue;
                    if (!leadingSeen) s.meanLeadingCharge += p.charge;
                    leadingSeen = true;
                    significance.push_back(std::abs(p.d0) / p.sigmaD0);
                }
                s.meanMaxSignificance += secondLargest(significance);
                s.displacedFraction += std::count_if(significance.begin(), significance.end(),
                                                     [](double x) { return x > 3.0; }) >= 2;
            }
            s.meanMaxSignificance /= kJetsPerClass;
            s.kaonPtShare /= kJetsPerClass;
            s.meanLeadingCharge /= kJetsPerClass;
            s.displacedFraction /= kJetsPerClass;
            qInfo("%-5s 2nd |d0|/sigma %.2f  displaced %.3f  kaon pT share %.3f  leading charge %+.3f",
                  originNames()[static_cast<std::size_t>(origin)].c_str(), s.meanMaxSignificance,
                  s.displacedFraction, s.kaonPtShare, s.meanLeadingCharge);
        }
    }

    void heavyHadronsFormWithTheRightCharge() {
        RandomStream rng(3);
        for (int i = 0; i < 200; ++i) {
            int partner = 0;
            const int b = formHeavyHadron(5, 0.3, 0.08, rng, partner);
            // A b quark (charge −1/3) with an antiquark spectator of the partner's flavour:
            // B⁻ (bū, partner u), B̄⁰ (bd̄, d), B̄_s (bs̄, s), Λ_b (baryon).
            QVERIFY(b == -521 || b == -511 || b == -531 || b == 5122);
            if (b == -521) QCOMPARE(partner, 2);
            if (b == -511) QCOMPARE(partner, 1);
            const int cbar = formHeavyHadron(-4, 0.3, 0.08, rng, partner);
            QVERIFY(cbar == -421 || cbar == -411 || cbar == -431 || cbar == -4122);
            if (cbar == -411) QCOMPARE(partner, -1);  // D⁻ = c̄d leaves a d̄ for the chain
        }
        QCOMPARE(heavyHadron(-521).charge, -1);
        QCOMPARE(heavyHadron(4122).charge, 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, heavyHadron(211));
    }
    void decaysConserveChargeAndFlyAsTheLifetimeSays() {
        RandomStream rng(5);
        const double origin[3] = {0, 0, 0};
        for (int pid : {521, -521, 511, 531, -5122, 421, -411, 431, 4122}) {
            const HeavyHadronProperties h = heavyHadron(pid);
            double meanFlight = 0.0;
            const int decays = 2000;
            for (int i = 0; i < decays; ++i) {
                // At rest along z with βγ = 1: the flight of the first daughter's vertex.
                const double m = h.mass;
                std::vector<DisplacedHadron> out;
                decayHeavyHadron({FourVector::onShell(0, 0, m, m), pid}, origin, rng, out);
                int charge = 0;
                for (const auto& d : out) charge += particleCharge(d.hadron.pid);
                QCOMPARE(charge, h.charge);
                double first = 1e9;  // the heavy hadron's own vertex is the closest daughter vertex
                for (const auto& d : out) first = std::min(first, std::hypot(d.vx, d.vy, d.vz));
                meanFlight += first;
            }
            meanFlight /= decays;
            // ⟨L⟩ = βγ cτ = cτ (± 3 σ of an exponential mean over 2000 decays: 3/√2000 ≈ 7 %);
            // a b hadron's closest daughter vertex is its own (the charm vertex lies beyond it).
            QVERIFY2(std::abs(meanFlight / h.ctau - 1.0) < 0.07,
                     qPrintable(QString("%1: %2 mm vs cτ %3").arg(pid).arg(meanFlight).arg(h.ctau)));
        }
    }
    void petersonMeanFraction() {
        RandomStream rng(8);
        double zb = 0, zc = 0;
        for (int i = 0; i < 20000; ++i) {
            zb += samplePeterson(0.006, rng);
            zc += samplePeterson(0.05, rng);
        }
        // ⟨z⟩ of the Peterson function by numerical integration: 0.828 (ε = 0.006), 0.686 (0.05).
        QVERIFY2(std::abs(zb / 20000 - 0.828) < 0.01, qPrintable(QString::number(zb / 20000)));
        QVERIFY2(std::abs(zc / 20000 - 0.686) < 0.01, qPrintable(QString::number(zc / 20000)));
    }
    void reproducibleAndBalanced() {
        FlavourJetConfig one, two;
        one.jet.threads = 1;
        two.jet.threads = 2;
        const auto a = FlavourJetGenerator(one, 4).generate(130);
        const auto b = FlavourJetGenerator(two, 4).generate(130);
        std::array<int, kOriginCount> counts{};
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].origin, b[i].origin);
            QCOMPARE(a[i].particles.size(), b[i].particles.size());
            QCOMPARE(a[i].particles.front().d0, b[i].particles.front().d0);
            QVERIFY(a[i].pt >= 500.0 && a[i].pt <= 550.0);
            ++counts[static_cast<std::size_t>(a[i].origin)];
        }
        for (int c : counts) QVERIFY(c > 0);
    }
    void neutralParticlesHaveNoTrack() {
        RandomStream rng(2);
        const FlavourJet jet = FlavourJetGenerator(FlavourJetConfig{}, 2).generateOne(0, rng);
        for (const auto& p : jet.particles) {
            if (p.charge == 0)
                QVERIFY(p.d0 == 0.0 && p.sigmaD0 == 0.0 && p.sigmaZ0 == 0.0);
            else
                QVERIFY(p.sigmaD0 >= 0.010 && p.sigmaZ0 >= 0.030);
        }
    }
    void bJetsAreMostDisplaced() {
        const auto sig = [this](int o) { return m_stats[static_cast<std::size_t>(o)].meanMaxSignificance; };
        const auto disp = [this](int o) { return m_stats[static_cast<std::size_t>(o)].displacedFraction; };
        for (int light = 4; light < kOriginCount; ++light) {
            QVERIFY(sig(0) > 2.0 * sig(light) && sig(1) > 2.0 * sig(light));
            QVERIFY(sig(2) > 1.3 * sig(light) && sig(3) > 1.3 * sig(light));
            QVERIFY(disp(light) < 0.15);
        }
        QVERIFY(sig(0) > sig(2) && sig(1) > sig(3));
        QVERIFY(disp(0) > 0.6 && disp(1) > 0.6);
    }
    void strangeJetsHaveMoreKaons() {
        // The s quark sits in the leading hadron, so kaons carry more of an s jet's momentum.
        const auto kaons = [this](int o) { return m_stats[static_cast<std::size_t>(o)].kaonPtShare; };
        for (int o : {6, 7, 8, 9, 10}) QVERIFY(kaons(4) > 1.5 * kaons(o) && kaons(5) > 1.5 * kaons(o));
    }
    void leadingChargeFollowsTheQuark() {
        const auto q = [this](int o) { return m_stats[static_cast<std::size_t>(o)].meanLeadingCharge; };
        // u (+2/3) leads with π⁺/K⁺, d (−1/3) with π⁻, s with K⁻; antiquarks the reverse.
        QVERIFY(q(6) > 0.15 && q(7) < -0.15);
        QVERIFY(q(8) < -0.1 && q(9) > 0.1);
        QVERIFY(q(4) < -0.1 && q(5) > 0.1);
        // b (−1/3) forms B⁻/B̄⁰ whose decays (b → c ℓ⁻, W⁻ → π⁻) lead with negative charge.
        QVERIFY(q(0) < -0.15 && q(1) > 0.15);
        QVERIFY(std::abs(q(10)) < 0.15);  // gluons: no preferred sign (±3 σ for 220 jets)
    }
};

QTEST_APPLESS_MAIN(TstFlavourJetGenerator)
#include "tst_flavour_jet_generator.moc"
