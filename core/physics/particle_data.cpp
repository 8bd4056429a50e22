#include "core/physics/particle_data.h"

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bithep::physics {

namespace {

struct Entry {
    int pid;
    double mass;  // GeV (PDG 2022), resonance widths neglected
    int charge;
    bool selfConjugate;
};

constexpr std::array<Entry, 25> kTable{{
    {22, 0.0, 0, true},           {11, 0.000511, -1, false},    {13, 0.105658, -1, false},
    {111, 0.134977, 0, true},     {211, 0.139570, 1, false},    {221, 0.547862, 0, true},
    {113, 0.775260, 0, true},     {213, 0.775110, 1, false},    {130, 0.497611, 0, true},
    {310, 0.497611, 0, true},     {311, 0.497611, 0, false},    {321, 0.493677, 1, false},
    {313, 0.895550, 0, false},    {323, 0.891670, 1, false},    {333, 1.019461, 0, true},
    {2212, 0.938272, 1, false},   {2112, 0.939565, 0, false},   {3122, 1.115683, 0, false},
    {3222, 1.189370, 1, false},   {3112, 1.197449, -1, false},  {2224, 1.232000, 2, false},
    {1114, 1.232000, -1, false},  {2214, 1.232000, 1, false},   {2114, 1.232000, 0, false},
    {331, 0.957780, 0, true},
}};

const Entry& lookup(int pid) {
    const int a = pid < 0 ? -pid : pid;
    for (const auto& e : kTable)
        if (e.pid == a && (pid > 0 || !e.selfConjugate)) return e;
    throw std::invalid_argument("particle table: unknown PDG id " + std::to_string(pid));
}

struct Channel {
    double probability;
    int a, b;
};

// Dominant two-body modes, renormalised to 1 where three-body modes are dropped (ω, η' and the
// 3π modes of η are not generated; φ→3π is folded into the kaon modes).
struct DecayMode {
    int parent;
    std::array<Channel, 3> channels;
};

constexpr std::array<DecayMode, 17> kDecays{{
    {111, {{{1.0, 22, 22}}}},
    {221, {{{1.0, 22, 22}}}},  // the generator's η decays to γγ only
    {331, {{{1.0, 22, 22}}}},
    {310, {{{0.692, 211, -211}, {0.308, 111, 111}}}},
    {311, {{{0.5, 310, 0}, {0.5, 130, 0}}}},  // K⁰ is observed as K_S or K_L (b = 0: no partner)
    {113, {{{1.0, 211, -211}}}},
    {213, {{{1.0, 211, 111}}}},
    {313, {{{2.0 / 3.0, 321, -211}, {1.0 / 3.0, 311, 111}}}},
    {323, {{{2.0 / 3.0, 311, 211}, {1.0 / 3.0, 321, 111}}}},
    {333, {{{0.59, 321, -321}, {0.41, 310, 130}}}},
    {3122, {{{0.64, 2212, -211}, {0.36, 2112, 111}}}},
    {3222, {{{0.52, 2212, 111}, {0.48, 2112, 211}}}},
    {3112, {{{1.0, 2112, -211}}}},
    {2224, {{{1.0, 2212, 211}}}},
    {1114, {{{1.0, 2112, -211}}}},
    {2214, {{{2.0 / 3.0, 2212, 111}, {1.0 / 3.0, 2112, 211}}}},
    {2114, {{{2.0 / 3.0, 2112, 111}, {1.0 / 3.0, 2212, -211}}}},
}};

int conjugate(int pid) { return lookup(pid).selfConjugate ? pid : -pid; }

const DecayMode* findDecay(int pid) {
    const int a = pid < 0 ? -pid : pid;
    for (const auto& d : kDecays)
        if (d.parent == a) return &d;
    return nullptr;
}

// Two-body decay of a particle at rest into masses ma, mb, isotropic, then boosted.
void twoBody(const Hadron& parent, int a, int b, RandomStream& rng, std::vector<Hadron>& out) {
    const double m = particleMass(parent.pid), ma = particleMass(a), mb = particleMass(b);
    const double s = m * m;
    const double lambda = (s - (ma + mb) * (ma + mb)) * (s - (ma - mb) * (ma - mb));
    const double q = std::sqrt(std::max(lambda, 0.0)) / (2.0 * m);
    const double cosT = rng.uniform(-1.0, 1.0);
    const double sinT = std::sqrt(std::max(0.0, 1.0 - cosT * cosT));
    const double phi = 2.0 * std::numbers::pi * rng.uniform();
    const double qx = q * sinT * std::cos(phi), qy = q * sinT * std::sin(phi), qz = q * cosT;
    const FourVector& P = parent.p;
    const double bx = P.px / P.e, by = P.py / P.e, bz = P.pz / P.e;
    decayToStable({FourVector::onShell(qx, qy, qz, ma).boosted(bx, by, bz), a}, rng, out);
    decayToStable({FourVector::onShell(-qx, -qy, -qz, mb).boosted(bx, by, bz), b}, rng, out);
}

}  // namespace

double particleMass(int pid) { return lookup(pid).mass; }
int particleCharge(int pid) { return pid > 0 ? lookup(pid).charge : -lookup(pid).charge; }

bool isStable(int pid) {
    lookup(pid);
    return findDecay(pid) == nullptr;
}

void decayToStable(const Hadron& hadron, RandomStream& rng, std::vector<Hadron>& out) {
    const DecayMode* mode = findDecay(hadron.pid);
    if (mode == nullptr) {
        lookup(hadron.pid);  // reject ids outside the table
        out.push_back(hadron);
        return;
    }
    double r = rng.uniform();
    const Channel* chosen = &mode->channels[0];
    for (const auto& c : mode->channels) {
        if (c.probability <= 0.0) break;
        chosen = &c;
        if (r < c.probability) break;
        r -= c.probability;
    }
    const bool anti = hadron.pid < 0;
    const int a = anti ? conjugate(chosen->a) : chosen->a;
    if (chosen->b == 0) {  // flavour eigenstate → mass eigenstate, same momentum
        decayToStable({hadron.p, a}, rng, out);
        return;
    }
    const int b = anti ? conjugate(chosen->b) : chosen->b;
    twoBody(hadron, a, b, rng, out);
}

}  // namespace bithep::physics
