// Feature histograms and per-layer shower maps for the calorimeter batch run.
#include "core/tasks/calo/calo_report.h"

#include <numbers>
#include <stdexcept>

namespace bithep::tasks::calo {

FigureData featureFigure(const FeatureComparison& reference,
                         const std::vector<LabelledHistogram>& generated) {
    HistogramFigure h;
    h.histograms.push_back({"reference", reference.reference, true});
    for (const auto& g : generated) h.histograms.push_back({g.label, g.histogram, false});
    h.xLabel = reference.label;
    return {"feature_" + reference.id, reference.label, h};
}

FigureData layerMap(const std::string& id, const std::string& title, const ShowerGeometry& geometry,
                    const CaloDataset& showers, std::size_t layer, long showerIndex) {
    const CaloLayer& l = geometry.layers().at(layer);
    if (showers.size() == 0 || showers.voxels != geometry.voxelCount())
        throw std::invalid_argument("layer map: showers do not match the geometry or are empty");
    MapFigure m;
    for (int a = 0; a <= l.angularBins; ++a)
        m.xEdges.push_back(-std::numbers::pi + 2.0 * std::numbers::pi * a / l.angularBins);
    m.yEdges = l.radialEdges;
    m.values.assign(static_cast<std::size_t>(l.radialBins()) * static_cast<std::size_t>(l.angularBins), 0.0);
    const std::size_t first = showerIndex < 0 ? 0 : static_cast<std::size_t>(showerIndex);
    const std::size_t last = showerIndex < 0 ? showers.size() : first + 1;
    if (last > showers.size()) throw std::out_of_range("layer map: shower index outside the sample");
    for (std::size_t i = first; i < last; ++i) {
        const auto s = showers.shower(i);
        for (int a = 0; a < l.angularBins; ++a)
            for (int r = 0; r < l.radialBins(); ++r)
                m.values[static_cast<std::size_t>(r) * static_cast<std::size_t>(l.angularBins) +
                         static_cast<std::size_t>(a)] +=
                    s[geometry.voxelIndex(layer, a, r)] / static_cast<double>(last - first);
    }
    m.xLabel = "alpha [rad]";
    m.yLabel = "r [mm]";
    m.valueLabel = showerIndex < 0 ? "mean energy [MeV]" : "energy [MeV]";
    m.logValues = true;
    m.polar = true;
    return {id, title, m};
}

}  // namespace bithep::tasks::calo
