// Layer energies + voxel shapes ↔ standardised log space for the generative models.
#include "core/tasks/calo/shower_preprocessing.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace bithep::tasks::calo {

using tensor::Index;
using tensor::Matrix;

namespace {

float logFraction(double energy, double incident, tensor::Rng& rng) {
    return static_cast<float>(
        std::log(energy / incident + ShowerPreprocessing::kDelta * (1.0 + tensor::uniform01(rng))));
}

// Fraction of E_inc from a model-space value; 0 below the cut. Clamped: a sample far outside the
// training range must not overflow.
double fractionOf(double z, float mean, float scale) {
    const double y = std::exp(std::clamp(z, -30.0, 30.0) * scale + mean) - 1.5 * ShowerPreprocessing::kDelta;
    return y < ShowerPreprocessing::kZeroCut || !std::isfinite(y) ? 0.0 : std::min(y, 2.0);
}

}  // namespace

ShowerPreprocessing::ShowerPreprocessing(std::vector<LayerRange> layers, std::vector<float> mean,
                                         std::vector<float> scale)
    : m_layers(std::move(layers)), m_mean(std::move(mean)), m_scale(std::move(scale)) {
    for (const auto& l : m_layers) {
        if (l.offset != m_voxels || l.voxels == 0)
            throw std::invalid_argument("shower preprocessing: layers must cover the voxels in order");
        m_voxels += l.voxels;
    }
    if (m_voxels == 0 || m_mean.size() != m_voxels + m_layers.size() + 1 || m_scale.size() != m_mean.size())
        throw std::invalid_argument(
            "shower preprocessing: mean and scale need one entry per voxel, per layer and the total");
}

void ShowerPreprocessing::rawRow(std::span<const float> shower, float incident, tensor::Rng& rng,
                                 float* out) const {
    for (std::size_t v = 0; v < m_voxels; ++v) out[v] = logFraction(shower[v], incident, rng);
    std::vector<double> layer(m_layers.size(), 0.0);
    for (std::size_t l = 0; l < m_layers.size(); ++l)
        for (std::size_t v = m_layers[l].offset; v < m_layers[l].offset + m_layers[l].voxels; ++v)
            layer[l] += shower[v];
    const double total = std::accumulate(layer.begin(), layer.end(), 0.0);
    // An empty shower has no layer fractions; 1 keeps them at the band like empty layers.
    for (std::size_t l = 0; l < m_layers.size(); ++l)
        out[m_voxels + l] = logFraction(layer[l], total > 0 ? total : 1.0, rng);
    out[m_voxels + m_layers.size()] = logFraction(total, incident, rng);
}

ShowerPreprocessing ShowerPreprocessing::fit(const CaloDataset& showers, std::vector<LayerRange> layers,
                                             std::uint64_t seed) {
    if (showers.size() == 0)
        throw std::invalid_argument("shower preprocessing: cannot fit on an empty dataset");
    const std::size_t d = showers.voxels + layers.size() + 1;
    ShowerPreprocessing p(std::move(layers), std::vector<float>(d, 0.0f), std::vector<float>(d, 1.0f));
    if (p.voxels() != showers.voxels)
        throw std::invalid_argument("shower preprocessing: the layers cover " + std::to_string(p.voxels()) +
                                    " voxels, the showers have " + std::to_string(showers.voxels));
    tensor::Rng rng(seed);
    std::vector<double> sum(d, 0.0), sum2(d, 0.0);
    std::vector<float> row(d);
    for (std::size_t i = 0; i < showers.size(); ++i) {
        p.rawRow(showers.shower(i), showers.incidentEnergies[i], rng, row.data());
        for (std::size_t k = 0; k < d; ++k) sum[k] += row[k], sum2[k] += static_cast<double>(row[k]) * row[k];
    }
    const double n = static_cast<double>(showers.size());
    for (std::size_t k = 0; k < d; ++k) {
        const double mean = sum[k] / n;
        p.m_mean[k] = static_cast<float>(mean);
        // A column that is always empty has spread ~0.2 (the band); 1e-3 keeps any case finite.
        p.m_scale[k] =
            static_cast<float>(std::max(std::sqrt(std::max(sum2[k] / n - mean * mean, 0.0)), 1e-3));
    }
    return p;
}

