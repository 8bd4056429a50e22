#include "core/metrics/roc_curve.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/metrics/input_checks.h"

namespace bithep::metrics {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// 16 bytes so the one sort moves little memory: the class rides in the weight's sign bit
// (weights are non-negative; a zero background weight is stored as -0.0).
struct ScoredEvent {
    double score;
    double signedWeight;  // +w for signal, -w for background
};

void validate(std::string_view who, std::span<const double> scores, std::span<const int> labels,
              std::span<const double> weights) {
    detail::requireNonEmpty(who, "scores", scores.size());
    detail::requireSameLength(who, "scores", scores.size(), "labels", labels.size());
    detail::requireFinite(who, "scores", scores);
    detail::requireBinaryLabels(who, labels);
    detail::requireWeights(who, weights, scores.size());
}

}  // namespace

RocCurve::RocCurve(std::span<const double> scores, std::span<const int> labels,
                   std::span<const double> weights) {
    validate("RocCurve", scores, labels, weights);
    std::vector<ScoredEvent> events(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const double w = detail::weightAt(weights, i);
        events[i] = {scores[i], labels[i] == 1 ? w : -w};
        (labels[i] == 1 ? m_signalWeight : m_backgroundWeight) += w;
    }
    if (!(m_signalWeight > 0.0) || !(m_backgroundWeight > 0.0))
        throw std::invalid_argument(std::string("RocCurve: only one class present (signal weight ") +
                                    std::to_string(m_signalWeight) + ", background weight " +
                                    std::to_string(m_backgroundWeight) + ")");
    std::sort(events.begin(), events.end(),
              [](const ScoredEvent& a, const ScoredEvent& b) { return a.score > b.score; });

    m_points.reserve(events.size() + 1);
    m_points.push_back({0.0, 0.0, kInf});
    double cumS = 0.0, cumB = 0.0, area = 0.0;
    for (std::size_t i = 0; i < events.size();) {
        double ds = 0.0, db = 0.0;
        const double score = events[i].score;
        for (; i < events.size() && events[i].score == score; ++i) {
            const double w = events[i].signedWeight;
            if (std::signbit(w))
                db -= w;
            else
                ds += w;
        }
        area += db * (cumS + 0.5 * ds);  // ties: half of each (signal, background) pair counts
        cumS += ds;
        cumB += db;
        m_points.push_back({cumS, cumB, score});
    }
    // Totals summed in the same (sorted) order as the running sums, so the last point is (1, 1)
    // exactly and no earlier point can exceed 1 by a rounding difference.
    m_signalWeight = cumS;
    m_backgroundWeight = cumB;
    for (auto& p : m_points) {
        p.signalEfficiency /= cumS;
        p.backgroundEfficiency /= cumB;
    }
    m_auc = area / (m_signalWeight * m_backgroundWeight);
}

RocCurve::RocCurve(std::span<const float> scores, std::span<const int> labels,
                   std::span<const double> weights)
    : RocCurve(std::span<const double>(detail::widen(scores)), labels, weights) {}

BackgroundRejection RocCurve::rejectionAt(double signalEfficiency) const {
    if (!(signalEfficiency > 0.0 && signalEfficiency <= 1.0))
        throw std::invalid_argument("RocCurve::rejectionAt: signal efficiency " +
                                    std::to_string(signalEfficiency) + " is outside (0, 1]");
    const auto it = std::lower_bound(m_points.begin(), m_points.end(), signalEfficiency,
                                     [](const RocPoint& p, double e) { return p.signalEfficiency < e; });
    // it != begin(): the first point has eps_S = 0 < signalEfficiency.
    const RocPoint& hi = *it;
    const RocPoint& lo = *(it - 1);
    double effB = hi.backgroundEfficiency;
    if (hi.signalEfficiency != signalEfficiency) {
        const double t =
            (signalEfficiency - lo.signalEfficiency) / (hi.signalEfficiency - lo.signalEfficiency);
        effB = lo.backgroundEfficiency + t * (hi.backgroundEfficiency - lo.backgroundEfficiency);
    }
    BackgroundRejection r;
    r.signalEfficiency = signalEfficiency;
    r.backgroundEfficiency = effB;
    r.finite = effB > 0.0;
    r.rejection = r.finite ? 1.0 / effB : kInf;
    return r;
}

