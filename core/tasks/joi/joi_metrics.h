#pragma once
// Evaluation of a jet-origin classifier on held-out jets: the 11 × 11 confusion matrix (argmax
// decisions; row-normalised for display), overall accuracy, accuracy with the charge ignored
// (6 flavours b, c, s, u, d, g), one-vs-rest ROC and AUC per class, and the merged views
// physicists quote:
//   b vs light   D_b = (p_b + p_b̄) / (p_b + p_b̄ + p_light), light = u, ū, d, d̄, s, s̄, g (udsg);
//                light rejection at 70 % b efficiency
//   c vs light   the same with c, c̄; light rejection at 50 % c efficiency
//   quark vs antiquark   D = Σ p_q / (Σ p_q + Σ p_q̄) over the five flavours, on quark and
//                antiquark jets (gluons left out)
//   charge-flip rate     of the jets of flavour f (q or q̄) classified as that flavour, the
//                fraction given the wrong charge: [n(q→q̄) + n(q̄→q)] / [n(q→q) + n(q→q̄) +
//                n(q̄→q) + n(q̄→q̄)], per flavour and summed over the five (NaN when empty).
#include <array>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics/confusion_matrix.h"
#include "core/metrics/roc_curve.h"

namespace bithep::tasks::joi {

constexpr int kClasses = 11;
constexpr int kQuarkFlavours = 5;  // b, c, s, u, d: class 2f is the quark, 2f + 1 the antiquark

// Charge-flip rate of flavour f (0..4) from an 11-class confusion matrix; f = −1 sums all five.
double chargeFlipRate(const metrics::ConfusionMatrix& confusion, int flavour = -1);

struct JoiEvaluation {
    metrics::ConfusionMatrix confusion;
    double accuracy = 0, flavourAccuracy = 0;
    std::vector<metrics::RocCurve> perClass;  // one-vs-rest, class order
    std::vector<double> perClassAuc;
    metrics::RocCurve bVsLight, cVsLight, quarkVsAntiquark;
    double bRejection70 = 0, cRejection50 = 0;
    double chargeFlip = 0;
    std::array<double, kQuarkFlavours> flavourChargeFlip{};

    // name → value, table order: accuracy, flavour_accuracy, mean_auc, auc_<class>...,
    // b_vs_light_auc, ..., charge_flip_rate, charge_flip_<flavour>
    std::vector<std::pair<std::string, double>> values() const;
};

// probabilities: row-major (jets × 11); labels 0..10. Throws std::invalid_argument on bad
// shapes or when a class needed by a ROC is missing from the sample.
JoiEvaluation evaluateJoi(std::span<const double> probabilities, std::span<const int> labels);

}  // namespace bithep::tasks::joi