Matrix ShowerPreprocessing::forward(const CaloDataset& showers, const std::vector<Index>& indices,
                                    tensor::Rng& rng) const {
    if (showers.voxels != voxels())
        throw std::invalid_argument("shower preprocessing: fitted on " + std::to_string(voxels()) +
                                    " voxels, showers have " + std::to_string(showers.voxels));
    Matrix x(static_cast<Index>(indices.size()), static_cast<Index>(dimension()));
    for (std::size_t r = 0; r < indices.size(); ++r) {
        const auto i = static_cast<std::size_t>(indices[r]);
        float* row = x.row(static_cast<Index>(r)).data();
        rawRow(showers.shower(i), showers.incidentEnergies[i], rng, row);
        for (std::size_t k = 0; k < dimension(); ++k) row[k] = (row[k] - m_mean[k]) / m_scale[k];
    }
    return x;
}

Matrix ShowerPreprocessing::condition(const std::vector<float>& incidentEnergiesMeV) {
    Matrix c(static_cast<Index>(incidentEnergiesMeV.size()), 1);
    for (std::size_t i = 0; i < incidentEnergiesMeV.size(); ++i)
        c(static_cast<Index>(i), 0) =
            static_cast<float>((std::log10(incidentEnergiesMeV[i]) - kLogEnergyCenter) / kLogEnergyScale);
    return c;
}

CaloDataset ShowerPreprocessing::inverse(const Matrix& x,
                                         const std::vector<float>& incidentEnergiesMeV) const {
    if (x.cols() != static_cast<Index>(dimension()) ||
        x.rows() != static_cast<Index>(incidentEnergiesMeV.size()))
        throw std::invalid_argument("shower preprocessing: " + tensor::shapeString(x) + " rows for " +
                                    std::to_string(incidentEnergiesMeV.size()) + " energies of dimension " +
                                    std::to_string(dimension()));
    CaloDataset out;
    out.voxels = voxels();
    out.incidentEnergies = incidentEnergiesMeV;
    out.showers.assign(incidentEnergiesMeV.size() * voxels(), 0.0f);
    const std::size_t totalCol = dimension() - 1;
    for (std::size_t i = 0; i < incidentEnergiesMeV.size(); ++i) {
        auto s = out.shower(i);
        const auto r = static_cast<Index>(i);
        const double total =
            fractionOf(x(r, static_cast<Index>(totalCol)), m_mean[totalCol], m_scale[totalCol]);
        std::vector<double> layer(m_layers.size());
        for (std::size_t l = 0; l < m_layers.size(); ++l)
            layer[l] = fractionOf(x(r, static_cast<Index>(m_voxels + l)), m_mean[m_voxels + l],
                                  m_scale[m_voxels + l]);
        const double layerSum = std::accumulate(layer.begin(), layer.end(), 0.0);
        for (std::size_t l = 0; l < m_layers.size(); ++l) {
            const double energy = layerSum > 0 ? total * layer[l] / layerSum : 0.0;  // fraction of E_inc
            std::vector<double> y(m_layers[l].voxels);
            for (std::size_t v = 0; v < y.size(); ++v) {
                const std::size_t k = m_layers[l].offset + v;
                y[v] = fractionOf(x(r, static_cast<Index>(k)), m_mean[k], m_scale[k]);
            }
            const double sum = std::accumulate(y.begin(), y.end(), 0.0);
            const double norm = sum > 0 ? energy / sum : 0.0;  // no shape: the layer stays empty
            for (std::size_t v = 0; v < y.size(); ++v)
                s[m_layers[l].offset + v] = static_cast<float>(y[v] * norm * incidentEnergiesMeV[i]);
        }
    }
    return out;
}

int ModelSpaceLayout::dimension() const {
    return std::accumulate(groups.begin(), groups.end(), 0);
}

ModelSpaceLayout ModelSpaceLayout::ofLayers(const std::vector<std::size_t>& layerVoxels) {
    ModelSpaceLayout layout;
    for (std::size_t v : layerVoxels) layout.groups.push_back(static_cast<int>(v));
    layout.groups.push_back(static_cast<int>(layerVoxels.size()) + 1);  // layer energies and the total
    return layout;
}

ModelSpaceLayout ModelSpaceLayout::of(const ShowerGeometry& geometry) {
    std::vector<std::size_t> voxels;
    for (const auto& l : geometry.layers()) voxels.push_back(l.voxels());
    return ofLayers(voxels);
}

ModelSpaceLayout ShowerPreprocessing::layout() const {
    std::vector<std::size_t> voxels;
    for (const auto& l : m_layers) voxels.push_back(l.voxels);
    return ModelSpaceLayout::ofLayers(voxels);
}

std::vector<ShowerPreprocessing::LayerRange> layerRangesOf(const ShowerGeometry& geometry) {
    std::vector<ShowerPreprocessing::LayerRange> ranges;
    for (const auto& l : geometry.layers()) ranges.push_back({l.voxelOffset, l.voxels()});
    return ranges;
}

}  // namespace bithep::tasks::calo
