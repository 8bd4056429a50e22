#include "core/metrics/histogram_1d.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

Histogram1D::Histogram1D(std::vector<double> edges) : m_edges(std::move(edges)) {
    if (m_edges.size() < 2)
        throw std::invalid_argument("Histogram1D: needs at least 2 edges, got " +
                                    std::to_string(m_edges.size()));
    detail::requireFinite("Histogram1D", "edges", m_edges);
    for (std::size_t i = 1; i < m_edges.size(); ++i) {
        if (!(m_edges[i] > m_edges[i - 1]))
            throw std::invalid_argument("Histogram1D: edges are not strictly increasing at index " +
                                        std::to_string(i));
    }
    m_contents.assign(m_edges.size() - 1, 0.0);
    m_sumW2.assign(m_edges.size() - 1, 0.0);
}

Histogram1D Histogram1D::uniform(std::size_t nBins, double lo, double hi) {
    if (nBins == 0) throw std::invalid_argument("Histogram1D::uniform: nBins is 0");
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        throw std::invalid_argument("Histogram1D::uniform: range [" + std::to_string(lo) + ", " +
                                    std::to_string(hi) + "] is not a finite interval with lo < hi");
    std::vector<double> edges(nBins + 1);
    for (std::size_t i = 0; i <= nBins; ++i)
        edges[i] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(nBins);
    edges.back() = hi;
    Histogram1D h(std::move(edges));
    h.m_uniform = true;
    return h;
}

void Histogram1D::fill(double value, double weight) {
    if (!std::isfinite(value))
        throw std::invalid_argument(std::string("Histogram1D::fill: value is ") +
                                    (std::isnan(value) ? "NaN" : "infinite"));
    if (!std::isfinite(weight) || weight < 0.0)
        throw std::invalid_argument("Histogram1D::fill: weight " + std::to_string(weight) +
                                    " is not a finite non-negative number");
    if (weight > 0.0) {
        const double newSum = m_sumW + weight;
        const double delta = value - m_mean;
        m_mean += delta * weight / newSum;
        m_m2 += weight * delta * (value - m_mean);
        m_sumW = newSum;
    }
    const double lo = m_edges.front(), hi = m_edges.back();
    if (value < lo) {
        m_underflow += weight;
        return;
    }
    if (value > hi) {
        m_overflow += weight;
        return;
    }
    const std::size_t n = m_contents.size();
    std::size_t bin;
    if (m_uniform) {
        bin = static_cast<std::size_t>((value - lo) / (hi - lo) * static_cast<double>(n));
        bin = std::min(bin, n - 1);
        // Rounding in the division can put a value next to an edge one bin off; the edges decide.
        if (bin > 0 && value < m_edges[bin])
            --bin;
        else if (bin + 1 < n && value >= m_edges[bin + 1])
            ++bin;
    } else {
        const auto it = std::upper_bound(m_edges.begin(), m_edges.end(), value);
        bin = std::min(static_cast<std::size_t>(it - m_edges.begin()) - 1, n - 1);
    }
    m_contents[bin] += weight;
    m_sumW2[bin] += weight * weight;
}

void Histogram1D::fill(std::span<const double> values, std::span<const double> weights) {
    detail::requireWeights("Histogram1D::fill", weights, values.size());
    for (std::size_t i = 0; i < values.size(); ++i) fill(values[i], detail::weightAt(weights, i));
}

void Histogram1D::add(const Histogram1D& other) {
    if (other.m_edges != m_edges)
        throw std::invalid_argument("Histogram1D::add: the histograms have different bin edges (" +
                                    std::to_string(binCount()) + " vs " + std::to_string(other.binCount()) +
                                    " bins)");
    for (std::size_t i = 0; i < m_contents.size(); ++i) {
        m_contents[i] += other.m_contents[i];
        m_sumW2[i] += other.m_sumW2[i];
    }
    m_underflow += other.m_underflow;
    m_overflow += other.m_overflow;
    if (!(other.m_sumW > 0.0)) return;
    // Chan et al.'s pairwise combination of weighted means and squared deviations.
    const double total = m_sumW + other.m_sumW;
    const double delta = other.m_mean - m_mean;
    m_m2 += other.m_m2 + delta * delta * m_sumW * other.m_sumW / total;
    m_mean += delta * other.m_sumW / total;
    m_sumW = total;
}

double Histogram1D::integral() const {
    double s = 0.0;
    for (double c : m_contents) s += c;
    return s;
}

std::vector<double> Histogram1D::normalised() const {
    const double total = integral();
    if (!(total > 0.0)) throw std::runtime_error("Histogram1D: cannot normalise, the in-range integral is 0");
    std::vector<double> out(m_contents);
    for (double& c : out) c /= total;
    return out;
}

std::vector<double> Histogram1D::density() const {
    std::vector<double> out = normalised();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] /= binWidth(i);
    return out;
}

double Histogram1D::mean() const {
    return m_sumW > 0.0 ? m_mean : std::numeric_limits<double>::quiet_NaN();
}

double Histogram1D::stdDev() const {
    return m_sumW > 0.0 ? std::sqrt(std::max(0.0, m_m2 / m_sumW)) : std::numeric_limits<double>::quiet_NaN();
}

nlohmann::json Histogram1D::toJson() const {
    return {{"edges", m_edges},         {"contents", m_contents}, {"sum_weights2", m_sumW2},
            {"underflow", m_underflow}, {"overflow", m_overflow}, {"mean", mean()},
            {"std", stdDev()}};
}

Histogram1D Histogram1D::fromJson(const nlohmann::json& j) {
    auto need = [&](const char* key) -> const nlohmann::json& {
        if (!j.is_object() || !j.contains(key)) throw std::invalid_argument(std::string("histogram: missing '") + key + "'");
        return j.at(key);
    };
    auto number = [](const nlohmann::json& v) { return v.is_null() ? std::nan("") : v.get<double>(); };
    try {
        Histogram1D h(need("edges").get<std::vector<double>>());
        h.m_contents = need("contents").get<std::vector<double>>();
        h.m_sumW2 = need("sum_weights2").get<std::vector<double>>();
        h.m_underflow = need("underflow").get<double>();
        h.m_overflow = need("overflow").get<double>();
        if (h.m_contents.size() != h.m_edges.size() - 1 || h.m_sumW2.size() != h.m_contents.size())
            throw std::invalid_argument("histogram: " + std::to_string(h.m_contents.size()) + " contents for " +
                                        std::to_string(h.m_edges.size()) + " edges");
        double total = h.m_underflow + h.m_overflow;
        for (double c : h.m_contents) {
            if (!std::isfinite(c) || c < 0) throw std::invalid_argument("histogram: a content is negative or not finite");
            total += c;
        }
        h.m_sumW = total;
        const double mean = number(need("mean")), sd = number(need("std"));
        h.m_mean = std::isfinite(mean) ? mean : 0.0;
        h.m_m2 = std::isfinite(sd) ? sd * sd * total : 0.0;
        return h;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("histogram: wrong type: ") + e.what());
    }
}

CsvTable Histogram1D::toCsv() const {
    CsvTable t({"low_edge", "high_edge", "content", "error"});
    for (std::size_t i = 0; i < m_contents.size(); ++i)
        t.addRow({m_edges[i], m_edges[i + 1], m_contents[i], std::sqrt(m_sumW2[i])});
    return t;
}

}  // namespace bithep::metrics
