#pragma once
// Training settings of the jet taggers (quark/gluon, jet origin): AdamW with binary or multi-class
// cross-entropy, a one-cycle or cosine schedule, a validation share, gradient clipping, and how
// many jets fit the input standardisation.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/tensor/tensor.h"

namespace bithep::tasks::jet_common {

struct JetTrainSettings {
    int epochs = 5;
    tensor::Index batchSize = 128;
    float learningRate = 3e-3f;  // one-cycle peak / cosine start
    float weightDecay = 0.01f;
    std::string schedule = "one-cycle";  // or "cosine"
    double validationFraction = 0.15;
    float gradClipNorm = 1.0f;
    std::uint64_t seed = 1;          // weights, split and shuffling
    std::size_t scalingJets = 1000;  // jets used to fit the input standardisation

    nlohmann::json toJson() const;
    void validate() const;  // throws std::invalid_argument naming the bad setting
};

}  // namespace bithep::tasks::jet_common
