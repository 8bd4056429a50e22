#pragma once
// The space the generative models learn in: total energy, layer energies and voxel shapes.
// Columns are the voxels, then one per layer, then the total. Voxel columns hold the fraction
// y = E_voxel/E_inc, layer columns E_layer/E_tot, the last column E_tot/E_inc. Each is
// dequantised and log-transformed, x = ln(y + δ(1 + u)) with u ~ U(0, 1) and δ = 1e-7, then
// standardised with the training sample's per-column mean and spread. Empty voxels become a
// narrow band at ln δ ≈ −16, well below real deposits (fractions above ~1e-5 here), instead of a
// delta spike a flow cannot fit. The condition is c = (log10(E_inc/MeV) − 4.515)/1.25, which
// maps dataset 1's 256 MeV … 4 TeV onto about [−1.68, 1.68].
// Back to showers: y = exp(x) − 1.5δ, and values below the cut 10δ are zero (the middle of the
// gap between the band and real deposits, so samples spilling from the band do not light up
// empty voxels). The layer fractions are normalised to sum to 1 and scaled by the total, and
// each layer's voxels are rescaled to their layer's energy: E_tot and the layer energies come
// from dedicated dimensions (as in CaloINN), the voxel columns only shape the layers.
#include <cstdint>
#include <span>
#include <vector>

#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/shower_geometry.h"
#include "core/tensor/tensor.h"

namespace bithep::tasks::calo {

// How model space splits into groups of columns: each layer's voxels, then the layer energies
// with the total. The transformer velocity field makes one token of each group.
struct ModelSpaceLayout {
    std::vector<int> groups;
    int dimension() const;
    static ModelSpaceLayout of(const ShowerGeometry& geometry);
    static ModelSpaceLayout ofLayers(const std::vector<std::size_t>& layerVoxels);
};

class ShowerPreprocessing {
public:
    static constexpr double kDelta = 1e-7;
    static constexpr double kZeroCut = 10 * kDelta;
    static constexpr double kLogEnergyCenter = 4.515, kLogEnergyScale = 1.25;

    ShowerPreprocessing() = default;
    struct LayerRange {
        std::size_t offset = 0, voxels = 0;
    };
    // Fits the per-column mean and spread on the given showers (seeded dequantisation noise).
    // Throws std::invalid_argument for an empty dataset or layers that do not cover the voxels.
    static ShowerPreprocessing fit(const CaloDataset& showers, std::vector<LayerRange> layers,
                                   std::uint64_t seed);
    ShowerPreprocessing(std::vector<LayerRange> layers, std::vector<float> mean, std::vector<float> scale);

    std::size_t voxels() const { return m_voxels; }
    std::size_t dimension() const { return m_mean.size(); }  // voxels + layers + 1
    ModelSpaceLayout layout() const;
    const std::vector<float>& mean() const { return m_mean; }
    const std::vector<float>& scale() const { return m_scale; }

    // Rows `indices` of the dataset in model space (B × dimension()), fresh noise from rng.
    tensor::Matrix forward(const CaloDataset& showers, const std::vector<tensor::Index>& indices,
                           tensor::Rng& rng) const;
    // Condition column (B × 1) for the given incident energies.
    static tensor::Matrix condition(const std::vector<float>& incidentEnergiesMeV);
    // Model-space rows back to showers; throws std::invalid_argument on a size mismatch.
    CaloDataset inverse(const tensor::Matrix& x, const std::vector<float>& incidentEnergiesMeV) const;

private:
    void rawRow(std::span<const float> shower, float incident, tensor::Rng& rng, float* out) const;

    std::vector<LayerRange> m_layers;
    std::size_t m_voxels = 0;
    std::vector<float> m_mean, m_scale;
};

// The geometry's layers as preprocessing ranges.
std::vector<ShowerPreprocessing::LayerRange> layerRangesOf(const ShowerGeometry& geometry);

}  // namespace bithep::tasks::calo
