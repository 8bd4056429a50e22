#include "core/tasks/qg/generator_validation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/metrics/auc_comparison.h"
#include "core/metrics/distribution_distance.h"
#include "core/physics/jet_observables.h"
#include "core/physics/jet_substructure.h"

namespace bithep::tasks::qg {

namespace {

struct Spec {
    const char* id;
    const char* label;
    bool integer;
    bool perJet;
};

constexpr Spec kSpecs[] = {
    {"multiplicity", "Constituent multiplicity", true, true},
    {"width", "pT-weighted width (girth)", false, true},
    {"mass", "Jet mass [GeV]", false, true},
    {"ptd", "p_T^D", false, true},
    {"leading_fraction", "Leading-constituent pT fraction", false, true},
    {"lha", "LHA λ¹₀.₅", false, true},
    {"tau21", "N-subjettiness τ₂₁ (β = 1)", false, true},
    {"delta_r", "Constituent ΔR to the jet axis", false, false},
};
constexpr std::size_t kObservables = std::size(kSpecs);

// Every value of one sample by class and observable; `half` says which random half of its
// class the jet of each value belongs to (the noise floor's split).
struct SampleValues {
    std::vector<double> values[2][kObservables];
    std::vector<std::uint8_t> half[2][kObservables];
    std::size_t jets[2] = {0, 0};
};

std::vector<physics::Particle> particlesOf(const jet_common::JetDataset& d, std::size_t jet) {
    std::vector<physics::Particle> out;
    for (std::size_t i = 0; i < d.maxParticles; ++i) {
        const float* p = d.particle(jet, i);
        if (p[0] <= 0.0f) continue;
        out.push_back({p[0], p[1], p[2], static_cast<int>(p[3])});
    }
    return out;
}

SampleValues collect(const jet_common::JetDataset& d, std::uint64_t splitSeed) {
    SampleValues s;
    std::vector<std::size_t> byClass[2];
    for (std::size_t j = 0; j < d.jets; ++j) byClass[d.labels[j] ? 1 : 0].push_back(j);
    std::vector<std::uint8_t> halfOf(d.jets, 0);
    std::mt19937_64 rng(splitSeed);
    for (auto& jets : byClass) {
        std::shuffle(jets.begin(), jets.end(), rng);
        for (std::size_t k = jets.size() / 2; k < jets.size(); ++k) halfOf[jets[k]] = 1;
    }
    std::vector<double> deltaR;
    for (std::size_t j = 0; j < d.jets; ++j) {
        const int c = d.labels[j] ? 1 : 0;
        const auto particles = particlesOf(d, j);
        const auto o = physics::computeObservables(particles);
        const auto sub = physics::computeSubstructure(particles);
        const double v[] = {double(o.multiplicity), o.girth, o.mass, o.ptD, sub.leadingFraction, sub.lha, sub.tau21};
        static_assert(std::size(v) == kObservables - 1, "one value per per-jet observable");
        for (std::size_t k = 0; k < std::size(v); ++k) {
            s.values[c][k].push_back(v[k]);
            s.half[c][k].push_back(halfOf[j]);
        }
        deltaR.clear();
        physics::constituentDeltaR(particles, deltaR);
        s.values[c][kObservables - 1].insert(s.values[c][kObservables - 1].end(), deltaR.begin(), deltaR.end());
        s.half[c][kObservables - 1].insert(s.half[c][kObservables - 1].end(), deltaR.size(), halfOf[j]);
        ++s.jets[c];
    }
    return s;
}

double quantile(std::vector<double> v, double q) {
    const auto at = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(at), v.end());
    return v[at];
}

// Binning from the data of both classes: the central 99 % in `bins` bins (whole numbers for
// integer observables), so a few extreme jets do not squeeze the shapes into one bin.
std::vector<double> edgesFor(std::size_t k, const SampleValues& data, std::size_t bins) {
    const Spec& spec = kSpecs[k];
    std::vector<double> pooled = data.values[0][k];
    const auto& quarks = data.values[1][k];
    pooled.insert(pooled.end(), quarks.begin(), quarks.end());
    double lo = quantile(pooled, 0.005), hi = quantile(pooled, 0.995);
    std::vector<double> edges;
    if (spec.integer) {
        lo = std::floor(lo) - 0.5;
        hi = std::ceil(hi) + 0.5;
        const double width = std::max(1.0, std::ceil((hi - lo) / static_cast<double>(bins)));
        for (double e = lo;; e += width) {
            edges.push_back(e);
            if (e >= hi) break;
        }
        return edges;
    }
    if (!(hi > lo)) hi = lo + 1.0;
    for (std::size_t b = 0; b <= bins; ++b)
        edges.push_back(lo + (hi - lo) * static_cast<double>(b) / static_cast<double>(bins));
    return edges;
}

// Fills values (of one half, or all when half < 0) with the outliers in the edge bins.
metrics::Histogram1D fillClamped(const std::vector<double>& edges, const std::vector<double>& values,
                                 const std::vector<std::uint8_t>& halves, int half) {
    metrics::Histogram1D h(edges);
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (half >= 0 && halves[i] != half) continue;
        h.fill(std::clamp(values[i], edges.front(), edges.back()));
    }
    return h;
}

