#pragma once
// A weighted 1-D histogram with uniform or explicit bin edges, under/overflow, sum of squared
// weights for errors, and the exact (unbinned) weighted mean and standard deviation of what was
// filled. It is the common currency of score histograms, CaloChallenge feature histograms and
// separation powers.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

#include "core/metrics/csv_table.h"

namespace bithep::metrics {

class Histogram1D {
public:
    // Explicit edges: at least two, finite, strictly increasing. Bins are [e_i, e_{i+1}) except
    // the last, which also holds its upper edge (numpy's convention, so a score of exactly 1
    // lands in the last bin of a [0, 1] histogram rather than in the overflow).
    explicit Histogram1D(std::vector<double> edges);
    // nBins equal bins on [lo, hi]; throws std::invalid_argument for nBins == 0 or lo >= hi.
    static Histogram1D uniform(std::size_t nBins, double lo, double hi);

    // Throws std::invalid_argument for a non-finite value or a non-finite/negative weight.
    void fill(double value, double weight = 1.0);
    // weights: empty (all 1) or one per value.
    void fill(std::span<const double> values, std::span<const double> weights = {});
    // Adds another histogram with identical edges (batches, seeds or array-job parts), moments
    // included, as if its values had been filled here. Throws std::invalid_argument otherwise.
    void add(const Histogram1D& other);

    std::size_t binCount() const { return m_contents.size(); }
    const std::vector<double>& edges() const { return m_edges; }
    const std::vector<double>& contents() const { return m_contents; }
    // Sum of squared weights per bin (the variance estimate of each content).
    const std::vector<double>& sumWeights2() const { return m_sumW2; }
    double underflow() const { return m_underflow; }
    double overflow() const { return m_overflow; }
    double binWidth(std::size_t bin) const { return m_edges.at(bin + 1) - m_edges.at(bin); }
    double binCenter(std::size_t bin) const { return 0.5 * (m_edges.at(bin) + m_edges.at(bin + 1)); }

    // Sum of in-range contents (under/overflow excluded).
    double integral() const;
    // Contents divided by integral(): sums to 1. Throws std::runtime_error if integral() is 0.
    std::vector<double> normalised() const;
    // Contents divided by (integral() * bin width): integrates to 1 over the range.
    std::vector<double> density() const;

    // Weighted mean and population standard deviation sqrt(sum w (x - mean)^2 / sum w) of every
    // filled value, in range or not, computed from the values themselves (not bin centres).
    // NaN while nothing with positive weight has been filled.
    double mean() const;
    double stdDev() const;
    double totalWeight() const { return m_sumW; }

    // {"edges", "contents", "sum_weights2", "underflow", "overflow", "mean", "std"}.
    nlohmann::json toJson() const;
    // The inverse of toJson (projects keep their runs' histograms). Throws std::invalid_argument
    // naming the missing key or inconsistent field.
    static Histogram1D fromJson(const nlohmann::json& j);
    // Columns low_edge, high_edge, content, error (sqrt of sum of squared weights).
    CsvTable toCsv() const;

private:
    std::vector<double> m_edges;
    std::vector<double> m_contents;
    std::vector<double> m_sumW2;
    double m_underflow = 0.0;
    double m_overflow = 0.0;
    bool m_uniform = false;  // lets fill() compute the bin instead of searching the edges
    // Weighted running mean and sum of squared deviations (West's update, stable for large n).
    double m_sumW = 0.0;
    double m_mean = 0.0;
    double m_m2 = 0.0;
};

}  // namespace bithep::metrics
