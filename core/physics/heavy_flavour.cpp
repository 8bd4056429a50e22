#include "core/physics/heavy_flavour.h"

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "core/physics/parton_shower.h"

namespace bithep::physics {

namespace {

constexpr std::array<HeavyHadronProperties, 8> kHeavy{{
    {521, 5.27934, 0.491, 1},
    {511, 5.27966, 0.455, 0},
    {531, 5.36692, 0.453, 0},
    {5122, 5.61960, 0.441, 0},
    {411, 1.86966, 0.312, 1},
    {421, 1.86484, 0.123, 0},
    {431, 1.96835, 0.150, 1},
    {4122, 2.28646, 0.060, 1},
}};

constexpr int kNeutrino = 0;  // the id a neutrino daughter gets: massless, never kept

const HeavyHadronProperties* find(int pid) {
    const int a = pid < 0 ? -pid : pid;
    for (const auto& h : kHeavy)
        if (h.pid == a) return &h;
    return nullptr;
}

double massOf(int pid) {
    if (pid == kNeutrino) return 0.0;
    if (const auto* h = find(pid)) return h->mass;
    return particleMass(pid);
}

bool isBottom(int pid) {
    const int a = pid < 0 ? -pid : pid;
    return a == 521 || a == 511 || a == 531 || a == 5122;
}

// Whether the hadron carries a quark (b or c) rather than an antiquark: B mesons are named after
// their b̄ (B⁺ = u b̄), so a b-quark meson has a negative id; baryons and D mesons are the reverse.
bool carriesQuark(int pid) {
    const int a = pid < 0 ? -pid : pid;
    const bool meson = a < 1000;
    return isBottom(pid) && meson ? pid < 0 : pid > 0;
}

// Daughter of the heavy-quark transition with the same spectator, for the quark (not antiquark)
// state; the caller conjugates.
int spectatorDaughter(int absPid) {
    switch (absPid) {
        case 521:
            return 421;  // bū → cū
        case 511:
            return 411;  // bd̄ → cd̄
        case 531:
            return 431;  // bs̄ → cs̄
        case 5122:
            return 4122;  // bud → cud
        case 421:
            return -321;  // cū → sū = K⁻
        case 411:
            return -311;  // cd̄ → sd̄ = K̄⁰
        case 431:
            return 333;  // cs̄ → ss̄ = φ
        default:
            return 3122;  // cud → sud = Λ
    }
}

double semileptonicFraction(int absPid) {
    if (isBottom(absPid)) return 0.21;
    return absPid == 411 ? 0.16 : 0.07;
}

int conjugateLight(int pid) {
    return pid == 111 || pid == 333 || pid == kNeutrino ? pid : -pid;
}

// Isotropic two-body decay of `parent` (lab four-vector, mass m) into masses ma, mb; lab momenta.
void twoBody(const FourVector& parent, double m, double ma, double mb, RandomStream& rng, FourVector& a,
             FourVector& b) {
    const double s = m * m;
    const double lambda = (s - (ma + mb) * (ma + mb)) * (s - (ma - mb) * (ma - mb));
    const double q = std::sqrt(std::max(lambda, 0.0)) / (2.0 * m);
    const double cosT = rng.uniform(-1.0, 1.0), sinT = std::sqrt(std::max(0.0, 1.0 - cosT * cosT));
    const double phi = 2.0 * std::numbers::pi * rng.uniform();
    const double qx = q * sinT * std::cos(phi), qy = q * sinT * std::sin(phi), qz = q * cosT;
    const double bx = parent.px / parent.e, by = parent.py / parent.e, bz = parent.pz / parent.e;
    a = FourVector::onShell(qx, qy, qz, ma).boosted(bx, by, bz);
    b = FourVector::onShell(-qx, -qy, -qz, mb).boosted(bx, by, bz);
}

// n-body decay as successive two-body decays; the rest system after daughter k has a mass
// uniform between the sum of the remaining daughter masses and what daughter k leaves.
std::vector<FourVector> multiBody(const FourVector& parent, double m, const std::vector<int>& ids,
                                  RandomStream& rng) {
    std::vector<FourVector> out(ids.size());
    FourVector rest = parent;
    double restMass = m;
    for (std::size_t k = 0; k + 1 < ids.size(); ++k) {
        double below = 0.0;
        for (std::size_t j = k + 1; j < ids.size(); ++j) below += massOf(ids[j]);
        const double mk = massOf(ids[k]);
        const double next = k + 2 == ids.size() ? below : rng.uniform(below, restMass - mk);
        FourVector restNext;
        twoBody(rest, restMass, mk, next, rng, out[k], restNext);
        rest = restNext;
        restMass = next;
    }
    out.back() = rest;
    return out;
}

// Visible daughters of the virtual W⁺ (the caller conjugates for W⁻).
std::vector<int> wPlusDaughters(double semileptonic, RandomStream& rng) {
    if (rng.chance(semileptonic)) return {rng.chance(0.5) ? -11 : -13, kNeutrino};
    const double r = rng.uniform();
    if (r < 0.30) return {211};
    if (r < 0.60) return {211, 111};
    if (r < 0.85) return {211, 211, -211};
    return {211, 211, -211, 111};
}

}  // namespace

HeavyHadronProperties heavyHadron(int pid) {
    const auto* h = find(pid);
    if (!h) throw std::invalid_argument("heavy hadron table: unknown PDG id " + std::to_string(pid));
    HeavyHadronProperties p = *h;
    p.pid = pid;
    if (pid < 0) p.charge = -p.charge;
    return p;
}

bool isHeavyHadron(int pid) {
    return find(pid) != nullptr;
}

double samplePeterson(double epsilon, RandomStream& rng) {
    if (!(epsilon > 0.0 && epsilon < 1.0)) throw std::invalid_argument("Peterson epsilon must be in (0, 1)");
    // The maximum of f on a fine grid bounds the rejection (f is smooth with one peak).
    auto f = [epsilon](double z) {
        const double d = 1.0 - 1.0 / z - epsilon / (1.0 - z);
        return 1.0 / (z * d * d);
    };
    double fMax = 0.0;
    for (int i = 1; i < 1000; ++i) fMax = std::max(fMax, f(i / 1000.0));
    fMax *= 1.05;
    while (true) {
        const double z = rng.uniform();
        if (rng.uniform() * fMax < f(z)) return z;
    }
}

int formHeavyHadron(int quarkId, double strangeness, double baryonFraction, RandomStream& rng, int& partner) {
    const int a = quarkId < 0 ? -quarkId : quarkId;
    if (a != 4 && a != 5)
        throw std::invalid_argument("formHeavyHadron: quark id " + std::to_string(quarkId) +
                                    " is not c or b");
    const int sign = quarkId > 0 ? 1 : -1;
    if (rng.chance(baryonFraction)) {
        // Q + (ud) diquark; the chain continues from the ū d̄ side, taken as a light antiquark.
        partner = -sign * 2;
        return sign * (a == 5 ? 5122 : 4122);
    }
    const double r = rng.uniform() * (2.0 + strangeness);
    const int spectator = r < 1.0 ? 2 : r < 2.0 ? 1 : 3;  // u, d, s antiquark joins the heavy quark
    partner = sign * spectator;                           // its partner quark continues the chain
    int meson = 0;
    if (a == 5)
        meson = spectator == 2 ? 521 : spectator == 1 ? 511 : 531;
    else
        meson = spectator == 2 ? 421 : spectator == 1 ? 411 : 431;
    // A b quark sits in B⁻, B̄⁰, B̄_s (negative ids); a c quark in D⁰, D⁺, D_s⁺ (positive ids).
    return a == 5 ? -sign * meson : sign * meson;
}

void decayHeavyHadron(const Hadron& hadron, const double origin[3], RandomStream& rng,
                      std::vector<DisplacedHadron>& out) {
    const HeavyHadronProperties props = heavyHadron(hadron.pid);
    const double p = hadron.p.p();
    const double flight = p / props.mass * props.ctau * -std::log(rng.uniform());
    const double vertex[3] = {origin[0] + flight * hadron.p.px / p, origin[1] + flight * hadron.p.py / p,
                              origin[2] + flight * hadron.p.pz / p};
    const int absPid = hadron.pid < 0 ? -hadron.pid : hadron.pid;
    const bool quark = carriesQuark(hadron.pid);
    // The quark state's daughters: b → c W⁻ gives a W⁻, c → s W⁺ a W⁺.
    std::vector<int> ids{spectatorDaughter(absPid)};
    std::vector<int> w = wPlusDaughters(semileptonicFraction(absPid), rng);
    if (isBottom(absPid))
        for (int& id : w) id = conjugateLight(id);
    ids.insert(ids.end(), w.begin(), w.end());
    if (!quark)
        for (int& id : ids) id = isHeavyHadron(id) ? -id : conjugateLight(id);
    const auto momenta = multiBody(hadron.p, props.mass, ids, rng);
    std::vector<Hadron> stable;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        if (ids[k] == kNeutrino) continue;
        const Hadron daughter{momenta[k], ids[k]};
        if (isHeavyHadron(ids[k])) {
            decayHeavyHadron(daughter, vertex, rng, out);
            continue;
        }
        stable.clear();
        decayToStable(daughter, rng, stable);
        for (const auto& h : stable) out.push_back({h, vertex[0], vertex[1], vertex[2]});
    }
}

}  // namespace bithep::physics
