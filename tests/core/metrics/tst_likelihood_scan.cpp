// LikelihoodScan: the Poisson deviance against a single-bin analytic case, intervals against
// root finding, the large-luminosity quadratic limit against the Fisher information, a pure
// quadratic model with two minima, and input errors.
#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include <QtTest>

#include "throws_invalid.h"

#include "core/metrics/likelihood_scan.h"

using namespace bithep::metrics;

namespace {

std::vector<double> linspace(double lo, double hi, int n) {
    std::vector<double> g(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) g[static_cast<size_t>(i)] = lo + (hi - lo) * i / (n - 1);
    return g;
}

// Root of f in [lo, hi] (f changes sign there) by bisection: independent of the scan's code.
double bisect(const std::function<double(double)>& f, double lo, double hi) {
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        ((f(lo) < 0) == (f(mid) < 0) ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace

class TstLikelihoodScan : public QObject {
    Q_OBJECT
private slots:
    void singleBinDevianceByHand() {
        // s0 = 100, s1 = 10, L = 1, Asimov at c = 0 (n = 100). At c = 1: mu = 110,
        // q = 2 (110 - 100 + 100 ln(100/110)) = 0.93796...
        const LikelihoodScan s({100.0}, {10.0}, {3.0}, 1.0, /*quadratic=*/false);
        const auto n = s.asimovData(0.0);
        QCOMPARE(n.front(), 100.0);
        QVERIFY(std::abs(s.deviance(1.0, n) - 2.0 * (10.0 + 100.0 * std::log(100.0 / 110.0))) < 1e-12);
        QCOMPARE(s.deviance(0.0, n), 0.0);
        // mu < 0 for c < -10: infinite, never NaN.
        QVERIFY(std::isinf(s.deviance(-11.0, n)));
        // With the quadratic term: mu(1) = 113.
        const LikelihoodScan q({100.0}, {10.0}, {3.0}, 1.0);
        QCOMPARE(q.expected(1.0).front(), 113.0);
    }
    void singleBinIntervalsMatchRootFinding() {
        const double s0 = 50.0, s1 = 4.0, lumi = 2.0;
        const LikelihoodScan s({s0}, {s1}, {0.0}, lumi);
        const auto data = s.asimovData(0.0);
        const auto q = [&](double c) {
            return 2.0 * (lumi * c * s1 - lumi * s0 * std::log(1.0 + c * s1 / s0));
        };
        const auto r = s.scan(linspace(-8.0, 8.0, 3201), data);
        QVERIFY(std::abs(r.bestC) < 1e-6);
        QVERIFY(r.minimum < 1e-12);
        for (auto [levelOf, intervals] : {std::pair{kLevel68, r.at68}, std::pair{kLevel95, r.at95}}) {
            const double level = levelOf;  // clang 14 cannot capture a structured binding
            QCOMPARE(intervals.size(), size_t(1));
            const double lo = bisect([&](double c) { return q(c) - level; }, -8.0, 0.0);
            const double hi = bisect([&](double c) { return q(c) - level; }, 0.0, 8.0);
            QVERIFY2(std::abs(intervals[0].low - lo) < 1e-4, qPrintable(QString::number(intervals[0].low)));
            QVERIFY2(std::abs(intervals[0].high - hi) < 1e-4, qPrintable(QString::number(intervals[0].high)));
            QVERIFY(!intervals[0].lowOpen && !intervals[0].highOpen);
        }
        // The curve itself is the analytic deviance on the grid.
        for (size_t i = 0; i < r.c.size(); i += 97)
            QVERIFY(std::abs(r.deltaMinus2LogL[i] - q(r.c[i])) < 1e-9);
        QVERIFY(std::abs(s.fisherInformation() - lumi * s1 * s1 / s0) < 1e-12);
    }
    void largeLuminosityIsQuadraticWithFisherWidth() {
        // Many events: -2 Delta ln L -> I (c - c_true)^2, so the 68 % half-width is 1/sqrt(I)
        // and the 95 % one sqrt(3.84 / I).
        const LikelihoodScan s({10.0, 20.0, 5.0, 1.0}, {1.0, -2.0, 0.5, 0.3}, {0.2, 0.1, 0.3, 0.05}, 1e6);
        const double info = s.fisherInformation(0.0);
        QVERIFY(std::abs(info - 1e6 * (0.1 + 0.2 + 0.05 + 0.09)) < 1e-6);
        const double w = 1.0 / std::sqrt(info);
        const auto r = s.scan(linspace(-5.0 * w, 5.0 * w, 2001), s.asimovData(0.0));
        QCOMPARE(r.at68.size(), size_t(1));
        QVERIFY(std::abs(r.at68[0].low + w) < 2e-3 * w);
        QVERIFY(std::abs(r.at68[0].high - w) < 2e-3 * w);
        QVERIFY(std::abs(r.at95[0].high - std::sqrt(kLevel95) * w) < 2e-3 * w);
        QVERIFY(std::abs(r.at95[0].low + std::sqrt(kLevel95) * w) < 2e-3 * w);
    }
    void quadraticOnlyModelHasTwoMinima() {
        // mu = L (s0 + c^2 s2) is even in c: Asimov data at c_true = 1 is equally well described
        // by c = -1, so each confidence level gives two mirror intervals; no slope at c = 0.
        const LikelihoodScan s({100.0}, {0.0}, {20.0}, 5.0);
        QCOMPARE(s.fisherInformation(0.0), 0.0);
        QVERIFY(std::abs(s.fisherInformation(1.0) - std::pow(2.0 * 20.0 * 5.0, 2) / 600.0) < 1e-9);
        const auto r = s.scan(linspace(-3.0, 3.0, 1201), s.asimovData(1.0));
        QCOMPARE(r.at68.size(), size_t(2));
        QVERIFY(std::abs(r.at68[0].low + r.at68[1].high) < 1e-9);
        QVERIFY(std::abs(r.at68[0].high + r.at68[1].low) < 1e-9);
        QVERIFY(std::abs(std::abs(r.bestC) - 1.0) < 1e-6);
        // Linear-only on the same bins has no sensitivity at all: the curve is flat zero.
        const LikelihoodScan lin({100.0}, {0.0}, {20.0}, 5.0, false);
        const auto flat = lin.scan(linspace(-3.0, 3.0, 11), lin.asimovData(1.0));
        QCOMPARE(flat.at68.size(), size_t(1));
        QVERIFY(flat.at68[0].lowOpen && flat.at68[0].highOpen);
    }
    void fitsObservedData() {
        // One bin, n = 130 with mu = 100 + 10 c: the maximum-likelihood c is 3.
        const LikelihoodScan s({100.0}, {10.0}, {0.0}, 1.0);
        const auto r = s.scan(linspace(0.0, 5.0, 51), std::vector<double>{130.0});
        QVERIFY(std::abs(r.bestC - 3.0) < 1e-6);
        QVERIFY(r.minimum < 1e-12);
        const auto j = r.toJson();
        QCOMPARE(j.at("c").size(), size_t(51));
        QCOMPARE(j.at("interval68").size(), size_t(1));
        QCOMPARE(r.toCsv().rows().size(), size_t(51));
    }
    void intervalsByLinearInterpolation() {
        // Curve 5, .5, 0, 2, .2 at c = 0..4, level 1: [1 - 0.5/4.5... ] worked out as
        // low = 0 + (1 - 5)/(0.5 - 5) = 8/9, high = 2 + (1 - 0)/(2 - 0) = 2.5; then
        // low = 3 + (1 - 2)/(0.2 - 2) = 3 + 5/9, open at 4.
        const std::vector<double> c{0, 1, 2, 3, 4}, q{5, 0.5, 0, 2, 0.2};
        const auto iv = LikelihoodScan::intervalsBelow(c, q, 1.0);
        QCOMPARE(iv.size(), size_t(2));
        QVERIFY(std::abs(iv[0].low - 8.0 / 9.0) < 1e-12);
        QVERIFY(std::abs(iv[0].high - 2.5) < 1e-12);
        QVERIFY(std::abs(iv[1].low - (3.0 + 5.0 / 9.0)) < 1e-12);
        QVERIFY(iv[1].highOpen && iv[1].high == 4.0 && !iv[0].lowOpen);
        QVERIFY(LikelihoodScan::intervalsBelow(c, std::vector<double>(5, 9.0), 1.0).empty());
    }
    void fromEventsAndRateOnly() {
        // Events in bins 0, 1, 0, dropped, 1: s0 = (1 + 3, 2 + 5), s1 = (.1 + .3, -.2 + .5), ...
        const std::vector<int> bin{0, 1, 0, -1, 1};
        const std::vector<double> w0{1, 2, 3, 100, 5}, w1{.1, -.2, .3, 9, .5}, w2{.01, .02, .03, 9, .05};
        const auto s = LikelihoodScan::fromEvents(2, bin, w0, w1, w2, 10.0);
        QCOMPARE(s.binCount(), size_t(2));
        const auto mu = s.expected(2.0);  // L (s0 + 2 s1 + 4 s2)
        QVERIFY(std::abs(mu[0] - 10.0 * (4.0 + 2.0 * 0.4 + 4.0 * 0.04)) < 1e-12);
        QVERIFY(std::abs(mu[1] - 10.0 * (7.0 + 2.0 * 0.3 + 4.0 * 0.07)) < 1e-12);
        const auto rate = s.rateOnly();
        QCOMPARE(rate.binCount(), size_t(1));
        QVERIFY(std::abs(rate.expected(2.0)[0] - (mu[0] + mu[1])) < 1e-12);
        // Binning can only add information: the shape analysis is at least as sensitive.
        QVERIFY(s.fisherInformation(0.0) >= rate.fisherInformation(0.0));
        const auto lin = LikelihoodScan::fromEvents(2, bin, w0, w1, w2, 10.0, false);
        QVERIFY(std::abs(lin.rateOnly().expected(2.0)[0] - 10.0 * (11.0 + 2.0 * 0.7)) < 1e-12);
        QVERIFY(throwsInvalid([&] {
            LikelihoodScan::fromEvents(2, std::vector<int>{0, 2, 0, 0, 0}, w0, w1, w2, 1.0);
        }));
        QVERIFY(throwsInvalid(
            [&] { LikelihoodScan::fromEvents(2, bin, w0, std::vector<double>{1.0}, w2, 1.0); }));
        QVERIFY(throwsInvalid([&] { LikelihoodScan::fromEvents(0, bin, w0, w1, w2, 1.0); }));
    }
    void badInput() {
        QVERIFY(throwsInvalid([] { LikelihoodScan({}, {}, {}, 1.0); }));
        QVERIFY(throwsInvalid([] { LikelihoodScan({1.0, 2.0}, {1.0}, {1.0, 1.0}, 1.0); }));
        QVERIFY(throwsInvalid([] { LikelihoodScan({-1.0}, {1.0}, {1.0}, 1.0); }));
        QVERIFY(throwsInvalid([] { LikelihoodScan({1.0}, {std::nan("")}, {1.0}, 1.0); }));
        QVERIFY(throwsInvalid([] { LikelihoodScan({1.0}, {1.0}, {1.0}, 0.0); }));
        const LikelihoodScan s({10.0, 5.0}, {1.0, 1.0}, {0.0, 0.0}, 1.0);
        const std::vector<double> n{10.0, 5.0};
        QVERIFY(throwsInvalid([&] { s.deviance(0.0, std::vector<double>{1.0}); }));
        QVERIFY(throwsInvalid([&] { s.deviance(0.0, std::vector<double>{1.0, -1.0}); }));
        QVERIFY(throwsInvalid([&] { s.scan(std::vector<double>{0.0}, n); }));
        QVERIFY(throwsInvalid([&] { s.scan(std::vector<double>{0.0, 0.0, 1.0}, n); }));
        QVERIFY(throwsInvalid([&] { s.scan(std::vector<double>{-30.0, -20.0}, n); }));  // mu < 0 everywhere
    }
};

QTEST_APPLESS_MAIN(TstLikelihoodScan)
#include "tst_likelihood_scan.moc"
