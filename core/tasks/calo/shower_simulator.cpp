// Parametrized EM showers: Gamma longitudinal profile, core + tail lateral profile, spots.
#include "core/tasks/calo/shower_simulator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/physics/chunked_generation.h"
#include <stdexcept>

namespace bithep::tasks::calo {

namespace {

constexpr std::size_t kChunk = 64;
constexpr double kMinAlpha = 1.4;

}  // namespace

double gammaVariate(double shape, physics::RandomStream& rng) {
    if (shape < 1.0) return gammaVariate(shape + 1.0, rng) * std::pow(rng.uniform(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0, v = 0;
        do {
            x = rng.normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = rng.uniform();
        if (u < 1.0 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
            return d * v;
    }
}

std::vector<double> ShowerSimulatorConfig::defaultEnergiesMeV() {
    std::vector<double> e;
    for (int k = 8; k <= 22; ++k) e.push_back(std::ldexp(1.0, k));  // 256 MeV … 4 194 304 MeV
    return e;
}

std::vector<LayerDepth> ShowerSimulatorConfig::atlasBarrelDepths() {
    // ATLAS barrel at |η| ≈ 0.2 in X0, rounded: ~1.8 X0 of inner detector, solenoid and cryostat
    // before the presampler; strips 4.2 X0, middle 16 X0, back 2 X0; cryostat and gap before
    // the tile calorimeter, whose layers are thick in X0 (iron).
    return {{0, 1.8, 2.1},    {1, 2.4, 6.6},    {2, 6.6, 22.6},  {3, 22.6, 24.6},
            {12, 27.5, 45.0}, {13, 45.0, 75.0}, {14, 75.0, 90.0}};
}

ShowerSimulator::ShowerSimulator(ShowerGeometry geometry, ShowerSimulatorConfig config, std::uint64_t seed)
    : m_geometry(std::move(geometry)), m_config(std::move(config)), m_seed(seed) {
    const auto& c = m_config;
    if (c.energiesMeV.empty())
        throw std::invalid_argument("shower simulator: empty list of incident energies");
    for (double e : c.energiesMeV)
        if (!(e > c.criticalEnergyMeV * 2.0))
            throw std::invalid_argument("shower simulator: incident energy " + std::to_string(e) +
                                        " MeV is not well above the critical energy");
    if (c.minSpots < 1 || c.maxSpots < c.minSpots || !(c.spotEnergyMeV > 0) || !(c.spotWeightShape > 0))
        throw std::invalid_argument(
            "shower simulator: spot settings need 1 <= minSpots <= maxSpots and positive energy/shape");
    if (!(c.stochasticTerm >= 0) || !(c.constantTerm >= 0) || !(c.moliereRadiusMm > 0) ||
        !(c.uniformDepthX0 > 0))
        throw std::invalid_argument(
            "shower simulator: resolution terms, Molière radius and depth must be positive");
    const auto table = ShowerSimulatorConfig::atlasBarrelDepths();
    const auto& layers = m_geometry.layers();
    const bool allKnown = std::all_of(layers.begin(), layers.end(), [&](const CaloLayer& l) {
        return std::any_of(table.begin(), table.end(),
                           [&](const LayerDepth& d) { return d.layerId == l.id; });
    });
    for (std::size_t i = 0; i < layers.size(); ++i) {
        LayerDepth d{layers[i].id, 0, 0};
        if (allKnown) {
            d = *std::find_if(table.begin(), table.end(),
                              [&](const LayerDepth& t) { return t.layerId == layers[i].id; });
        } else {
            const double slice = c.uniformDepthX0 / static_cast<double>(layers.size());
            d = {layers[i].id, slice * static_cast<double>(i), slice * static_cast<double>(i + 1)};
        }
        m_depths.push_back(d);
        m_slots.push_back({d.startX0, d.endX0, static_cast<int>(i)});
    }
    std::sort(m_slots.begin(), m_slots.end(),
              [](const DepthSlot& a, const DepthSlot& b) { return a.start < b.start; });
}

LongitudinalProfile ShowerSimulator::meanProfile(double energyMeV) const {
    const double lnY = std::log(energyMeV / m_config.criticalEnergyMeV);
    const double t = std::max(lnY + m_config.tMaxOffset, 0.5);
    const double alpha = std::max(0.21 + (0.492 + 2.38 / m_config.effectiveZ) * lnY, kMinAlpha);
    return {alpha, (alpha - 1.0) / t};
}

LongitudinalProfile ShowerSimulator::drawProfile(double energyMeV, physics::RandomStream& rng) const {
    const double lnY = std::log(energyMeV / m_config.criticalEnergyMeV);
    const LongitudinalProfile mean = meanProfile(energyMeV);
    // Widths diverge for ln y → 1; below ln y ≈ 2 they are held at their ln y = 2 values.
    const double sigmaT = 1.0 / std::max(-1.4 + 1.26 * lnY, 1.12);
    const double sigmaA = 1.0 / std::max(-0.58 + 0.86 * lnY, 1.14);
    const double rho = std::clamp(0.705 - 0.023 * lnY, -0.99, 0.99);
    const double g1 = rng.normal(), g2 = rng.normal();
    const double lnT = std::log(mean.tMax()) + sigmaT * g1;
    const double lnA = std::log(mean.alpha) + sigmaA * (rho * g1 + std::sqrt(1.0 - rho * rho) * g2);
    // α near 1 with T held would put β = (α−1)/T near 0 and send the shower metres deep; the
    // floor keeps the profile a shower (at 256 MeV the mean α is 1.9).
    const double alpha = std::max(std::exp(lnA), kMinAlpha);
    return {alpha, (alpha - 1.0) / std::exp(lnT)};
}

int ShowerSimulator::layerAtDepth(double t) const {
    for (const DepthSlot& s : m_slots) {
        if (t < s.start) return -1;
        if (t < s.end) return s.layer;
    }
    return -1;
}

double ShowerSimulator::drawRadiusMm(double tau, double lnEGeV, physics::RandomStream& rng) const {
    const double z = m_config.effectiveZ;
    const double rCore = 0.0251 + 0.00319 * lnEGeV + (0.1162 - 0.000381 * z) * tau;
    const double k1 = 0.659 - 0.00309 * z, k2 = 0.645, k3 = -2.59, k4 = 0.3585 + 0.0421 * lnEGeV;
    const double rTail = k1 * (std::exp(k3 * (tau - k2)) + std::exp(k4 * (tau - k2)));
    const double p1 = 2.632 - 0.00094 * z, p2 = 0.401 + 0.00187 * z, p3 = 1.313 - 0.0686 * lnEGeV;
    const double x = (p2 - tau) / p3;
    const double pCore = std::clamp(p1 * std::exp(x - std::exp(x)), 0.0, 1.0);
    const double r = rng.uniform() < pCore ? rCore : rTail;
    // Inverse of the CDF r²/(r² + R²); u is capped so a spot never lands at infinity.
    const double u = std::min(rng.uniform(), 0.9999);
    return m_config.moliereRadiusMm * std::max(r, 1e-3) * std::sqrt(u / (1.0 - u));
}

void ShowerSimulator::deposit(int layer, double rMm, double alpha, float energy,
                              std::span<float> voxels) const {
    const CaloLayer& l = m_geometry.layers()[static_cast<std::size_t>(layer)];
    const auto& edges = l.radialEdges;
    if (rMm < edges.front() || rMm >= edges.back()) return;  // outside the layer: lateral leakage
    const int rBin = static_cast<int>(std::upper_bound(edges.begin(), edges.end(), rMm) - edges.begin()) - 1;
    int aBin = 0;
    if (l.angularBins > 1) {
        aBin = static_cast<int>((alpha + std::numbers::pi) / (2.0 * std::numbers::pi) * l.angularBins);
        aBin = std::clamp(aBin, 0, l.angularBins - 1);
    }
    voxels[l.voxelOffset + static_cast<std::size_t>(aBin) * static_cast<std::size_t>(l.radialBins()) +
           static_cast<std::size_t>(rBin)] += energy;
}

void ShowerSimulator::simulate(double energyMeV, physics::RandomStream& rng, std::span<float> voxels) const {
    if (voxels.size() != m_geometry.voxelCount())
        throw std::invalid_argument("shower simulator: voxel buffer of " + std::to_string(voxels.size()) +
                                    " for " + std::to_string(m_geometry.voxelCount()) + " voxels");
    const LongitudinalProfile profile = drawProfile(energyMeV, rng);
    const double eGeV = energyMeV / 1000.0;
    const double sigma = std::hypot(m_config.stochasticTerm / std::sqrt(eGeV), m_config.constantTerm);
    const double visible = energyMeV * std::max(1.0 + sigma * rng.normal(), 0.0);
    const int spots = std::clamp(static_cast<int>(std::lround(energyMeV / m_config.spotEnergyMeV)),
                                 m_config.minSpots, m_config.maxSpots);
    // Weights are drawn first and normalised, so the visible total is exactly `visible`.
    std::vector<double> weights(static_cast<std::size_t>(spots));
    double sum = 0;
    for (double& w : weights) sum += (w = gammaVariate(m_config.spotWeightShape, rng));
    const double lnE = std::log(eGeV), tMax = profile.tMax();
    for (double w : weights) {
        const double t = gammaVariate(profile.alpha, rng) / profile.beta;
        const double r = drawRadiusMm(t / tMax, lnE, rng);
        const double alpha = rng.uniform(-std::numbers::pi, std::numbers::pi);
        const int layer = layerAtDepth(t);
        if (layer >= 0) deposit(layer, r, alpha, static_cast<float>(visible * w / sum), voxels);
    }
}

CaloDataset ShowerSimulator::generate(std::size_t n) const {
    CaloDataset out;
    generateChunks(n, nullptr, out);
    return out;
}

CaloDataset ShowerSimulator::generate(std::span<const float> incidentEnergiesMeV) const {
    for (std::size_t i = 0; i < incidentEnergiesMeV.size(); ++i)
        if (!(incidentEnergiesMeV[i] > 0.0f) || !std::isfinite(incidentEnergiesMeV[i]))
            throw std::invalid_argument("shower simulator: incident energy " + std::to_string(i) +
                                        " is not positive");
    CaloDataset out;
    generateChunks(incidentEnergiesMeV.size(), incidentEnergiesMeV.data(), out);
    return out;
}

void ShowerSimulator::generateChunks(std::size_t n, const float* givenEnergies, CaloDataset& out) const {
    out.voxels = m_geometry.voxelCount();
    out.incidentEnergies.assign(n, 0.0f);
    out.showers.assign(n * out.voxels, 0.0f);
    physics::forEachInChunks(n, kChunk, m_config.threads, m_seed, {}, [&](std::size_t i, physics::RandomStream& rng) {
        const std::size_t pick = std::min(
            static_cast<std::size_t>(rng.uniform() * static_cast<double>(m_config.energiesMeV.size())),
            m_config.energiesMeV.size() - 1);
        const double e = givenEnergies ? static_cast<double>(givenEnergies[i]) : m_config.energiesMeV[pick];
        out.incidentEnergies[i] = static_cast<float>(e);
        simulate(e, rng, out.shower(i));
    });
}

}  // namespace bithep::tasks::calo
