// Voxel fractions ↔ standardised log space for the generative models.
#include "core/tasks/calo/shower_preprocessing.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace bithep::tasks::calo {

using tensor::Index;
using tensor::Matrix;

namespace {

float logFraction(float energy, float incident, tensor::Rng& rng) {
    const double y = static_cast<double>(energy) / incident;
    return static_cast<float>(std::log(y + ShowerPreprocessing::kDelta * (1.0 + tensor::uniform01(rng))));
}

}  // namespace

ShowerPreprocessing::ShowerPreprocessing(std::vector<float> mean, std::vector<float> scale)
    : m_mean(std::move(mean)), m_scale(std::move(scale)) {
    if (m_mean.size() != m_scale.size() || m_mean.empty())
        throw std::invalid_argument("shower preprocessing: mean and scale must be non-empty and of equal length");
}

ShowerPreprocessing ShowerPreprocessing::fit(const CaloDataset& showers, std::uint64_t seed) {
    if (showers.size() == 0) throw std::invalid_argument("shower preprocessing: cannot fit on an empty dataset");
    tensor::Rng rng(seed);
    std::vector<double> sum(showers.voxels, 0.0), sum2(showers.voxels, 0.0);
    for (std::size_t i = 0; i < showers.size(); ++i) {
        const auto s = showers.shower(i);
        for (std::size_t v = 0; v < showers.voxels; ++v) {
            const double x = logFraction(s[v], showers.incidentEnergies[i], rng);
            sum[v] += x;
            sum2[v] += x * x;
        }
    }
    std::vector<float> mean(showers.voxels), scale(showers.voxels);
    const double n = static_cast<double>(showers.size());
    for (std::size_t v = 0; v < showers.voxels; ++v) {
        mean[v] = static_cast<float>(sum[v] / n);
        // A voxel that is always empty has spread ~δ/√12 in log space; 1e-3 keeps it finite.
        scale[v] = static_cast<float>(std::max(std::sqrt(std::max(sum2[v] / n - mean[v] * static_cast<double>(mean[v]), 0.0)), 1e-3));
    }
    return ShowerPreprocessing(std::move(mean), std::move(scale));
}

Matrix ShowerPreprocessing::forward(const CaloDataset& showers, const std::vector<Index>& indices, tensor::Rng& rng) const {
    if (showers.voxels != voxels())
        throw std::invalid_argument("shower preprocessing: fitted on " + std::to_string(voxels()) + " voxels, showers have " +
                                    std::to_string(showers.voxels));
    Matrix x(static_cast<Index>(indices.size()), static_cast<Index>(voxels()));
    for (std::size_t r = 0; r < indices.size(); ++r) {
        const auto i = static_cast<std::size_t>(indices[r]);
        const auto s = showers.shower(i);
        for (std::size_t v = 0; v < voxels(); ++v)
            x(static_cast<Index>(r), static_cast<Index>(v)) =
                (logFraction(s[v], showers.incidentEnergies[i], rng) - m_mean[v]) / m_scale[v];
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

CaloDataset ShowerPreprocessing::inverse(const Matrix& x, const std::vector<float>& incidentEnergiesMeV) const {
    if (x.cols() != static_cast<Index>(voxels()) || x.rows() != static_cast<Index>(incidentEnergiesMeV.size()))
        throw std::invalid_argument("shower preprocessing: " + tensor::shapeString(x) + " rows for " +
                                    std::to_string(incidentEnergiesMeV.size()) + " energies of " +
                                    std::to_string(voxels()) + " voxels");
    CaloDataset out;
    out.voxels = voxels();
    out.incidentEnergies = incidentEnergiesMeV;
    out.showers.assign(incidentEnergiesMeV.size() * voxels(), 0.0f);
    for (std::size_t i = 0; i < incidentEnergiesMeV.size(); ++i) {
        auto s = out.shower(i);
        for (std::size_t v = 0; v < voxels(); ++v) {
            // Clamped: an ODE or flow sample far outside the training range must not overflow.
            const double z = std::clamp(static_cast<double>(x(static_cast<Index>(i), static_cast<Index>(v))), -30.0, 30.0);
            const double y = std::exp(z * m_scale[v] + m_mean[v]) - 1.5 * kDelta;
            s[v] = y < 0.5 * kDelta || !std::isfinite(y) ? 0.0f : static_cast<float>(std::min(y, 2.0) * incidentEnergiesMeV[i]);
        }
    }
    return out;
}

}  // namespace bithep::tasks::calo
