#include "core/tasks/jet_common/jet_features.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/physics/four_vector.h"

namespace bithep::tasks::jet_common {

namespace {

constexpr float kLogClamp = 1e-8f;  // ParT: log(max(x, 1e-8)), keeps padded/collinear pairs finite
constexpr std::size_t kKinematic = 7;
constexpr std::size_t kPidClasses = 5;

float clampedLog(double x) { return std::log(std::max(static_cast<float>(x), kLogClamp)); }

struct Kinematics {
    double pt, y, phi, e, px, py, pz;
};

Kinematics kinematics(const float* row) {
    const double pt = row[0], y = row[1], phi = row[2];
    return {pt, y, phi, pt * std::cosh(y), pt * std::cos(phi), pt * std::sin(phi), pt * std::sinh(y)};
}

void pairRow(const Kinematics& a, const Kinematics& b, float* out) {
    const double dy = a.y - b.y, dphi = physics::deltaPhi(a.phi, b.phi);
    const double dr = std::sqrt(dy * dy + dphi * dphi);
    const double ptMin = std::min(a.pt, b.pt);
    const double e = a.e + b.e, px = a.px + b.px, py = a.py + b.py, pz = a.pz + b.pz;
    out[0] = clampedLog(dr);
    out[1] = clampedLog(ptMin * dr);
    out[2] = clampedLog(ptMin / (a.pt + b.pt));
    out[3] = clampedLog(e * e - px * px - py * py - pz * pz);
}

// Writes jet `jet` of the dataset into slot b of `out` (buffers already sized and zeroed).
void fillJet(const JetDataset& dataset, std::size_t jet, std::size_t b, bool withPid, bool pairs,
             std::vector<Kinematics>& parts, FeatureBatch& out) {
    const std::size_t n = out.particles, d = out.particleDim;
    out.labels[b] = dataset.labels[jet];
    out.multiplicity[b] = static_cast<float>(dataset.multiplicity(jet));
    const std::size_t count = std::min(n, dataset.multiplicity(jet));  // stored hardest first
    parts.clear();
    physics::FourVector axis;
    for (std::size_t i = 0; i < count; ++i) {
        parts.push_back(kinematics(dataset.particle(jet, i)));
        axis += {parts.back().px, parts.back().py, parts.back().pz, parts.back().e};
    }
    const double jetPt = axis.pt(), jetE = axis.e, jetY = axis.rapidity(), jetPhi = axis.phi();
    for (std::size_t i = 0; i < count; ++i) {
        const auto& p = parts[i];
        float* row = out.particleFeatures.data() + (b * n + i) * d;
        const double deta = p.y - jetY, dphi = physics::deltaPhi(p.phi, jetPhi);
        row[0] = clampedLog(p.pt);
        row[1] = clampedLog(p.e);
        row[2] = clampedLog(p.pt / jetPt);
        row[3] = clampedLog(p.e / jetE);
        row[4] = static_cast<float>(deta);
        row[5] = static_cast<float>(dphi);
        row[6] = static_cast<float>(std::sqrt(deta * deta + dphi * dphi));
        if (withPid) {
            const int pid = static_cast<int>(std::lround(dataset.particle(jet, i)[3]));
            row[7] = static_cast<float>(pidCharge(pid));
            if (const int c = pidClass(pid); c >= 0) row[8 + c] = 1.0f;
        }
        out.mask[b * n + i] = 1.0f;
    }
    if (!pairs) return;
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t k = 0; k < count; ++k) {
            out.pairMask[(b * n + i) * n + k] = 1.0f;
            if (i != k) pairRow(parts[i], parts[k], out.pairFeatures.data() + ((b * n + i) * n + k) * FeatureBatch::kPairDim);
        }
}

}  // namespace

std::vector<std::string> particleFeatureNames(bool withPid) {
    std::vector<std::string> names{"log_pt", "log_e", "log_pt_rel", "log_e_rel", "delta_eta", "delta_phi", "delta_r"};
    if (withPid)
        for (const char* n : {"charge", "is_charged_hadron", "is_neutral_hadron", "is_photon", "is_electron", "is_muon"})
            names.emplace_back(n);
    return names;
}

std::vector<std::string> pairFeatureNames() { return {"log_delta_r", "log_kt", "log_z", "log_m2"}; }

int pidClass(int pdgId) {
    switch (std::abs(pdgId)) {
    case 211: case 321: case 2212: return 0;
    case 130: case 2112: return 1;
    case 22: return 2;
    case 11: return 3;
    case 13: return 4;
    default: return -1;
    }
}

int pidCharge(int pdgId) {
    switch (pdgId) {
    case 211: case 321: case 2212: case -11: case -13: return 1;
    case -211: case -321: case -2212: case 11: case 13: return -1;
    default: return 0;
    }
}

FeatureBatch buildFeatures(const JetDataset& dataset, std::span<const std::size_t> jetIndices,
                           const FeatureOptions& options) {
    FeatureBatch out;
    const bool withPid = options.usePid && dataset.pidKnown;
    out.batch = jetIndices.size();
    out.particleDim = kKinematic + (withPid ? 1 + kPidClasses : 0);
    for (auto j : jetIndices) {
        if (j >= dataset.jets)
            throw std::out_of_range("qg features: jet index " + std::to_string(j) + " >= " + std::to_string(dataset.jets));
        out.particles = std::max(out.particles, dataset.multiplicity(j));
    }
    if (options.maxParticles > 0) out.particles = options.maxParticles;
    const std::size_t n = out.particles, d = out.particleDim;
    out.particleFeatures.assign(out.batch * n * d, 0.0f);
    out.mask.assign(out.batch * n, 0.0f);
    out.labels.resize(out.batch);
    out.multiplicity.resize(out.batch);
    if (options.pairFeatures) {
        out.pairFeatures.assign(out.batch * n * n * FeatureBatch::kPairDim, 0.0f);
        out.pairMask.assign(out.batch * n * n, 0.0f);
    }
    std::vector<Kinematics> parts;
    for (std::size_t b = 0; b < out.batch; ++b) fillJet(dataset, jetIndices[b], b, withPid, options.pairFeatures, parts, out);
    return out;
}

}  // namespace bithep::tasks::jet_common
