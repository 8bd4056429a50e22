#pragma once
// Multi-class classifier outputs and the ways physicists fold them: a row-major (events x
// classes) score view, groups of classes (e.g. b = {b, bbar}, light = {u, ubar, d, dbar, s, sbar})
// with merged probabilities, and ROC curves one class against the rest or one group against
// another.
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics/roc_curve.h"

namespace bithep::metrics {

// Row-major scores: values[event * classCount + class], e.g. softmax outputs.
struct ClassScores {
    std::span<const double> values;
    std::size_t classCount = 0;

    // Throws std::invalid_argument naming `who` when classCount < 2, the length is not a
    // multiple of classCount, the view is empty or a score is NaN/infinite.
    void validate(std::string_view who) const;
    std::size_t eventCount() const { return classCount ? values.size() / classCount : 0; }
    double at(std::size_t event, std::size_t cls) const { return values[event * classCount + cls]; }
};

// Index of the highest score per event (the first one on ties).
std::vector<int> argmaxPredictions(const ClassScores& scores);

class ClassGrouping {
public:
    // Each group: a name and its member classes (indices < classCount). A class may belong to
    // at most one group; classes in no group are dropped from merged views. Throws
    // std::invalid_argument for an empty group list, an out-of-range or repeated class.
    ClassGrouping(std::size_t classCount, std::vector<std::pair<std::string, std::vector<int>>> groups);

    std::size_t classCount() const { return m_groupOf.size(); }
    std::size_t groupCount() const { return m_groups.size(); }
    const std::string& groupName(std::size_t group) const { return m_groups.at(group).first; }
    const std::vector<int>& members(std::size_t group) const { return m_groups.at(group).second; }
    // Group of a class, -1 when the class is in no group.
    int groupOf(int cls) const;

    // Truth labels mapped to group indices (-1 for dropped classes).
    std::vector<int> mapLabels(std::span<const int> labels) const;
    // Row-major (events x groups) scores: per group the sum of its members' scores.
    std::vector<double> mergeScores(const ClassScores& scores) const;

private:
    std::vector<std::pair<std::string, std::vector<int>>> m_groups;
    std::vector<int> m_groupOf;
};

// ROC of class `cls` (signal) against all other classes, with that class's score as the
// discriminant. Throws std::invalid_argument as RocCurve does, and for labels outside
// [0, classCount) or cls out of range.
RocCurve oneVsRestRoc(const ClassScores& scores, std::span<const int> labels, int cls,
                      std::span<const double> weights = {});

// ROC of a signal group against a background group (e.g. b vs light) with the discriminant
// D = sum_{k in S} p_k / (sum_{k in S} p_k + sum_{k in B} p_k); events whose true class is in
// neither group are left out, and an event with both sums zero gets D = 1/2 (no information).
RocCurve groupVsGroupRoc(const ClassScores& scores, std::span<const int> labels,
                         const std::vector<int>& signalClasses, const std::vector<int>& backgroundClasses,
                         std::span<const double> weights = {});

}  // namespace bithep::metrics
