#pragma once
// Figures of the calorimeter run as data: a feature's histograms (reference filled, generated
// samples as lines) and one layer of a shower — the average over a sample or a single one — as
// a polar map over (angle α, radius r) with a log colour scale, the challenge's shower images.
#include <string>
#include <utility>
#include <vector>

#include "core/tasks/calo/feature_comparison.h"
#include "core/tasks/figure_data.h"

namespace bithep::tasks::calo {

struct LabelledHistogram {
    std::string label;
    metrics::Histogram1D histogram;
};

FigureData featureFigure(const FeatureComparison& reference, const std::vector<LabelledHistogram>& generated);

// showerIndex < 0: the mean over all showers; else that shower. Energies in MeV per voxel.
FigureData layerMap(const std::string& id, const std::string& title, const ShowerGeometry& geometry,
                    const CaloDataset& showers, std::size_t layer, long showerIndex);

}  // namespace bithep::tasks::calo
