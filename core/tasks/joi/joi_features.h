#pragma once
// Network inputs of the jet-origin task: the quark/gluon task's per-particle and pair features
// (qg_features.h: kinematics, charge, PID one-hot, and the four ParT pair features), followed
// per particle by five track features: tanh(d0/mm), tanh(z0/mm), σ_d0 [mm], σ_z0 [mm] and the
// transverse impact-parameter significance asinh(d0/σ_d0) (all 0 for neutral particles).
// labels hold the origin class 0..10 as float.
#include <span>
#include <string>
#include <vector>

#include "core/tasks/joi/joi_dataset.h"
#include "core/tasks/jet_common/jet_features.h"

namespace bithep::tasks::joi {

constexpr std::size_t kTrackFeatures = 5;
constexpr std::size_t kJoiParticleDim = 13 + kTrackFeatures;  // qg features with PID + track

std::vector<std::string> joiFeatureNames();

// Throws std::out_of_range for a jet index >= dataset.jets().
jet_common::FeatureBatch buildJoiFeatures(const JoiDataset& dataset, std::span<const std::size_t> jets,
                                  std::size_t maxParticles, bool pairFeatures = true);

}  // namespace bithep::tasks::joi
