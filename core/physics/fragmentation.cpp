#include "core/physics/fragmentation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bithep::physics {

namespace {

constexpr int kD = 1, kU = 2, kS = 3;

// A colour triplet carried along the chain: a quark (q2 == 0) or an antidiquark (q1 q2).
struct Triplet {
    int q1 = kU, q2 = 0;
};

int mesonId(int q, int qbar, bool vector) {
    if (q == qbar) {
        if (q == kS) return vector ? 333 : 221;
        return vector ? 113 : 111;
    }
    int id = 0;
    const int hi = std::max(q, qbar), lo = std::min(q, qbar);
    if (hi == kU && lo == kD) id = vector ? 213 : 211;   // ud̄ = π⁺
    else if (hi == kS && lo == kU) id = vector ? 323 : 321;  // us̄ = K⁺
    else id = vector ? 313 : 311;                           // ds̄ = K⁰
    // The positive code is the state whose quark (not antiquark) is the lighter-coded partner:
    // π⁺ = u d̄ (q = u), K⁺ = u s̄ (q = u), K⁰ = d s̄ (q = d).
    const bool positive = (id == 211 || id == 213) ? q == kU : q != kS;
    return positive ? id : -id;
}

int baryonId(int q, int a, int b, double decuplet, RandomStream& rng) {
    const int nU = (q == kU) + (a == kU) + (b == kU);
    const int nD = (q == kD) + (a == kD) + (b == kD);
    if (q == kS) return nU == 2 ? 3222 : nU == 1 ? 3122 : 3112;  // Σ⁺, Λ, Σ⁻
    if (nU == 3) return 2224;
    if (nD == 3) return 1114;
    const bool delta = rng.chance(decuplet);
    if (nU == 2) return delta ? 2214 : 2212;
    return delta ? 2114 : 2112;
}

// Creates the next qq̄ (or diquark) pair of a chain: its antitriplet member and `current` form
// the returned hadron, its triplet member becomes `current`.
int nextHadron(Triplet& current, const FragmentationConfig& c, RandomStream& rng) {
    int partner1 = 0, partner2 = 0;
    const bool diquark = current.q2 == 0 && rng.chance(c.diquarkFraction);
    if (diquark) {  // ud : uu : dd = 0.6 : 0.2 : 0.2
        const double r = rng.uniform();
        partner1 = r < 0.8 ? kU : kD;
        partner2 = r < 0.6 ? kD : r < 0.8 ? kU : kD;
    }
    int pid = 0;
    while (pid == 0) {
        if (!diquark) {
            const double r = rng.uniform() * (2.0 + c.strangeness);
            partner1 = r < 1.0 ? kD : r < 2.0 ? kU : kS;
        }
        if (current.q2 != 0) pid = -baryonId(partner1, current.q1, current.q2, c.decupletFraction, rng);
        else if (diquark) pid = baryonId(current.q1, partner1, partner2, c.decupletFraction, rng);
        else pid = mesonId(current.q1, partner1, rng.chance(c.vectorFraction));
        // Light uū/dd̄ pseudoscalars: π⁰ carries half of the state, η a suppressed share;
        // the rest (η′ and suppressed η) is rejected and the pair redrawn, as in Lund.
        if (pid == 111 && !rng.chance(0.5)) pid = rng.chance(0.4) ? 221 : 0;
    }
    current = Triplet{partner1, diquark ? partner2 : 0};
    return pid;
}

}  // namespace

void FragmentationConfig::validate() const {
    auto fail = [](const std::string& what) {
        throw std::invalid_argument("FragmentationConfig: " + what);
    };
    if (!(ffA >= -0.5 && ffA <= 1.0)) fail("ffA must be in [-0.5, 1] (f(z) >= 0)");
    if (!(gluonShareWidth >= 0.0 && gluonShareWidth <= 1.0)) fail("gluonShareWidth must be in [0, 1]");
    if (!(stopMomentum > 0.0)) fail("stopMomentum must be > 0");
    if (!(sigmaPt >= 0.0)) fail("sigmaPt must be >= 0");
    if (!(strangeness >= 0.0 && strangeness <= 1.0)) fail("strangeness must be in [0, 1]");
    if (!(diquarkFraction >= 0.0 && diquarkFraction < 0.5)) fail("diquarkFraction must be in [0, 0.5)");
    if (!(vectorFraction >= 0.0 && vectorFraction <= 1.0)) fail("vectorFraction must be in [0, 1]");
    if (!(decupletFraction >= 0.0 && decupletFraction <= 1.0)) fail("decupletFraction must be in [0, 1]");
}

