#include "core/tasks/qg/pdat_model.h"

#include <string>

#include "core/autograd/ops.h"
#include "core/tasks/jet_common/attention_layout.h"

namespace bithep::tasks::qg {

namespace ag = autograd;
using autograd::Var;
using tensor::Index;
using tensor::Matrix;

PdatModel::PdatModel(const jet_common::JetModelConfig& config, tensor::Rng& rng) : jet_common::JetModel("PdatModel", config) {
    const Index d = config.dim;
    m_embed = addModule("embed", std::make_shared<nn::Mlp>(std::vector<Index>{config.particleDim, d, d},
                                                           nn::Activation::GELU, rng));
    m_pairEmbed = addModule(
        "pair_embed",
        std::make_shared<nn::Mlp>(
            std::vector<Index>{static_cast<Index>(jet_common::FeatureBatch::kPairDim), config.pairHidden, config.heads},
            nn::Activation::ReLU, rng));  // runs on N² rows per jet: erf-GELU there cost ~15 % of a step
    for (Index b = 0; b < config.blocks; ++b) {
        m_blocks.push_back(
            addModule("blocks." + std::to_string(b), std::make_shared<jet_common::PdatBlock>(config, rng)));
    }
    m_norm = addModule("norm", std::make_shared<nn::LayerNorm>(d));
    m_head = addModule("head", std::make_shared<nn::Mlp>(std::vector<Index>{d + countColumns(), d, 1},
                                                         nn::Activation::GELU, rng));
}

Var PdatModel::forward(const jet_common::FeatureBatch& batch) {
    checkBatch(batch);
    const ag::SetMask mask = setMask(batch);
    const auto rows = static_cast<Index>(batch.mask.size());
    const auto n = static_cast<Index>(batch.particles);
    Matrix maskValues = Eigen::Map<const Matrix>(batch.mask.data(), rows, 1);
    Matrix meanValues(rows, 1);
    for (Index b = 0; b < rows / n; ++b) {
        const float count = maskValues.middleRows(b * n, n).sum();
        meanValues.middleRows(b * n, n) = maskValues.middleRows(b * n, n) / (count > 0.0f ? count : 1.0f);
    }
    const Var maskCol(std::move(maskValues)), meanCol(std::move(meanValues));
    const Var pairBias = jet_common::pairBiasPerHead(m_pairEmbed->forward(scaledPairs(batch)), n);
    Var x = m_embed->forward(scaledParticles(batch));
    for (const auto& block : m_blocks) x = block->forward(x, mask, pairBias, maskCol, meanCol);
    return m_head->forward(withCount(ag::setMean(m_norm->forward(x), mask), batch));
}

}  // namespace bithep::tasks::qg
