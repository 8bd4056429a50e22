#pragma once
// Substructure observables beyond the classic four of jet_observables.h, for validating the
// generator against real jets: the leading constituent's pT fraction, the Les Houches angularity
// λ¹₀.₅ = Σ z_i (ΔR_i/R)^½ (Gras et al., JHEP 07 (2017) 091), the N-subjettiness ratio
// τ₂₁ = τ₂/τ₁ (β = 1, exclusive-kT axes; Thaler & Van Tilburg, JHEP 03 (2011) 015) and the
// constituents' distances ΔR to the jet axis. Constituents are massless (pT, y, φ), the axis is
// the E-scheme sum of the constituents, as in jet_observables.h.
#include <span>
#include <vector>

#include "core/physics/jet_generator.h"

namespace bithep::physics {

struct JetSubstructure {
    double leadingFraction = 0;  // pT of the hardest constituent / Σ pT
    double lha = 0;              // λ¹₀.₅ with R = jetRadius
    double tau21 = 0;            // 0 when τ₁ = 0 (a single constituent)
};

JetSubstructure computeSubstructure(std::span<const Particle> particles, double jetRadius = 0.4);
// ΔR of every constituent to the jet axis, appended to `out` in input order.
void constituentDeltaR(std::span<const Particle> particles, std::vector<double>& out);

}  // namespace bithep::physics
