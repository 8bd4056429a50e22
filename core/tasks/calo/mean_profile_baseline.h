#pragma once
// The trivial baseline a generator must beat: every shower is the reference sample's mean
// shower at the nearest incident energy, scaled to the requested energy (mean of E_voxel/E_inc
// per energy point). It reproduces average profiles exactly but has no shower-to-shower
// fluctuations, so the classifier test and the width/sparsity histograms see through it.
#include <vector>

#include "core/tasks/calo/calo_dataset.h"

namespace bithep::tasks::calo {

class MeanProfileBaseline {
public:
    // Throws std::invalid_argument for an empty reference.
    explicit MeanProfileBaseline(const CaloDataset& reference);
    // Energies are matched to the nearest reference energy in log E.
    CaloDataset sample(const std::vector<float>& incidentEnergiesMeV) const;
    const std::vector<double>& energies() const { return m_energies; }

private:
    std::size_t m_voxels = 0;
    std::vector<double> m_energies;            // distinct reference energies, ascending
    std::vector<std::vector<double>> m_means;  // per energy: mean voxel energy / E_inc
};

}  // namespace bithep::tasks::calo
