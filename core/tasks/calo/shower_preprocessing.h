#pragma once
// The space the generative models learn in. Per voxel, the energy fraction y = E_voxel/E_inc is
// dequantised and log-transformed, x = ln(y + δ(1 + u)) with u ~ U(0, 1) and δ = 1e-6, then
// standardised with the training sample's per-voxel mean and spread. Empty voxels thus become a
// narrow band just above ln δ instead of a delta spike a flow cannot fit. The condition is
// c = (log10(E_inc/MeV) − 4.515)/1.25, which maps dataset 1's 256 MeV … 4 TeV onto about
// [−1.68, 1.68]. Back to showers: y = exp(x) − 1.5δ, and fractions below δ/2 are set to zero
// (the same cut the dequantisation band implies), times E_inc.
#include <cstdint>
#include <vector>

#include "core/tasks/calo/calo_dataset.h"
#include "core/tensor/tensor.h"

namespace bithep::tasks::calo {

class ShowerPreprocessing {
public:
    static constexpr double kDelta = 1e-6;
    static constexpr double kLogEnergyCenter = 4.515, kLogEnergyScale = 1.25;

    ShowerPreprocessing() = default;
    // Fits the per-voxel mean and spread on the given showers (seeded dequantisation noise).
    // Throws std::invalid_argument for an empty dataset.
    static ShowerPreprocessing fit(const CaloDataset& showers, std::uint64_t seed);
    ShowerPreprocessing(std::vector<float> mean, std::vector<float> scale);

    std::size_t voxels() const { return m_mean.size(); }
    const std::vector<float>& mean() const { return m_mean; }
    const std::vector<float>& scale() const { return m_scale; }

    // Rows `indices` of the dataset in model space (B × voxels), fresh noise from rng.
    tensor::Matrix forward(const CaloDataset& showers, const std::vector<tensor::Index>& indices, tensor::Rng& rng) const;
    // Condition column (B × 1) for the given incident energies.
    static tensor::Matrix condition(const std::vector<float>& incidentEnergiesMeV);
    // Model-space rows back to showers; throws std::invalid_argument on a size mismatch.
    CaloDataset inverse(const tensor::Matrix& x, const std::vector<float>& incidentEnergiesMeV) const;

private:
    std::vector<float> m_mean, m_scale;
};

}  // namespace bithep::tasks::calo
