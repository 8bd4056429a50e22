#pragma once
// CaloChallenge high-level features of showers: total energy over incident energy, energy per
// layer, the energy-weighted centre and width in η and φ per layer (η = r·cos α, φ = r·sin α at
// the voxel midpoints, mm), and the sparsity per layer. Conventions follow the challenge's
// evaluation: width = sqrt(<x²> − <x>²) with energy weights; a layer without energy has centre
// and width 0. Sparsity here is the fraction of a layer's voxels with non-zero energy (1 = every
// voxel hit), the quantity the challenge histograms.
#include <cstddef>
#include <string>
#include <vector>

#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/shower_geometry.h"

namespace bithep::tasks::calo {

struct HighLevelFeatures {
    std::size_t showers = 0, layers = 0;
    std::vector<double> incidentEnergy;  // N, MeV
    std::vector<double> totalEnergy;     // N, MeV
    // N × layers, row-major:
    std::vector<double> layerEnergy, centerEta, centerPhi, widthEta, widthPhi, sparsity;

    double at(const std::vector<double>& perLayer, std::size_t shower, std::size_t layer) const {
        return perLayer[shower * layers + layer];
    }
    // One column per feature for a shower, in a fixed order: log10 E_inc, E_tot/E_inc, then per
    // layer log10(1 + E_l/MeV), centres, widths (the classifier's high-level input).
    std::vector<float> row(std::size_t shower) const;
    std::size_t rowSize() const { return 2 + 5 * layers; }
};

// Throws std::invalid_argument when the dataset's voxel count is not the geometry's.
HighLevelFeatures computeHighLevelFeatures(const CaloDataset& showers, const ShowerGeometry& geometry);

}  // namespace bithep::tasks::calo
