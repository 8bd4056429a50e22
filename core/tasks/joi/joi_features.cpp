#include "core/tasks/joi/joi_features.h"

#include <cmath>

namespace bithep::tasks::joi {

std::vector<std::string> joiFeatureNames() {
    auto names = jet_common::particleFeatureNames(true);
    for (const char* n : {"tanh_d0", "tanh_z0", "sigma_d0", "sigma_z0", "asinh_d0_significance"})
        names.emplace_back(n);
    return names;
}

jet_common::FeatureBatch buildJoiFeatures(const JoiDataset& dataset, std::span<const std::size_t> jets,
                                  std::size_t maxParticles, bool pairFeatures) {
    jet_common::FeatureOptions options;
    options.usePid = true;
    options.maxParticles = maxParticles;
    options.pairFeatures = pairFeatures;
    jet_common::FeatureBatch batch = jet_common::buildFeatures(dataset.kinematics, jets, options);
    const std::size_t n = batch.particles, base = batch.particleDim, dim = kJoiParticleDim;
    std::vector<float> widened(batch.batch * n * dim, 0.0f);
    for (std::size_t b = 0; b < batch.batch; ++b) {
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t row = b * n + i;
            float* out = widened.data() + row * dim;
            std::copy_n(batch.particleFeatures.data() + row * base, base, out);
            if (batch.mask[row] == 0.0f) continue;
            const float* t = dataset.track(jets[b], i);  // hardest first, as the qg features
            if (t[2] <= 0.0f) continue;                  // neutral: no track
            out[base + 0] = std::tanh(t[0]);
            out[base + 1] = std::tanh(t[1]);
            out[base + 2] = t[2];
            out[base + 3] = t[3];
            out[base + 4] = std::asinh(t[0] / t[2]);
        }
    }
    batch.particleFeatures = std::move(widened);
    batch.particleDim = dim;
    for (std::size_t b = 0; b < batch.batch; ++b) batch.labels[b] = dataset.origins[jets[b]];
    return batch;
}

}  // namespace bithep::tasks::joi
