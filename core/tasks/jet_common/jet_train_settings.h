#pragma once
// Training settings of the jet taggers (quark/gluon, jet origin): the shared train::TrainSettings
// (AdamW, one-cycle or cosine, validation share, clipping) plus how many jets fit the input
// standardisation.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "core/train/train_settings.h"

namespace bithep::tasks::jet_common {

struct JetTrainSettings : train::TrainSettings {
    std::size_t scalingJets = 1000;  // jets used to fit the input standardisation

    JetTrainSettings() = default;
    explicit JetTrainSettings(const train::TrainSettings& base) : train::TrainSettings(base) {}
    // The shared fields, the loss and scaling_jets.
    nlohmann::json toJson(const std::string& loss) const;
};

}  // namespace bithep::tasks::jet_common
