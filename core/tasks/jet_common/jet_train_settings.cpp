#include "core/tasks/jet_common/jet_train_settings.h"

#include <stdexcept>

#include "core/train/lr_schedule.h"

namespace bithep::tasks::jet_common {

nlohmann::json JetTrainSettings::toJson() const {
    return {{"epochs", epochs},
            {"batch_size", batchSize},
            {"learning_rate", learningRate},
            {"weight_decay", weightDecay},
            {"schedule", schedule},
            {"optimizer", "AdamW"},
            {"loss", "BCE with logits"},
            {"validation_fraction", validationFraction},
            {"grad_clip_norm", gradClipNorm},
            {"seed", seed},
            {"scaling_jets", scalingJets}};
}

void JetTrainSettings::validate() const {
    if (epochs <= 0) throw std::invalid_argument("qg training: epochs must be positive");
    if (batchSize <= 0) throw std::invalid_argument("qg training: batch size must be positive");
    if (!(learningRate > 0.0f)) throw std::invalid_argument("qg training: learning rate must be positive");
    (void)train::LrSchedule::trainingKind(schedule, "qg training");
}

}  // namespace bithep::tasks::jet_common
