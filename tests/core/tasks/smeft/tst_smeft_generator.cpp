// SMEFT event generator: the decay-plane model's normalisation, interference and positivity;
// seeded reproducibility for any thread count; the selection; the EFT weights; the constituents
// in the V frame carrying the decay-plane angle; the configuration's JSON and validation; and
// the HDF5 dataset round trip with clear errors.
#include <cmath>
#include <fstream>
#include <numbers>

#include <QtTest>

#include "core/tasks/smeft/smeft_dataset.h"

using namespace bithep::tasks::smeft;
namespace fs = std::filesystem;

namespace {

SmeftSample sample(std::size_t n, std::uint64_t seed, int threads = 2) {
    SmeftGeneratorConfig config;
    config.threads = threads;
    return SmeftEventGenerator(config, seed).generate(n);
}

// Naive decay-plane estimate: half the argument of Σ pT_i sin θ_i e^{2iφ_i}.
double naivePhi(const SmeftEvent& e) {
    double x = 0.0, y = 0.0;
    for (const auto& p : e.constituents) {
        x += p.pt * std::sin(p.theta) * std::cos(2.0 * p.phi);
        y += p.pt * std::sin(p.theta) * std::sin(2.0 * p.phi);
    }
    return 0.5 * std::atan2(y, x);
}

constexpr double kStoredAcceptance = 0.9231, kStoredMultiplicity = 38.300, kStoredJetMass = 81.450,
                 kStoredJetPt = 700.88;

}  // namespace

