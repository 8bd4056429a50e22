#pragma once
// Network inputs of the quark/gluon task, computed from a JetDataset for a batch of jets, in the
// conventions of the Particle Transformer (ParT, arXiv 2202.03772) that P-DAT also uses.
//
// Particles are treated as massless (E = pT·cosh y, so η = y), as the energyflow files give no
// masses. The jet axis is the sum of the constituent four-vectors.
// Per particle (particleFeatureNames): ln pT, ln E, ln(pT/pT_jet), ln(E/E_jet), Δη, Δφ, ΔR to the
// axis, then — only when PID is known — charge and the one-hot classes charged hadron (π±, K±,
// p/p̄), neutral hadron (K_L, n/n̄), photon, electron, muon. ParT takes logs of the ratios because
// they span four orders of magnitude; the ratios themselves are recovered as exp.
// Per pair (i, j) (pairFeatureNames): ln ΔR_ij, ln kT = ln(min(pT_i, pT_j)·ΔR_ij),
// ln z = ln(min(pT_i, pT_j)/(pT_i + pT_j)), ln m²_ij, with arguments clamped at 1e-8 before the log
// (ParT's convention). Pairs with a padded particle and the diagonal are 0.
// Masks: 1 for a real particle (pair of real particles), 0 for padding.
// Per jet: the constituent multiplicity of the whole jet, also when only the maxParticles hardest
// are kept, so a truncated model can still count.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/tasks/jet_common/jet_dataset.h"

namespace bithep::tasks::jet_common {

struct FeatureOptions {
    bool usePid = true;            // ignored (off) when the dataset has no PID
    std::size_t maxParticles = 0;  // N: keep the N hardest; 0 = the largest multiplicity in the batch
    bool pairFeatures = true;
};

struct FeatureBatch {
    std::size_t batch = 0, particles = 0, particleDim = 0;
    static constexpr std::size_t kPairDim = 4;
    std::vector<float> particleFeatures;  // (batch·particles, particleDim)
    std::vector<float> mask;              // (batch·particles)
    std::vector<float> pairFeatures;      // (batch, particles, particles, kPairDim), empty if off
    std::vector<float> pairMask;          // (batch, particles, particles)
    std::vector<float> labels;            // (batch), 1 = quark
    std::vector<float> multiplicity;      // (batch), constituents of each jet before maxParticles
};

std::vector<std::string> particleFeatureNames(bool withPid);
std::vector<std::string> pairFeatureNames();
// PID class 0..4 of a PDG id (charged hadron, neutral hadron, photon, electron, muon) and its
// charge; unknown ids give class −1 and charge 0.
int pidClass(int pdgId);
int pidCharge(int pdgId);

// Throws std::out_of_range for a jet index ≥ dataset.jets.
FeatureBatch buildFeatures(const JetDataset& dataset, std::span<const std::size_t> jetIndices,
                           const FeatureOptions& options = {});

}  // namespace bithep::tasks::jet_common
