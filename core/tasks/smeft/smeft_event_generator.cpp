#include "core/tasks/smeft/smeft_event_generator.h"

#include <fastjet/ClusterSequence.hh>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numbers>
#include <thread>

namespace bithep::tasks::smeft {

using physics::FourVector;
using physics::Parton;
using physics::RandomStream;

namespace {

// A configuration that keeps fewer than 1 in kMaxAttempts events is reported, not looped on.
constexpr int kMaxAttempts = 10000;
constexpr double kMassZ = 91.1876, kWidthZ = 2.4952, kMassW = 80.377, kWidthW = 2.085;
constexpr double kBreitWignerCut = 10.0;  // masses within ±10 widths (the jet window is wider)

// Orthonormal axes of the V frame: z along the V, x the beam axis made perpendicular to it.
struct Axes {
    double x[3], y[3], z[3];
};

Axes productionAxes(const FourVector& v) {
    Axes a{};
    const double p = v.p();
    a.z[0] = v.px / p, a.z[1] = v.py / p, a.z[2] = v.pz / p;
    // Beam (0, 0, 1) minus its projection on z; never zero because |y_V| is bounded.
    a.x[0] = -a.z[2] * a.z[0], a.x[1] = -a.z[2] * a.z[1], a.x[2] = 1.0 - a.z[2] * a.z[2];
    const double n = std::sqrt(a.x[0] * a.x[0] + a.x[1] * a.x[1] + a.x[2] * a.x[2]);
    for (double& c : a.x) c /= n;
    a.y[0] = a.z[1] * a.x[2] - a.z[2] * a.x[1];
    a.y[1] = a.z[2] * a.x[0] - a.z[0] * a.x[2];
    a.y[2] = a.z[0] * a.x[1] - a.z[1] * a.x[0];
    return a;
}

double dot(const double a[3], double x, double y, double z) { return a[0] * x + a[1] * y + a[2] * z; }

double samplePowerLaw(RandomStream& rng, double lo, double hi, double power) {
    const double r = rng.uniform();
    if (std::abs(power - 1.0) < 1e-9) return lo * std::pow(hi / lo, r);
    const double k = 1.0 - power;
    const double a = std::pow(lo, k), b = std::pow(hi, k);
    return std::pow(a + r * (b - a), 1.0 / k);
}

// Breit–Wigner (Cauchy) truncated to m0 ± kBreitWignerCut·Γ, by inverting its CDF.
double sampleMass(RandomStream& rng, double m0, double gamma) {
    const double t = std::atan(2.0 * kBreitWignerCut);
    return m0 + 0.5 * gamma * std::tan(-t + 2.0 * t * rng.uniform());
}

double deltaR(double y1, double phi1, double y2, double phi2) {
    const double dy = y1 - y2, dphi = physics::deltaPhi(phi1, phi2);
    return std::sqrt(dy * dy + dphi * dphi);
}

// The two quark flavours (PDG ids) of a V decay into light quarks only (no heavy hadrons here).
void decayFlavours(int boson, RandomStream& rng, int& a, int& b) {
    if (boson == 24) a = 2, b = -1;        // W+ → u d̄
    else if (boson == -24) a = 1, b = -2;  // W− → d ū
    else a = 1 + static_cast<int>(rng.uniform() * 3.0), b = -a;  // Z → dd̄, uū, ss̄
    if (rng.chance(0.5)) std::swap(a, b);  // which parton flies along (θ*, φ)
}

}  // namespace

SmeftEventGenerator::SmeftEventGenerator(const SmeftGeneratorConfig& config, std::uint64_t seed)
    : m_config(config), m_seed(seed), m_fragmentation(config.fragmentation) {
    m_config.validate();
    static std::once_flag quiet;  // FastJet's banner must not reach the user's stdout
    std::call_once(quiet, [] { fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr); });
}

