// QG network inputs checked on a hand-computed two-jet case: per-particle features, the ParT
// pairwise features, masks, PID switching and truncation; plus the task's registration.
#include <QtTest>

#include <cmath>

#include "core/tasks/jet_common/jet_features.h"
#include "core/tasks/task_registry.h"

using namespace bithep::tasks;
using namespace bithep::tasks::jet_common;

namespace {
constexpr float kTol = 1e-5f;
// Jet 0: π⁺ (100 GeV, y 0, φ 0) and π⁻ (50 GeV, y 0.3, φ 0.4); jet 1: one photon. M = 3.
JetDataset twoJets(bool pid) {
    JetDataset d;
    d.jets = 2;
    d.maxParticles = 3;
    d.particles = {100, 0, 0, pid ? 211.f : 0.f, 50, 0.3f, 0.4f, pid ? -211.f : 0.f, 0, 0, 0, 0,
                   80, 1.0f, 6.0f, pid ? 22.f : 0.f, 0, 0, 0, 0, 0, 0, 0, 0};
    d.labels = {1, 0};
    d.pidKnown = pid;
    return d;
}
bool near(float a, double b) { return std::abs(a - static_cast<float>(b)) < kTol * std::max(1.0, std::abs(b)); }
}  // namespace

class TstQgFeatures : public QObject {
    Q_OBJECT
private slots:
    void particleFeatures() {
        const auto d = twoJets(true);
        const std::size_t idx[] = {0, 1};
        const auto f = buildFeatures(d, idx);
        QCOMPARE(f.batch, size_t(2));
        QCOMPARE(f.particles, size_t(2));
        QCOMPARE(f.particleDim, particleFeatureNames(true).size());
        QCOMPARE(f.particleDim, size_t(13));
        QCOMPARE(f.mask, (std::vector<float>{1, 1, 1, 0}));
        QCOMPARE(f.labels, (std::vector<float>{1, 0}));
        const float* a = f.particleFeatures.data();
        const float* b = a + f.particleDim;
        QVERIFY(near(a[0], std::log(100.0)));
        QVERIFY(near(b[1], std::log(50.0 * std::cosh(0.3))));
        // Energies add up to the jet energy; the two ΔR's lie on one line through the axis.
        QVERIFY(near(std::exp(a[3]) + std::exp(b[3]), 1.0));
        QVERIFY(near(a[6] + b[6], 0.5));
        QVERIFY(a[4] < 0 && b[4] > 0);
        QCOMPARE(a[7], 1.0f);   // charge +
        QCOMPARE(b[7], -1.0f);  // charge −
        QCOMPARE(a[8], 1.0f);   // charged hadron
        const float* photon = a + 2 * f.particleDim;
        QVERIFY(near(photon[2], 0.0) && near(photon[4], 0.0) && near(photon[6], 0.0));
        QCOMPARE(photon[7], 0.0f);
        QCOMPARE(photon[10], 1.0f);  // is_photon
        for (std::size_t k = 0; k < f.particleDim; ++k) QCOMPARE(f.particleFeatures[3 * f.particleDim + k], 0.0f);
    }
    void pairFeaturesFollowParT() {
        const auto f = buildFeatures(twoJets(true), std::vector<std::size_t>{0, 1});
        const std::size_t n = f.particles, p = FeatureBatch::kPairDim;
        const float* ab = f.pairFeatures.data() + (0 * n + 1) * p;  // jet 0, pair (0, 1)
        const float* ba = f.pairFeatures.data() + (1 * n + 0) * p;
        QVERIFY(near(ab[0], std::log(0.5)));          // ΔR = sqrt(0.3² + 0.4²)
        QVERIFY(near(ab[1], std::log(50.0 * 0.5)));   // kT = min pT · ΔR
        QVERIFY(near(ab[2], std::log(50.0 / 150.0)));  // z
        QVERIFY(near(ab[3], std::log(2.0 * 100 * 50 * (std::cosh(0.3) - std::cos(0.4)))));  // massless m²
        for (std::size_t k = 0; k < p; ++k) {
            QCOMPARE(ab[k], ba[k]);
            QCOMPARE(f.pairFeatures[k], 0.0f);  // diagonal
        }
        QCOMPARE(f.pairMask, (std::vector<float>{1, 1, 1, 1, 1, 0, 0, 0}));
    }
    void pidSwitchesOff() {
        const std::size_t idx[] = {0};
        QCOMPARE(buildFeatures(twoJets(false), idx).particleDim, size_t(7));
        FeatureOptions noPid;
        noPid.usePid = false;
        QCOMPARE(buildFeatures(twoJets(true), idx, noPid).particleDim, size_t(7));
        QCOMPARE(particleFeatureNames(false).size(), size_t(7));
    }
    void truncatesAndChecksIndices() {
        FeatureOptions one;
        one.maxParticles = 1;
        one.pairFeatures = false;
        const std::size_t idx[] = {0};
        const auto f = buildFeatures(twoJets(true), idx, one);
        QCOMPARE(f.particles, size_t(1));
        QVERIFY(near(f.particleFeatures[0], std::log(100.0)));  // the hardest is kept
        QVERIFY(f.pairFeatures.empty());
        const std::size_t bad[] = {2};
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, buildFeatures(twoJets(true), bad));
    }
    void pidClasses() {
        QCOMPARE(pidClass(-321), 0);
        QCOMPARE(pidClass(130), 1);
        QCOMPARE(pidClass(-2112), 1);
        QCOMPARE(pidClass(11), 3);
        QCOMPARE(pidClass(0), -1);
        QCOMPARE(pidCharge(-2212), -1);
        QCOMPARE(pidCharge(-11), 1);
    }
    void taskIsRegistered() {
        const TaskDescriptor* task = builtinTasks().find("qg");
        QVERIFY(task != nullptr);
        QCOMPARE(task->title, std::string("Quark/gluon tagging"));
        QVERIFY(task->summary.size() > 100);
    }
};

QTEST_APPLESS_MAIN(TstQgFeatures)
#include "tst_qg_features.moc"
