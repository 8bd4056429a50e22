#include "core/metrics/likelihood_scan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

nlohmann::json finiteOrNull(double x) {
    return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json();
}

nlohmann::json intervalsJson(const std::vector<ConfidenceInterval>& intervals) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : intervals)
        out.push_back({{"low", i.low}, {"high", i.high}, {"low_open", i.lowOpen}, {"high_open", i.highOpen}});
    return out;
}

// Where the straight line through (c0, q0), (c1, q1) reaches level (one of q0, q1 is above it).
double crossing(double c0, double q0, double c1, double q1, double level) {
    if (!std::isfinite(q0)) return c1;
    if (!std::isfinite(q1)) return c0;
    return c0 + (level - q0) / (q1 - q0) * (c1 - c0);
}

}  // namespace

LikelihoodScan::LikelihoodScan(std::vector<double> s0, std::vector<double> s1, std::vector<double> s2,
                               double luminosity, bool quadratic)
    : m_s0(std::move(s0)), m_s1(std::move(s1)), m_s2(std::move(s2)), m_luminosity(luminosity) {
    constexpr std::string_view who = "LikelihoodScan";
    detail::requireNonEmpty(who, "s0", m_s0.size());
    detail::requireSameLength(who, "s0", m_s0.size(), "s1", m_s1.size());
    detail::requireSameLength(who, "s0", m_s0.size(), "s2", m_s2.size());
    detail::requireFinite(who, "s0", m_s0);
    detail::requireFinite(who, "s1", m_s1);
    detail::requireFinite(who, "s2", m_s2);
    for (std::size_t i = 0; i < m_s0.size(); ++i)
        if (m_s0[i] < 0.0)
            throw std::invalid_argument("LikelihoodScan: s0[" + std::to_string(i) +
                                        "] = " + std::to_string(m_s0[i]) + " is a negative SM expectation");
    if (!std::isfinite(luminosity) || !(luminosity > 0.0))
        throw std::invalid_argument("LikelihoodScan: luminosity " + std::to_string(luminosity) +
                                    " is not a positive number");
    m_quadratic = quadratic;
    if (!quadratic) std::fill(m_s2.begin(), m_s2.end(), 0.0);
}

LikelihoodScan LikelihoodScan::fromEvents(std::size_t binCount, std::span<const int> bin,
                                          std::span<const double> w0, std::span<const double> w1,
                                          std::span<const double> w2, double luminosity, bool quadratic) {
    constexpr std::string_view who = "LikelihoodScan::fromEvents";
    if (binCount == 0) throw std::invalid_argument("LikelihoodScan::fromEvents: binCount is 0");
    detail::requireSameLength(who, "bin", bin.size(), "w0", w0.size());
    detail::requireSameLength(who, "bin", bin.size(), "w1", w1.size());
    detail::requireSameLength(who, "bin", bin.size(), "w2", w2.size());
    detail::requireFinite(who, "w0", w0);
    detail::requireFinite(who, "w1", w1);
    detail::requireFinite(who, "w2", w2);
    std::vector<double> s0(binCount, 0.0), s1(binCount, 0.0), s2(binCount, 0.0);
    for (std::size_t e = 0; e < bin.size(); ++e) {
        if (bin[e] == -1) continue;
        if (bin[e] < 0 || static_cast<std::size_t>(bin[e]) >= binCount)
            throw std::invalid_argument("LikelihoodScan::fromEvents: bin[" + std::to_string(e) +
                                        "] = " + std::to_string(bin[e]) + " is outside [0, " +
                                        std::to_string(binCount) + ") and is not -1");
        const auto b = static_cast<std::size_t>(bin[e]);
        s0[b] += w0[e];
        s1[b] += w1[e];
        s2[b] += w2[e];
    }
    return LikelihoodScan(std::move(s0), std::move(s1), std::move(s2), luminosity, quadratic);
}

LikelihoodScan LikelihoodScan::rateOnly() const {
    double s0 = 0.0, s1 = 0.0, s2 = 0.0;
    for (std::size_t i = 0; i < m_s0.size(); ++i) {
        s0 += m_s0[i];
        s1 += m_s1[i];
        s2 += m_s2[i];
    }
    return LikelihoodScan({s0}, {s1}, {s2}, m_luminosity, m_quadratic);
}

std::vector<double> LikelihoodScan::expected(double c) const {
    std::vector<double> mu(m_s0.size());
    for (std::size_t i = 0; i < mu.size(); ++i)
        mu[i] = m_luminosity * (m_s0[i] + c * m_s1[i] + c * c * m_s2[i]);
    return mu;
}

