#pragma once
// The EFT physics of the SMEFT task in one place: the angular distribution of a boosted
// hadronic V → qq̄ decay in diboson production, with the Standard Model term and the
// interference and square of the dimension-6 operator O_W (coefficient c_W, scale Λ).
// Per event the rate is w(c) = w0 + c·w1 + c²·w2 with, in the V rest frame (θ* the quark's
// polar angle to the V flight direction, φ its azimuth around it from the production plane):
//   D0 = (1 − fL)·3/8·(1 + cos²θ*) + fL·3/4·sin²θ*            (SM transverse + longitudinal)
//   D1 = (1 − fL)·3/4·a(pT)·sin²θ*·cos 2φ                       (SM × O_W interference)
//   D2 = (1 − fL)·3/8·a(pT)²·(1 + cos²θ*)                       (O_W squared)
// with a(pT) = κ·pT²/Λ². O_W makes the same-helicity transverse states that do not interfere
// with the SM after integrating over the decay; the interference reappears only in the cos 2φ
// modulation ("interference resurrection", Panico–Riva–Wulzer), growing like E²/Λ². D1 comes from
// |A₋ d₋ e^{−iφ} + c·a·A₊ d₊ e^{iφ}|² with d± = (1 ± cos θ*)/2 averaged over which parton is the
// quark, so w(c) ≥ 0 for every c (a perfect square plus the longitudinal part).
#include <numbers>

namespace bithep::tasks::smeft {

struct DecayPlaneModel {
    double longitudinalFraction = 0.15;  // fL: SM share of longitudinal hadronic V at high pT
    double kappa = 1.0;                  // a(pT) = κ·pT²/Λ²
    double lambdaGeV = 1000.0;           // Λ

    double amplitudeRatio(double ptV) const { return kappa * ptV * ptV / (lambdaGeV * lambdaGeV); }
    // Normalised to 1 over cos θ* ∈ [−1, 1] (and 2π in φ, not included).
    double sm(double cosTheta) const;
    double interference(double ptV, double cosTheta, double phi) const;
    double quadratic(double ptV, double cosTheta) const;
    // Largest value of sm() on [−1, 1], the envelope for accept–reject sampling of cos θ*.
    double smMaximum() const;
    void validate() const;  // throws std::invalid_argument naming the bad field
};

}  // namespace bithep::tasks::smeft
