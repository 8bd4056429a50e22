#include "core/tasks/smeft/smeft_features.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bithep::tasks::smeft {

namespace {
constexpr double kPtReference = 500.0;  // GeV: jet pT feature is ln(pT_J / 500 GeV), O(1)
constexpr double kPi = std::numbers::pi;
}  // namespace

double wrapHalfPi(double angle) {
    double d = std::fmod(angle, kPi);
    if (d > 0.5 * kPi) d -= kPi;
    if (d <= -0.5 * kPi) d += kPi;
    return d;
}

double naiveDecayPlane(const SmeftEvent& event) {
    double x = 0.0, y = 0.0;
    for (const auto& p : event.constituents) {
        const double w = p.pt * std::sin(p.theta);
        x += w * std::cos(2.0 * p.phi);
        y += w * std::sin(2.0 * p.phi);
    }
    double psi = 0.5 * std::atan2(y, x);
    return psi < 0.0 ? psi + kPi : psi;
}

SmeftBatch buildSmeftBatch(const SmeftDataset& dataset, std::span<const std::size_t> events,
                           std::size_t maxParticles) {
    SmeftBatch b;
    b.batch = events.size();
    for (std::size_t e : events) {
        if (e >= dataset.size())
            throw std::out_of_range("smeft features: event " + std::to_string(e) +
                                    " outside the dataset of " + std::to_string(dataset.size()));
        if (dataset.events[e].constituents.empty())
            throw std::invalid_argument("smeft features: event " + std::to_string(e) +
                                        " has no constituents");
        b.particles = std::max(b.particles, dataset.events[e].constituents.size());
    }
    if (maxParticles > 0) b.particles = std::min(b.particles, maxParticles);
    const std::size_t rows = b.batch * b.particles, d = SmeftBatch::kFeatureDim;
    b.features.assign(rows * d, 0.0f);
    b.mask.assign(rows, 0.0f);
    b.ptWeight.assign(rows, 0.0f);
    b.cos2Phi.assign(rows, 0.0f);
    b.sin2Phi.assign(rows, 0.0f);
    b.targetPhi.resize(b.batch);
    for (std::size_t j = 0; j < b.batch; ++j) {
        const SmeftEvent& ev = dataset.events[events[j]];
        b.targetPhi[j] = static_cast<float>(ev.phi);
        const double psi0 = naiveDecayPlane(ev);
        const std::size_t n = std::min(b.particles, ev.constituents.size());
        double ptSum = 0.0;
        for (std::size_t i = 0; i < n; ++i) ptSum += ev.constituents[i].pt;
        const double halfMass = std::max(0.5 * ev.jetMass, 1e-3);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& p = ev.constituents[i];
            const std::size_t r = j * b.particles + i;
            float* f = b.features.data() + r * d;
            f[0] = static_cast<float>(std::log(p.pt / ev.jetPt));
            f[1] = static_cast<float>(std::log(std::max(p.energy, 1e-6) / halfMass));
            f[2] = static_cast<float>(p.theta);
            f[3] = static_cast<float>(std::cos(p.theta));
            f[4] = static_cast<float>(std::sin(p.theta));
            f[5] = static_cast<float>(std::cos(2.0 * (p.phi - psi0)));
            f[6] = static_cast<float>(std::sin(2.0 * (p.phi - psi0)));
            f[7] = static_cast<float>(std::log(ev.jetPt / kPtReference));
            b.mask[r] = 1.0f;
            b.ptWeight[r] = static_cast<float>(p.pt / ptSum);
            b.cos2Phi[r] = static_cast<float>(std::cos(2.0 * p.phi));
            b.sin2Phi[r] = static_cast<float>(std::sin(2.0 * p.phi));
        }
    }
    return b;
}

}  // namespace bithep::tasks::smeft
