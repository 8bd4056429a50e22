#pragma once
// Boosted hadronic W/Z decays from diboson production for the SMEFT task. Per event: a V with
// pT from dσ/dpT ∝ pT^−n, flat rapidity and azimuth and a Breit–Wigner mass; the decay angles
// (θ*, φ) in the V rest frame drawn from the Standard-Model distribution of DecayPlaneModel; the
// two quarks showered (core/physics parton shower, the angle of the first emission bounded by the
// qq̄ opening angle: colour coherence of the singlet dipole) and hadronised together
// (independent fragmentation and decays); all hadrons clustered with FastJet anti-kT R = 0.8;
// optionally soft underlying-event particles around the V; the event kept if the hardest jet
// contains both quarks (ΔR < R) and its mass is in the
// V window, else redone. The EFT enters only through the per-event weights w0, w1, w2
// (unweighted SM events reweighted, as with MadGraph's reweighting).
//
// Each kept jet is described in its own rest frame (the reconstructed V frame): z' along the jet,
// x' the beam direction made perpendicular to z', so a constituent's azimuth φ_i is measured
// from the production plane exactly as the truth decay angle φ of the quark in the true V frame.
//
// Reproducibility: events are made in chunks of kChunkSize from RandomStream(seed, chunk), so a
// seed gives the same events for any thread count.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/physics/fragmentation.h"
#include "core/physics/jet_generator.h"
#include "core/physics/parton_shower.h"
#include "core/tasks/smeft/decay_plane_model.h"

namespace bithep::tasks::smeft {

// One jet constituent: lab pT, and its direction and energy in the jet rest frame.
struct FrameParticle {
    double pt = 0;      // GeV, lab frame
    double theta = 0;   // rad, angle to the jet axis in the jet rest frame, [0, π]
    double phi = 0;     // rad, azimuth around the jet axis from the production plane, [0, 2π)
    double energy = 0;  // GeV, in the jet rest frame
};

struct SmeftEvent {
    int boson = 23;                     // PDG id: 23 (Z), ±24 (W±)
    double ptV = 0, yV = 0, massV = 0;  // the true V
    double cosThetaStar = 0;            // quark polar angle in the true V frame
    double phi = 0;                     // decay-plane angle in [0, π): quark azimuth mod π
    double jetPt = 0, jetY = 0, jetMass = 0;
    double w0 = 0, w1 = 0, w2 = 0;            // fb per event: w(c) = w0 + c·w1 + c²·w2
    std::vector<FrameParticle> constituents;  // by decreasing pT, at most maxConstituents
};

// The decay angles of `daughter` in the rest frame of `v`, with the axes of the generator (z′
// along v, x′ the beam made perpendicular to it): cos θ* and φ modulo π in [0, π).
struct DecayAngles {
    double cosTheta = 0, phi = 0;
};
DecayAngles decayAngles(const physics::FourVector& v, const physics::FourVector& daughter);

struct SmeftGeneratorConfig {
    double ptMin = 500.0, ptMax = 1500.0, spectrumPower = 4.0;  // V pT spectrum (GeV)
    double absRapidityMax = 1.5;                                // V rapidity, flat
    double wFraction = 0.5;                                     // W share (rest Z)
    double jetRadius = 0.8;
    double jetMassMin = 65.0, jetMassMax = 105.0;  // GeV, V-mass window
    std::size_t maxConstituents = 40;              // hardest kept per jet
    // SM cross-section of the generated phase space times the branching ratios, in fb: sets w0.
    double sigmaSmFb = 5.0;
    // Optional soft contamination from the underlying event: particles per unit area in (y, φ)
    // around the V, pT exponential with mean ueMeanPt. 0 (the default) adds none.
    double ueDensity = 0.0, ueMeanPt = 0.7;
    DecayPlaneModel decay;
    physics::ShowerConfig shower;
    physics::FragmentationConfig fragmentation;
    int threads = 2;  // results do not depend on it

    void validate() const;  // throws std::invalid_argument naming the bad field
    std::string toJson() const;
    // Missing keys keep their defaults; unknown keys or wrong types throw std::invalid_argument.
    static SmeftGeneratorConfig fromJson(const std::string& json);
};

struct SmeftSample {
    std::vector<SmeftEvent> events;
    std::size_t attempts = 0;  // generated events, kept or not
    double acceptance() const { return attempts ? double(events.size()) / double(attempts) : 0.0; }
};

class SmeftEventGenerator {
public:
    static constexpr std::size_t kChunkSize = 64;
    SmeftEventGenerator(const SmeftGeneratorConfig& config, std::uint64_t seed);
    // n kept events; w0 = σ_SM·acceptance/n so that Σ w0 is the fiducial SM cross-section.
    // Throws physics::GenerationCancelled when control.cancelled() turns true.
    SmeftSample generate(std::size_t n, const physics::GenerationControl& control = {}) const;
    // One kept event (weights relative: w0 = 1); `attempts` counts the tries.
    SmeftEvent generateOne(physics::RandomStream& rng, std::size_t& attempts) const;
    const SmeftGeneratorConfig& config() const { return m_config; }

private:
    struct Decay {
        physics::FourVector v;  // the V
        physics::Parton a, b;   // its quark and antiquark, massless, in the lab
    };
    Decay decayV(physics::RandomStream& rng, SmeftEvent& event) const;  // fills the truth fields
    std::vector<physics::Hadron> hadronize(const Decay& decay, physics::RandomStream& rng) const;
    bool tryEvent(physics::RandomStream& rng, SmeftEvent& event) const;
    void addUnderlyingEvent(const physics::FourVector& v, physics::RandomStream& rng,
                            std::vector<physics::Hadron>& hadrons) const;
    SmeftGeneratorConfig m_config;
    std::uint64_t m_seed;
    physics::Fragmentation m_fragmentation;
};

}  // namespace bithep::tasks::smeft
