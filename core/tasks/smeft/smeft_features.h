#pragma once
// Network inputs of the SMEFT regressors, built per mini-batch from the events. Each jet
// constituent gives features that do not change when the whole jet is rotated about its axis
// (so the network cannot learn an orientation it should not know) and one unit vector that
// rotates with the jet, e^{2iφ_i}: the regressor's output is a weighted sum of those vectors,
// so a rotation of the jet by δ rotates the predicted decay plane by δ (exact equivariance, as
// in SMEFTNet). The factor 2 makes the vector blind to φ → φ + π: the two quarks are not told
// apart.
//
// Invariant features, in this order (kFeatureDim = 8): ln(pT_i/pT_J), ln(2E*_i/m_J), θ_i,
// cos θ_i, sin θ_i, cos 2(φ_i − ψ0), sin 2(φ_i − ψ0), ln(pT_J / 500 GeV), with ψ0 the naive
// decay-plane estimate ½·arg Σ pT_i sin θ_i e^{2iφ_i} of the jet (a reference direction that
// rotates with the jet, so differences to it are invariant).
#include <cstddef>
#include <span>
#include <vector>

#include "core/tasks/smeft/smeft_dataset.h"

namespace bithep::tasks::smeft {

struct SmeftBatch {
    static constexpr std::size_t kFeatureDim = 8;
    std::size_t batch = 0, particles = 0;  // N = max constituents in the batch (or the cap)
    std::vector<float> features;           // (B·N, kFeatureDim), zeros on padding
    std::vector<float> mask;               // (B·N): 1 real, 0 padding
    std::vector<float> ptWeight;           // (B·N): pT_i / Σ pT of the jet's kept constituents
    std::vector<float> cos2Phi, sin2Phi;   // (B·N): the equivariant unit vector
    std::vector<float> targetPhi;          // (B): truth φ in [0, π)
};

// Throws std::out_of_range for an index ≥ dataset.size() and std::invalid_argument for an
// event without constituents. maxParticles = 0 keeps every stored constituent.
SmeftBatch buildSmeftBatch(const SmeftDataset& dataset, std::span<const std::size_t> events,
                           std::size_t maxParticles = 0);

// ½·arg Σ pT_i sin θ_i e^{2iφ_i} in [0, π): the network-free decay-plane estimate.
double naiveDecayPlane(const SmeftEvent& event);

// Wraps an angle difference to (−π/2, π/2] (φ is only defined modulo π).
double wrapHalfPi(double angle);

}  // namespace bithep::tasks::smeft
