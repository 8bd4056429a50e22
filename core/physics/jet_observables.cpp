#include "core/physics/jet_observables.h"

#include <cmath>

namespace bithep::physics {

JetObservables computeObservables(std::span<const Particle> particles) {
    JetObservables o;
    FourVector sum;
    double sumPt = 0.0, sumPt2 = 0.0;
    for (const auto& p : particles) {
        sum += FourVector::fromPtYPhiM(p.pt, p.y, p.phi, 0.0);
        sumPt += p.pt;
        sumPt2 += p.pt * p.pt;
    }
    o.multiplicity = static_cast<int>(particles.size());
    if (sumPt <= 0.0) return o;
    o.ptD = std::sqrt(sumPt2) / sumPt;
    o.mass = sum.mass();
    const double axisY = sum.rapidity(), axisPhi = sum.phi();
    for (const auto& p : particles) {
        const double dy = p.y - axisY, dphi = deltaPhi(p.phi, axisPhi);
        o.girth += p.pt * std::sqrt(dy * dy + dphi * dphi);
    }
    o.girth /= sumPt;
    return o;
}

}  // namespace bithep::physics
