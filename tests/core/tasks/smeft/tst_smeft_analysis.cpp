// SMEFT analysis pieces against hand-computed cases: residual wrapping and mean sin², residual
// distances, the true-vs-predicted map, the (φ × pT) binning, the EFT likelihood of a two-bin
// dataset whose −2Δln L is known in closed form, and the named plans with their cost shares.
#include <cmath>
#include <numbers>

#include <QtTest>

#include "core/cost/cost_model.h"
#include "core/tasks/smeft/eft_scan_analysis.h"
#include "core/tasks/smeft/regression_quality.h"
#include "core/tasks/smeft/smeft_model.h"
#include "core/tasks/smeft/smeft_plans.h"

using namespace bithep;
using namespace bithep::tasks::smeft;

namespace {

constexpr double kPi = std::numbers::pi;

// Two events in φ bins 0 and 4 of the first pT slice: w0 = 1, w1 = ±0.5, w2 = 0.1 (fb).
SmeftDataset twoBinDataset() {
    SmeftDataset d;
    for (double sign : {1.0, -1.0}) {
        SmeftEvent e;
        e.phi = sign > 0 ? 0.1 : 1.6;
        e.jetPt = 600.0;
        e.w0 = 1.0, e.w1 = 0.5 * sign, e.w2 = 0.1;
        d.events.push_back(e);
    }
    return d;
}

}  // namespace

