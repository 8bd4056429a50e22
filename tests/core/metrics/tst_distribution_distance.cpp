// Separation power and Wasserstein-1: hand-computed values and the properties that define them
// (identical -> 0, disjoint -> 1, shift -> shift, symmetry).
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include <QtTest>

#include "throws_invalid.h"

#include "core/metrics/distribution_distance.h"

using namespace bithep::metrics;

namespace {
constexpr double kTol = 1e-12;

}  // namespace

class TstDistributionDistance : public QObject {
    Q_OBJECT
private slots:
    void separationPowerHandComputed() {
        // p = (1/4, 1/4, 0, 1/2), q = (0, 1/2, 0, 1/2): 1/2 (1/4 + (1/16)/(3/4)) = 1/6; the
        // empty third bin is skipped.
        const std::vector<double> a{1, 1, 0, 2}, b{0, 1, 0, 1};
        QVERIFY(std::abs(separationPower(a, b) - 1.0 / 6.0) < kTol);
        QVERIFY(std::abs(separationPower(b, a) - 1.0 / 6.0) < kTol);
    }
    void separationPowerProperties() {
        std::mt19937_64 rng(9);
        std::uniform_real_distribution<double> u(0.0, 10.0);
        for (int trial = 0; trial < 50; ++trial) {
            std::vector<double> a(20), b(20);
            for (auto& x : a) x = u(rng);
            for (auto& x : b) x = u(rng);
            const double s = separationPower(a, b);
            QVERIFY(s >= 0.0 && s <= 1.0);
            QVERIFY(std::abs(s - separationPower(b, a)) < kTol);
            QVERIFY(separationPower(a, a) == 0.0);
            std::vector<double> scaled(a);
            for (auto& x : scaled) x *= 3.5;  // normalisation removes the scale
            QVERIFY(separationPower(a, scaled) < kTol);
            // Disjoint supports: a in the first half of the bins, b in the second.
            std::vector<double> lo(a), hi(b);
            std::fill(lo.begin() + 10, lo.end(), 0.0);
            std::fill(hi.begin(), hi.begin() + 10, 0.0);
            QVERIFY(std::abs(separationPower(lo, hi) - 1.0) < kTol);
        }
    }
    void separationPowerOfHistograms() {
        auto a = Histogram1D::uniform(4, 0.0, 4.0), b = Histogram1D::uniform(4, 0.0, 4.0);
        a.fill(std::vector<double>{0.5, 1.5, 3.5, 3.6, 9.0});  // 9.0 is overflow: ignored
        b.fill(std::vector<double>{1.5, 3.5});
        QVERIFY(std::abs(separationPower(a, b) - 1.0 / 6.0) < kTol);
        const auto c = Histogram1D::uniform(5, 0.0, 4.0);
        QVERIFY(throwsInvalid([&] { separationPower(a, c); }));
    }
    void separationPowerBadInput() {
        const std::vector<double> ok{1, 2};
        QVERIFY(throwsInvalid([&] { separationPower(std::vector<double>{}, std::vector<double>{}); }));
        QVERIFY(throwsInvalid([&] { separationPower(ok, std::vector<double>{1, 2, 3}); }));
        QVERIFY(throwsInvalid([&] { separationPower(ok, std::vector<double>{0, 0}); }));
        QVERIFY(throwsInvalid([&] { separationPower(ok, std::vector<double>{1, -1}); }));
        QVERIFY(throwsInvalid([&] {
            separationPower(ok, std::vector<double>{1, std::numeric_limits<double>::quiet_NaN()});
        }));
    }
    void wassersteinHandComputed() {
        // Masses 1/3 at 0, 1, 3 moved to 2: (2 + 1 + 1) / 3.
        QVERIFY(std::abs(wasserstein1(std::vector<double>{3, 0, 1}, std::vector<double>{2, 2}) - 4.0 / 3.0) <
                kTol);
        // Weighted: 3/4 at 0 and 1/4 at 1 against everything at 1 -> 3/4.
        QVERIFY(std::abs(wasserstein1(std::vector<double>{0, 1}, std::vector<double>{1},
                                      std::vector<double>{3, 1}) -
                         0.75) < kTol);
        QCOMPARE(wasserstein1(std::vector<double>{1, 2, 2}, std::vector<double>{2, 1, 2}), 0.0);
    }
    void wassersteinProperties() {
        std::mt19937_64 rng(21);
        std::normal_distribution<double> g(0.0, 1.0);
        for (int trial = 0; trial < 20; ++trial) {
            const size_t n = 1 + static_cast<size_t>(trial) * 37;
            std::vector<double> a(n), b(n);
            for (auto& x : a) x = g(rng);
            for (auto& x : b) x = g(rng);
            // Equal sizes, unit weights: W1 is the mean distance of the sorted samples.
            std::vector<double> sa(a), sb(b);
            std::sort(sa.begin(), sa.end());
            std::sort(sb.begin(), sb.end());
            double direct = 0.0;
            for (size_t i = 0; i < n; ++i) direct += std::abs(sa[i] - sb[i]);
            direct /= static_cast<double>(n);
            QVERIFY(std::abs(wasserstein1(a, b) - direct) < 1e-10);
            QVERIFY(std::abs(wasserstein1(a, b) - wasserstein1(b, a)) < 1e-12);
            // A shifted copy is exactly the shift away (0.25 keeps the sums exact-ish).
            std::vector<double> shifted(a);
            for (auto& x : shifted) x += 0.25;
            QVERIFY(std::abs(wasserstein1(a, shifted) - 0.25) < 1e-10);
            // Duplicating a sample (or weighting it uniformly) changes nothing.
            std::vector<double> doubled(a);
            doubled.insert(doubled.end(), a.begin(), a.end());
            QVERIFY(std::abs(wasserstein1(doubled, b) - wasserstein1(a, b)) < 1e-10);
            QVERIFY(std::abs(wasserstein1(a, b, std::vector<double>(n, 2.5)) - wasserstein1(a, b)) < 1e-10);
        }
    }
    void wassersteinBadInput() {
        const std::vector<double> ok{1, 2};
        QVERIFY(throwsInvalid([&] { wasserstein1(std::vector<double>{}, ok); }));
        QVERIFY(throwsInvalid(
            [&] { wasserstein1(ok, std::vector<double>{std::numeric_limits<double>::infinity()}); }));
        QVERIFY(throwsInvalid([&] { wasserstein1(ok, ok, std::vector<double>{1}); }));
        QVERIFY(throwsInvalid([&] { wasserstein1(ok, ok, std::vector<double>{0, 0}); }));
        QVERIFY(throwsInvalid([&] { wasserstein1(ok, ok, {}, std::vector<double>{1, -2}); }));
    }
};

QTEST_APPLESS_MAIN(TstDistributionDistance)
#include "tst_distribution_distance.moc"
