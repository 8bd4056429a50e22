#pragma once
// A seeded parametrized electromagnetic shower simulator that fills the voxels of a
// CaloChallenge geometry, so the calorimeter task has reference showers without GEANT4.
//
// Per shower of incident energy E (y = E/E_c):
//  - longitudinal: a Gamma profile dE/dt ∝ (βt)^(α−1) e^(−βt) in radiation lengths t, with the
//    shower maximum T = (α−1)/β; ln T and ln α are drawn per shower from a correlated 2-D normal
//    around ln(ln y + C_γ) and ln(0.21 + (0.492 + 2.38/Z) ln y), widths 1/(−1.4 + 1.26 ln y) and
//    1/(−0.58 + 0.86 ln y), correlation 0.705 − 0.023 ln y (the Grindhammer–Peters form);
//  - lateral: at relative depth τ = t/T a core + tail mixture of f(r) = 2rR²/(r² + R²)² in
//    Molière radii, R_C = z1 + z2·τ, R_T = k1(e^(k3(τ−k2)) + e^(k4(τ−k2))), core probability
//    p(τ) = p1·exp((p2 − τ)/p3 − exp((p2 − τ)/p3)), with the Grindhammer–Peters constants;
//  - the energy is carried by N spots (N ∝ E, clamped), each at a depth drawn from the shower's
//    Gamma profile, a radius from the lateral profile and a uniform azimuth; spot weights are
//    Gamma-distributed (voxel-level sampling fluctuations) and the visible total is
//    E·(1 + σ(E)·g), σ(E)/E = a/√E ⊕ c (the calorimeter's sampling resolution);
//  - spots in a layer's depth range land in its voxels; spots in dead material between layers
//    or beyond the last layer, or beyond a layer's outer radius, are lost (leakage).
// Layer depths (documented in core/tasks/calo/README.md) follow the ATLAS barrel at |η| ≈ 0.2
// for the dataset-1 layer ids; other geometries get equal slices of `uniformDepthX0`.
// Showers are generated in chunks of 64 with their own random stream (seed, chunk), so a seed
// gives the same showers for any thread count.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/physics/random_stream.h"
#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/shower_geometry.h"

namespace bithep::tasks::calo {

struct LayerDepth {
    int layerId = 0;
    double startX0 = 0, endX0 = 0;  // depth range in radiation lengths from the calorimeter front
};

struct ShowerSimulatorConfig {
    double criticalEnergyMeV = 10.0;  // E_c of the lead/liquid-argon mixture
    double tMaxOffset = 0.5;          // C_γ: photons peak half an X0 later than ln y
    double effectiveZ = 82.0;         // absorber Z in the Grindhammer–Peters constants
    double moliereRadiusMm = 38.0;
    double stochasticTerm = 0.10;     // a in σ/E = a/√(E/GeV) ⊕ c
    double constantTerm = 0.007;      // c
    double spotEnergyMeV = 8.0;       // one spot per this much energy, clamped to [minSpots, maxSpots]
    int minSpots = 24;
    int maxSpots = 2500;
    double spotWeightShape = 3.0;     // Gamma shape of the spot weights (relative spread 1/√shape)
    double uniformDepthX0 = 30.0;     // total depth for geometries without a depth table
    // Incident energies drawn uniformly from this list: 256 MeV … 4 TeV in powers of two (dataset 1).
    std::vector<double> energiesMeV = defaultEnergiesMeV();
    int threads = 1;

    static std::vector<double> defaultEnergiesMeV();
    // Depths of the dataset-1 layer ids (0, 1, 2, 3, 12, 13, 14) in X0.
    static std::vector<LayerDepth> atlasBarrelDepths();
};

// The per-shower longitudinal parameters (exposed for tests and the README's table).
struct LongitudinalProfile {
    double alpha = 0, beta = 0;  // Gamma shape and rate (1/X0)
    double tMax() const { return (alpha - 1.0) / beta; }
};

class ShowerSimulator {
public:
    // Throws std::invalid_argument on a non-positive energy, spot count or resolution term.
    ShowerSimulator(ShowerGeometry geometry, ShowerSimulatorConfig config, std::uint64_t seed);

    const ShowerGeometry& geometry() const { return m_geometry; }
    const ShowerSimulatorConfig& config() const { return m_config; }
    // Depth range of every layer of the geometry, in layer order.
    const std::vector<LayerDepth>& layerDepths() const { return m_depths; }

    // n showers with energies drawn from config().energiesMeV.
    CaloDataset generate(std::size_t n) const;
    // One shower per given incident energy (MeV), e.g. to match a reference file.
    CaloDataset generate(std::span<const float> incidentEnergiesMeV) const;

    // Mean (fluctuation-free) profile parameters at energy E, and one drawn with fluctuations.
    LongitudinalProfile meanProfile(double energyMeV) const;
    LongitudinalProfile drawProfile(double energyMeV, physics::RandomStream& rng) const;
    // Adds one shower of energy E (MeV) to `voxels` (size voxelCount()).
    void simulate(double energyMeV, physics::RandomStream& rng, std::span<float> voxels) const;

private:
    struct DepthSlot {
        double start, end;
        int layer;  // index into geometry().layers()
    };
    void generateChunks(std::size_t n, const float* givenEnergies, CaloDataset& out) const;
    int layerAtDepth(double t) const;  // -1 in dead material
    double drawRadiusMm(double tau, double lnEGeV, physics::RandomStream& rng) const;
    void deposit(int layer, double rMm, double alpha, float energy, std::span<float> voxels) const;

    ShowerGeometry m_geometry;
    ShowerSimulatorConfig m_config;
    std::uint64_t m_seed;
    std::vector<LayerDepth> m_depths;
    std::vector<DepthSlot> m_slots;  // sorted by start
};

// Gamma(shape, 1) variate (Marsaglia–Tsang; shape < 1 through the U^(1/shape) boost).
double gammaVariate(double shape, physics::RandomStream& rng);

}  // namespace bithep::tasks::calo