std::vector<RocPoint> RocCurve::downsampled(std::size_t maxPoints) const {
    if (maxPoints < 4)
        throw std::invalid_argument("RocCurve::downsampled: maxPoints " + std::to_string(maxPoints) +
                                    " is below 4");
    if (m_points.size() <= maxPoints) return m_points;
    const std::size_t cellsS = (maxPoints - 2) / 2;
    const std::size_t cellsB = maxPoints - 2 - cellsS;
    double minEffB = 1.0;
    for (const auto& p : m_points)
        if (p.backgroundEfficiency > 0.0) minEffB = std::min(minEffB, p.backgroundEfficiency);
    const double logMin = std::log10(minEffB);
    std::vector<char> keep(m_points.size(), 0);
    keep.front() = keep.back() = 1;
    std::vector<char> seenS(cellsS, 0), seenB(cellsB, 0);
    for (std::size_t i = 1; i + 1 < m_points.size(); ++i) {
        const auto& p = m_points[i];
        auto cs = static_cast<std::size_t>(p.signalEfficiency * static_cast<double>(cellsS));
        cs = std::min(cs, cellsS - 1);
        if (!seenS[cs]) seenS[cs] = keep[i] = 1;
        if (p.backgroundEfficiency > 0.0 && logMin < 0.0) {
            const double u = (std::log10(p.backgroundEfficiency) - logMin) / -logMin;
            auto cb = static_cast<std::size_t>(u * static_cast<double>(cellsB));
            cb = std::min(cb, cellsB - 1);
            if (!seenB[cb]) seenB[cb] = keep[i] = 1;
        }
    }
    std::vector<RocPoint> out;
    for (std::size_t i = 0; i < m_points.size(); ++i)
        if (keep[i]) out.push_back(m_points[i]);
    return out;
}

nlohmann::json RocCurve::toJson(std::size_t maxPoints) const {
    const auto pts = maxPoints == 0 ? m_points : downsampled(maxPoints);
    nlohmann::json effS = nlohmann::json::array(), effB = nlohmann::json::array(),
                   thr = nlohmann::json::array();
    for (const auto& p : pts) {
        effS.push_back(p.signalEfficiency);
        effB.push_back(p.backgroundEfficiency);
        thr.push_back(std::isfinite(p.threshold) ? nlohmann::json(p.threshold) : nlohmann::json());
    }
    return {{"auc", m_auc},
            {"signal_weight", m_signalWeight},
            {"background_weight", m_backgroundWeight},
            {"points", {{"signal_efficiency", effS}, {"background_efficiency", effB}, {"threshold", thr}}}};
}

RocCurve RocCurve::fromJson(const nlohmann::json& j) {
    auto need = [](const nlohmann::json& o, const char* key) -> const nlohmann::json& {
        if (!o.is_object() || !o.contains(key)) throw std::invalid_argument(std::string("ROC curve: missing '") + key + "'");
        return o.at(key);
    };
    try {
        RocCurve r;
        r.m_auc = need(j, "auc").get<double>();
        r.m_signalWeight = need(j, "signal_weight").get<double>();
        r.m_backgroundWeight = need(j, "background_weight").get<double>();
        const auto& pts = need(j, "points");
        const auto s = need(pts, "signal_efficiency").get<std::vector<double>>();
        const auto b = need(pts, "background_efficiency").get<std::vector<double>>();
        const auto& t = need(pts, "threshold");
        if (s.size() < 2 || b.size() != s.size() || !t.is_array() || t.size() != s.size())
            throw std::invalid_argument("ROC curve: point arrays are missing or of unequal length");
        for (std::size_t i = 0; i < s.size(); ++i) {
            const bool inRange = s[i] >= 0 && s[i] <= 1 && b[i] >= 0 && b[i] <= 1;
            const bool monotone = i == 0 || (s[i] >= s[i - 1] && b[i] >= b[i - 1]);
            if (!inRange || !monotone)
                throw std::invalid_argument("ROC curve: point " + std::to_string(i) + " is outside [0, 1] or decreasing");
            r.m_points.push_back({s[i], b[i], t[i].is_null() ? kInf : t[i].get<double>()});
        }
        if (!(r.m_auc >= 0 && r.m_auc <= 1)) throw std::invalid_argument("ROC curve: AUC outside [0, 1]");
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("ROC curve: wrong type: ") + e.what());
    }
}

CsvTable RocCurve::toCsv(std::size_t maxPoints) const {
    CsvTable t({"signal_efficiency", "background_efficiency", "background_rejection", "threshold"});
    for (const auto& p : maxPoints == 0 ? m_points : downsampled(maxPoints)) {
        const double rej = p.backgroundEfficiency > 0.0 ? 1.0 / p.backgroundEfficiency : kInf;
        t.addRow({p.signalEfficiency, p.backgroundEfficiency, rej, p.threshold});
    }
    return t;
}

double accuracyAt(std::span<const double> scores, std::span<const int> labels, double threshold,
                  std::span<const double> weights) {
    validate("accuracyAt", scores, labels, weights);
    if (std::isnan(threshold)) throw std::invalid_argument("accuracyAt: threshold is NaN");
    double correct = 0.0, total = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const double w = detail::weightAt(weights, i);
        const int predicted = scores[i] >= threshold ? 1 : 0;
        if (predicted == labels[i]) correct += w;
        total += w;
    }
    if (!(total > 0.0)) throw std::invalid_argument("accuracyAt: all weights are zero");
    return correct / total;
}

double accuracyAt(std::span<const float> scores, std::span<const int> labels, double threshold,
                  std::span<const double> weights) {
    return accuracyAt(std::span<const double>(detail::widen(scores)), labels, threshold, weights);
}

}  // namespace bithep::metrics
