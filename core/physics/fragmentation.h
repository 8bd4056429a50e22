#pragma once
// Hadronisation of showered partons by independent (Field–Feynman) fragmentation: each quark
// starts a chain of qq̄ (or diquark) pair creations; every link forms one hadron that takes a
// fraction z of the remaining longitudinal momentum, drawn from f(z) = 1 − a + 3a(1 − z)², and
// a Gaussian transverse momentum from the two quarks that form it. A gluon is first split into
// a qq̄ pair sharing its momentum with a fraction uniform around 1/2, the usual independent-fragmentation
// treatment that makes gluons fragment softer than quarks. The chain stops when the remaining
// momentum falls below stopMomentum: the rest is dropped, as in Field–Feynman, or given to one
// last hadron (lastHadronTakesRest), which conserves the parton's longitudinal momentum.
//
// Species model: pair flavours u : d : s = 1 : 1 : strangeness; a diquark (ud : uu : dd =
// 0.6 : 0.2 : 0.2, no strange diquarks) with probability diquarkFraction gives a baryon; mesons
// are vectors (ρ, K*, φ) with probability vectorFraction, else pseudoscalars (π, K, η; uū and
// dd̄ give π⁰); non-strange baryons are Δ with probability decupletFraction (uuu and ddd always),
// strange baryons Λ/Σ. Short-lived hadrons are then decayed (particle_data.h).
// The defaults are the first calibration (to the Pythia dataset's mean multiplicities and AUCs),
// which the flavour and SMEFT generators use; the quark/gluon generator uses the fit to real
// jets (JetGeneratorConfig, core/physics/README.md). Neither are the e+e− values of the papers.
#include <vector>

#include "core/physics/parton_shower.h"
#include "core/physics/particle_data.h"

namespace bithep::physics {

struct FragmentationConfig {
    double ffA = -0.5;              // Field–Feynman a (they fit 0.77 to e+e−); < 0 is harder
    double gluonShareWidth = 0.0;   // gluon → qq̄ momentum share uniform in 0.5 ± width/2
    double stopMomentum = 1.5;      // GeV; chain ends below this remaining momentum
    double sigmaPt = 0.36;          // GeV; width of each quark's transverse momentum component
    double strangeness = 0.30;      // s : u pair-creation ratio (Lund default)
    double diquarkFraction = 0.05;  // diquark : quark pair-creation ratio
    double vectorFraction = 0.3;    // vector : all mesons
    double decupletFraction = 0.3;  // Δ : (N + Δ) for non-strange baryons of mixed flavour
    bool lastHadronTakesRest = false;  // below stopMomentum: one last hadron (true) or drop (FF)
    void validate() const;          // throws std::invalid_argument naming the bad field
};

class Fragmentation {
public:
    explicit Fragmentation(const FragmentationConfig& config);
    // Stable hadrons (after decays) from the given partons; appended to `out`.
    void hadronize(const std::vector<Parton>& partons, RandomStream& rng, std::vector<Hadron>& out) const;
    const FragmentationConfig& config() const { return m_config; }

private:
    void fragmentQuark(const FourVector& p, int quarkId, RandomStream& rng, std::vector<Hadron>& out) const;
    double sampleZ(RandomStream& rng) const;
    FragmentationConfig m_config;
};

}  // namespace bithep::physics
