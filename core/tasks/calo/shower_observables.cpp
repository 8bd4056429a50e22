// CaloChallenge high-level features per shower and layer.
#include "core/tasks/calo/shower_observables.h"

#include <cmath>
#include <stdexcept>

namespace bithep::tasks::calo {

std::vector<float> HighLevelFeatures::row(std::size_t shower) const {
    std::vector<float> r;
    r.reserve(rowSize());
    r.push_back(static_cast<float>(std::log10(incidentEnergy[shower])));
    r.push_back(static_cast<float>(totalEnergy[shower] / incidentEnergy[shower]));
    for (std::size_t l = 0; l < layers; ++l) {
        r.push_back(static_cast<float>(std::log10(1.0 + at(layerEnergy, shower, l))));
        r.push_back(static_cast<float>(at(centerEta, shower, l)));
        r.push_back(static_cast<float>(at(centerPhi, shower, l)));
        r.push_back(static_cast<float>(at(widthEta, shower, l)));
        r.push_back(static_cast<float>(at(widthPhi, shower, l)));
    }
    return r;
}

HighLevelFeatures computeHighLevelFeatures(const CaloDataset& showers, const ShowerGeometry& geometry) {
    if (showers.voxels != geometry.voxelCount())
        throw std::invalid_argument("high-level features: showers have " + std::to_string(showers.voxels) +
                                    " voxels, the geometry " + std::to_string(geometry.voxelCount()));
    HighLevelFeatures f;
    f.showers = showers.size();
    f.layers = geometry.layers().size();
    const std::size_t cells = f.showers * f.layers;
    for (auto* v : {&f.layerEnergy, &f.centerEta, &f.centerPhi, &f.widthEta, &f.widthPhi, &f.sparsity})
        v->assign(cells, 0.0);
    f.incidentEnergy.resize(f.showers);
    f.totalEnergy.assign(f.showers, 0.0);
    const auto& centers = geometry.centers();
    for (std::size_t i = 0; i < f.showers; ++i) {
        const auto shower = showers.shower(i);
        f.incidentEnergy[i] = showers.incidentEnergies[i];
        for (std::size_t l = 0; l < f.layers; ++l) {
            const CaloLayer& layer = geometry.layers()[l];
            double e = 0, ex = 0, ey = 0, exx = 0, eyy = 0, hit = 0;
            for (std::size_t v = layer.voxelOffset; v < layer.voxelOffset + layer.voxels(); ++v) {
                const double w = shower[v];
                const VoxelCenter& c = centers[v];
                e += w;
                ex += w * c.eta;
                ey += w * c.phi;
                exx += w * c.eta * c.eta;
                eyy += w * c.phi * c.phi;
                hit += w > 0 ? 1.0 : 0.0;
            }
            const std::size_t k = i * f.layers + l;
            f.layerEnergy[k] = e;
            f.sparsity[k] = hit / static_cast<double>(layer.voxels());
            f.totalEnergy[i] += e;
            if (e <= 0) continue;  // empty layer: centre and width 0, as the challenge sets them
            f.centerEta[k] = ex / e;
            f.centerPhi[k] = ey / e;
            // Clamped at 0: rounding can make <x²> − <x>² slightly negative for a single voxel.
            f.widthEta[k] = std::sqrt(std::max(exx / e - f.centerEta[k] * f.centerEta[k], 0.0));
            f.widthPhi[k] = std::sqrt(std::max(eyy / e - f.centerPhi[k] * f.centerPhi[k], 0.0));
        }
    }
    return f;
}

}  // namespace bithep::tasks::calo
