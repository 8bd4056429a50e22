#pragma once
// Minimal Lorentz four-vector (px, py, pz, E in GeV) for the jet generator: the shower, the
// fragmentation and the decays need sums, boosts and the collider coordinates (pT, y, φ, m).
// Double precision throughout because hadron momenta are built by subtracting large numbers.
#include <cmath>
#include <numbers>

namespace bithep::physics {

struct FourVector {
    double px = 0.0, py = 0.0, pz = 0.0, e = 0.0;

    static FourVector fromPtYPhiM(double pt, double y, double phi, double m) {
        const double mt = std::sqrt(pt * pt + m * m);
        return {pt * std::cos(phi), pt * std::sin(phi), mt * std::sinh(y), mt * std::cosh(y)};
    }
    // A particle of mass m moving along (px, py, pz).
    static FourVector onShell(double x, double y, double z, double m) {
        return {x, y, z, std::sqrt(x * x + y * y + z * z + m * m)};
    }

    double pt2() const { return px * px + py * py; }
    double pt() const { return std::sqrt(pt2()); }
    double p2() const { return pt2() + pz * pz; }
    double p() const { return std::sqrt(p2()); }
    double m2() const { return e * e - p2(); }
    // Negative m² from rounding is reported as mass 0.
    double mass() const { return m2() > 0.0 ? std::sqrt(m2()) : 0.0; }
    double phi() const {
        const double f = std::atan2(py, px);
        return f < 0.0 ? f + 2.0 * std::numbers::pi : f;  // [0, 2π) as in the energyflow files
    }
    // Rapidity; a particle along the beam (E = |pz|) is clamped far forward instead of infinite.
    double rapidity() const {
        const double num = e + pz, den = e - pz;
        if (num <= 0.0 || den <= 0.0) return pz >= 0.0 ? 1e3 : -1e3;
        return 0.5 * std::log(num / den);
    }

    FourVector& operator+=(const FourVector& o) {
        px += o.px; py += o.py; pz += o.pz; e += o.e;
        return *this;
    }
    friend FourVector operator+(FourVector a, const FourVector& b) { return a += b; }
    friend FourVector operator-(const FourVector& a, const FourVector& b) {
        return {a.px - b.px, a.py - b.py, a.pz - b.pz, a.e - b.e};
    }
    friend FourVector operator*(double s, const FourVector& a) {
        return {s * a.px, s * a.py, s * a.pz, s * a.e};
    }

    // Boost by velocity (bx, by, bz), |β| < 1: takes a rest-frame momentum into the lab.
    FourVector boosted(double bx, double by, double bz) const {
        const double b2 = bx * bx + by * by + bz * bz;
        if (b2 <= 0.0) return *this;
        const double gamma = 1.0 / std::sqrt(1.0 - b2);
        const double bp = bx * px + by * py + bz * pz;
        const double g2 = (gamma - 1.0) / b2;
        return {px + g2 * bp * bx + gamma * bx * e, py + g2 * bp * by + gamma * by * e,
                pz + g2 * bp * bz + gamma * bz * e, gamma * (e + bp)};
    }
};

// Azimuthal difference wrapped to (-π, π].
inline double deltaPhi(double a, double b) {
    double d = std::fmod(a - b, 2.0 * std::numbers::pi);
    if (d > std::numbers::pi) d -= 2.0 * std::numbers::pi;
    if (d <= -std::numbers::pi) d += 2.0 * std::numbers::pi;
    return d;
}

}  // namespace bithep::physics
