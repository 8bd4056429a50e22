#pragma once
// Training and evaluation of the quark/gluon models: binary cross-entropy on the logits, AdamW
// with a one-cycle or cosine schedule, seeded split and shuffling (train::Trainer), features built
// per mini-batch (pair features are O(N²) per jet, too large to keep for a whole dataset), and
// the HEP-standard evaluation on held-out jets with quarks as signal: ROC, AUC, accuracy,
// background rejection 1/ε_B at ε_S = 30 % and 50 %, score histograms and a calibration curve.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics/auc_comparison.h"
#include "core/metrics/calibration_curve.h"
#include "core/metrics/roc_curve.h"
#include "core/metrics/score_histograms.h"
#include "core/tasks/jet_common/jet_dataset.h"
#include "core/tasks/qg/qg_model.h"
#include "core/tasks/jet_common/jet_train_settings.h"
#include "core/train/trainer.h"

namespace bithep::tasks::qg {


// Trains in place on dataset jets `jets`; the model's current plan stays applied (QAT).
train::TrainResult trainQgModel(jet_common::JetModel& model, const jet_common::JetDataset& data, const std::vector<std::size_t>& jets,
                                const jet_common::JetTrainSettings& settings, const train::TrainCallbacks& callbacks = {});

// Quark probabilities σ(logit) for `jets`, in evaluation mode, without a graph.
std::vector<float> predictQg(jet_common::JetModel& model, const jet_common::JetDataset& data, const std::vector<std::size_t>& jets,
                             std::size_t batchSize = 256);

std::vector<int> labelsOf(const jet_common::JetDataset& data, const std::vector<std::size_t>& jets);

// Score of the multiplicity cut: fewer particles = more quark-like.
std::vector<double> multiplicityScores(const jet_common::JetDataset& data, const std::vector<std::size_t>& jets);

struct QgEvaluation {
    metrics::RocCurve roc;
    double auc = 0, accuracy = 0, rejection30 = 0, rejection50 = 0;
    double brier = -1;  // −1 when the scores are not probabilities
    // Against the multiplicity cut on the same jets, when its scores were given: the AUC margin
    // and its paired statistical error ("auc_minus_cut", "auc_minus_cut_error" in values()).
    std::optional<metrics::AucComparison> vsCut{};  // {} keeps -Wmissing-field-initializers quiet
    std::vector<std::pair<std::string, double>> values() const;  // name → value, table order
};

// probabilities = true: accuracy at score 0.5 and the Brier score; false (cuts): the best
// accuracy over all thresholds. cutScores (the multiplicity cut's scores of the same jets), when
// not empty, fill vsCut.
QgEvaluation evaluateScores(std::span<const double> scores, std::span<const int> labels, bool probabilities,
                            std::span<const double> cutScores = {});

}  // namespace bithep::tasks::qg
