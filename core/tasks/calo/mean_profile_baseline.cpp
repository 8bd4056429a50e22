// Mean-shower baseline: average E_voxel/E_inc per reference energy, scaled on sampling.
#include "core/tasks/calo/mean_profile_baseline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace bithep::tasks::calo {

MeanProfileBaseline::MeanProfileBaseline(const CaloDataset& reference) : m_voxels(reference.voxels) {
    if (reference.size() == 0) throw std::invalid_argument("mean-profile baseline: empty reference sample");
    std::map<float, std::pair<std::vector<double>, double>> sums;  // energy -> (sum of profiles, count)
    for (std::size_t i = 0; i < reference.size(); ++i) {
        auto& [sum, count] = sums[reference.incidentEnergies[i]];
        sum.resize(m_voxels, 0.0);
        const auto s = reference.shower(i);
        for (std::size_t v = 0; v < m_voxels; ++v) sum[v] += s[v] / reference.incidentEnergies[i];
        count += 1;
    }
    for (auto& [energy, entry] : sums) {
        m_energies.push_back(energy);
        for (double& x : entry.first) x /= entry.second;
        m_means.push_back(std::move(entry.first));
    }
}

CaloDataset MeanProfileBaseline::sample(const std::vector<float>& incidentEnergiesMeV) const {
    CaloDataset out;
    out.voxels = m_voxels;
    out.incidentEnergies = incidentEnergiesMeV;
    out.showers.assign(incidentEnergiesMeV.size() * m_voxels, 0.0f);
    for (std::size_t i = 0; i < incidentEnergiesMeV.size(); ++i) {
        const double e = incidentEnergiesMeV[i];
        if (!(e > 0)) throw std::invalid_argument("mean-profile baseline: incident energy must be positive");
        std::size_t best = 0;
        for (std::size_t k = 1; k < m_energies.size(); ++k)
            if (std::abs(std::log(m_energies[k] / e)) < std::abs(std::log(m_energies[best] / e))) best = k;
        auto s = out.shower(i);
        for (std::size_t v = 0; v < m_voxels; ++v) s[v] = static_cast<float>(m_means[best][v] * e);
    }
    return out;
}

}  // namespace bithep::tasks::calo