bool SmeftEventGenerator::tryEvent(RandomStream& rng, SmeftEvent& ev) const {
    const auto& c = m_config;
    ev.boson = rng.chance(c.wFraction) ? (rng.chance(0.5) ? 24 : -24) : 23;
    const bool isW = ev.boson != 23;
    ev.massV = sampleMass(rng, isW ? kMassW : kMassZ, isW ? kWidthW : kWidthZ);
    ev.ptV = samplePowerLaw(rng, c.ptMin, c.ptMax, c.spectrumPower);
    ev.yV = rng.uniform(-c.absRapidityMax, c.absRapidityMax);
    const FourVector v = FourVector::fromPtYPhiM(ev.ptV, ev.yV, 2.0 * std::numbers::pi * rng.uniform(), ev.massV);
    // cos θ* from the SM distribution by accept–reject, φ flat: the EFT is in the weights.
    const double envelope = c.decay.smMaximum();
    do ev.cosThetaStar = rng.uniform(-1.0, 1.0);
    while (rng.uniform() * envelope > c.decay.sm(ev.cosThetaStar));
    const double phi = 2.0 * std::numbers::pi * rng.uniform();
    ev.phi = std::fmod(phi, std::numbers::pi);

    const Axes axes = productionAxes(v);
    const double st = std::sqrt(1.0 - ev.cosThetaStar * ev.cosThetaStar), half = 0.5 * ev.massV;
    double n[3];
    for (int k = 0; k < 3; ++k)
        n[k] = half * (st * std::cos(phi) * axes.x[k] + st * std::sin(phi) * axes.y[k] + ev.cosThetaStar * axes.z[k]);
    const double bx = v.px / v.e, by = v.py / v.e, bz = v.pz / v.e;
    int idA = 0, idB = 0;
    decayFlavours(ev.boson, rng, idA, idB);
    const Parton qa{FourVector::onShell(n[0], n[1], n[2], 0.0).boosted(bx, by, bz), idA};
    const Parton qb{FourVector::onShell(-n[0], -n[1], -n[2], 0.0).boosted(bx, by, bz), idB};

    // Colour coherence: a singlet qq̄ dipole radiates inside its opening angle.
    physics::ShowerConfig showerConfig = c.shower;
    const double cosOpen = (qa.p.px * qb.p.px + qa.p.py * qb.p.py + qa.p.pz * qb.p.pz) / (qa.p.p() * qb.p.p());
    showerConfig.thetaMax = std::clamp(std::acos(std::clamp(cosOpen, -1.0, 1.0)), 1e-3, c.shower.thetaMax);
    const physics::PartonShower shower(showerConfig);
    auto partons = shower.shower(qa, rng);
    const auto second = shower.shower(qb, rng);
    partons.insert(partons.end(), second.begin(), second.end());
    std::vector<physics::Hadron> hadrons;
    hadrons.reserve(4 * partons.size() + 16);
    m_fragmentation.hadronize(partons, rng, hadrons);
    if (c.ueDensity > 0.0) addUnderlyingEvent(v, rng, hadrons);

    std::vector<fastjet::PseudoJet> inputs;
    inputs.reserve(hadrons.size());
    for (std::size_t i = 0; i < hadrons.size(); ++i) {
        const auto& p = hadrons[i].p;
        if (p.pt2() <= 0.0) continue;
        inputs.emplace_back(p.px, p.py, p.pz, p.e);
        inputs.back().set_user_index(static_cast<int>(i));
    }
    const fastjet::ClusterSequence sequence(inputs, fastjet::JetDefinition(fastjet::antikt_algorithm, c.jetRadius));
    const auto jets = fastjet::sorted_by_pt(sequence.inclusive_jets(0.0));
    if (jets.empty()) return false;
    const auto& jet = jets.front();
    const double mass = jet.m2() > 0.0 ? std::sqrt(jet.m2()) : 0.0;
    if (mass < c.jetMassMin || mass > c.jetMassMax) return false;
    for (const Parton* q : {&qa, &qb})
        if (deltaR(q->p.rapidity(), q->p.phi(), jet.rap(), jet.phi()) > c.jetRadius) return false;
    ev.jetPt = jet.pt();
    ev.jetY = jet.rap();
    ev.jetMass = mass;

    const FourVector j{jet.px(), jet.py(), jet.pz(), jet.e()};
    const Axes frame = productionAxes(j);
    ev.constituents.clear();
    for (const auto& constituent : fastjet::sorted_by_pt(jet.constituents())) {
        if (ev.constituents.size() == c.maxConstituents) break;
        const auto& h = hadrons[static_cast<std::size_t>(constituent.user_index())].p;
        const FourVector r = h.boosted(-j.px / j.e, -j.py / j.e, -j.pz / j.e);
        const double p = std::max(r.p(), 1e-12);
        double azimuth = std::atan2(dot(frame.y, r.px, r.py, r.pz), dot(frame.x, r.px, r.py, r.pz));
        if (azimuth < 0.0) azimuth += 2.0 * std::numbers::pi;
        const double cosTheta = std::clamp(dot(frame.z, r.px, r.py, r.pz) / p, -1.0, 1.0);
        ev.constituents.push_back({h.pt(), std::acos(cosTheta), azimuth, r.e});
    }
    const double d0 = c.decay.sm(ev.cosThetaStar);
    ev.w0 = 1.0;
    ev.w1 = c.decay.interference(ev.ptV, ev.cosThetaStar, ev.phi) / d0;
    ev.w2 = c.decay.quadratic(ev.ptV, ev.cosThetaStar) / d0;
    return true;
}