double separationOrNan(const metrics::Histogram1D& a, const metrics::Histogram1D& b) {
    if (a.integral() <= 0.0 || b.integral() <= 0.0) return std::numeric_limits<double>::quiet_NaN();
    return metrics::separationPower(a, b);
}

// AUC of one observable (quark = signal), with the orientation `sign` (+1: quarks higher).
metrics::AucComparison observableAuc(const SampleValues& s, std::size_t k, double sign) {
    std::vector<double> scores;
    std::vector<int> labels;
    for (int c = 0; c < 2; ++c) {
        for (double v : s.values[c][k]) {
            scores.push_back(sign * v);
            labels.push_back(c);
        }
    }
    return metrics::compareAucs(scores, scores, labels);
}

void requireBothClasses(const SampleValues& s, const char* which) {
    if (s.jets[0] < 2 || s.jets[1] < 2)
        throw std::invalid_argument(std::string("generator validation: the ") + which +
                                    " sample needs at least two quark and two gluon jets (it has " +
                                    std::to_string(s.jets[1]) + " and " + std::to_string(s.jets[0]) + ")");
}

}  // namespace

bool GeneratorValidation::meets(double maxSeparation, double maxAucDifference) const {
    for (const auto& o : observables) {
        if (!(o.separation[0] <= maxSeparation && o.separation[1] <= maxSeparation)) return false;
        if (o.perJet && !(std::abs(o.aucGenerated - o.aucData) <= maxAucDifference)) return false;
    }
    return true;
}

GeneratorValidation validateGenerator(const jet_common::JetDataset& generated, const jet_common::JetDataset& data, std::uint64_t splitSeed,
                                      std::size_t bins) {
    if (bins < 2) throw std::invalid_argument("generator validation: need at least two bins");
    const SampleValues gen = collect(generated, splitSeed), dat = collect(data, splitSeed);
    requireBothClasses(gen, "generated");
    requireBothClasses(dat, "data");
    GeneratorValidation v;
    v.splitSeed = splitSeed;
    for (int c = 0; c < 2; ++c) {
        v.generatedJets[c] = gen.jets[c];
        v.dataJets[c] = dat.jets[c];
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t k = 0; k < kObservables; ++k) {
        const Spec& spec = kSpecs[k];
        ObservableComparison o;
        o.id = spec.id;
        o.label = spec.label;
        o.perJet = spec.perJet;
        const auto edges = edgesFor(k, dat, bins);
        for (int c = 0; c < 2; ++c) {
            o.generated.push_back(fillClamped(edges, gen.values[c][k], gen.half[c][k], -1));
            o.data.push_back(fillClamped(edges, dat.values[c][k], dat.half[c][k], -1));
            o.separation[c] = separationOrNan(o.generated[c], o.data[c]);
            o.noiseFloor[c] = separationOrNan(fillClamped(edges, dat.values[c][k], dat.half[c][k], 0),
                                              fillClamped(edges, dat.values[c][k], dat.half[c][k], 1));
            auto mean = [nan](const std::vector<double>& x) {
                return x.empty() ? nan : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
            };
            o.meanGenerated[c] = mean(gen.values[c][k]);
            o.meanData[c] = mean(dat.values[c][k]);
        }
        o.aucGenerated = o.aucData = o.aucDataError = nan;
        if (spec.perJet) {
            // Oriented by the data: the side where its quarks lie counts as quark-like in both.
            const double sign = observableAuc(dat, k, 1.0).aucA >= 0.5 ? 1.0 : -1.0;
            const auto d = observableAuc(dat, k, sign);
            o.aucData = d.aucA;
            o.aucDataError = d.errorA;
            o.aucGenerated = observableAuc(gen, k, sign).aucA;
        }
        v.observables.push_back(std::move(o));
    }
    return v;
}

std::string pythiaQgCitation() {
    return "Pythia 8 quark/gluon jets of P. T. Komiske, E. M. Metodiev and J. Thaler, \"Energy Flow "
           "Networks: Deep Sets for Particle Jets\", JHEP 01 (2019) 121, arXiv:1810.05165; dataset "
           "Zenodo record 3164691 (CC-BY 4.0)";
}

bool isEnergyflowFile(const std::string& source) {
    return source.size() > 4 && source.compare(source.size() - 4, 4, ".npz") == 0;
}

}  // namespace bithep::tasks::qg
