#include "core/train/optimizer.h"

#include <cmath>
#include <stdexcept>

namespace bithep::train {

Optimizer::Optimizer(std::string typeName, NamedParameters params, float learningRate)
    : m_typeName(std::move(typeName)), m_params(std::move(params)), m_lr(learningRate) {
    if (!(learningRate >= 0.0f)) throw std::invalid_argument(m_typeName + ": learning rate must be >= 0");
    for (const auto& [path, v] : m_params) {
        if (!v.requiresGrad()) throw std::invalid_argument(m_typeName + ": parameter '" + path + "' is not trainable");
    }
}

std::vector<Matrix>& Optimizer::addSlot(const std::string& name) {
    std::vector<Matrix> state;
    for (const auto& [path, v] : m_params) state.push_back(Matrix::Zero(v.rows(), v.cols()));
    m_slots.emplace_back(name, std::move(state));
    return m_slots.back().second;
}

std::vector<std::pair<std::string, Matrix*>> Optimizer::stateBuffers() {
    std::vector<std::pair<std::string, Matrix*>> out;
    for (auto& [slot, mats] : m_slots) {
        for (size_t i = 0; i < mats.size(); ++i) out.emplace_back(slot + "/" + m_params[i].first, &mats[i]);
    }
    return out;
}

void Optimizer::step() {
    ++m_steps;
    for (size_t i = 0; i < m_params.size(); ++i) {
        Var& v = m_params[i].second;
        if (!v.hasGrad()) continue;  // unused in this graph: no gradient, no update (as PyTorch)
        update(i, v.mutableValue(), v.grad());
    }
}

void Optimizer::zeroGrad() {
    for (auto& [path, v] : m_params) v.zeroGrad();
}

Sgd::Sgd(NamedParameters params, float learningRate, float momentum, float weightDecay)
    : Optimizer("SGD", std::move(params), learningRate), m_momentum(momentum), m_weightDecay(weightDecay) {
    m_velocity = &addSlot("momentum");
}

void Sgd::update(size_t index, Matrix& value, const Matrix& grad) {
    Matrix& buf = (*m_velocity)[index];
    if (m_weightDecay != 0.0f) {
        buf = m_momentum * buf + grad + m_weightDecay * value;
    } else {
        buf = m_momentum * buf + grad;
    }
    value -= learningRate() * buf;
}

Adam::Adam(NamedParameters params, float learningRate, float beta1, float beta2, float eps, float weightDecay)
    : Adam("Adam", std::move(params), learningRate, beta1, beta2, eps, weightDecay, false) {}

Adam::Adam(std::string typeName, NamedParameters params, float learningRate, float beta1, float beta2, float eps,
           float weightDecay, bool decoupled)
    : Optimizer(std::move(typeName), std::move(params), learningRate), m_beta1(beta1), m_beta2(beta2), m_eps(eps),
      m_weightDecay(weightDecay), m_decoupled(decoupled) {
    m_m = &addSlot("exp_avg");
    m_v = &addSlot("exp_avg_sq");
}

void Adam::update(size_t index, Matrix& value, const Matrix& grad) {
    Matrix& m = (*m_m)[index];
    Matrix& v = (*m_v)[index];
    const float lr = learningRate();
    if (m_decoupled && m_weightDecay != 0.0f) value *= 1.0f - lr * m_weightDecay;
    const bool l2 = !m_decoupled && m_weightDecay != 0.0f;
    const auto n = static_cast<double>(stepCount());
    const auto bc1 = static_cast<float>(1.0 - std::pow(double(m_beta1), n));
    const auto bc2Sqrt = static_cast<float>(std::sqrt(1.0 - std::pow(double(m_beta2), n)));
    const float stepSize = lr / bc1;
    // One fused pass over the parameter: no temporaries in the hot loop.
    float* w = value.data();
    float* mp = m.data();
    float* vp = v.data();
    const float* g = grad.data();
    for (Index i = 0; i < value.size(); ++i) {
        const float gi = l2 ? g[i] + m_weightDecay * w[i] : g[i];
        mp[i] = m_beta1 * mp[i] + (1.0f - m_beta1) * gi;
        vp[i] = m_beta2 * vp[i] + (1.0f - m_beta2) * gi * gi;
        w[i] -= stepSize * mp[i] / (std::sqrt(vp[i]) / bc2Sqrt + m_eps);
    }
}

AdamW::AdamW(NamedParameters params, float learningRate, float beta1, float beta2, float eps, float weightDecay)
    : Adam("AdamW", std::move(params), learningRate, beta1, beta2, eps, weightDecay, true) {}

float clipGradNorm(const NamedParameters& params, float maxNorm) {
    double total = 0.0;
    for (const auto& [path, v] : params) {
        if (v.hasGrad()) total += static_cast<double>(v.grad().squaredNorm());
    }
    const auto norm = static_cast<float>(std::sqrt(total));
    if (maxNorm > 0.0f && norm > maxNorm && std::isfinite(norm)) {
        const float scale = maxNorm / (norm + 1e-6f);  // the 1e-6 as in torch.nn.utils.clip_grad_norm_
        for (const auto& [path, v] : params) {
            if (v.hasGrad()) v.node()->grad *= scale;
        }
    }
    return norm;
}

}  // namespace bithep::train
