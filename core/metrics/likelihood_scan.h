#pragma once
// Binned Poisson likelihood scan in one Wilson coefficient c: per-bin expectations
// mu_i(c) = L (s0_i + c s1_i + c^2 s2_i), -2 Delta ln L(c) against (Asimov) data, the 68 % / 95 %
// intervals where the curve crosses 1 and 3.84, and the Fisher information. Task-independent:
// the SMEFT task fills s0, s1, s2 from its per-event weights w0 + c w1 + c^2 w2.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

#include "core/metrics/csv_table.h"

namespace bithep::metrics {

// -2 Delta ln L thresholds for one parameter: chi^2_1 quantiles at 68.27 % and 95 %.
inline constexpr double kLevel68 = 1.0;
inline constexpr double kLevel95 = 3.84;

// A connected range of c with -2 Delta ln L <= level. An open end means the curve was still
// below the level at the edge of the scanned grid, so that bound is the grid edge, not a crossing.
struct ConfidenceInterval {
    double low = 0.0;
    double high = 0.0;
    bool lowOpen = false;
    bool highOpen = false;
};

struct ScanResult {
    std::vector<double> c;
    std::vector<double> deltaMinus2LogL;  // relative to the minimum below; +inf where mu_i(c) < 0
    double bestC = 0.0;                   // minimum, refined between grid points
    double minimum = 0.0;                 // -2 ln L(bestC) - (saturated), 0 for Asimov data
    std::vector<ConfidenceInterval> at68;
    std::vector<ConfidenceInterval> at95;

    // {"c", "delta_m2lnl" (inf as null), "best_c", "minimum", "interval68", "interval95"}.
    nlohmann::json toJson() const;
    // Columns c, delta_m2lnl.
    CsvTable toCsv() const;
};

class LikelihoodScan {
public:
    // s0, s1, s2: per-bin coefficients per unit luminosity (same length, finite, s0 >= 0);
    // luminosity > 0. quadratic = false drops s2 (the linear, interference-only model).
    // Throws std::invalid_argument naming the bin and array.
    LikelihoodScan(std::vector<double> s0, std::vector<double> s1, std::vector<double> s2, double luminosity,
                   bool quadratic = true);

    // Sums per-event weights w(c) = w0 + c w1 + c^2 w2 (cross sections per event, in units
    // whose product with the luminosity is an event count) into binCount bins; bin[e] = -1
    // drops an event (outside the analysis), any other value outside [0, binCount) throws.
    static LikelihoodScan fromEvents(std::size_t binCount, std::span<const int> bin,
                                     std::span<const double> w0, std::span<const double> w1,
                                     std::span<const double> w2, double luminosity, bool quadratic = true);
    // The same expectations summed into one bin: the rate-only (counting) analysis.
    LikelihoodScan rateOnly() const;

    std::size_t binCount() const { return m_s0.size(); }
    std::vector<double> expected(double c) const;
    // Asimov data: the expectation at cTrue itself (non-integer counts on purpose).
    std::vector<double> asimovData(double cTrue) const { return expected(cTrue); }

    // 2 sum_i [mu_i(c) - n_i + n_i ln(n_i / mu_i(c))], the Poisson deviance against data n
    // (zero for data equal to the expectation); +inf if some mu_i(c) < 0, or mu_i(c) = 0 while
    // n_i > 0. Throws std::invalid_argument for a wrong length, NaN or negative counts.
    double deviance(double c, std::span<const double> data) const;

    // The curve on a strictly increasing grid (>= 2 finite points), the minimum refined by
    // golden-section search next to the lowest grid point, and the intervals read off by
    // linear interpolation between grid points where the curve crosses kLevel68 / kLevel95.
    ScanResult scan(std::span<const double> grid, std::span<const double> data) const;

    // sum_i (d mu_i / dc)^2 / mu_i at c: the inverse variance of c for large luminosity, so the
    // 68 % half-width is about 1 / sqrt(I). Bins with mu_i = 0 and zero slope are skipped; a bin
    // with mu_i = 0 and a non-zero slope gives +inf.
    double fisherInformation(double c = 0.0) const;

    // Connected ranges of c where curve <= level, read off by linear interpolation.
    static std::vector<ConfidenceInterval> intervalsBelow(std::span<const double> c,
                                                          std::span<const double> curve, double level);

private:
    std::vector<double> m_s0, m_s1, m_s2;
    double m_luminosity = 1.0;
    bool m_quadratic = true;
};

}  // namespace bithep::metrics
