#include "core/physics/jet_substructure.h"

#include <algorithm>
#include <cmath>
#include <fastjet/ClusterSequence.hh>
#include <limits>
#include <mutex>

namespace bithep::physics {

namespace {

struct Axis {
    double y = 0, phi = 0;
};

Axis jetAxis(std::span<const Particle> particles) {
    FourVector sum;
    for (const auto& p : particles) sum += FourVector::fromPtYPhiM(p.pt, p.y, p.phi, 0.0);
    return {sum.rapidity(), sum.phi()};
}

double distance(const Particle& p, double y, double phi) {
    const double dy = p.y - y, dphi = deltaPhi(p.phi, phi);
    return std::sqrt(dy * dy + dphi * dphi);
}

// τ_N (β = 1, unnormalised: the ratio τ₂/τ₁ needs no R₀) against the given axes.
double nSubjettiness(std::span<const Particle> particles, const std::vector<fastjet::PseudoJet>& axes) {
    double tau = 0.0;
    for (const auto& p : particles) {
        double best = std::numeric_limits<double>::infinity();
        for (const auto& axis : axes) best = std::min(best, distance(p, axis.rap(), axis.phi()));
        tau += p.pt * best;
    }
    return tau;
}

}  // namespace

JetSubstructure computeSubstructure(std::span<const Particle> particles, double jetRadius) {
    JetSubstructure s;
    double sumPt = 0.0, leading = 0.0;
    for (const auto& p : particles) {
        sumPt += p.pt;
        leading = std::max(leading, p.pt);
    }
    if (sumPt <= 0.0) return s;
    s.leadingFraction = leading / sumPt;
    const Axis axis = jetAxis(particles);
    for (const auto& p : particles) s.lha += p.pt / sumPt * std::sqrt(distance(p, axis.y, axis.phi) / jetRadius);
    if (particles.size() < 2) return s;
    std::vector<fastjet::PseudoJet> inputs;
    inputs.reserve(particles.size());
    for (const auto& p : particles) {
        const FourVector v = FourVector::fromPtYPhiM(p.pt, p.y, p.phi, 0.0);
        inputs.emplace_back(v.px, v.py, v.pz, v.e);
    }
    static std::once_flag quiet;
    std::call_once(quiet, [] { fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr); });
    // The exclusive-kT axes, the standard seeds of N-subjettiness; the largest R FastJet allows
    // means no constituent is ever merged with the beam, so exclusive_jets(n) returns n axes.
    const fastjet::ClusterSequence sequence(
        inputs, fastjet::JetDefinition(fastjet::kt_algorithm, fastjet::JetDefinition::max_allowable_R));
    const double tau1 = nSubjettiness(particles, sequence.exclusive_jets(1));
    // Two constituents sit on their own axes: τ₂ = 0 exactly.
    const double tau2 = particles.size() == 2 ? 0.0 : nSubjettiness(particles, sequence.exclusive_jets(2));
    s.tau21 = tau1 > 0.0 ? tau2 / tau1 : 0.0;
    return s;
}

void constituentDeltaR(std::span<const Particle> particles, std::vector<double>& out) {
    if (particles.empty()) return;
    const Axis axis = jetAxis(particles);
    for (const auto& p : particles) out.push_back(distance(p, axis.y, axis.phi));
}

}  // namespace bithep::physics
