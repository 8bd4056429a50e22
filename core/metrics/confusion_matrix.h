#pragma once
// Multi-class confusion matrix (true class x predicted class, weighted counts), its
// row-normalised form (per true class, the fraction predicted as each class), accuracy, and the
// merged matrix for groups of classes.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/metrics/class_grouping.h"
#include "core/metrics/csv_table.h"

namespace bithep::metrics {

class ConfusionMatrix {
public:
    // Labels and predictions in [0, classCount); weights empty (all 1) or one per event,
    // non-negative. Throws std::invalid_argument on empty or mismatched input, out-of-range
    // classes, classCount < 2.
    ConfusionMatrix(std::size_t classCount, std::span<const int> labels, std::span<const int> predicted,
                    std::span<const double> weights = {});
    // Predictions are the argmax of each score row.
    static ConfusionMatrix fromScores(const ClassScores& scores, std::span<const int> labels,
                                      std::span<const double> weights = {});

    std::size_t classCount() const { return m_classCount; }
    // Weighted number of events of true class `truth` predicted as `predicted`.
    double count(std::size_t truth, std::size_t predicted) const;
    // Row-major classCount x classCount counts.
    const std::vector<double>& counts() const { return m_counts; }
    // Each row divided by its sum; a row with no events (a class absent from the sample) is NaN.
    std::vector<double> rowNormalised() const;
    // Weighted fraction on the diagonal. Throws std::runtime_error if the total weight is 0.
    double accuracy() const;
    double total() const;

    // Counts summed over the classes of each group (rows by true group, columns by predicted
    // group); events whose true or predicted class is in no group are left out. This merges
    // the decisions already made; to decide on merged probabilities use
    // fromScores(grouping.mergeScores(...)) instead.
    ConfusionMatrix merged(const ClassGrouping& grouping) const;

    // {"class_names", "counts" (rows), "row_normalised" (rows, NaN as null), "accuracy"};
    // classNames empty gives "0", "1", ...; otherwise one name per class.
    nlohmann::json toJson(const std::vector<std::string>& classNames = {}) const;
    // Long format: columns true_class, predicted_class, count, row_fraction.
    CsvTable toCsv(const std::vector<std::string>& classNames = {}) const;

private:
    explicit ConfusionMatrix(std::size_t classCount);
    std::vector<std::string> namesOrIndices(const std::vector<std::string>& classNames) const;
    std::size_t m_classCount = 0;
    std::vector<double> m_counts;
};

}  // namespace bithep::metrics
