#pragma once
// Mean and spread of metrics over repeated trainings (seeds), the "0.9063 +- 0.0012" entries of
// a results table. The spread is the sample standard deviation (n - 1), as papers quote it.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/metrics/csv_table.h"

namespace bithep::metrics {

struct MetricSummary {
    std::string name;
    std::size_t count = 0;
    double mean = 0.0;
    double stdDev = 0.0;  // sample std (n - 1); NaN when count < 2
};

class SeedSummary {
public:
    // Appends one seed's value of a metric. NaN is refused (std::invalid_argument naming the
    // metric); an infinite value (e.g. a rejection with no background left) is kept and makes
    // that metric's mean infinite and its std NaN.
    void add(const std::string& metric, double value);
    // One seed's row of metrics.
    void addRun(const std::vector<std::pair<std::string, double>>& values);

    // Metric names in the order they were first added.
    const std::vector<std::string>& metricNames() const { return m_names; }
    const std::vector<double>& values(const std::string& metric) const;
    // Throws std::invalid_argument for an unknown metric.
    MetricSummary summary(const std::string& metric) const;
    std::vector<MetricSummary> summaries() const;

    // "mean ± std" with `decimals` digits after the point; "mean ± n/a" for a single seed.
    std::string format(const std::string& metric, int decimals = 4) const;

    // {"<metric>": {"n", "mean", "std", "values"}}; a NaN std is written as null.
    nlohmann::json toJson() const;
    // Columns metric, n, mean, std.
    CsvTable toCsv() const;

private:
    std::size_t indexOf(const std::string& metric) const;
    std::vector<std::string> m_names;
    std::vector<std::vector<double>> m_values;
};

}  // namespace bithep::metrics
