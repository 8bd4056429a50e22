#include "core/tasks/joi/joi_metrics.h"

#include <cmath>
#include <stdexcept>

#include "core/metrics/class_grouping.h"
#include "core/physics/flavour_jet_generator.h"

namespace bithep::tasks::joi {

namespace {

const std::vector<int> kLight{4, 5, 6, 7, 8, 9, 10};
const std::vector<int> kQuarks{0, 2, 4, 6, 8};
const std::vector<int> kAntiquarks{1, 3, 5, 7, 9};

metrics::ClassGrouping flavourGrouping() {
    return metrics::ClassGrouping(
        kClasses, {{"b", {0, 1}}, {"c", {2, 3}}, {"s", {4, 5}}, {"u", {6, 7}}, {"d", {8, 9}}, {"g", {10}}});
}

}  // namespace

double chargeFlipRate(const metrics::ConfusionMatrix& m, int flavour) {
    if (m.classCount() != static_cast<std::size_t>(kClasses))
        throw std::invalid_argument("charge-flip rate needs an 11-class confusion matrix");
    if (flavour < -1 || flavour >= kQuarkFlavours)
        throw std::invalid_argument("charge-flip rate: flavour " + std::to_string(flavour) + " outside 0..4");
    double flipped = 0.0, kept = 0.0;
    for (int f = 0; f < kQuarkFlavours; ++f) {
        if (flavour >= 0 && f != flavour) continue;
        const auto q = static_cast<std::size_t>(2 * f), qbar = q + 1;
        flipped += m.count(q, qbar) + m.count(qbar, q);
        kept += m.count(q, q) + m.count(qbar, qbar);
    }
    return flipped + kept > 0.0 ? flipped / (flipped + kept) : std::nan("");
}

JoiEvaluation evaluateJoi(std::span<const double> probabilities, std::span<const int> labels) {
    const metrics::ClassScores scores{probabilities, static_cast<std::size_t>(kClasses)};
    scores.validate("joi evaluation");
    if (scores.eventCount() != labels.size())
        throw std::invalid_argument("joi evaluation: " + std::to_string(labels.size()) + " labels for " +
                                    std::to_string(scores.eventCount()) + " score rows");
    const metrics::ConfusionMatrix confusion = metrics::ConfusionMatrix::fromScores(scores, labels);
    const metrics::ClassGrouping flavours = flavourGrouping();
    const std::vector<double> merged = flavours.mergeScores(scores);
    const std::vector<int> mergedLabels = flavours.mapLabels(labels);
    const metrics::ClassScores mergedScores{merged, flavours.groupCount()};
    const double flavourAccuracy =
        metrics::ConfusionMatrix::fromScores(mergedScores, mergedLabels).accuracy();

    JoiEvaluation e{confusion,
                    confusion.accuracy(),
                    flavourAccuracy,
                    {},
                    {},
                    metrics::groupVsGroupRoc(scores, labels, {0, 1}, kLight),
                    metrics::groupVsGroupRoc(scores, labels, {2, 3}, kLight),
                    metrics::groupVsGroupRoc(scores, labels, kQuarks, kAntiquarks)};
    for (int c = 0; c < kClasses; ++c) {
        e.perClass.push_back(metrics::oneVsRestRoc(scores, labels, c));
        e.perClassAuc.push_back(e.perClass.back().auc());
    }
    e.bRejection70 = e.bVsLight.rejectionAt(0.7).rejection;
    e.cRejection50 = e.cVsLight.rejectionAt(0.5).rejection;
    e.chargeFlip = chargeFlipRate(confusion);
    for (int f = 0; f < kQuarkFlavours; ++f)
        e.flavourChargeFlip[static_cast<std::size_t>(f)] = chargeFlipRate(confusion, f);
    return e;
}

std::vector<std::pair<std::string, double>> JoiEvaluation::values() const {
    double meanAuc = 0.0;
    for (double a : perClassAuc) meanAuc += a / static_cast<double>(perClassAuc.size());
    std::vector<std::pair<std::string, double>> v{
        {"accuracy", accuracy}, {"flavour_accuracy", flavourAccuracy}, {"mean_auc", meanAuc}};
    const auto& names = physics::originNames();
    for (std::size_t c = 0; c < perClassAuc.size(); ++c) v.emplace_back("auc_" + names[c], perClassAuc[c]);
    v.emplace_back("b_vs_light_auc", bVsLight.auc());
    v.emplace_back("b_vs_light_rejection_at_70", bRejection70);
    v.emplace_back("c_vs_light_auc", cVsLight.auc());
    v.emplace_back("c_vs_light_rejection_at_50", cRejection50);
    v.emplace_back("quark_vs_antiquark_auc", quarkVsAntiquark.auc());
    v.emplace_back("charge_flip_rate", chargeFlip);
    static const char* flavourNames[kQuarkFlavours] = {"b", "c", "s", "u", "d"};
    for (int f = 0; f < kQuarkFlavours; ++f)
        v.emplace_back(std::string("charge_flip_") + flavourNames[f],
                       flavourChargeFlip[static_cast<std::size_t>(f)]);
    return v;
}

}  // namespace bithep::tasks::joi
