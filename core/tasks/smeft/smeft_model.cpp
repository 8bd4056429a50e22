#include "core/tasks/smeft/smeft_model.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>
#include <stdexcept>

namespace bithep::tasks::smeft {

using autograd::Var;
using tensor::Index;
using tensor::Matrix;

namespace {

constexpr float kMinSpread = 1e-3f;    // constant features stay finite after scaling
constexpr float kNormEpsilon = 1e-8f;  // |Z|² floor: the loss stays smooth when Z ≈ 0

Var column(const std::vector<float>& values) {
    return Var(Eigen::Map<const Matrix>(values.data(), static_cast<Index>(values.size()), 1));
}

}  // namespace

std::vector<std::string> SmeftModelConfig::presetNames() {
    return {"small", "medium", "large"};
}

SmeftModelConfig SmeftModelConfig::fromPreset(const std::string& name) {
    SmeftModelConfig c;
    c.preset = name;
    if (name == "small")
        c.width = 32, c.rounds = 1;
    else if (name == "medium")
        c.width = 64, c.rounds = 2;
    else if (name == "large")
        c.width = 176, c.rounds = 2;
    else
        throw std::invalid_argument("unknown SMEFT model '" + name + "' (known: small, medium, large)");
    return c;
}

std::string SmeftModelConfig::toJson() const {
    return nlohmann::json{{"preset", preset},
                          {"width", width},
                          {"rounds", rounds},
                          {"max_particles", maxParticles},
                          {"feature_dim", SmeftBatch::kFeatureDim}}
        .dump();
}

void SmeftModelConfig::validate() const {
    if (width < 2 || width % 2 != 0)
        throw std::invalid_argument("smeft model: width must be even and at least 2");
    if (rounds < 0 || rounds > 8) throw std::invalid_argument("smeft model: rounds must be in 0..8");
    if (maxParticles == 0) throw std::invalid_argument("smeft model: max_particles must be positive");
}

SmeftModel::SmeftModel(const SmeftModelConfig& config, std::uint64_t seed)
    : nn::Module("SmeftModel"),
      m_config(config),
      m_mean(Matrix::Zero(1, SmeftBatch::kFeatureDim)),
      m_scale(Matrix::Ones(1, SmeftBatch::kFeatureDim)) {
    m_config.validate();
    tensor::Rng rng(seed);
    const Index w = config.width, d = SmeftBatch::kFeatureDim;
    m_embed = addModule("embed",
                        std::make_shared<nn::Mlp>(std::vector<Index>{d, w}, nn::Activation::ReLU, rng, true));
    for (int r = 0; r < config.rounds; ++r) {
        const std::string prefix = "mp." + std::to_string(r) + ".";
        m_message.push_back(
            addModule(prefix + "message",
                      std::make_shared<nn::Mlp>(std::vector<Index>{w, w}, nn::Activation::ReLU, rng, true)));
        m_update.push_back(addModule(
            prefix + "update",
            std::make_shared<nn::Mlp>(std::vector<Index>{2 * w, w}, nn::Activation::ReLU, rng, true)));
    }
    m_readout = addModule(
        "readout", std::make_shared<nn::Mlp>(std::vector<Index>{w, w / 2, 2}, nn::Activation::ReLU, rng));
    addBuffer("input.mean", &m_mean);
    addBuffer("input.scale", &m_scale);
}

void SmeftModel::fitInputScaling(const SmeftBatch& batch) {
    const std::size_t d = SmeftBatch::kFeatureDim;
    std::vector<double> sum(d, 0.0), sumSq(d, 0.0);
    double count = 0.0;
    for (std::size_t r = 0; r < batch.mask.size(); ++r) {
        if (batch.mask[r] == 0.0f) continue;
        count += 1.0;
        for (std::size_t c = 0; c < d; ++c) {
            const double v = batch.features[r * d + c];
            sum[c] += v, sumSq[c] += v * v;
        }
    }
    if (count < 2.0)
        throw std::invalid_argument("smeft model: fewer than two constituents to fit the input scaling");
    for (std::size_t c = 0; c < d; ++c) {
        const double m = sum[c] / count, var = std::max(sumSq[c] / count - m * m, 0.0);
        m_mean(0, static_cast<Index>(c)) = static_cast<float>(m);
        m_scale(0, static_cast<Index>(c)) = 1.0f / std::max(static_cast<float>(std::sqrt(var)), kMinSpread);
    }
}

DecayPlaneOutput SmeftModel::forward(const SmeftBatch& batch) {
    const auto rows = static_cast<Index>(batch.batch * batch.particles);
    if (rows == 0) throw std::invalid_argument("smeft model: empty batch");
    if (batch.features.size() != static_cast<std::size_t>(rows) * SmeftBatch::kFeatureDim ||
        batch.mask.size() != std::size_t(rows))
        throw std::invalid_argument("smeft model: feature and mask sizes do not match the batch shape");
    Matrix x = Eigen::Map<const Matrix>(batch.features.data(), rows, SmeftBatch::kFeatureDim);
    x = (x.rowwise() - m_mean.row(0)).array().rowwise() * m_scale.row(0).array();
    autograd::SetMask mask;
    mask.setSize = static_cast<Index>(batch.particles);
    mask.valid.assign(batch.mask.begin(), batch.mask.end());
    std::vector<Index> owner(static_cast<std::size_t>(rows));  // row → its jet, to broadcast jet context
    for (Index r = 0; r < rows; ++r) owner[static_cast<std::size_t>(r)] = r / mask.setSize;

    Var h = m_embed->forward(Var(std::move(x)));
    for (std::size_t r = 0; r < m_message.size(); ++r) {
        const Var context = autograd::gatherRows(autograd::setMean(m_message[r]->forward(h), mask), owner);
        h = autograd::add(h, m_update[r]->forward(autograd::concatCols({h, context})));
    }
    const Var ab = m_readout->forward(h);
    const Var a = autograd::mul(autograd::sliceCols(ab, 0, 1), column(batch.ptWeight));
    const Var b = autograd::mul(autograd::sliceCols(ab, 1, 1), column(batch.ptWeight));
    const Var c = column(batch.cos2Phi), s = column(batch.sin2Phi);
    // (a + ib)(c + is) = (ac − bs) + i(as + bc)
    return {autograd::setSum(autograd::sub(autograd::mul(a, c), autograd::mul(b, s)), mask),
            autograd::setSum(autograd::add(autograd::mul(a, s), autograd::mul(b, c)), mask)};
}

Var decayPlaneLoss(const DecayPlaneOutput& out, const SmeftBatch& batch) {
    if (static_cast<std::size_t>(out.x.rows()) != batch.targetPhi.size())
        throw std::invalid_argument("decayPlaneLoss: output and target sizes differ");
    std::vector<float> c2(batch.targetPhi.size()), s2(batch.targetPhi.size());
    for (std::size_t i = 0; i < c2.size(); ++i) {
        c2[i] = std::cos(2.0f * batch.targetPhi[i]);
        s2[i] = std::sin(2.0f * batch.targetPhi[i]);
    }
    const Var norm = autograd::sqrt(autograd::addScalar(
        autograd::add(autograd::mul(out.x, out.x), autograd::mul(out.y, out.y)), kNormEpsilon));
    const Var cos2Delta = autograd::div(
        autograd::add(autograd::mul(out.x, column(c2)), autograd::mul(out.y, column(s2))), norm);
    return autograd::addScalar(autograd::mulScalar(autograd::mean(cos2Delta), -0.5f), 0.5f);
}

std::vector<double> predictedPhi(const DecayPlaneOutput& out) {
    std::vector<double> phi(static_cast<std::size_t>(out.x.rows()));
    for (Index i = 0; i < out.x.rows(); ++i) {
        double p = 0.5 * std::atan2(double(out.y.value()(i, 0)), double(out.x.value()(i, 0)));
        phi[static_cast<std::size_t>(i)] = p < 0.0 ? p + std::numbers::pi : p;
    }
    return phi;
}

}  // namespace bithep::tasks::smeft
