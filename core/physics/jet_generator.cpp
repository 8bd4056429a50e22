#include "core/physics/jet_generator.h"

#include <fastjet/ClusterSequence.hh>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numbers>
#include <thread>

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

bool JetGenerator::tryEvent(RandomStream& rng, bool quark, Jet& jet) const {
    const auto& c = m_config;
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
    Parton initiator{FourVector::fromPtYPhiM(pt, y, phi, 0.0), 21};
    if (quark) {
        const int flavour = 1 + static_cast<int>(rng.uniform() * 3.0);  // d, u, s as in qg→Z q
        initiator.id = rng.chance(0.5) ? flavour : -flavour;
    }
    const auto partons = m_shower.shower(initiator, rng);
    std::vector<Hadron> hadrons;
    hadrons.reserve(4 * partons.size() + 16);
    m_fragmentation.hadronize(partons, rng, hadrons);

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
    jet.pt = hardest.pt();
    jet.y = hardest.rap();
    jet.phi = hardest.phi();  // FastJet's φ is already in [0, 2π)
    jet.mass = hardest.m2() > 0.0 ? std::sqrt(hardest.m2()) : 0.0;
    jet.isQuark = quark;
    jet.particles.clear();
    for (const auto& constituent : fastjet::sorted_by_pt(hardest.constituents())) {
        const auto& h = hadrons[static_cast<std::size_t>(constituent.user_index())];
        jet.particles.push_back({h.p.pt(), h.p.rapidity(), h.p.phi(), h.pid});
    }
    return true;
}

Jet JetGenerator::generateOne(RandomStream& rng) const {
    const bool quark = rng.chance(m_config.quarkFraction);
    Jet jet;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt)
        if (tryEvent(rng, quark, jet)) return jet;
    throw std::runtime_error("JetGenerator: no jet in the pT/y window after " +
                             std::to_string(kMaxAttempts) + " events; check the parton pT range");
}

std::vector<Jet> JetGenerator::generate(std::size_t n, const GenerationControl& control) const {
    std::vector<Jet> jets(n);
    const std::size_t chunks = (n + kChunkSize - 1) / kChunkSize;
    std::atomic<std::size_t> nextChunk{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        try {
            for (std::size_t k = nextChunk++; k < chunks && !stop; k = nextChunk++) {
                if (control.cancelled && control.cancelled()) throw GenerationCancelled();
                RandomStream rng(m_seed, k);
                const std::size_t end = std::min(n, (k + 1) * kChunkSize);
                for (std::size_t i = k * kChunkSize; i < end; ++i) jets[i] = generateOne(rng);
                const std::size_t finished = done += end - k * kChunkSize;
                if (control.onProgress) control.onProgress(finished, n);
            }
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
    };
    const int threads = static_cast<int>(std::min<std::size_t>(m_config.threads, std::max<std::size_t>(chunks, 1)));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    return jets;
}

}  // namespace bithep::physics
