#pragma once
// Mean energy of each calorimeter layer against the incident energy: the longitudinal response
// a physicist checks first, and what the pooled feature histograms hide. Histograms of
// log10 E_layer over all incident energies cannot tell a 4 TeV shower with a 1 GeV presampler
// from a 1 GeV shower, and a few generated showers that dump a large share of their energy in
// the wrong layer dominate the linear means without moving a log histogram. Here each incident-
// energy bin gets ⟨E_layer⟩/⟨E_inc⟩ per layer, and the deviation summarises generated against
// reference as the mean |log10| of their ratio (0: every layer right at every energy; 0.3: a
// factor 2 off on average).
#include <string>
#include <vector>

#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/shower_geometry.h"
#include "core/tasks/figure_data.h"

namespace bithep::tasks::calo {

struct LayerResponse {
    std::vector<double> edges;                  // incident-energy bin edges, MeV (ascending)
    std::vector<double> energies;               // mean incident energy per bin (0: empty bin)
    std::vector<std::size_t> counts;            // showers per bin
    std::vector<std::vector<double>> fraction;  // [layer][bin]: ⟨E_layer⟩ / ⟨E_inc⟩
};

// Bins for these incident energies: one per distinct value when there are at most 24 (dataset
// 1's powers of two), else 15 logarithmic bins over their range. Throws std::invalid_argument
// for no energies or a non-positive one.
std::vector<double> responseBinEdges(const std::vector<float>& incidentEnergiesMeV);

// Throws std::invalid_argument when the showers do not match the geometry or fewer than two edges.
LayerResponse layerResponse(const CaloDataset& showers, const ShowerGeometry& geometry,
                            const std::vector<double>& edges);

// Mean over layers and bins where both samples have showers and the reference layer has energy
// of |log10(generated / reference)|, each ratio clamped to [10⁻³, 10³] so an empty generated
// layer counts as three decades. Throws std::invalid_argument when the binnings differ.
double layerResponseDeviation(const LayerResponse& reference, const LayerResponse& generated);

struct LabelledResponse {
    std::string label;
    LayerResponse response;
};
// One figure per layer (`layer_response_layer<id>`, the XML id): ⟨E_layer⟩/⟨E_inc⟩ against
// E_inc (GeV), both axes logarithmic, the reference as markers and each generated sample as a
// line. Per layer rather than one crowded figure, so reference and model pair up by layer.
std::vector<FigureData> layerResponseFigures(const ShowerGeometry& geometry, const LayerResponse& reference,
                                             const std::vector<LabelledResponse>& generated);

}  // namespace bithep::tasks::calo
