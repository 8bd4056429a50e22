#include "core/metrics/confusion_matrix.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

ConfusionMatrix::ConfusionMatrix(std::size_t classCount)
    : m_classCount(classCount), m_counts(classCount * classCount, 0.0) {}

ConfusionMatrix::ConfusionMatrix(std::size_t classCount, std::span<const int> labels,
                                 std::span<const int> predicted, std::span<const double> weights)
    : ConfusionMatrix(classCount) {
    constexpr std::string_view who = "ConfusionMatrix";
    if (classCount < 2)
        throw std::invalid_argument("ConfusionMatrix: classCount " + std::to_string(classCount) +
                                    " is below 2");
    detail::requireNonEmpty(who, "labels", labels.size());
    detail::requireSameLength(who, "labels", labels.size(), "predicted", predicted.size());
    detail::requireWeights(who, weights, labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        for (const auto& [name, v] : {std::pair{"labels", labels[i]}, std::pair{"predicted", predicted[i]}}) {
            if (v < 0 || static_cast<std::size_t>(v) >= classCount)
                throw std::invalid_argument(std::string("ConfusionMatrix: ") + name + "[" +
                                            std::to_string(i) + "] = " + std::to_string(v) +
                                            " is outside [0, " + std::to_string(classCount) + ")");
        }
        m_counts[static_cast<std::size_t>(labels[i]) * classCount + static_cast<std::size_t>(predicted[i])] +=
            detail::weightAt(weights, i);
    }
}

ConfusionMatrix ConfusionMatrix::fromScores(const ClassScores& scores, std::span<const int> labels,
                                            std::span<const double> weights) {
    const auto predicted = argmaxPredictions(scores);
    return ConfusionMatrix(scores.classCount, labels, predicted, weights);
}

double ConfusionMatrix::count(std::size_t truth, std::size_t predicted) const {
    if (truth >= m_classCount || predicted >= m_classCount)
        throw std::invalid_argument("ConfusionMatrix::count: (" + std::to_string(truth) + ", " +
                                    std::to_string(predicted) + ") is outside a " +
                                    std::to_string(m_classCount) + "-class matrix");
    return m_counts[truth * m_classCount + predicted];
}

std::vector<double> ConfusionMatrix::rowNormalised() const {
    std::vector<double> out(m_counts.size());
    for (std::size_t r = 0; r < m_classCount; ++r) {
        double rowSum = 0.0;
        for (std::size_t c = 0; c < m_classCount; ++c) rowSum += m_counts[r * m_classCount + c];
        for (std::size_t c = 0; c < m_classCount; ++c)
            out[r * m_classCount + c] = rowSum > 0.0 ? m_counts[r * m_classCount + c] / rowSum
                                                     : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

double ConfusionMatrix::total() const {
    double s = 0.0;
    for (double c : m_counts) s += c;
    return s;
}

double ConfusionMatrix::accuracy() const {
    const double t = total();
    if (!(t > 0.0)) throw std::runtime_error("ConfusionMatrix::accuracy: the total weight is 0");
    double diag = 0.0;
    for (std::size_t k = 0; k < m_classCount; ++k) diag += m_counts[k * m_classCount + k];
    return diag / t;
}

ConfusionMatrix ConfusionMatrix::merged(const ClassGrouping& grouping) const {
    if (grouping.classCount() != m_classCount)
        throw std::invalid_argument("ConfusionMatrix::merged: the grouping is for " +
                                    std::to_string(grouping.classCount()) + " classes, the matrix has " +
                                    std::to_string(m_classCount));
    if (grouping.groupCount() < 2)
        throw std::invalid_argument("ConfusionMatrix::merged: the grouping has fewer than 2 groups");
    ConfusionMatrix out(grouping.groupCount());
    for (std::size_t r = 0; r < m_classCount; ++r) {
        const int gr = grouping.groupOf(static_cast<int>(r));
        for (std::size_t c = 0; c < m_classCount; ++c) {
            const int gc = grouping.groupOf(static_cast<int>(c));
            if (gr < 0 || gc < 0) continue;
            out.m_counts[static_cast<std::size_t>(gr) * out.m_classCount + static_cast<std::size_t>(gc)] +=
                m_counts[r * m_classCount + c];
        }
    }
    return out;
}

std::vector<std::string> ConfusionMatrix::namesOrIndices(const std::vector<std::string>& classNames) const {
    if (classNames.empty()) {
        std::vector<std::string> out;
        for (std::size_t k = 0; k < m_classCount; ++k) out.push_back(std::to_string(k));
        return out;
    }
    if (classNames.size() != m_classCount)
        throw std::invalid_argument("ConfusionMatrix: " + std::to_string(classNames.size()) +
                                    " class names for " + std::to_string(m_classCount) + " classes");
    return classNames;
}

nlohmann::json ConfusionMatrix::toJson(const std::vector<std::string>& classNames) const {
    const auto names = namesOrIndices(classNames);
    const auto norm = rowNormalised();
    nlohmann::json counts = nlohmann::json::array(), fractions = nlohmann::json::array();
    for (std::size_t r = 0; r < m_classCount; ++r) {
        nlohmann::json rowC = nlohmann::json::array(), rowF = nlohmann::json::array();
        for (std::size_t c = 0; c < m_classCount; ++c) {
            rowC.push_back(m_counts[r * m_classCount + c]);
            const double f = norm[r * m_classCount + c];
            rowF.push_back(std::isnan(f) ? nlohmann::json() : nlohmann::json(f));
        }
        counts.push_back(rowC);
        fractions.push_back(rowF);
    }
    const double t = total();
    return {{"class_names", names},
            {"counts", counts},
            {"row_normalised", fractions},
            {"accuracy", t > 0.0 ? nlohmann::json(accuracy()) : nlohmann::json()}};
}

CsvTable ConfusionMatrix::toCsv(const std::vector<std::string>& classNames) const {
    const auto names = namesOrIndices(classNames);
    const auto norm = rowNormalised();
    CsvTable t({"true_class", "predicted_class", "count", "row_fraction"});
    for (std::size_t r = 0; r < m_classCount; ++r)
        for (std::size_t c = 0; c < m_classCount; ++c)
            t.addRow({names[r], names[c], m_counts[r * m_classCount + c], norm[r * m_classCount + c]});
    return t;
}

}  // namespace bithep::metrics
