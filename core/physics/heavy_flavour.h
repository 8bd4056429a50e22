#pragma once
// Bottom and charm hadrons for the flavour jet generator: formation from a heavy quark (Peterson
// fragmentation, spectator flavour), their lifetimes and the weak-decay chain b → c → s with
// flight before each decay, so their charged daughters leave displaced tracks.
//
// Hadrons (PDG 2022 masses and cτ): B⁺ 5.2793 GeV 0.491 mm, B⁰ 5.2797 GeV 0.455 mm, B_s 5.3669 GeV
// 0.453 mm, Λ_b 5.6196 GeV 0.441 mm; D⁺ 1.8697 GeV 0.312 mm, D⁰ 1.8648 GeV 0.123 mm, D_s 1.9683 GeV
// 0.150 mm, Λ_c 2.2865 GeV 0.060 mm. A hadron of momentum p flies L = (p/m)·cτ·Exp(1).
//
// Decays (spectator model, W emission only, Cabibbo-suppressed and colour-suppressed modes
// dropped): the heavy quark turns into the next one down (b → c, c → s) keeping the spectator
// (B⁻ = bū → D⁰, B̄⁰ → D⁺, B̄_s → D_s⁺, Λ_b → Λ_c⁺; D⁰ = cū → K⁻, D⁺ → K̄⁰, D_s⁺ → φ, Λ_c⁺ → Λ), and
// the virtual W gives ℓν (e and μ equally; the neutrino is not kept) with the semileptonic
// fraction of the hadron (b hadrons 0.21; D⁺ 0.16; D⁰, D_s, Λ_c 0.07), else a charged pion plus
// 0 (30 %), π⁰ (30 %), π⁺π⁻ (25 %) or π⁺π⁻π⁰ (15 %). Momenta: the daughters of an n-body decay
// are made by n − 1 successive isotropic two-body decays with intermediate masses uniform in
// their allowed range (a simple stand-in for flat phase space). Light daughters are decayed
// further at the same vertex (particle_data.h): K_S and Λ flight is neglected.
#include <vector>

#include "core/physics/particle_data.h"

namespace bithep::physics {

// A stable hadron with the point where it was made (mm, relative to the primary vertex).
struct DisplacedHadron {
    Hadron hadron;
    double vx = 0, vy = 0, vz = 0;
};

struct HeavyHadronProperties {
    int pid = 0;
    double mass = 0;  // GeV
    double ctau = 0;  // mm
    int charge = 0;
};

// Throws std::invalid_argument for an id that is not one of the eight hadrons (or antiparticles).
HeavyHadronProperties heavyHadron(int pid);
bool isHeavyHadron(int pid);

// Peterson et al. fragmentation f(z) ∝ 1 / (z (1 − 1/z − ε/(1 − z))²), drawn by rejection.
double samplePeterson(double epsilon, RandomStream& rng);

// The hadron a heavy quark (±4, ±5) forms with a spectator drawn u : d : s = 1 : 1 : strangeness,
// or the Λ baryon with probability baryonFraction; `partner` receives the light quark id left to
// continue the fragmentation chain (same sign convention as the quark ids of the shower).
int formHeavyHadron(int quarkId, double strangeness, double baryonFraction, RandomStream& rng, int& partner);

// Decays a heavy hadron created at `origin` (mm) after its flight, recursively through charm,
// and appends every stable visible daughter with its production vertex.
void decayHeavyHadron(const Hadron& hadron, const double origin[3], RandomStream& rng,
                      std::vector<DisplacedHadron>& out);

}  // namespace bithep::physics