class TstSmeftGenerator : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void decayModelNormalisedAndPositive() {
        DecayPlaneModel m;
        const int n = 2000;
        double norm = 0.0, interferenceOverPhi = 0.0;
        for (int i = 0; i < n; ++i) {
            const double u = -1.0 + (i + 0.5) * 2.0 / n;
            norm += m.sm(u) * 2.0 / n;
            for (int k = 0; k < 8; ++k)
                interferenceOverPhi += m.interference(800.0, u, k * std::numbers::pi / 8.0);
            for (double c : {-3.0, -0.7, 0.4, 2.0})
                for (double phi : {0.0, 0.5 * std::numbers::pi, 1.0})
                    QVERIFY(m.sm(u) + c * m.interference(1200.0, u, phi) + c * c * m.quadratic(1200.0, u) >=
                            -1e-12);
        }
        QVERIFY(std::abs(norm - 1.0) < 1e-6);
        QVERIFY(std::abs(interferenceOverPhi) < 1e-9);  // cos 2φ averages out over a period
        QCOMPARE(m.amplitudeRatio(1000.0), 1.0);        // a = pT²/Λ² at κ = 1
        QCOMPARE(m.amplitudeRatio(500.0), 0.25);
        QCOMPARE(m.smMaximum(), std::max(m.sm(0.0), m.sm(1.0)));
    }

    void reproducibleForAnyThreadCount() {
        const auto a = sample(130, 11, 1), b = sample(130, 11, 2);
        QCOMPARE(a.attempts, b.attempts);
        for (std::size_t i = 0; i < a.events.size(); ++i) {
            QCOMPARE(a.events[i].phi, b.events[i].phi);
            QCOMPARE(a.events[i].jetPt, b.events[i].jetPt);
            QCOMPARE(a.events[i].constituents.size(), b.events[i].constituents.size());
        }
        QVERIFY(sample(64, 12).events[0].phi != a.events[0].phi);
    }

    void hadronsAddUpToTheV() {
        // Momentum conservation of the decay: with the selection opened up, the jet mass sits just
        // below the V mass (the part of the hadrons outside R = 0.8 is lost), never far above it.
        SmeftGeneratorConfig config;
        config.jetMassMin = 0.0;
        config.jetMassMax = 1000.0;
        const auto s = SmeftEventGenerator(config, 9).generate(400);
        double shift = 0.0;
        for (const auto& e : s.events) {
            QVERIFY(e.jetMass < e.massV + 1e-6 * e.jetPt);  // a subset of the V's hadrons
            shift += e.jetMass - e.massV;
        }
        shift /= double(s.events.size());
        QVERIFY(shift > -8.0 && shift < 0.0);
    }

    void selectionAndFrame() {
        const SmeftGeneratorConfig config;
        const auto s = sample(300, 3);
        QVERIFY(s.attempts >= s.events.size());
        for (const auto& e : s.events) {
            QVERIFY(e.ptV >= config.ptMin && e.ptV <= config.ptMax);
            QVERIFY(e.jetMass >= config.jetMassMin && e.jetMass <= config.jetMassMax);
            QVERIFY(e.phi >= 0.0 && e.phi < std::numbers::pi);
            QVERIFY(std::abs(e.cosThetaStar) <= 1.0);
            QVERIFY(!e.constituents.empty() && e.constituents.size() <= config.maxConstituents);
            for (std::size_t i = 0; i < e.constituents.size(); ++i) {
                const auto& p = e.constituents[i];
                QVERIFY(p.theta >= 0.0 && p.theta <= std::numbers::pi);
                QVERIFY(p.phi >= 0.0 && p.phi < 2.0 * std::numbers::pi);
                if (i > 0) QVERIFY(p.pt <= e.constituents[i - 1].pt);
            }
        }
    }

    void summaryStatisticsMatchStoredValues() {
        // Stored from this generator (seed 3, 300 events); the tolerances allow other libm builds.
        const auto s = sample(300, 3);
        double multiplicity = 0.0, mass = 0.0, jetPt = 0.0;
        for (const auto& e : s.events) {
            multiplicity += double(e.constituents.size());
            mass += e.jetMass;
            jetPt += e.jetPt;
        }
        const double n = double(s.events.size());
        qInfo("acceptance %.4f, multiplicity %.3f, jet mass %.3f, jet pT %.2f", s.acceptance(),
              multiplicity / n, mass / n, jetPt / n);
        QVERIFY(std::abs(s.acceptance() - kStoredAcceptance) < 0.03);
        QVERIFY(std::abs(multiplicity / n - kStoredMultiplicity) < 0.5);
        QVERIFY(std::abs(mass / n - kStoredJetMass) < 0.5);
        QVERIFY(std::abs(jetPt / n - kStoredJetPt) < 5.0);
    }

    void constituentsCarryTheDecayPlane() {
        const auto s = sample(400, 4);
        double loss = 0.0;
        for (const auto& e : s.events) loss += std::pow(std::sin(naivePhi(e) - e.phi), 2);
        loss /= double(s.events.size());
        qInfo("naive estimator: mean sin² = %.3f (random: 0.5)", loss);
        QVERIFY(loss < 0.3);
    }

    void weightsFollowTheModel() {
        const SmeftGeneratorConfig config;
        const auto s = sample(600, 5);
        double sumW0 = 0.0, sumW1 = 0.0, sumW1Sq = 0.0;
        for (const auto& e : s.events) {
            const double d0 = config.decay.sm(e.cosThetaStar);
            QVERIFY(std::abs(e.w1 / e.w0 - config.decay.interference(e.ptV, e.cosThetaStar, e.phi) / d0) <
                    1e-9);
            QVERIFY(std::abs(e.w2 / e.w0 - config.decay.quadratic(e.ptV, e.cosThetaStar) / d0) < 1e-9);
            for (double c : {-2.0, -0.5, 0.5, 2.0}) QVERIFY(e.w0 + c * e.w1 + c * c * e.w2 >= 0.0);
            sumW0 += e.w0, sumW1 += e.w1, sumW1Sq += e.w1 * e.w1;
        }
        // Σ w0 is the fiducial cross-section; the interference integrates to zero over φ.
        QVERIFY(std::abs(sumW0 - config.sigmaSmFb * s.acceptance()) < 1e-9);
        QVERIFY(std::abs(sumW1) < 5.0 * std::sqrt(sumW1Sq));
    }

    void underlyingEventAddsSoftParticles() {
        SmeftGeneratorConfig config;
        config.threads = 1;
        const auto clean = SmeftEventGenerator(config, 7).generate(200);
        config.ueDensity = 5.0;
        const auto busy = SmeftEventGenerator(config, 7).generate(200);
        auto mean = [](const SmeftSample& s, auto f) {
            double sum = 0.0;
            for (const auto& e : s.events) sum += f(e);
            return sum / double(s.events.size());
        };
        auto multiplicity = [](const SmeftEvent& e) { return double(e.constituents.size()); };
        auto mass = [](const SmeftEvent& e) { return e.jetMass; };
        qInfo("multiplicity (at most 40) %.1f -> %.1f, jet mass %.1f -> %.1f GeV", mean(clean, multiplicity),
              mean(busy, multiplicity), mean(clean, mass), mean(busy, mass));
        QVERIFY(mean(busy, multiplicity) > mean(clean, multiplicity) + 1.0);
        QVERIFY(mean(busy, mass) > mean(clean, mass) + 1.0);  // soft particles at large angle add mass
        config.ueDensity = -1.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmeftEventGenerator(config, 1));
    }

    void configJsonRoundTripAndErrors() {
        SmeftGeneratorConfig c;
        c.ptMin = 600.0;
        c.decay.kappa = 0.5;
        c.shower.kTCutoff = 1.3;
        c.ueDensity = 2.5;
        const auto back = SmeftGeneratorConfig::fromJson(c.toJson());
        QCOMPARE(back.ptMin, 600.0);
        QCOMPARE(back.decay.kappa, 0.5);
        QCOMPARE(back.shower.kTCutoff, 1.3);
        QCOMPARE(back.ueDensity, 2.5);
        QCOMPARE(back.toJson(), c.toJson());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmeftGeneratorConfig::fromJson(R"({"ptMinn": 1})"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmeftGeneratorConfig::fromJson(R"({"ptMin": "x"})"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 SmeftGeneratorConfig::fromJson(R"({"shower": {"bad": 1}})"));
        c.jetMassMax = 10.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmeftEventGenerator(c, 1));
    }

    void datasetRoundTrip() {
        const SmeftGeneratorConfig config;
        const auto d = SmeftDataset::fromSample(sample(70, 6), config, 6);
        const fs::path path = fs::path(m_dir.path().toStdString()) / "events.h5";
        d.writeHdf5(path);
        const auto back = SmeftDataset::readHdf5(path);
        QCOMPARE(back.size(), d.size());
        QCOMPARE(back.attempts, d.attempts);
        QCOMPARE(back.seed, std::uint64_t{6});
        QCOMPARE(back.generatorConfig, config.toJson());
        QVERIFY(std::abs(back.fiducialSigmaFb() - d.fiducialSigmaFb()) < 1e-12);
        for (std::size_t e = 0; e < d.size(); ++e) {
            QCOMPARE(back.events[e].w1, d.events[e].w1);
            QCOMPARE(back.events[e].boson, d.events[e].boson);
            QCOMPARE(back.events[e].constituents.size(), d.events[e].constituents.size());
            QCOMPARE(back.events[e].constituents[0].phi, double(float(d.events[e].constituents[0].phi)));
        }
    }

    void badFilesNameTheProblem() {
        const fs::path missing = fs::path(m_dir.path().toStdString()) / "none.h5";
        try {
            SmeftDataset::readHdf5(missing);
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            QVERIFY(std::string(e.what()).find("none.h5") != std::string::npos);
        }
        const fs::path text = fs::path(m_dir.path().toStdString()) / "text.h5";
        std::ofstream(text) << "not hdf5";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, SmeftDataset::readHdf5(text));
    }
};

QTEST_APPLESS_MAIN(TstSmeftGenerator)
#include "tst_smeft_generator.moc"
