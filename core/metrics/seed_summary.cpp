#include "core/metrics/seed_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace bithep::metrics {

std::size_t SeedSummary::indexOf(const std::string& metric) const {
    const auto it = std::find(m_names.begin(), m_names.end(), metric);
    if (it == m_names.end()) throw std::invalid_argument("SeedSummary: no metric named '" + metric + "'");
    return static_cast<std::size_t>(it - m_names.begin());
}

void SeedSummary::add(const std::string& metric, double value) {
    if (std::isnan(value))
        throw std::invalid_argument("SeedSummary: value of metric '" + metric + "' is NaN");
    const auto it = std::find(m_names.begin(), m_names.end(), metric);
    if (it == m_names.end()) {
        m_names.push_back(metric);
        m_values.push_back({value});
    } else {
        m_values[static_cast<std::size_t>(it - m_names.begin())].push_back(value);
    }
}

void SeedSummary::addRun(const std::vector<std::pair<std::string, double>>& values) {
    for (const auto& [name, value] : values) add(name, value);
}

const std::vector<double>& SeedSummary::values(const std::string& metric) const {
    return m_values[indexOf(metric)];
}

MetricSummary SeedSummary::summary(const std::string& metric) const {
    const auto& v = m_values[indexOf(metric)];
    MetricSummary s;
    s.name = metric;
    s.count = v.size();
    double sum = 0.0;
    for (double x : v) sum += x;
    s.mean = sum / static_cast<double>(v.size());
    if (v.size() < 2) {
        s.stdDev = std::numeric_limits<double>::quiet_NaN();
        return s;
    }
    double ss = 0.0;  // two-pass: the deviations are summed after the mean is known
    for (double x : v) ss += (x - s.mean) * (x - s.mean);
    s.stdDev = std::sqrt(ss / static_cast<double>(v.size() - 1));
    return s;
}

std::vector<MetricSummary> SeedSummary::summaries() const {
    std::vector<MetricSummary> out;
    for (const auto& name : m_names) out.push_back(summary(name));
    return out;
}

std::string SeedSummary::format(const std::string& metric, int decimals) const {
    if (decimals < 0 || decimals > 17)
        throw std::invalid_argument("SeedSummary::format: decimals " + std::to_string(decimals) +
                                    " is outside [0, 17]");
    const auto s = summary(metric);
    char buf[128];
    if (std::isnan(s.stdDev))
        std::snprintf(buf, sizeof buf, "%.*f \u00b1 n/a", decimals, s.mean);
    else
        std::snprintf(buf, sizeof buf, "%.*f \u00b1 %.*f", decimals, s.mean, decimals, s.stdDev);
    return buf;
}

nlohmann::json SeedSummary::toJson() const {
    nlohmann::json out = nlohmann::json::object();
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        const auto s = summary(m_names[i]);
        out[m_names[i]] = {{"n", s.count},
                           {"mean", s.mean},
                           {"std", std::isnan(s.stdDev) ? nlohmann::json() : nlohmann::json(s.stdDev)},
                           {"values", m_values[i]}};
    }
    return out;
}

CsvTable SeedSummary::toCsv() const {
    CsvTable t({"metric", "n", "mean", "std"});
    for (const auto& s : summaries()) t.addRow({s.name, s.count, s.mean, s.stdDev});
    return t;
}

}  // namespace bithep::metrics
