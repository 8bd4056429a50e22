#include "core/tasks/qg/deep_sets_model.h"

#include "core/autograd/ops.h"

namespace bithep::tasks::qg {

namespace {
// Sums over ~30-60 particles are brought to O(1) before ρ, as a typical multiplicity would.
constexpr float kSumScale = 1.0f / 32.0f;
}  // namespace

using autograd::Var;
using tensor::Index;

DeepSetsModel::DeepSetsModel(const jet_common::JetModelConfig& config, tensor::Rng& rng)
    : jet_common::JetModel("DeepSetsModel", config) {
    const Index w = 2 * config.dim;  // PFN's latent space is wider than a transformer's tokens
    m_phi = addModule("phi", std::make_shared<nn::Mlp>(std::vector<Index>{config.particleDim, w, w, w},
                                                       nn::Activation::ReLU, rng, /*activateLast=*/true));
    m_rho = addModule("rho", std::make_shared<nn::Mlp>(std::vector<Index>{w + countColumns(), w, w, 1},
                                                       nn::Activation::ReLU, rng));
}

Var DeepSetsModel::forward(const jet_common::FeatureBatch& batch) {
    checkBatch(batch);
    const Var pooled = autograd::setSum(m_phi->forward(scaledParticles(batch)), setMask(batch));
    return m_rho->forward(withCount(autograd::mulScalar(pooled, kSumScale), batch));
}

}  // namespace bithep::tasks::qg
