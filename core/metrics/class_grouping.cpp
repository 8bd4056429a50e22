#include "core/metrics/class_grouping.h"

#include <stdexcept>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

namespace {

void requireClassLabels(std::string_view who, std::span<const int> labels, std::size_t classCount) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= classCount)
            throw std::invalid_argument(std::string(who) + ": labels[" + std::to_string(i) +
                                        "] = " + std::to_string(labels[i]) + " is outside [0, " +
                                        std::to_string(classCount) + ")");
    }
}

void validateLabelled(std::string_view who, const ClassScores& scores, std::span<const int> labels,
                      std::span<const double> weights) {
    scores.validate(who);
    detail::requireSameLength(who, "labels", labels.size(), "score rows", scores.eventCount());
    requireClassLabels(who, labels, scores.classCount);
    detail::requireWeights(who, weights, labels.size());
}

std::vector<char> classMask(std::string_view who, std::string_view what, const std::vector<int>& classes,
                            std::size_t classCount) {
    if (classes.empty())
        throw std::invalid_argument(std::string(who) + ": " + std::string(what) + " is empty");
    std::vector<char> mask(classCount, 0);
    for (int c : classes) {
        if (c < 0 || static_cast<std::size_t>(c) >= classCount)
            throw std::invalid_argument(std::string(who) + ": " + std::string(what) + " holds class " +
                                        std::to_string(c) + ", outside [0, " + std::to_string(classCount) +
                                        ")");
        mask[static_cast<std::size_t>(c)] = 1;
    }
    return mask;
}

}  // namespace

void ClassScores::validate(std::string_view who) const {
    if (classCount < 2)
        throw std::invalid_argument(std::string(who) + ": classCount " + std::to_string(classCount) +
                                    " is below 2");
    detail::requireNonEmpty(who, "scores", values.size());
    if (values.size() % classCount != 0)
        throw std::invalid_argument(std::string(who) + ": " + std::to_string(values.size()) +
                                    " scores are not a whole number of rows of " +
                                    std::to_string(classCount) + " classes");
    detail::requireFinite(who, "scores", values);
}

std::vector<int> argmaxPredictions(const ClassScores& scores) {
    scores.validate("argmaxPredictions");
    std::vector<int> out(scores.eventCount());
    for (std::size_t e = 0; e < out.size(); ++e) {
        std::size_t best = 0;
        for (std::size_t c = 1; c < scores.classCount; ++c)
            if (scores.at(e, c) > scores.at(e, best)) best = c;
        out[e] = static_cast<int>(best);
    }
    return out;
}

ClassGrouping::ClassGrouping(std::size_t classCount,
                             std::vector<std::pair<std::string, std::vector<int>>> groups)
    : m_groups(std::move(groups)), m_groupOf(classCount, -1) {
    if (m_groups.empty()) throw std::invalid_argument("ClassGrouping: no groups given");
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        const auto& [name, members] = m_groups[g];
        if (members.empty())
            throw std::invalid_argument("ClassGrouping: group '" + name + "' has no classes");
        for (int c : members) {
            if (c < 0 || static_cast<std::size_t>(c) >= classCount)
                throw std::invalid_argument("ClassGrouping: group '" + name + "' holds class " +
                                            std::to_string(c) + ", outside [0, " +
                                            std::to_string(classCount) + ")");
            if (m_groupOf[static_cast<std::size_t>(c)] != -1)
                throw std::invalid_argument("ClassGrouping: class " + std::to_string(c) +
                                            " is in more than one group (second: '" + name + "')");
            m_groupOf[static_cast<std::size_t>(c)] = static_cast<int>(g);
        }
    }
}

int ClassGrouping::groupOf(int cls) const {
    if (cls < 0 || static_cast<std::size_t>(cls) >= m_groupOf.size())
        throw std::invalid_argument("ClassGrouping::groupOf: class " + std::to_string(cls) +
                                    " is outside [0, " + std::to_string(m_groupOf.size()) + ")");
    return m_groupOf[static_cast<std::size_t>(cls)];
}

std::vector<int> ClassGrouping::mapLabels(std::span<const int> labels) const {
    requireClassLabels("ClassGrouping::mapLabels", labels, m_groupOf.size());
    std::vector<int> out(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) out[i] = m_groupOf[static_cast<std::size_t>(labels[i])];
    return out;
}

std::vector<double> ClassGrouping::mergeScores(const ClassScores& scores) const {
    scores.validate("ClassGrouping::mergeScores");
    if (scores.classCount != m_groupOf.size())
        throw std::invalid_argument("ClassGrouping::mergeScores: scores have " +
                                    std::to_string(scores.classCount) + " classes, the grouping " +
                                    std::to_string(m_groupOf.size()));
    const std::size_t n = scores.eventCount(), g = m_groups.size();
    std::vector<double> out(n * g, 0.0);
    for (std::size_t e = 0; e < n; ++e)
        for (std::size_t c = 0; c < scores.classCount; ++c)
            if (m_groupOf[c] >= 0) out[e * g + static_cast<std::size_t>(m_groupOf[c])] += scores.at(e, c);
    return out;
}

RocCurve oneVsRestRoc(const ClassScores& scores, std::span<const int> labels, int cls,
                      std::span<const double> weights) {
    validateLabelled("oneVsRestRoc", scores, labels, weights);
    if (cls < 0 || static_cast<std::size_t>(cls) >= scores.classCount)
        throw std::invalid_argument("oneVsRestRoc: class " + std::to_string(cls) + " is outside [0, " +
                                    std::to_string(scores.classCount) + ")");
    std::vector<double> s(labels.size());
    std::vector<int> y(labels.size());
    for (std::size_t e = 0; e < labels.size(); ++e) {
        s[e] = scores.at(e, static_cast<std::size_t>(cls));
        y[e] = labels[e] == cls ? 1 : 0;
    }
    return RocCurve(s, y, weights);
}

RocCurve groupVsGroupRoc(const ClassScores& scores, std::span<const int> labels,
                         const std::vector<int>& signalClasses, const std::vector<int>& backgroundClasses,
                         std::span<const double> weights) {
    constexpr std::string_view who = "groupVsGroupRoc";
    validateLabelled(who, scores, labels, weights);
    const auto sig = classMask(who, "signalClasses", signalClasses, scores.classCount);
    const auto bkg = classMask(who, "backgroundClasses", backgroundClasses, scores.classCount);
    for (std::size_t c = 0; c < scores.classCount; ++c)
        if (sig[c] && bkg[c])
            throw std::invalid_argument("groupVsGroupRoc: class " + std::to_string(c) +
                                        " is in both the signal and the background group");
    std::vector<double> s, w;
    std::vector<int> y;
    for (std::size_t e = 0; e < labels.size(); ++e) {
        const auto truth = static_cast<std::size_t>(labels[e]);
        if (!sig[truth] && !bkg[truth]) continue;
        double pS = 0.0, pB = 0.0;
        for (std::size_t c = 0; c < scores.classCount; ++c) {
            if (sig[c]) pS += scores.at(e, c);
            if (bkg[c]) pB += scores.at(e, c);
        }
        s.push_back(pS + pB != 0.0 ? pS / (pS + pB) : 0.5);
        y.push_back(sig[truth] ? 1 : 0);
        if (!weights.empty()) w.push_back(weights[e]);
    }
    if (s.empty()) throw std::invalid_argument("groupVsGroupRoc: no event belongs to either group");
    return RocCurve(s, y, w);
}

}  // namespace bithep::metrics
