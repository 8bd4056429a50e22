#include "core/physics/flavour_jet_generator.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/physics/chunked_generation.h"

namespace bithep::physics {

namespace {
constexpr int kMaxAttempts = 10000;  // as JetGenerator: a window nothing passes is reported
}

const std::array<std::string, kOriginCount>& originNames() {
    static const std::array<std::string, kOriginCount> names{"b", "bbar", "c", "cbar", "s", "sbar",
                                                             "u", "ubar", "d", "dbar", "g"};
    return names;
}

int originPartonId(int origin) {
    static constexpr std::array<int, kOriginCount> ids{5, -5, 4, -4, 3, -3, 2, -2, 1, -1, 21};
    if (origin < 0 || origin >= kOriginCount)
        throw std::invalid_argument("jet origin " + std::to_string(origin) + " outside 0..10");
    return ids[static_cast<std::size_t>(origin)];
}

void FlavourJetConfig::validate() const {
    auto fail = [](const std::string& what) { throw std::invalid_argument("FlavourJetConfig: " + what); };
    jet.validate();
    if (!(petersonB > 0.0 && petersonB < 1.0)) fail("petersonB must be in (0, 1)");
    if (!(petersonC > 0.0 && petersonC < 1.0)) fail("petersonC must be in (0, 1)");
    if (!(heavyBaryonFraction >= 0.0 && heavyBaryonFraction <= 1.0))
        fail("heavyBaryonFraction must be in [0, 1]");
    if (!(d0Constant > 0.0 && d0PerGeV >= 0.0 && z0Constant > 0.0 && z0PerGeV >= 0.0))
        fail("impact-parameter resolutions must be positive");
}

std::string FlavourJetConfig::toJson() const {
    return nlohmann::json{{"jet", nlohmann::json::parse(jet.toJson())},
                          {"petersonB", petersonB},
                          {"petersonC", petersonC},
                          {"heavyBaryonFraction", heavyBaryonFraction},
                          {"d0Constant", d0Constant},
                          {"d0PerGeV", d0PerGeV},
                          {"z0Constant", z0Constant},
                          {"z0PerGeV", z0PerGeV}}
        .dump();
}

FlavourJetGenerator::FlavourJetGenerator(const FlavourJetConfig& config, std::uint64_t seed)
    : m_config(config), m_seed(seed), m_shower(config.jet.shower), m_fragmentation(config.jet.fragmentation) {
    m_config.validate();
    JetGenerator quiet(m_config.jet, seed);  // silences FastJet's banner once per process
}

void FlavourJetGenerator::hadronize(const std::vector<Parton>& partons, RandomStream& rng,
                                    std::vector<DisplacedHadron>& out) const {
    std::vector<Parton> light;
    light.reserve(partons.size() + 1);
    std::vector<Hadron> heavy;
    for (const auto& parton : partons) {
        const int a = parton.id < 0 ? -parton.id : parton.id;
        if (a != 4 && a != 5) {
            light.push_back(parton);
            continue;
        }
        // The heavy hadron takes a Peterson fraction z of the quark momentum along its
        // direction; the rest starts an ordinary light chain from the spectator's partner.
        const double z = samplePeterson(a == 5 ? m_config.petersonB : m_config.petersonC, rng);
        int partner = 0;
        const int pid = formHeavyHadron(parton.id, m_config.jet.fragmentation.strangeness,
                                        m_config.heavyBaryonFraction, rng, partner);
        const FourVector& p = parton.p;
        heavy.push_back({FourVector::onShell(z * p.px, z * p.py, z * p.pz, heavyHadron(pid).mass), pid});
        light.push_back({FourVector::onShell((1 - z) * p.px, (1 - z) * p.py, (1 - z) * p.pz, 0.0), partner});
    }
    std::vector<Hadron> prompt;
    prompt.reserve(4 * light.size() + 16);
    m_fragmentation.hadronize(light, rng, prompt);
    for (const auto& h : prompt) out.push_back({h, 0.0, 0.0, 0.0});
    const double primary[3] = {0.0, 0.0, 0.0};
    for (const auto& h : heavy) decayHeavyHadron(h, primary, rng, out);
}

TrackParticle FlavourJetGenerator::measure(const DisplacedHadron& d, RandomStream& rng) const {
    const FourVector& p = d.hadron.p;
    TrackParticle t{p.pt(), p.rapidity(), p.phi(), d.hadron.pid, particleCharge(d.hadron.pid), 0, 0, 0, 0};
    if (t.charge == 0) return t;
    const double pt = t.pt, ux = p.px / pt, uy = p.py / pt;
    const double d0 = d.vx * uy - d.vy * ux;
    const double z0 = d.vz - (d.vx * ux + d.vy * uy) * p.pz / pt;
    const double sd = std::hypot(m_config.d0Constant, m_config.d0PerGeV / pt);
    const double sz = std::hypot(m_config.z0Constant, m_config.z0PerGeV / pt) * std::cosh(t.y);
    t.sigmaD0 = sd;
    t.sigmaZ0 = sz;
    t.d0 = d0 + sd * rng.normal();
    t.z0 = z0 + sz * rng.normal();
    return t;
}

bool FlavourJetGenerator::tryEvent(int origin, RandomStream& rng, FlavourJet& jet) const {
    const Parton initiator{sampleInitiatorMomentum(m_config.jet, rng), originPartonId(origin)};
    const auto partons = m_shower.shower(initiator, rng);
    std::vector<DisplacedHadron> hadrons;
    hadrons.reserve(4 * partons.size() + 32);
    hadronize(partons, rng, hadrons);
    std::vector<Hadron> plain;
    plain.reserve(hadrons.size());
    for (const auto& h : hadrons) plain.push_back(h.hadron);
    ClusteredJet clustered;
    if (!clusterHardestJet(plain, m_config.jet, clustered)) return false;
    jet.pt = clustered.pt;
    jet.y = clustered.y;
    jet.phi = clustered.phi;
    jet.mass = clustered.mass;
    jet.origin = origin;
    jet.particles.clear();
    for (std::size_t i : clustered.constituents) jet.particles.push_back(measure(hadrons[i], rng));
    return true;
}

FlavourJet FlavourJetGenerator::generateOne(int origin, RandomStream& rng) const {
    FlavourJet jet;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt)
        if (tryEvent(origin, rng, jet)) return jet;
    throw std::runtime_error("FlavourJetGenerator: no jet in the pT/y window after " +
                             std::to_string(kMaxAttempts) + " events; check the parton pT range");
}

std::vector<FlavourJet> FlavourJetGenerator::generate(std::size_t n, const GenerationControl& control) const {
    return generateInChunks<FlavourJet>(
        n, kChunkSize, m_config.jet.threads, m_seed, control, [this](std::size_t, RandomStream& rng) {
            const int origin = static_cast<int>(rng.uniform() * kOriginCount);
            return generateOne(origin < kOriginCount ? origin : kOriginCount - 1, rng);
        });
}

}  // namespace bithep::physics
