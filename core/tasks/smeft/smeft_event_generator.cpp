#include "core/tasks/smeft/smeft_event_generator.h"

#include <algorithm>
#include <cmath>
#include <fastjet/ClusterSequence.hh>
#include <numbers>

#include "core/physics/chunked_generation.h"

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

double dot(const double a[3], double x, double y, double z) {
    return a[0] * x + a[1] * y + a[2] * z;
}

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
    if (boson == 24)
        a = 2, b = -1;  // W+ → u d̄
    else if (boson == -24)
        a = 1, b = -2;  // W− → d ū
    else
        a = 1 + static_cast<int>(rng.uniform() * 3.0), b = -a;  // Z → dd̄, uū, ss̄
    if (rng.chance(0.5)) std::swap(a, b);                       // which parton flies along (θ*, φ)
}

// The shower keeps 3-momentum with massless partons, and the fragmentation adds hadron masses and
// transverse kicks and drops chain remnants, so the hadrons' energy is not the V's: at
// pT_V ≈ 600 GeV an energy excess of 0.5 % moves the pair mass by ≈ 25 GeV. As independent-
// fragmentation models do, the hadrons are rescaled in their common rest frame to the V mass and
// boosted onto the V, so their sum is the V four-vector. False if the hadron masses alone exceed it.
bool conserveMomentum(const FourVector& v, std::vector<physics::Hadron>& hadrons) {
    FourVector sum;
    for (const auto& h : hadrons) sum += h.p;
    if (hadrons.empty() || !(sum.m2() > 0.0)) return false;
    const double mV = v.mass();
    std::vector<FourVector> rest(hadrons.size());
    std::vector<double> mass2(hadrons.size()), p2(hadrons.size());
    double massSum = 0.0;
    for (std::size_t i = 0; i < hadrons.size(); ++i) {
        rest[i] = hadrons[i].p.boosted(-sum.px / sum.e, -sum.py / sum.e, -sum.pz / sum.e);
        mass2[i] = std::max(rest[i].m2(), 0.0);
        p2[i] = rest[i].p2();
        massSum += std::sqrt(mass2[i]);
    }
    if (massSum >= mV) return false;
    // Σ sqrt(k² p_i² + m_i²) = m_V is convex and increasing in k: Newton converges from k = 1.
    double k = 1.0;
    for (int it = 0; it < 60; ++it) {
        double f = -mV, df = 0.0;
        for (std::size_t i = 0; i < rest.size(); ++i) {
            const double e = std::sqrt(k * k * p2[i] + mass2[i]);
            f += e;
            df += k * p2[i] / e;
        }
        if (std::abs(f) < 1e-12 * mV || !(df > 0.0)) break;
        k = std::max(k - f / df, 0.5 * k);
    }
    for (std::size_t i = 0; i < rest.size(); ++i)
        hadrons[i].p =
            FourVector::onShell(k * rest[i].px, k * rest[i].py, k * rest[i].pz, std::sqrt(mass2[i]))
                .boosted(v.px / v.e, v.py / v.e, v.pz / v.e);
    return true;
}

// The hardest `max` constituents of `jet` in its rest frame (axes as for the V).
std::vector<FrameParticle> frameConstituents(const fastjet::PseudoJet& jet,
                                             const std::vector<physics::Hadron>& hadrons, std::size_t max) {
    const FourVector j{jet.px(), jet.py(), jet.pz(), jet.e()};
    const Axes frame = productionAxes(j);
    std::vector<FrameParticle> out;
    for (const auto& constituent : fastjet::sorted_by_pt(jet.constituents())) {
        if (out.size() == max) break;
        const auto& h = hadrons[static_cast<std::size_t>(constituent.user_index())].p;
        const FourVector r = h.boosted(-j.px / j.e, -j.py / j.e, -j.pz / j.e);
        const double p = std::max(r.p(), 1e-12);
        double azimuth = std::atan2(dot(frame.y, r.px, r.py, r.pz), dot(frame.x, r.px, r.py, r.pz));
        if (azimuth < 0.0) azimuth += 2.0 * std::numbers::pi;
        const double cosTheta = std::clamp(dot(frame.z, r.px, r.py, r.pz) / p, -1.0, 1.0);
        out.push_back({h.pt(), std::acos(cosTheta), azimuth, r.e});
    }
    return out;
}

}  // namespace

DecayAngles decayAngles(const FourVector& v, const FourVector& daughter) {
    const Axes axes = productionAxes(v);
    const FourVector r = daughter.boosted(-v.px / v.e, -v.py / v.e, -v.pz / v.e);
    const double p = std::max(r.p(), 1e-300);
    DecayAngles a;
    a.cosTheta = std::clamp(dot(axes.z, r.px, r.py, r.pz) / p, -1.0, 1.0);
    a.phi = std::atan2(dot(axes.y, r.px, r.py, r.pz), dot(axes.x, r.px, r.py, r.pz));
    if (a.phi < 0.0) a.phi += std::numbers::pi;
    if (a.phi >= std::numbers::pi) a.phi -= std::numbers::pi;
    return a;
}

SmeftEventGenerator::SmeftEventGenerator(const SmeftGeneratorConfig& config, std::uint64_t seed)
    : m_config(config), m_seed(seed), m_fragmentation(config.fragmentation) {
    m_config.validate();
    static std::once_flag quiet;  // FastJet's banner must not reach the user's stdout
    std::call_once(quiet, [] { fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr); });
}

