#pragma once
// The classic single-observable quark/gluon discriminants, computed from a jet's constituent
// list exactly as from the energyflow files (massless constituents from pT, y, φ): constituent
// multiplicity, p_T^D = sqrt(Σ pT²)/Σ pT, the pT-weighted width (girth) Σ pT·ΔR / Σ pT around
// the pT-weighted axis of the constituents, and the jet mass. Used to calibrate the generator and
// as the cut-based baselines of the tagging task.
#include <span>

#include "core/physics/jet_generator.h"

namespace bithep::physics {

struct JetObservables {
    int multiplicity = 0;
    double ptD = 0, girth = 0, mass = 0;
};

JetObservables computeObservables(std::span<const Particle> particles);

}  // namespace bithep::physics
