// Conditional flow matching: MLP velocity field, straight-path loss, midpoint ODE sampler.
#include "core/tasks/calo/cfm_model.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "core/autograd/flow_ops.h"

namespace bithep::tasks::calo {

using autograd::Var;
using tensor::Index;
using tensor::Matrix;

nlohmann::json CfmConfig::toJson() const {
    return {{"model", "cfm"},        {"voxels", voxels},          {"hidden", hidden},
            {"hidden_layers", hiddenLayers}, {"embed_dim", embedDim}, {"time_frequencies", timeFrequencies},
            {"ode_steps", odeSteps}};
}

CfmModel::CfmModel(const CfmConfig& config, std::uint64_t seed) : CaloGenerativeModel("CfmModel"), m_config(config) {
    if (config.voxels < 1 || config.hidden < 1 || config.hiddenLayers < 1 || config.embedDim < 1 || config.odeSteps < 1 ||
        config.timeFrequencies < 2 || config.timeFrequencies % 2 != 0)
        throw std::invalid_argument("cfm model: sizes and steps must be positive, time frequencies even");
    tensor::Rng rng(seed);
    m_embed = addModule("embed", std::make_shared<nn::Mlp>(std::vector<Index>{config.timeFrequencies + 1, config.embedDim,
                                                                              config.embedDim},
                                                           nn::Activation::SiLU, rng, true));
    std::vector<Index> sizes{config.voxels + config.embedDim};
    for (int i = 0; i < config.hiddenLayers; ++i) sizes.push_back(config.hidden);
    sizes.push_back(config.voxels);
    m_net = addModule("net", std::make_shared<nn::Mlp>(sizes, nn::Activation::SiLU, rng));
}

Var CfmModel::velocity(const Var& xt, const Matrix& t, const Matrix& cond) {
    const Var time = autograd::sinusoidalEmbedding(autograd::constant(t), m_config.timeFrequencies, 1000.0f);
    const Var embedding = m_embed->forward(autograd::concatCols({time, autograd::constant(cond)}));
    return m_net->forward(autograd::concatCols({xt, embedding}));
}

Var CfmModel::loss(const Matrix& x, const Matrix& cond, tensor::Rng& rng) {
    const Matrix x0 = tensor::normal(x.rows(), x.cols(), 0.0f, 1.0f, rng);
    Matrix t(x.rows(), 1);
    for (Index i = 0; i < x.rows(); ++i) t(i, 0) = tensor::uniform01(rng);
    Matrix xt = x0 + (t.replicate(1, x.cols()).array() * (x - x0).array()).matrix();
    const Var v = velocity(autograd::constant(std::move(xt)), t, cond);
    return autograd::mse(v, autograd::constant(x - x0));
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

std::string CfmModel::configJson() const { return m_config.toJson().dump(); }

}  // namespace bithep::tasks::calo
