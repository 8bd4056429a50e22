// Jet generator: acceptance cuts, reproducibility across thread counts, config JSON, and the
// calibration against the Pythia quark/gluon dataset (multiplicities and single-observable AUCs).
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/physics/jet_generator.h"
#include "core/physics/jet_observables.h"

using namespace bithep::physics;

namespace {
// Mann–Whitney AUC, ties counted one half: P(signal > background) + ½ P(equal).
double rankAuc(const std::vector<double>& signal, const std::vector<double>& background) {
    std::vector<std::pair<double, int>> all;
    for (double s : signal) all.emplace_back(s, 1);
    for (double b : background) all.emplace_back(b, 0);
    std::sort(all.begin(), all.end());
    double rankSum = 0.0;
    for (size_t i = 0; i < all.size();) {
        size_t j = i;
        while (j < all.size() && all[j].first == all[i].first) ++j;
        const double averageRank = 0.5 * static_cast<double>(i + 1 + j);
        for (size_t k = i; k < j; ++k) rankSum += all[k].second * averageRank;
        i = j;
    }
    const double ns = static_cast<double>(signal.size()), nb = static_cast<double>(background.size());
    return (rankSum - ns * (ns + 1.0) / 2.0) / (ns * nb);
}
}  // namespace

class TstJetGenerator : public QObject {
    Q_OBJECT
    std::vector<Jet> m_sample;  // shared calibration sample, generated once
private slots:
    void initTestCase() { m_sample = JetGenerator(JetGeneratorConfig{}, 2024).generate(4000); }

    void rankAucHandCase() {
        // Pairs (s, b): (3,1) (3,2) (3,2) win, (2,2) ×2 tie, (1,·) loses: (3 + 2·½ + 0)/6... by hand:
        // signal {3, 2, 1}, background {2, 1}: wins 3>2, 3>1, 2>1 = 3; ties 2=2, 1=1 = 2 → 4/6.
        QCOMPARE(rankAuc({3, 2, 1}, {2, 1}), 4.0 / 6.0);
        QCOMPARE(rankAuc({5, 6}, {1, 2}), 1.0);
    }
    void jetsPassCuts() {
        for (const auto& jet : m_sample) {
            QVERIFY(jet.pt >= 500.0 && jet.pt <= 550.0);
            QVERIFY(std::abs(jet.y) < 1.7);
            QVERIFY(!jet.particles.empty());
            double sumPt = 0.0;
            for (size_t i = 0; i < jet.particles.size(); ++i) {
                const auto& p = jet.particles[i];
                if (i > 0) QVERIFY(p.pt <= jet.particles[i - 1].pt);
                QVERIFY(p.phi >= 0.0 && p.phi < 2.0 * std::numbers::pi);
                // Anti-kT jets are cones of R = 0.4 around the hard core; the E-scheme axis moves
                // a little from the core, so boundary particles can sit slightly beyond R.
                QVERIFY(std::hypot(p.y - jet.y, deltaPhi(p.phi, jet.phi)) < 1.5 * 0.4);
                QVERIFY(p.pid != 0 && p.pid != 111);  // π⁰ decayed
                sumPt += p.pt;
            }
            QVERIFY(sumPt >= jet.pt - 1e-6);
        }
    }
    void reproducibleForAnyThreadCount() {
        JetGeneratorConfig one, two;
        one.threads = 1;
        two.threads = 3;
        const auto a = JetGenerator(one, 9).generate(150);
        const auto b = JetGenerator(two, 9).generate(150);
        const auto c = JetGenerator(one, 10).generate(150);
        QCOMPARE(a.size(), size_t(150));
        bool differs = false;
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].particles.size(), b[i].particles.size());
            QCOMPARE(a[i].pt, b[i].pt);
            QCOMPARE(a[i].particles.back().pid, b[i].particles.back().pid);
            differs |= a[i].pt != c[i].pt;
        }
        QVERIFY(differs);
    }
    void configJsonRoundTrip() {
        JetGeneratorConfig c;
        c.shower.kTCutoff = 1.7;
        c.fragmentation.ffA = 0.3;
        c.threads = 1;
        const auto back = JetGeneratorConfig::fromJson(c.toJson());
        QCOMPARE(back.shower.kTCutoff, 1.7);
        QCOMPARE(back.fragmentation.ffA, 0.3);
        QCOMPARE(back.threads, 1);
        QCOMPARE(back.toJson(), c.toJson());
    }
    void configJsonErrors_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("not json") << "{oops" << "JSON";
        QTest::addRow("unknown key") << R"({"jetPtMinn": 3})" << "jetPtMinn";
        QTest::addRow("wrong type") << R"({"shower": {"kTCutoff": "x"}})" << "shower.kTCutoff";
        QTest::addRow("bad value") << R"({"jetPtMax": 100})" << "jetPtMax";
    }
    void configJsonErrors() {
        QFETCH(QString, json);
        QFETCH(QString, mentions);
        try {
            JetGeneratorConfig::fromJson(json.toStdString());
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
        }
    }
    void cancellationStops() {
        GenerationControl control;
        control.cancelled = [] { return true; };
        QVERIFY_THROWS_EXCEPTION(GenerationCancelled, JetGenerator(JetGeneratorConfig{}, 1).generate(500, control));
    }
    void calibration() {
        std::vector<double> obs[2][4];
        for (const auto& jet : m_sample) {
            const auto o = computeObservables(jet.particles);
            auto& v = obs[jet.isQuark ? 1 : 0];
            v[0].push_back(-o.multiplicity);  // oriented: larger = more quark-like
            v[1].push_back(o.ptD);
            v[2].push_back(-o.girth);
            v[3].push_back(-o.mass);
        }
        auto mean = [](const std::vector<double>& v) {
            double s = 0;
            for (double x : v) s += x;
            return s / static_cast<double>(v.size());
        };
        const double nq = -mean(obs[1][0]), ng = -mean(obs[0][0]);
        // Pythia quark/gluon dataset: 34 and 53 (±15 %); this generator's documented values:
        // 33.3 and 54.8 (core/physics/README.md), checked more tightly so that drifts are noticed.
        QVERIFY2(std::abs(nq / 34.0 - 1.0) < 0.15 && std::abs(nq / 33.3 - 1.0) < 0.05, qPrintable(QString::number(nq)));
        QVERIFY2(std::abs(ng / 53.0 - 1.0) < 0.15 && std::abs(ng / 54.8 - 1.0) < 0.05, qPrintable(QString::number(ng)));
        const double pythia[4] = {0.84, 0.81, 0.73, 0.73};
        const double documented[4] = {0.818, 0.803, 0.750, 0.760};
        for (int k = 0; k < 4; ++k) {
            const double auc = rankAuc(obs[1][k], obs[0][k]);
            QVERIFY2(std::abs(auc - pythia[k]) < 0.05 && std::abs(auc - documented[k]) < 0.025,
                     qPrintable(QString("observable %1: AUC %2").arg(k).arg(auc)));
        }
    }
};

QTEST_APPLESS_MAIN(TstJetGenerator)
#include "tst_jet_generator.moc"