class TstSmeftAnalysis : public QObject {
    Q_OBJECT
private slots:
    void residualsWrapModuloPi() {
        const std::vector<double> pred{0.1, 3.1}, truth{0.0, 0.05};
        const auto q = regressionQuality(pred, truth);
        QVERIFY(std::abs(q.residuals[0] - 0.1) < 1e-12);
        QVERIFY(std::abs(q.residuals[1] - (3.05 - kPi)) < 1e-12);
        const double expected = 0.5 * (std::pow(std::sin(0.1), 2) + std::pow(std::sin(3.05 - kPi), 2));
        QVERIFY(std::abs(q.meanSin2 - expected) < 1e-12);
        QCOMPARE(q.residualHistogram.integral(), 2.0);
        QCOMPARE(wrapHalfPi(0.5 * kPi), 0.5 * kPi);  // the interval is (−π/2, π/2]
        QCOMPARE(wrapHalfPi(-0.5 * kPi), 0.5 * kPi);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, regressionQuality(pred, std::vector<double>{0.0}));
    }

    void distancesBetweenResiduals() {
        const auto a = regressionQuality(std::vector<double>{0.1, 0.2}, std::vector<double>{0.0, 0.0});
        const auto b = regressionQuality(std::vector<double>{0.15, 0.25}, std::vector<double>{0.0, 0.0});
        const auto same = residualDistance(a, a);
        QCOMPARE(same.separationPower, 0.0);
        QCOMPARE(same.wasserstein1, 0.0);
        const auto shifted = residualDistance(a, b);
        QVERIFY(std::abs(shifted.wasserstein1 - 0.05) < 1e-12);  // a constant shift moves every quantile
        // Bin width π/40 ≈ 0.0785: 0.1→bin 21, 0.2→22, 0.15→21, 0.25→23; p = (½, ½, 0), q = (½, 0, ½).
        QVERIFY(std::abs(shifted.separationPower - 0.5 * (0.25 / 0.5 + 0.25 / 0.5)) < 1e-12);
    }

    void truthVersusPredictionMap() {
        const auto map =
            truthVersusPrediction(std::vector<double>{kPi - 0.01, 0.5}, std::vector<double>{0.01, 0.5});
        QCOMPARE(map.xEdges.size(), kMapBins + 1);
        double sum = 0.0;
        for (double v : map.values) sum += v;
        QVERIFY(std::abs(sum - 1.0) < 1e-12);
        QCOMPARE(map.values[(kMapBins - 1) * kMapBins + 0], 0.5);  // row = predicted, column = true
        const auto diag = static_cast<std::size_t>(0.5 / (kPi / kMapBins));
        QCOMPARE(map.values[diag * kMapBins + diag], 0.5);
    }

    void binningInPhiAndPt() {
        EftBinning b;
        QCOMPARE(b.binCount(), std::size_t{32});
        QCOMPARE(b.bin(0.1, 520.0), 0);
        QCOMPARE(b.bin(kPi - 0.01, 2000.0), 31);  // last pT bin is open above
        QCOMPARE(b.bin(kPi + 0.1, 700.0), 8);     // φ folded into [0, π)
        QCOMPARE(b.bin(0.1, 400.0), -1);
        b.ptEdges = {500.0, 500.0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.validate());
    }

    void twoBinLikelihoodByHand() {
        const SmeftDataset d = twoBinDataset();
        EftScanSettings s;
        s.luminosityFb = 10.0;
        s.cMax = 1.0;
        s.gridPoints = 2001;
        const EftScanAnalysis analysis(d, {0, 1}, s);
        QCOMPARE(analysis.expectedSmEvents(), 20.0);
        const auto truth = analysis.truth();
        QVERIFY(std::abs(truth.fisherInformation - 10.0 * (0.25 + 0.25)) < 1e-12);
        // Linear model, Asimov n = (10, 10): −2Δln L = −20 ln(1 − c²/4), crossing 1 at
        // c = 2 sqrt(1 − e^{−1/20}).
        const double c68 = 2.0 * std::sqrt(1.0 - std::exp(-0.05));
        QCOMPARE(truth.linear.at68.size(), std::size_t{1});
        QVERIFY(std::abs(truth.linear.at68[0].high - c68) < 1e-4);
        QVERIFY(std::abs(truth.linear.at68[0].low + c68) < 1e-4);
        QVERIFY(std::abs(truth.linear.bestC) < 1e-6);
        // Linear+quadratic: μ1 + μ2 = 20 + 2c², μ1·μ2 = (10 + c²)² − 25c², so
        // −2Δln L = 2[2c² − 10 ln(μ1 μ2 / 100)]; its crossing of 1 by bisection.
        auto quadratic = [](double c) {
            return 2.0 * (2.0 * c * c - 10.0 * std::log((std::pow(10.0 + c * c, 2) - 25.0 * c * c) / 100.0));
        };
        double lo = 0.0, hi = 1.0;
        for (int i = 0; i < 100; ++i) (quadratic(0.5 * (lo + hi)) < 1.0 ? lo : hi) = 0.5 * (lo + hi);
        QCOMPARE(truth.quadratic.at68.size(), std::size_t{1});
        QVERIFY(std::abs(truth.quadratic.at68[0].high - lo) < 1e-4);
        QVERIFY(std::abs(truth.width68() - 2.0 * lo) < 2e-4);
        // Rate alone: Σ w1 = 0, no first-order information.
        QCOMPARE(analysis.rateOnly().fisherInformation, 0.0);
        // Swapping the two events' angles swaps the bins: the same information.
        const std::vector<double> swapped{1.6, 0.1};
        QVERIFY(std::abs(analysis.scan("swapped", swapped).fisherInformation - truth.fisherInformation) <
                1e-12);
        // Both in one bin: the interference cancels.
        const std::vector<double> merged{0.1, 0.1};
        QCOMPARE(analysis.scan("merged", merged).fisherInformation, 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, analysis.scan("short", std::vector<double>{0.1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EftScanAnalysis(d, {}, s));
    }

    void plansAndTheirCostShares() {
        registerSmeftPlans();
        SmeftModel model(SmeftModelConfig::fromPreset("small"), 1);
        QCOMPARE(resolveSmeftPlan("fp32").apply(model), 0);
        QCOMPARE(resolveSmeftPlan("mp-only").apply(model), 2);       // mp.0.message, mp.0.update
        QCOMPARE(resolveSmeftPlan("readout-only").apply(model), 2);  // readout.fc0, readout.fc1
        QCOMPARE(resolveSmeftPlan("all-ternary").apply(model), 5);
        const auto report = cost::computeCost(cost::costInputsFromModel(model, 40),
                                              cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
        QVERIFY(report.quantizedParameterShare > 0.9);
        resolveSmeftPlan("mp-only").apply(model);
        const auto mp = cost::computeCost(cost::costInputsFromModel(model, 40),
                                          cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
        QVERIFY(mp.quantizedParameterShare > 0.7 &&
                mp.quantizedParameterShare < 0.85);  // 3 072 of 3 986 weights
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveSmeftPlan("p-dat-bitt"));
    }
};

QTEST_APPLESS_MAIN(TstSmeftAnalysis)
#include "tst_smeft_analysis.moc"