void SmeftEventGenerator::addUnderlyingEvent(const FourVector& v, RandomStream& rng,
                                             std::vector<physics::Hadron>& hadrons) const {
    // Only a disc around the V can reach its jet; farther particles would be clustered elsewhere.
    constexpr double kMargin = 0.5;
    constexpr double kPionMass = 0.13957;
    const double radius = m_config.jetRadius + kMargin;
    const double mean = m_config.ueDensity * std::numbers::pi * radius * radius;
    int n = 0;  // Poisson by multiplying uniforms (Knuth): the mean stays below ~50 here
    for (double prod = rng.uniform(), limit = std::exp(-mean); prod > limit; prod *= rng.uniform()) ++n;
    const double y0 = v.rapidity(), phi0 = v.phi();
    for (int i = 0; i < n; ++i) {
        const double r = radius * std::sqrt(rng.uniform()), a = 2.0 * std::numbers::pi * rng.uniform();
        const double pt = -m_config.ueMeanPt * std::log(rng.uniform());
        const int pid = rng.chance(1.0 / 3.0) ? 22 : (rng.chance(0.5) ? 211 : -211);
        hadrons.push_back({FourVector::fromPtYPhiM(pt, y0 + r * std::cos(a), phi0 + r * std::sin(a),
                                                   pid == 22 ? 0.0 : kPionMass), pid});
    }
}

SmeftEvent SmeftEventGenerator::generateOne(RandomStream& rng, std::size_t& attempts) const {
    SmeftEvent event;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
        ++attempts;
        if (tryEvent(rng, event)) return event;
    }
    throw std::runtime_error("SmeftEventGenerator: no event passed the jet selection in " +
                             std::to_string(kMaxAttempts) + " tries; check the jet mass window and radius");
}

SmeftSample SmeftEventGenerator::generate(std::size_t n, const physics::GenerationControl& control) const {
    SmeftSample sample;
    sample.events.resize(n);
    const std::size_t chunks = (n + kChunkSize - 1) / kChunkSize;
    std::vector<std::size_t> attempts(chunks, 0);
    std::atomic<std::size_t> nextChunk{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        try {
            for (std::size_t k = nextChunk++; k < chunks && !stop; k = nextChunk++) {
                if (control.cancelled && control.cancelled()) throw physics::GenerationCancelled();
                RandomStream rng(m_seed, k);
                const std::size_t end = std::min(n, (k + 1) * kChunkSize);
                for (std::size_t i = k * kChunkSize; i < end; ++i) sample.events[i] = generateOne(rng, attempts[k]);
                const std::size_t finished = done += end - k * kChunkSize;
                if (control.onProgress) control.onProgress(finished, n);
            }
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
    };
    const auto threads = std::min<std::size_t>(static_cast<std::size_t>(m_config.threads), std::max<std::size_t>(chunks, 1));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    for (std::size_t a : attempts) sample.attempts += a;
    // Unweighted SM events: each carries the same share of the fiducial cross-section.
    const double w0 = n ? m_config.sigmaSmFb * sample.acceptance() / double(n) : 0.0;
    for (auto& e : sample.events) {
        e.w0 = w0;
        e.w1 *= w0;
        e.w2 *= w0;
    }
    return sample;
}

}  // namespace bithep::tasks::smeft
