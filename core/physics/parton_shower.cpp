#include "core/physics/parton_shower.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <utility>

namespace bithep::physics {

namespace {
constexpr double kCF = 4.0 / 3.0;
constexpr double kCA = 3.0;
constexpr double kTR = 0.5;
// z(1−z) ≥ ε needs ε ≤ 1/4, i.e. u = ln(E²θ²/Q0²) ≥ 2 ln 4: below that no splitting fits.
const double kUMin = 2.0 * std::log(4.0);
}  // namespace

void ShowerConfig::validate() const {
    auto fail = [](const std::string& what) {
        throw std::invalid_argument("ShowerConfig: " + what);
    };
    if (!(lambdaQcd > 0.0)) fail("lambdaQcd must be > 0");
    if (!(kTCutoff > 1.5 * lambdaQcd)) fail("kTCutoff must exceed 1.5 x lambdaQcd (αs diverges at Λ)");
    if (nfRunning < 3 || nfRunning > 6) fail("nfRunning must be in 3..6");
    if (nfSplitting < 0 || nfSplitting > 3) fail("nfSplitting must be in 0..3 (u, d, s)");
    if (!(thetaMax > 0.0 && thetaMax <= std::numbers::pi)) fail("thetaMax must be in (0, π]");
}

PartonShower::PartonShower(const ShowerConfig& config) : m_config(config) {
    m_config.validate();
    m_b0 = (33.0 - 2.0 * m_config.nfRunning) / (12.0 * std::numbers::pi);
    m_alphaMax = alphaS(m_config.kTCutoff);
}

double PartonShower::alphaS(double kT) const {
    return 1.0 / (m_b0 * std::log(kT * kT / (m_config.lambdaQcd * m_config.lambdaQcd)));
}

void perpendicularBasis(double x, double y, double z, double a[3], double b[3]) {
    const double n = std::sqrt(x * x + y * y + z * z);
    x /= n; y /= n; z /= n;
    // Cross with the coordinate axis least aligned with the vector, for numerical safety.
    double ax, ay, az;
    if (std::abs(x) <= std::abs(y) && std::abs(x) <= std::abs(z)) { ax = 0; ay = z; az = -y; }
    else if (std::abs(y) <= std::abs(z)) { ax = -z; ay = 0; az = x; }
    else { ax = y; ay = -x; az = 0; }
    const double an = std::sqrt(ax * ax + ay * ay + az * az);
    a[0] = ax / an; a[1] = ay / an; a[2] = az / an;
    b[0] = y * a[2] - z * a[1];
    b[1] = z * a[0] - x * a[2];
    b[2] = x * a[1] - y * a[0];
}

bool PartonShower::nextBranching(const Parton& parton, double thetaMax, RandomStream& rng,
                                 Branching& out) const {
    const double energy = parton.p.e;
    const double q0 = m_config.kTCutoff;
    // Overestimates, all of the form c·u per unit u = ln(E²θ²/Q0²) (u ≥ 2 ln 4 makes the
    // constant g→qq̄ rate fit the same form).
    const double cQuark = kCF;
    const double cGG = kCA;
    const double cQQ = kTR * m_config.nfSplitting / kUMin;
    const double cTotal = parton.isGluon() ? cGG + cQQ : cQuark;
    const double a = m_alphaMax / (2.0 * std::numbers::pi) * cTotal;
    double u = std::log(energy * energy * thetaMax * thetaMax / (q0 * q0));
    while (true) {
        // Sudakov of the overestimate: exp(−a/2 (u_max² − u²)), inverted for u.
        const double u2 = u * u + 2.0 * std::log(rng.uniform()) / a;
        if (u2 <= kUMin * kUMin) return false;
        u = std::sqrt(u2);
        const double eps = std::exp(-0.5 * u);
        const double theta = q0 / (energy * eps);
        const double logRange = std::log((1.0 - eps) / eps);
        double z = 0.0, accept = 0.0;
        int idA = parton.id, idB = 21;
        if (!parton.isGluon()) {
            z = 1.0 - eps * std::exp(rng.uniform() * logRange);  // 1−z ∝ 1/(1−z) on [ε, 1−ε]
            accept = 2.0 * logRange / u * 0.5 * (1.0 + z * z);
        } else if (rng.uniform() * cTotal < cGG) {
            z = 1.0 - eps * std::exp(rng.uniform() * logRange);
            if (rng.chance(0.5)) z = 1.0 - z;  // overestimate 1/z + 1/(1−z): pick either pole
            const double y = z * (1.0 - z);
            accept = 2.0 * logRange / u * (z * z + (1.0 - z) * (1.0 - z) + y * y);
        } else {
            z = rng.uniform(eps, 1.0 - eps);
            accept = (1.0 - 2.0 * eps) * kUMin / u * (z * z + (1.0 - z) * (1.0 - z));
            idA = 1 + static_cast<int>(rng.uniform() * m_config.nfSplitting);
            idB = -idA;
        }
        const double kT = z * (1.0 - z) * energy * theta;
        if (kT > q0 && rng.uniform() < accept * alphaS(kT) / m_alphaMax) {
            out = {theta, z, idA, idB};
            return true;
        }
    }
}

std::vector<Parton> PartonShower::shower(const Parton& initiator, RandomStream& rng) const {
    std::vector<Parton> final;
    std::vector<std::pair<Parton, double>> stack{{initiator, m_config.thetaMax}};
    while (!stack.empty()) {
        auto [parton, thetaMax] = stack.back();
        stack.pop_back();
        Branching br;
        if (!nextBranching(parton, thetaMax, rng, br)) {
            final.push_back(parton);
            continue;
        }
        const FourVector& p = parton.p;
        const double pAbs = p.p();
        double ea[3], eb[3];
        perpendicularBasis(p.px, p.py, p.pz, ea, eb);
        const double phi = 2.0 * std::numbers::pi * rng.uniform();
        // Relative transverse momentum for opening angle θ in the small-angle limit.
        const double kT = br.z * (1.0 - br.z) * pAbs * br.theta;
        double k[3];
        for (int i = 0; i < 3; ++i) k[i] = kT * (std::cos(phi) * ea[i] + std::sin(phi) * eb[i]);
        const double z = br.z;
        Parton a{FourVector::onShell(z * p.px + k[0], z * p.py + k[1], z * p.pz + k[2], 0.0), br.daughterA};
        Parton b{FourVector::onShell((1 - z) * p.px - k[0], (1 - z) * p.py - k[1], (1 - z) * p.pz - k[2], 0.0),
                 br.daughterB};
        stack.emplace_back(a, br.theta);  // angular ordering: daughters radiate inside θ
        stack.emplace_back(b, br.theta);
    }
    return final;
}

}  // namespace bithep::physics
