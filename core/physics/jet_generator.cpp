#include "core/physics/jet_generator.h"

#include <algorithm>
#include <cmath>
#include <fastjet/ClusterSequence.hh>
#include <mutex>
#include <numbers>

#include "core/physics/chunked_generation.h"

namespace bithep::physics {

namespace {
// An event whose hardest jet misses the window is regenerated; a configuration that accepts
// fewer than 1 in kMaxAttempts events is reported instead of looping forever.
constexpr int kMaxAttempts = 10000;
}  // namespace

JetGenerator::JetGenerator(const JetGeneratorConfig& config, std::uint64_t seed)
    : m_config(config), m_seed(seed), m_shower(config.shower), m_fragmentation(config.fragmentation) {
    m_config.validate();
    // FastJet prints a banner on first use; a library must not write to the user's stdout.
    static std::once_flag quiet;
    std::call_once(quiet, [] { fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr); });
}

FourVector sampleInitiatorMomentum(const JetGeneratorConfig& c, RandomStream& rng) {
    // pT^−n on [a, b] by inversion of the cumulative distribution (n = 1 is the log case).
    const double r = rng.uniform();
    double pt = 0.0;
    if (std::abs(c.spectrumPower - 1.0) < 1e-9) {
        pt = c.partonPtMin * std::pow(c.partonPtMax / c.partonPtMin, r);
    } else {
        const double k = 1.0 - c.spectrumPower;
        const double lo = std::pow(c.partonPtMin, k), hi = std::pow(c.partonPtMax, k);
        pt = std::pow(lo + r * (hi - lo), 1.0 / k);
    }
    // Partons a little beyond the rapidity cut can still give an accepted jet.
    const double yMax = c.jetAbsRapidityMax + c.jetRadius;
    const double y = rng.uniform(-yMax, yMax), phi = 2.0 * std::numbers::pi * rng.uniform();
    return FourVector::fromPtYPhiM(pt, y, phi, 0.0);
}

bool clusterHardestJet(const std::vector<Hadron>& hadrons, const JetGeneratorConfig& c, ClusteredJet& out) {
    // The jet cannot be harder than the scalar pT sum: skip clustering events that cannot pass.
    double scalarPt = 0.0;
    for (const auto& h : hadrons) scalarPt += h.p.pt();
    if (scalarPt < c.jetPtMin) return false;
    std::vector<fastjet::PseudoJet> inputs;
    inputs.reserve(hadrons.size());
    for (std::size_t i = 0; i < hadrons.size(); ++i) {
        const auto& p = hadrons[i].p;
        if (p.pt2() <= 0.0) continue;
        inputs.emplace_back(p.px, p.py, p.pz, p.e);
        inputs.back().set_user_index(static_cast<int>(i));
    }
    const fastjet::JetDefinition definition(fastjet::antikt_algorithm, c.jetRadius);
    const fastjet::ClusterSequence sequence(inputs, definition);
    const auto jets = fastjet::sorted_by_pt(sequence.inclusive_jets(0.0));
    if (jets.empty()) return false;
    const auto& hardest = jets.front();
    if (hardest.pt() < c.jetPtMin || hardest.pt() > c.jetPtMax ||
        std::abs(hardest.rap()) > c.jetAbsRapidityMax)
        return false;
    out.pt = hardest.pt();
    out.y = hardest.rap();
    out.phi = hardest.phi();  // FastJet's φ is already in [0, 2π)
    out.mass = hardest.m2() > 0.0 ? std::sqrt(hardest.m2()) : 0.0;
    out.constituents.clear();
    for (const auto& constituent : fastjet::sorted_by_pt(hardest.constituents()))
        out.constituents.push_back(static_cast<std::size_t>(constituent.user_index()));
    return true;
}

bool JetGenerator::tryEvent(RandomStream& rng, bool quark, Jet& jet) const {
    Parton initiator{sampleInitiatorMomentum(m_config, rng), 21};
    if (quark) {
        const int flavour = 1 + static_cast<int>(rng.uniform() * 3.0);  // d, u, s as in qg→Z q
        initiator.id = rng.chance(0.5) ? flavour : -flavour;
    }
    const auto partons = m_shower.shower(initiator, rng);
    std::vector<Hadron> hadrons;
    hadrons.reserve(4 * partons.size() + 16);
    m_fragmentation.hadronize(partons, rng, hadrons);
    addUnderlyingEvent(initiator.p, rng, hadrons);
    ClusteredJet clustered;
    if (!clusterHardestJet(hadrons, m_config, clustered)) return false;
    jet.pt = clustered.pt;
    jet.y = clustered.y;
    jet.phi = clustered.phi;
    jet.mass = clustered.mass;
    jet.isQuark = quark;
    jet.particles.clear();
    for (std::size_t i : clustered.constituents) {
        const auto& h = hadrons[i];
        jet.particles.push_back({h.p.pt(), h.p.rapidity(), h.p.phi(), h.pid});
    }
    return true;
}

void JetGenerator::addUnderlyingEvent(const FourVector& initiator, RandomStream& rng,
                                      std::vector<Hadron>& hadrons) const {
    const UnderlyingEventConfig& ue = m_config.underlyingEvent;
    if (ue.density <= 0.0) return;
    constexpr double kHalfWindow = 1.0;  // in y and φ: well beyond any jet radius we allow
    // Poisson count by multiplying uniforms (Knuth): the mean is a few tens at most.
    const double limit = std::exp(-ue.density * 4.0 * kHalfWindow * kHalfWindow);
    int count = -1;
    for (double product = 1.0; product > limit; product *= rng.uniform()) ++count;
    const double y0 = initiator.rapidity(), phi0 = initiator.phi();
    static constexpr int kSpecies[3] = {211, -211, 22};
    for (int i = 0; i < count; ++i) {
        // Gamma(2) with mean meanPt: the sum of two exponentials of mean meanPt/2.
        const double pt = -0.5 * ue.meanPt * std::log(rng.uniform() * rng.uniform());
        const double y = y0 + rng.uniform(-kHalfWindow, kHalfWindow);
        const double phi = phi0 + rng.uniform(-kHalfWindow, kHalfWindow);
        const int pid = kSpecies[std::min(2, static_cast<int>(3.0 * rng.uniform()))];
        hadrons.push_back({FourVector::fromPtYPhiM(pt, y, phi, particleMass(pid)), pid});
    }
}

Jet JetGenerator::generateOne(RandomStream& rng) const {
    const bool quark = rng.chance(m_config.quarkFraction);
    Jet jet;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt)
        if (tryEvent(rng, quark, jet)) return jet;
    throw std::runtime_error("JetGenerator: no jet in the pT/y window after " + std::to_string(kMaxAttempts) +
                             " events; check the parton pT range");
}

std::vector<Jet> JetGenerator::generate(std::size_t n, const GenerationControl& control) const {
    return generateInChunks<Jet>(n, kChunkSize, m_config.threads, m_seed, control,
                                 [this](std::size_t, RandomStream& rng) { return generateOne(rng); });
}

}  // namespace bithep::physics
