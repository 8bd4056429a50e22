#pragma once
// Quark and gluon jets as in the public Pythia quark/gluon (energyflow) dataset, made from
// scratch: one light quark (u, d, s, or antiquark) or gluon per event with a falling pT
// spectrum, the collinear parton shower (parton_shower.h), independent fragmentation and
// hadron decays (fragmentation.h), no underlying event or pile-up, anti-kT R = 0.4 clustering
// with FastJet, and the hardest jet kept if 500 < pT < 550 GeV and |y| < 1.7 (else the event is
// regenerated). Each jet lists its constituents as (pT, y, φ, PDG id), hardest first.
//
// Reproducibility: jets are made in chunks of kChunkSize, chunk k from its own stream
// RandomStream(seed, k), so generate(n) returns the same jets for any thread count.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/physics/fragmentation.h"
#include "core/physics/parton_shower.h"

namespace bithep::physics {

struct Particle {
    double pt = 0, y = 0, phi = 0;  // GeV, rapidity, azimuth in [0, 2π)
    int pid = 0;
};

struct Jet {
    double pt = 0, y = 0, phi = 0, mass = 0;
    bool isQuark = false;
    std::vector<Particle> particles;  // sorted by decreasing pT
};

// Soft particles from the rest of the event (multiple parton interactions, beam remnants and the
// colour strings that connect the jet to them), which every real jet collects inside its cone:
// a Poisson number of particles with `density` per unit area of (y, φ), uniform over a window of
// ±1 in y and φ around the initiating parton, pT from a Gamma(2) distribution with mean `meanPt`,
// one third each π⁺, π⁻ and photons (from π⁰).
struct UnderlyingEventConfig {
    double density = 3.1;   // particles per unit rapidity and radian
    double meanPt = 0.46;   // GeV
};

// The shower and fragmentation fitted to the 1 000 real Pythia quark/gluon jets
// (core/physics/README.md); ShowerConfig{} and FragmentationConfig{} keep the earlier values,
// which the flavour and SMEFT generators were tuned with.
ShowerConfig calibratedQgShower();
FragmentationConfig calibratedQgFragmentation();

struct JetGeneratorConfig {
    double jetPtMin = 500.0, jetPtMax = 550.0;  // GeV, accepted window of the hardest jet
    double jetAbsRapidityMax = 1.7;
    double jetRadius = 0.4;  // anti-kT R
    // Initiating parton: pT from dσ/dpT ∝ pT^−spectrumPower in [partonPtMin, partonPtMax]
    // (the window extends above jetPtMax because out-of-cone radiation lowers the jet pT).
    double partonPtMin = 500.0, partonPtMax = 640.0, spectrumPower = 5.0;
    double quarkFraction = 0.5;  // probability that an event is a quark jet
    ShowerConfig shower = calibratedQgShower();
    FragmentationConfig fragmentation = calibratedQgFragmentation();
    UnderlyingEventConfig underlyingEvent;
    int threads = 2;  // worker threads; results do not depend on it

    void validate() const;  // throws std::invalid_argument naming the bad field
    std::string toJson() const;
    // Missing keys keep their defaults; unknown keys or wrong types throw std::invalid_argument.
    static JetGeneratorConfig fromJson(const std::string& json);
    // ShowerConfig{}, FragmentationConfig{} and no underlying event: the jets before the fit to
    // real jets, which the flavour generator keeps.
    static JetGeneratorConfig uncalibrated();
};

struct GenerationControl {
    std::function<void(std::size_t done, std::size_t total)> onProgress;  // called from workers
    std::function<bool()> cancelled;                                      // polled between chunks
};

class GenerationCancelled : public std::runtime_error {
public:
    GenerationCancelled() : std::runtime_error("jet generation cancelled") {}
};

// The hardest anti-kT jet of an event as the generators keep it: kinematics and the indices of
// its constituents in the clustered hadron list, hardest first.
struct ClusteredJet {
    double pt = 0, y = 0, phi = 0, mass = 0;
    std::vector<std::size_t> constituents;
};

// Initiating-parton momentum of one event: pT from the falling spectrum, y and φ uniform (uses
// three random numbers, in that order).
FourVector sampleInitiatorMomentum(const JetGeneratorConfig& config, RandomStream& rng);

// Clusters `hadrons` with anti-kT R = config.jetRadius and fills `out` with the hardest jet;
// false when there is none or it misses the pT / |y| window (the event should be redone).
bool clusterHardestJet(const std::vector<Hadron>& hadrons, const JetGeneratorConfig& config,
                       ClusteredJet& out);

class JetGenerator {
public:
    static constexpr std::size_t kChunkSize = 64;
    JetGenerator(const JetGeneratorConfig& config, std::uint64_t seed);
    std::vector<Jet> generate(std::size_t n, const GenerationControl& control = {}) const;
    // One accepted jet from `rng` (the building block of generate; exposed for tests).
    Jet generateOne(RandomStream& rng) const;
    const JetGeneratorConfig& config() const { return m_config; }
    std::uint64_t seed() const { return m_seed; }

private:
    bool tryEvent(RandomStream& rng, bool quark, Jet& jet) const;
    void addUnderlyingEvent(const FourVector& initiator, RandomStream& rng, std::vector<Hadron>& hadrons) const;
    JetGeneratorConfig m_config;
    std::uint64_t m_seed;
    PartonShower m_shower;
    Fragmentation m_fragmentation;
};

}  // namespace bithep::physics
