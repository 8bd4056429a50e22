#pragma once
// The hadron table of the jet generator: PDG ids, masses, charges and the two-body decays that
// turn short-lived hadrons into the particles a detector-level dataset lists (γ, e, μ, π±,
// K±, K_L, p, n and antiparticles), as in the Pythia quark/gluon dataset where every particle
// with cτ below ~1 cm (π⁰, K_S, Λ, resonances) is decayed.
#include <vector>

#include "core/physics/four_vector.h"
#include "core/physics/random_stream.h"

namespace bithep::physics {

struct Hadron {
    FourVector p;
    int pid = 0;
};

// GeV. Throws std::invalid_argument for an id outside the table.
double particleMass(int pid);
// Electric charge in units of e (−2..2). Throws std::invalid_argument for an unknown id.
int particleCharge(int pid);
// True for the ids the generator leaves undecayed.
bool isStable(int pid);
// Appends `hadron` to `out` if stable, otherwise its decay products (recursively). Two-body
// decays are isotropic in the rest frame; branching ratios are the dominant PDG modes,
// renormalised to one (documented in particle_data.cpp).
void decayToStable(const Hadron& hadron, RandomStream& rng, std::vector<Hadron>& out);

}  // namespace bithep::physics