double LikelihoodScan::deviance(double c, std::span<const double> data) const {
    constexpr std::string_view who = "LikelihoodScan::deviance";
    detail::requireSameLength(who, "data", data.size(), "the bins", m_s0.size());
    detail::requireFinite(who, "data", data);
    double q = 0.0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const double n = data[i];
        if (n < 0.0)
            throw std::invalid_argument("LikelihoodScan::deviance: data[" + std::to_string(i) +
                                        "] is negative");
        const double mu = m_luminosity * (m_s0[i] + c * m_s1[i] + c * c * m_s2[i]);
        if (mu < 0.0 || (mu == 0.0 && n > 0.0)) return kInf;
        q += mu - n + (n > 0.0 ? n * std::log(n / mu) : 0.0);  // n ln(n/mu) -> 0 as n -> 0
    }
    return 2.0 * q;
}

ScanResult LikelihoodScan::scan(std::span<const double> grid, std::span<const double> data) const {
    if (grid.size() < 2)
        throw std::invalid_argument("LikelihoodScan::scan: the grid needs at least 2 points");
    detail::requireFinite("LikelihoodScan::scan", "grid", grid);
    for (std::size_t i = 1; i < grid.size(); ++i)
        if (!(grid[i] > grid[i - 1]))
            throw std::invalid_argument("LikelihoodScan::scan: grid is not strictly increasing at index " +
                                        std::to_string(i));
    ScanResult r;
    r.c.assign(grid.begin(), grid.end());
    std::vector<double> raw(grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) raw[i] = deviance(grid[i], data);
    const auto best = static_cast<std::size_t>(std::min_element(raw.begin(), raw.end()) - raw.begin());
    if (!std::isfinite(raw[best]))
        throw std::invalid_argument(
            "LikelihoodScan::scan: the expectation is negative or zero "
            "where data is present at every grid point");
    // Golden-section search between the neighbours of the lowest grid point.
    double lo = grid[best > 0 ? best - 1 : 0], hi = grid[std::min(best + 1, grid.size() - 1)];
    const double phi = 0.5 * (std::sqrt(5.0) - 1.0);
    double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
    double f1 = deviance(x1, data), f2 = deviance(x2, data);
    for (int it = 0; it < 200 && hi - lo > 1e-13 * (1.0 + std::abs(lo)); ++it) {
        if (f1 < f2) {
            hi = x2, x2 = x1, f2 = f1;
            x1 = hi - phi * (hi - lo), f1 = deviance(x1, data);
        } else {
            lo = x1, x1 = x2, f1 = f2;
            x2 = lo + phi * (hi - lo), f2 = deviance(x2, data);
        }
    }
    const double refined = 0.5 * (lo + hi);
    const double fRefined = deviance(refined, data);
    r.bestC = fRefined < raw[best] ? refined : grid[best];
    r.minimum = std::min(fRefined, raw[best]);
    r.deltaMinus2LogL.resize(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) r.deltaMinus2LogL[i] = raw[i] - r.minimum;
    r.at68 = intervalsBelow(r.c, r.deltaMinus2LogL, kLevel68);
    r.at95 = intervalsBelow(r.c, r.deltaMinus2LogL, kLevel95);
    return r;
}

double LikelihoodScan::fisherInformation(double c) const {
    double info = 0.0;
    for (std::size_t i = 0; i < m_s0.size(); ++i) {
        const double mu = m_luminosity * (m_s0[i] + c * m_s1[i] + c * c * m_s2[i]);
        const double slope = m_luminosity * (m_s1[i] + 2.0 * c * m_s2[i]);
        if (slope == 0.0) continue;
        if (!(mu > 0.0)) return kInf;
        info += slope * slope / mu;
    }
    return info;
}

std::vector<ConfidenceInterval> LikelihoodScan::intervalsBelow(std::span<const double> c,
                                                               std::span<const double> curve, double level) {
    detail::requireSameLength("LikelihoodScan::intervalsBelow", "c", c.size(), "curve", curve.size());
    std::vector<ConfidenceInterval> out;
    const std::size_t n = c.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (!(curve[i] <= level)) continue;
        ConfidenceInterval iv;
        iv.lowOpen = i == 0;
        iv.low = iv.lowOpen ? c[0] : crossing(c[i - 1], curve[i - 1], c[i], curve[i], level);
        std::size_t j = i;
        while (j + 1 < n && curve[j + 1] <= level) ++j;
        iv.highOpen = j + 1 == n;
        iv.high = iv.highOpen ? c[n - 1] : crossing(c[j], curve[j], c[j + 1], curve[j + 1], level);
        out.push_back(iv);
        i = j;
    }
    return out;
}

nlohmann::json ScanResult::toJson() const {
    nlohmann::json curve = nlohmann::json::array();
    for (double q : deltaMinus2LogL) curve.push_back(finiteOrNull(q));
    return {{"c", c},
            {"delta_m2lnl", curve},
            {"best_c", bestC},
            {"minimum", minimum},
            {"interval68", intervalsJson(at68)},
            {"interval95", intervalsJson(at95)}};
}

CsvTable ScanResult::toCsv() const {
    CsvTable t({"c", "delta_m2lnl"});
    for (std::size_t i = 0; i < c.size(); ++i) t.addRow({c[i], deltaMinus2LogL[i]});
    return t;
}

}  // namespace bithep::metrics
