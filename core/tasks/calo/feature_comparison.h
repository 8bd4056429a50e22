#pragma once
// Reference vs generated showers feature by feature, as the CaloChallenge evaluation plots them:
// one histogram pair per high-level feature (E_tot/E_inc; per layer log10 E_layer, centre and
// width in η and φ, sparsity) plus the voxel-energy spectrum (log10 of non-zero voxel
// energies), each with its separation power. Both histograms share edges spanning the 0.1 %–
// 99.9 % quantiles of the two samples together, so a generator that is off shows as
// displaced bins, not as entries silently dropped out of range.
#include <string>
#include <vector>

#include "core/metrics/histogram_1d.h"
#include "core/tasks/calo/shower_observables.h"

namespace bithep::tasks::calo {

struct FeatureComparison {
    std::string id;     // file-friendly: "etot_over_einc", "layer2_width_eta", "voxel_energy"
    std::string label;  // axis label: "E_tot / E_inc", "layer 2 width in eta [mm]"
    metrics::Histogram1D reference, generated;
    double separationPower = 0;
};

struct FeatureComparisonSet {
    std::vector<FeatureComparison> features;
    double meanSeparationPower() const;
    const FeatureComparison& find(const std::string& id) const;  // throws std::out_of_range
};

// The voxel values come from the datasets (for the spectrum); the rest from the features. Layers
// with one angular sector have φ ≡ 0, so their φ centre and width are left out.
// Throws std::invalid_argument when the feature sets have different layer counts or are empty.
FeatureComparisonSet compareFeatures(const HighLevelFeatures& reference, const HighLevelFeatures& generated,
                                     const CaloDataset& referenceShowers, const CaloDataset& generatedShowers,
                                     const ShowerGeometry& geometry, std::size_t bins = 40);

// Histograms of two samples on common edges from their pooled quantiles (exposed for tests).
// Separation power 1 when one sample is empty or entirely outside the range; throws
// std::invalid_argument when both are empty.
FeatureComparison compareSamples(std::string id, std::string label, const std::vector<double>& reference,
                                 const std::vector<double>& generated, std::size_t bins);

}  // namespace bithep::tasks::calo
