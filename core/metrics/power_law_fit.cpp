#include "core/metrics/power_law_fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct LineFit {
    double alpha = 0.0;  // ln a
    double b = 0.0;
    double rss = 0.0;  // residual sum of squares in ln(error) for the full model
};

// Linear fit of ln(y - c) = alpha - b ln n; rss is measured on ln(y) against ln(a n^-b + c).
LineFit fitLine(const std::vector<double>& u, const std::vector<double>& y, double c) {
    const double m = static_cast<double>(u.size());
    double su = 0.0, sv = 0.0;
    std::vector<double> v(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) {
        v[i] = std::log(y[i] - c);
        su += u[i];
        sv += v[i];
    }
    const double uBar = su / m, vBar = sv / m;
    double sxx = 0.0, sxy = 0.0;
    for (std::size_t i = 0; i < u.size(); ++i) {
        sxx += (u[i] - uBar) * (u[i] - uBar);
        sxy += (u[i] - uBar) * (v[i] - vBar);
    }
    LineFit f;
    f.b = -sxy / sxx;
    f.alpha = vBar + f.b * uBar;
    for (std::size_t i = 0; i < u.size(); ++i) {
        const double r = std::log(y[i]) - std::log(std::exp(f.alpha - f.b * u[i]) + c);
        f.rss += r * r;
    }
    return f;
}

// Best c in [0, cMax): a coarse scan (the profile can have more than one dip) refined by
// golden-section search between the neighbours of the best grid point.
double bestOffset(const std::vector<double>& u, const std::vector<double>& y, double cMax) {
    // Linear in c plus log-spaced towards cMax, where a flattening curve puts its floor.
    std::vector<double> grid;
    for (int k = 0; k < 50; ++k) grid.push_back(cMax * k / 50.0);
    for (int k = 0; k <= 160; ++k) grid.push_back(cMax * (1.0 - std::pow(10.0, -0.05 * k)));
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    std::size_t best = 0;
    double bestRss = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < grid.size(); ++i) {
        const double rss = fitLine(u, y, grid[i]).rss;
        if (rss < bestRss) bestRss = rss, best = i;
    }
    double lo = best > 0 ? grid[best - 1] : 0.0;
    double hi = best + 1 < grid.size() ? grid[best + 1] : cMax * (1.0 - 1e-9);
    const double phi = 0.5 * (std::sqrt(5.0) - 1.0);
    double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
    double f1 = fitLine(u, y, x1).rss, f2 = fitLine(u, y, x2).rss;
    for (int it = 0; it < 200 && hi - lo > 1e-14 * cMax; ++it) {
        if (f1 < f2) {
            hi = x2, x2 = x1, f2 = f1;
            x1 = hi - phi * (hi - lo), f1 = fitLine(u, y, x1).rss;
        } else {
            lo = x1, x1 = x2, f1 = f2;
            x2 = lo + phi * (hi - lo), f2 = fitLine(u, y, x2).rss;
        }
    }
    const double c = 0.5 * (lo + hi);
    return fitLine(u, y, c).rss <= bestRss ? c : grid[best];
}

// Standard errors of (ln a, b[, c]) from the Jacobian of ln(a n^-b + c).
Eigen::VectorXd standardErrors(const std::vector<double>& u, const LineFit& f, double c, bool withOffset) {
    const Eigen::Index p = withOffset ? 3 : 2;
    const auto m = static_cast<Eigen::Index>(u.size());
    if (m <= p) return Eigen::VectorXd::Constant(p, kNaN);
    Eigen::MatrixXd jac(m, p);
    for (Eigen::Index i = 0; i < m; ++i) {
        const double fi = std::exp(f.alpha - f.b * u[static_cast<std::size_t>(i)]);
        const double g = fi + c;
        jac(i, 0) = fi / g;
        jac(i, 1) = -u[static_cast<std::size_t>(i)] * fi / g;
        if (withOffset) jac(i, 2) = 1.0 / g;
    }
    const Eigen::MatrixXd jtj = jac.transpose() * jac;
    Eigen::FullPivLU<Eigen::MatrixXd> lu(jtj);
    if (!lu.isInvertible()) return Eigen::VectorXd::Constant(p, kNaN);
    const double s2 = f.rss / static_cast<double>(m - p);
    return (s2 * lu.inverse().diagonal()).cwiseSqrt();
}

}  // namespace

double PowerLawFit::evaluate(double n) const {
    return a * std::pow(n, -b) + c;
}

PowerLawFit PowerLawFit::fit(std::span<const double> sizes, std::span<const double> errors, bool withOffset) {
    constexpr std::string_view who = "PowerLawFit::fit";
    detail::requireNonEmpty(who, "sizes", sizes.size());
    detail::requireSameLength(who, "sizes", sizes.size(), "errors", errors.size());
    detail::requireFinite(who, "sizes", sizes);
    detail::requireFinite(who, "errors", errors);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (!(sizes[i] > 0.0) || !(errors[i] > 0.0))
            throw std::invalid_argument("PowerLawFit::fit: point " + std::to_string(i) +
                                        " (n = " + std::to_string(sizes[i]) +
                                        ", error = " + std::to_string(errors[i]) + ") is not positive");
    }
    const std::size_t distinct = std::set<double>(sizes.begin(), sizes.end()).size();
    const std::size_t needed = withOffset ? 3 : 2;
    if (distinct < needed)
        throw std::invalid_argument("PowerLawFit::fit: " + std::to_string(distinct) +
                                    " distinct sizes, the fit needs at least " + std::to_string(needed));
    std::vector<double> u(sizes.size()), y(errors.begin(), errors.end());
    for (std::size_t i = 0; i < sizes.size(); ++i) u[i] = std::log(sizes[i]);

    PowerLawFit out;
    out.withOffset = withOffset;
    out.pointCount = sizes.size();
    out.c = withOffset ? bestOffset(u, y, *std::min_element(y.begin(), y.end())) : 0.0;
    const LineFit f = fitLine(u, y, out.c);
    out.a = std::exp(f.alpha);
    out.b = f.b;
    out.rmsLogResidual = std::sqrt(f.rss / static_cast<double>(u.size()));
    const Eigen::VectorXd se = standardErrors(u, f, out.c, withOffset);
    out.sigmaA = out.a * se(0);  // d a = a d(ln a)
    out.sigmaB = se(1);
    out.sigmaC = withOffset ? se(2) : 0.0;
    return out;
}

nlohmann::json PowerLawFit::toJson() const {
    const auto num = [](double x) { return std::isnan(x) ? nlohmann::json() : nlohmann::json(x); };
    return {{"a", a},
            {"b", b},
            {"c", c},
            {"sigma_a", num(sigmaA)},
            {"sigma_b", num(sigmaB)},
            {"sigma_c", num(sigmaC)},
            {"with_offset", withOffset},
            {"points", pointCount},
            {"rms_log_residual", rmsLogResidual}};
}

CsvTable PowerLawFit::toCsv() const {
    CsvTable t({"a", "b", "c", "sigma_a", "sigma_b", "sigma_c", "with_offset", "points", "rms_log_residual"});
    t.addRow({a, b, c, sigmaA, sigmaB, sigmaC, withOffset ? 1 : 0, pointCount, rmsLogResidual});
    return t;
}

}  // namespace bithep::metrics
