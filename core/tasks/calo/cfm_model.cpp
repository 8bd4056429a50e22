// Conditional flow matching: MLP velocity field, straight-path loss, midpoint ODE sampler.
#include "core/tasks/calo/cfm_model.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>

#include "core/autograd/flow_ops.h"

namespace bithep::tasks::calo {

using autograd::Var;
using tensor::Index;
using tensor::Matrix;

nlohmann::json CfmConfig::toJson() const {
    nlohmann::json j = {{"model", field == Field::Mlp ? "cfm" : "cfm-transformer"},
                        {"voxels", voxels},
                        {"hidden", hidden},
                        {field == Field::Mlp ? "hidden_layers" : "blocks", hiddenLayers},
                        {"embed_dim", embedDim},
                        {"time_frequencies", timeFrequencies},
                        {"ode_steps", odeSteps},
                        {"token_sizes", tokenSizes}};
    if (field == Field::Transformer) j["heads"] = heads;
    return j;
}

CfmConfig CfmConfig::transformer(const std::vector<int>& tokenSizes) {
    CfmConfig c;
    c.field = Field::Transformer;
    c.voxels = std::accumulate(tokenSizes.begin(), tokenSizes.end(), 0);
    c.tokenSizes = tokenSizes;
    c.hidden = 64;
    c.hiddenLayers = 3;
    return c;
}

namespace {

// Each group's columns share 1/groups of the loss, scaled so the weights average 1 (the loss
// stays on the plain mean's scale, about 2 per column at the start).
Matrix balancedWeights(const std::vector<int>& groups, int columns) {
    if (groups.empty()) return {};
    Matrix w(1, columns);
    Index offset = 0;
    for (int size : groups) {
        w.middleCols(offset, size)
            .setConstant(static_cast<float>(columns) /
                         static_cast<float>(groups.size() * static_cast<std::size_t>(size)));
        offset += size;
    }
    return w;
}

}  // namespace

CfmModel::CfmModel(const CfmConfig& config, std::uint64_t seed)
    : CaloGenerativeModel("CfmModel"), m_config(config) {
    if (config.voxels < 1 || config.hidden < 1 || config.hiddenLayers < 1 || config.embedDim < 1 ||
        config.odeSteps < 1 || config.timeFrequencies < 2 || config.timeFrequencies % 2 != 0)
        throw std::invalid_argument("cfm model: sizes and steps must be positive, time frequencies even");
    if (std::any_of(config.tokenSizes.begin(), config.tokenSizes.end(), [](int s) { return s < 1; }))
        throw std::invalid_argument("cfm model: every token needs at least one column");
    if (!config.tokenSizes.empty() &&
        std::accumulate(config.tokenSizes.begin(), config.tokenSizes.end(), 0) != config.voxels)
        throw std::invalid_argument("cfm model: the token sizes do not add up to the model-space columns");
    if (config.field == CfmConfig::Field::Transformer && config.tokenSizes.empty())
        throw std::invalid_argument("cfm model: the transformer field needs the token sizes");
    tensor::Rng rng(seed);
    const bool mlp = config.field == CfmConfig::Field::Mlp;
    m_embed = addModule(
        "embed", std::make_shared<nn::Mlp>(std::vector<Index>{config.timeFrequencies + 1, config.embedDim,
                                                              mlp ? config.embedDim : config.hidden},
                                           nn::Activation::SiLU, rng, true));
    if (mlp) {
        std::vector<Index> sizes{config.voxels + config.embedDim};
        for (int i = 0; i < config.hiddenLayers; ++i) sizes.push_back(config.hidden);
        sizes.push_back(config.voxels);
        m_mlp = addModule("net", std::make_shared<nn::Mlp>(sizes, nn::Activation::SiLU, rng));
    } else {
        m_transformer =
            addModule("net", std::make_shared<TransformerVelocityField>(
                                 TransformerFieldConfig{config.tokenSizes, config.hidden, config.hiddenLayers,
                                                        config.heads, 2 * config.hidden},
                                 rng));
    }
    m_lossWeights = balancedWeights(config.tokenSizes, config.voxels);
}

Var CfmModel::velocity(const Var& xt, const Matrix& t, const Matrix& cond) {
    const Var time = autograd::sinusoidalEmbedding(autograd::constant(t), m_config.timeFrequencies, 1000.0f);
    const Var embedding = m_embed->forward(autograd::concatCols({time, autograd::constant(cond)}));
    if (m_transformer) return m_transformer->forward(xt, embedding);
    return m_mlp->forward(autograd::concatCols({xt, embedding}));
}

Var CfmModel::loss(const Matrix& x, const Matrix& cond, tensor::Rng& rng) {
    const Matrix x0 = tensor::normal(x.rows(), x.cols(), 0.0f, 1.0f, rng);
    Matrix t(x.rows(), 1);
    for (Index i = 0; i < x.rows(); ++i) t(i, 0) = tensor::uniform01(rng);
    Matrix xt = x0 + (t.replicate(1, x.cols()).array() * (x - x0).array()).matrix();
    const Var v = velocity(autograd::constant(std::move(xt)), t, cond);
    if (m_lossWeights.size() == 0) return autograd::mse(v, autograd::constant(x - x0));
    // Σ w·(v − u)² = mse(√w·v, √w·u): the weights enter as constants, so the gradient is exact.
    const Matrix root = m_lossWeights.cwiseSqrt();
    const Matrix target = ((x - x0).array().rowwise() * root.row(0).array()).matrix();
    return autograd::mse(autograd::mul(v, autograd::constant(root)), autograd::constant(target));
}

Matrix CfmModel::sample(const Matrix& cond, tensor::Rng& rng) {
    autograd::NoGradGuard noGrad;
    const bool wasTraining = training();
    setTraining(false);
    Matrix x = tensor::normal(cond.rows(), m_config.voxels, 0.0f, 1.0f, rng);
    const float h = 1.0f / static_cast<float>(m_config.odeSteps);
    for (int s = 0; s < m_config.odeSteps; ++s) {
        const Matrix t0 = Matrix::Constant(cond.rows(), 1, static_cast<float>(s) * h);
        const Matrix k1 = velocity(autograd::constant(x), t0, cond).value();
        const Matrix mid = x + 0.5f * h * k1;
        const Matrix tm = Matrix::Constant(cond.rows(), 1, (static_cast<float>(s) + 0.5f) * h);
        x += h * velocity(autograd::constant(mid), tm, cond).value();
    }
    setTraining(wasTraining);
    return x;
}

std::string CfmModel::configJson() const {
    return m_config.toJson().dump();
}

}  // namespace bithep::tasks::calo