Fragmentation::Fragmentation(const FragmentationConfig& config) : m_config(config) {
    m_config.validate();
}

double Fragmentation::sampleZ(RandomStream& rng) const {
    // f(z) = (1−a) + 3a(1−z)²; for a ≥ 0 a mixture of uniform and 3(1−z)², for a < 0 (harder
    // than uniform) drawn by rejection against its maximum 1 − a at z = 1.
    const double a = m_config.ffA;
    if (a >= 0.0) return rng.chance(a) ? 1.0 - std::cbrt(rng.uniform()) : rng.uniform();
    while (true) {
        const double z = rng.uniform(), w = 1.0 - z;
        if (rng.uniform() * (1.0 - a) < 1.0 - a + 3.0 * a * w * w) return z;
    }
}

void Fragmentation::hadronize(const std::vector<Parton>& partons, RandomStream& rng,
                              std::vector<Hadron>& out) const {
    for (const auto& parton : partons) {
        if (!parton.isGluon()) {
            fragmentQuark(parton.p, parton.id, rng, out);
            continue;
        }
        const double z = 0.5 + m_config.gluonShareWidth * (rng.uniform() - 0.5);
        const int q = rng.chance(1.0 / (2.0 + m_config.strangeness)) ? kD
                      : rng.chance(1.0 / (1.0 + m_config.strangeness)) ? kU : kS;
        fragmentQuark(z * parton.p, q, rng, out);
        fragmentQuark((1.0 - z) * parton.p, -q, rng, out);
    }
}

void Fragmentation::fragmentQuark(const FourVector& p, int quarkId, RandomStream& rng,
                                  std::vector<Hadron>& out) const {
    const double pAbs = p.p();
    if (pAbs <= 0.0) return;
    const double dir[3] = {p.px / pAbs, p.py / pAbs, p.pz / pAbs};
    double ea[3], eb[3];
    perpendicularBasis(dir[0], dir[1], dir[2], ea, eb);
    const bool anti = quarkId < 0;  // an antiquark chain is the conjugate of a quark chain
    Triplet current{anti ? -quarkId : quarkId, 0};
    double remaining = pAbs, qa = 0.0, qb = 0.0;  // current quark's transverse momentum
    bool first = true;
    // The chain ends below stopMomentum: Field–Feynman drop the rest; with lastHadronTakesRest
    // one more hadron takes it, so the chain carries the parton's whole momentum.
    while (first || remaining > m_config.stopMomentum || (m_config.lastHadronTakesRest && remaining > 0.0)) {
        first = false;
        int pid = nextHadron(current, m_config, rng);
        const double na = m_config.sigmaPt * rng.normal(), nb = m_config.sigmaPt * rng.normal();
        const double ta = qa - na, tb = qb - nb;
        const double z = remaining > m_config.stopMomentum ? sampleZ(rng) : 1.0;  // the soft rest
        const double pl = z * remaining;
        remaining -= pl;
        qa = na;
        qb = nb;
        if (anti) pid = pid == 111 || pid == 113 || pid == 221 || pid == 333 ? pid : -pid;
        Hadron h{FourVector::onShell(pl * dir[0] + ta * ea[0] + tb * eb[0],
                                     pl * dir[1] + ta * ea[1] + tb * eb[1],
                                     pl * dir[2] + ta * ea[2] + tb * eb[2], particleMass(pid)),
                 pid};
        decayToStable(h, rng, out);
    }
}

}  // namespace bithep::physics