SmeftEventGenerator::Decay SmeftEventGenerator::decayV(RandomStream& rng, SmeftEvent& ev) const {
    const auto& c = m_config;
    ev.boson = rng.chance(c.wFraction) ? (rng.chance(0.5) ? 24 : -24) : 23;
    const bool isW = ev.boson != 23;
    ev.massV = sampleMass(rng, isW ? kMassW : kMassZ, isW ? kWidthW : kWidthZ);
    ev.ptV = samplePowerLaw(rng, c.ptMin, c.ptMax, c.spectrumPower);
    ev.yV = rng.uniform(-c.absRapidityMax, c.absRapidityMax);
    Decay d;
    d.v = FourVector::fromPtYPhiM(ev.ptV, ev.yV, 2.0 * std::numbers::pi * rng.uniform(), ev.massV);
    // cos θ* from the SM distribution by accept–reject, φ flat: the EFT is in the weights.
    const double envelope = c.decay.smMaximum();
    do ev.cosThetaStar = rng.uniform(-1.0, 1.0);
    while (rng.uniform() * envelope > c.decay.sm(ev.cosThetaStar));
    const double phi = 2.0 * std::numbers::pi * rng.uniform();
    ev.phi = std::fmod(phi, std::numbers::pi);

    const Axes axes = productionAxes(d.v);
    const double st = std::sqrt(1.0 - ev.cosThetaStar * ev.cosThetaStar), half = 0.5 * ev.massV;
    double n[3];
    for (int k = 0; k < 3; ++k)
        n[k] = half * (st * std::cos(phi) * axes.x[k] + st * std::sin(phi) * axes.y[k] +
                       ev.cosThetaStar * axes.z[k]);
    const double bx = d.v.px / d.v.e, by = d.v.py / d.v.e, bz = d.v.pz / d.v.e;
    int idA = 0, idB = 0;
    decayFlavours(ev.boson, rng, idA, idB);
    d.a = {FourVector::onShell(n[0], n[1], n[2], 0.0).boosted(bx, by, bz), idA};
    d.b = {FourVector::onShell(-n[0], -n[1], -n[2], 0.0).boosted(bx, by, bz), idB};
    return d;
}

std::vector<physics::Hadron> SmeftEventGenerator::hadronize(const Decay& d, RandomStream& rng) const {
    // Colour coherence: a singlet qq̄ dipole radiates inside its opening angle.
    physics::ShowerConfig showerConfig = m_config.shower;
    const FourVector &a = d.a.p, &b = d.b.p;
    const double cosOpen = (a.px * b.px + a.py * b.py + a.pz * b.pz) / (a.p() * b.p());
    showerConfig.thetaMax =
        std::clamp(std::acos(std::clamp(cosOpen, -1.0, 1.0)), 1e-3, m_config.shower.thetaMax);
    const physics::PartonShower shower(showerConfig);
    auto partons = shower.shower(d.a, rng);
    const auto second = shower.shower(d.b, rng);
    partons.insert(partons.end(), second.begin(), second.end());
    std::vector<physics::Hadron> hadrons;
    hadrons.reserve(4 * partons.size() + 16);
    m_fragmentation.hadronize(partons, rng, hadrons);
    if (!conserveMomentum(d.v, hadrons)) return {};
    if (m_config.ueDensity > 0.0) addUnderlyingEvent(d.v, rng, hadrons);
    return hadrons;
}

bool SmeftEventGenerator::tryEvent(RandomStream& rng, SmeftEvent& ev) const {
    const auto& c = m_config;
    const Decay d = decayV(rng, ev);
    const auto hadrons = hadronize(d, rng);
    if (hadrons.empty()) return false;
    std::vector<fastjet::PseudoJet> inputs;
    inputs.reserve(hadrons.size());
    for (std::size_t i = 0; i < hadrons.size(); ++i) {
        const auto& p = hadrons[i].p;
        if (p.pt2() <= 0.0) continue;
        inputs.emplace_back(p.px, p.py, p.pz, p.e);
        inputs.back().set_user_index(static_cast<int>(i));
    }
    const fastjet::ClusterSequence sequence(inputs,
                                            fastjet::JetDefinition(fastjet::antikt_algorithm, c.jetRadius));
    const auto jets = fastjet::sorted_by_pt(sequence.inclusive_jets(0.0));
    if (jets.empty()) return false;
    const auto& jet = jets.front();
    const double mass = jet.m2() > 0.0 ? std::sqrt(jet.m2()) : 0.0;
    if (mass < c.jetMassMin || mass > c.jetMassMax) return false;
    for (const Parton* q : {&d.a, &d.b})
        if (deltaR(q->p.rapidity(), q->p.phi(), jet.rap(), jet.phi()) > c.jetRadius) return false;
    ev.jetPt = jet.pt();
    ev.jetY = jet.rap();
    ev.jetMass = mass;
    ev.constituents = frameConstituents(jet, hadrons, c.maxConstituents);
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
                                                   pid == 22 ? 0.0 : kPionMass),
                           pid});
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
    std::vector<std::size_t> attempts((n + kChunkSize - 1) / kChunkSize, 0);  // per chunk: no lock
    sample.events = physics::generateInChunks<SmeftEvent>(
        n, kChunkSize, m_config.threads, m_seed, control,
        [&](std::size_t i, RandomStream& rng) { return generateOne(rng, attempts[i / kChunkSize]); });
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
