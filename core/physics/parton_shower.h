#pragma once
// Final-state QCD parton shower in the collinear limit, used to grow a quark or gluon jet from
// one parton of the jet's energy. Angular-ordered (evolution variable: opening angle θ of each
// splitting), with the splittings q→qg (C_F), g→gg (C_A) and g→qq̄ (T_R·n_f), the standard
// leading-order splitting functions, one-loop running αs evaluated at the splitting's kT, and
// a kT cutoff below which partons no longer branch. Emissions are drawn with the veto algorithm
// against a double-logarithmic overestimate, so the Sudakov factor is exact for these inputs.
#include <vector>

#include "core/physics/four_vector.h"
#include "core/physics/random_stream.h"

namespace bithep::physics {

// PDG codes: 1..3 quarks d, u, s; negative for antiquarks; 21 gluon.
struct Parton {
    FourVector p;
    int id = 21;
    bool isGluon() const { return id == 21; }
};

struct ShowerConfig {
    // One-loop αs(kT) = 1 / (b0 ln(kT²/Λ²)), b0 = (33 − 2 n_f)/(12π).
    double lambdaQcd = 0.35;      // GeV; Λ of the one-loop running with nfRunning flavours
    int nfRunning = 5;            // flavours in the β-function (kT ≫ m_b for most splittings)
    int nfSplitting = 3;          // flavours for g→qq̄: u, d, s (no heavy hadrons are modelled)
    double kTCutoff = 1.1;        // GeV; splittings need kT = z(1−z)·E·θ above this
    double thetaMax = 0.6;        // rad; opening angle of the first splitting is below this
    void validate() const;        // throws std::invalid_argument naming the bad field
};

class PartonShower {
public:
    explicit PartonShower(const ShowerConfig& config);
    // All final partons (massless) grown from `initiator`; momentum is conserved in 3-vector form.
    std::vector<Parton> shower(const Parton& initiator, RandomStream& rng) const;
    double alphaS(double kT) const;
    const ShowerConfig& config() const { return m_config; }

private:
    struct Branching { double theta = 0, z = 0; int daughterA = 0, daughterB = 0; };
    // Next splitting of `parton` with angle below thetaMax; false when it stays final.
    bool nextBranching(const Parton& parton, double thetaMax, RandomStream& rng, Branching& out) const;
    ShowerConfig m_config;
    double m_b0 = 0.0;
    double m_alphaMax = 0.0;  // αs at the cutoff: the largest value the shower can use
};

// Unit vectors (a, b) spanning the plane perpendicular to (x, y, z), |(x, y, z)| > 0.
void perpendicularBasis(double x, double y, double z, double a[3], double b[3]);

}  // namespace bithep::physics
