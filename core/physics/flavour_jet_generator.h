#pragma once
// Jets labelled by their origin flavour (b, b̄, c, c̄, s, s̄, u, ū, d, d̄, g) for jet origin
// identification, built from the quark/gluon generator's pieces (jet_generator.h): the same pT
// spectrum, collinear shower, independent fragmentation, decays and anti-kT clustering, with
//  - a b or c initiator whose heavy quark forms a B or D hadron (Peterson z, heavy_flavour.h)
//    that flies and decays weakly (b → c → s), so its charged daughters are displaced;
//  - every charged particle measured as a straight track (no magnetic field) from its production
//    vertex: transverse impact parameter d0 = vx·uy − vy·ux (u the unit transverse direction) and
//    longitudinal z0 = vz − (vx·ux + vy·uy)·pz/pT, both smeared with Gaussian resolutions
//    σ_d0 = a ⊕ b/pT and σ_z0 = (a_z ⊕ b_z/pT)·cosh y (mm, pT in GeV), which are stored as the
//    errors; neutral particles have d0 = z0 = σ = 0.
// Strange jets get more kaons and quark/antiquark jets an opposite leading charge from the
// fragmentation chain itself (the first hadron holds the initiating quark). Simplifications:
// massless heavy-quark shower (no dead cone), no g → cc̄/bb̄ splitting, K_S/Λ flight neglected.
// Reproducible as JetGenerator: chunk k of kChunkSize jets from RandomStream(seed, k); classes
// are drawn uniformly per jet.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/physics/heavy_flavour.h"
#include "core/physics/jet_generator.h"

namespace bithep::physics {

// Class order of every joi output: 0 b, 1 b̄, 2 c, 3 c̄, 4 s, 5 s̄, 6 u, 7 ū, 8 d, 9 d̄, 10 g.
constexpr int kOriginCount = 11;
const std::array<std::string, kOriginCount>& originNames();  // "b", "bbar", ..., "g"
int originPartonId(int origin);  // 5, −5, 4, −4, 3, −3, 2, −2, 1, −1, 21

struct TrackParticle {
    double pt = 0, y = 0, phi = 0;  // GeV, rapidity, azimuth in [0, 2π)
    int pid = 0;
    int charge = 0;
    double d0 = 0, z0 = 0, sigmaD0 = 0, sigmaZ0 = 0;  // mm; 0 for neutral particles
};

struct FlavourJet {
    double pt = 0, y = 0, phi = 0, mass = 0;
    int origin = 0;
    std::vector<TrackParticle> particles;  // sorted by decreasing pT
};

struct FlavourJetConfig {
    JetGeneratorConfig jet = JetGeneratorConfig::uncalibrated();  // window, spectrum, shower, fragmentation, threads
    double petersonB = 0.006;                     // ε_b of the Peterson function (⟨z⟩ ≈ 0.83)
    double petersonC = 0.05;                      // ε_c (⟨z⟩ ≈ 0.69)
    double heavyBaryonFraction = 0.08;            // Λ_b / Λ_c share of heavy hadrons
    double d0Constant = 0.010, d0PerGeV = 0.030;  // mm, mm·GeV
    double z0Constant = 0.030, z0PerGeV = 0.060;  // mm, mm·GeV
    void validate() const;                        // throws std::invalid_argument naming the bad field
    std::string toJson() const;
};

class FlavourJetGenerator {
public:
    static constexpr std::size_t kChunkSize = 64;
    FlavourJetGenerator(const FlavourJetConfig& config, std::uint64_t seed);
    std::vector<FlavourJet> generate(std::size_t n, const GenerationControl& control = {}) const;
    // One accepted jet of the given origin (0..10) from `rng`.
    FlavourJet generateOne(int origin, RandomStream& rng) const;
    const FlavourJetConfig& config() const { return m_config; }

private:
    bool tryEvent(int origin, RandomStream& rng, FlavourJet& jet) const;
    void hadronize(const std::vector<Parton>& partons, RandomStream& rng,
                   std::vector<DisplacedHadron>& out) const;
    TrackParticle measure(const DisplacedHadron& h, RandomStream& rng) const;
    FlavourJetConfig m_config;
    std::uint64_t m_seed;
    PartonShower m_shower;
    Fragmentation m_fragmentation;
};

}  // namespace bithep::physics
