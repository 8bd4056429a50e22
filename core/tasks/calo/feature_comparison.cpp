// Reference/generated histograms on common edges and their separation powers.
#include "core/tasks/calo/feature_comparison.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/metrics/distribution_distance.h"

namespace bithep::tasks::calo {

namespace {

double quantile(std::vector<double> v, double q) {
    const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + k, v.end());
    return v[static_cast<std::size_t>(k)];
}

std::vector<double> column(const HighLevelFeatures& f, const std::vector<double>& perLayer,
                           std::size_t layer) {
    std::vector<double> out(f.showers);
    for (std::size_t i = 0; i < f.showers; ++i) out[i] = f.at(perLayer, i, layer);
    return out;
}

std::vector<double> log10Of(std::vector<double> v) {
    for (double& x : v) x = std::log10(std::max(x, 1e-3));  // 1 keV floor: empty layers land in the first bin
    return v;
}

std::vector<double> voxelSpectrum(const CaloDataset& d) {
    std::vector<double> out;
    for (float v : d.showers)
        if (v > 0) out.push_back(std::log10(static_cast<double>(v)));
    return out;
}

}  // namespace

FeatureComparison compareSamples(std::string id, std::string label, const std::vector<double>& reference,
                                 const std::vector<double>& generated, std::size_t bins) {
    // One empty sample (e.g. a generator that deposits nothing, so no voxel spectrum) is as
    // different as it gets; two empty samples have nothing to compare.
    if (reference.empty() && generated.empty())
        throw std::invalid_argument("feature '" + id + "': both samples are empty");
    std::vector<double> pooled(reference);
    pooled.insert(pooled.end(), generated.begin(), generated.end());
    double lo = quantile(pooled, 0.001), hi = quantile(pooled, 0.999);
    if (!(hi > lo)) {  // a (nearly) constant feature: a unit-wide window around it
        lo -= 0.5;
        hi += 0.5;
    }
    // The upper quantile itself must be inside the last bin, so widen by a hair.
    hi += 1e-9 * std::max(1.0, std::abs(hi));
    FeatureComparison c{std::move(id), std::move(label), metrics::Histogram1D::uniform(bins, lo, hi),
                        metrics::Histogram1D::uniform(bins, lo, hi), 0.0};
    c.reference.fill(reference);
    c.generated.fill(generated);
    c.separationPower = c.reference.integral() > 0 && c.generated.integral() > 0
                            ? metrics::separationPower(c.reference, c.generated)
                            : 1.0;  // everything out of range: as different as it gets
    return c;
}

FeatureComparisonSet compareFeatures(const HighLevelFeatures& reference, const HighLevelFeatures& generated,
                                     const CaloDataset& referenceShowers, const CaloDataset& generatedShowers,
                                     const ShowerGeometry& geometry, std::size_t bins) {
    if (reference.layers != generated.layers || reference.layers != geometry.layers().size())
        throw std::invalid_argument(
            "feature comparison: reference, generated and geometry disagree on the layer count");
    if (reference.showers == 0 || generated.showers == 0)
        throw std::invalid_argument("feature comparison: no showers");
    FeatureComparisonSet set;
    std::vector<double> rRatio(reference.showers), gRatio(generated.showers);
    for (std::size_t i = 0; i < reference.showers; ++i)
        rRatio[i] = reference.totalEnergy[i] / reference.incidentEnergy[i];
    for (std::size_t i = 0; i < generated.showers; ++i)
        gRatio[i] = generated.totalEnergy[i] / generated.incidentEnergy[i];
    set.features.push_back(compareSamples("etot_over_einc", "E_tot / E_inc", rRatio, gRatio, bins));
    for (std::size_t l = 0; l < reference.layers; ++l) {
        const std::string n = std::to_string(geometry.layers()[l].id);
        const bool binnedInAlpha = geometry.layers()[l].angularBins > 1;
        const auto add = [&](const std::string& id, const std::string& label,
                             const std::vector<double> HighLevelFeatures::*m, bool logScale) {
            auto r = column(reference, reference.*m, l), g = column(generated, generated.*m, l);
            if (logScale) r = log10Of(std::move(r)), g = log10Of(std::move(g));
            set.features.push_back(
                compareSamples("layer" + n + "_" + id, "layer " + n + " " + label, r, g, bins));
        };
        add("energy", "log10(E / MeV)", &HighLevelFeatures::layerEnergy, true);
        add("center_eta", "centre in eta [mm]", &HighLevelFeatures::centerEta, false);
        if (binnedInAlpha) add("center_phi", "centre in phi [mm]", &HighLevelFeatures::centerPhi, false);
        add("width_eta", "width in eta [mm]", &HighLevelFeatures::widthEta, false);
        if (binnedInAlpha) add("width_phi", "width in phi [mm]", &HighLevelFeatures::widthPhi, false);
        add("sparsity", "fraction of voxels hit", &HighLevelFeatures::sparsity, false);
    }
    set.features.push_back(compareSamples("voxel_energy", "log10(voxel energy / MeV)",
                                          voxelSpectrum(referenceShowers), voxelSpectrum(generatedShowers),
                                          bins));
    return set;
}

double FeatureComparisonSet::meanSeparationPower() const {
    if (features.empty()) return 0.0;
    double sum = 0;
    for (const auto& f : features) sum += f.separationPower;
    return sum / static_cast<double>(features.size());
}

const FeatureComparison& FeatureComparisonSet::find(const std::string& id) const {
    for (const auto& f : features)
        if (f.id == id) return f;
    throw std::out_of_range("feature comparison: no feature '" + id + "'");
}

}  // namespace bithep::tasks::calo
