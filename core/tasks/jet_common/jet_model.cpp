#include "core/tasks/jet_common/jet_model.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/io/json_fields.h"
#include "core/io/size_limits.h"

namespace bithep::tasks::jet_common {

using autograd::Var;
using tensor::Index;
using tensor::Matrix;

namespace {

constexpr float kMinSpread = 1e-3f;  // constant features (e.g. a PID class never seen) stay finite

void fitColumns(const std::vector<float>& data, const std::vector<float>& valid, Index dim, Matrix& mean,
                Matrix& scale) {
    std::vector<double> sum(static_cast<std::size_t>(dim), 0.0), sumSq(sum);
    double count = 0.0;
    for (std::size_t r = 0; r < valid.size(); ++r) {
        if (valid[r] == 0.0f) continue;
        count += 1.0;
        for (Index c = 0; c < dim; ++c) {
            const double v = data[r * static_cast<std::size_t>(dim) + static_cast<std::size_t>(c)];
            sum[static_cast<std::size_t>(c)] += v;
            sumSq[static_cast<std::size_t>(c)] += v * v;
        }
    }
    if (count < 2.0)
        throw std::invalid_argument("fitInputScaling: fewer than two real particles in the batch");
    for (Index c = 0; c < dim; ++c) {
        const double m = sum[static_cast<std::size_t>(c)] / count;
        const double var = std::max(sumSq[static_cast<std::size_t>(c)] / count - m * m, 0.0);
        mean(0, c) = static_cast<float>(m);
        scale(0, c) = 1.0f / std::max(static_cast<float>(std::sqrt(var)), kMinSpread);
    }
}

std::vector<float> logMultiplicity(const FeatureBatch& batch) {
    std::vector<float> out(batch.multiplicity.size());
    for (std::size_t b = 0; b < out.size(); ++b) out[b] = std::log(std::max(batch.multiplicity[b], 1.0f));
    return out;
}

Var standardise(const std::vector<float>& data, Index rows, const Matrix& mean, const Matrix& scale) {
    Matrix x = Eigen::Map<const Matrix>(data.data(), rows, mean.cols());
    x = (x.rowwise() - mean.row(0)).array().rowwise() * scale.row(0).array();
    return Var(std::move(x));
}

}  // namespace

std::string JetModelConfig::toJson() const {
    return nlohmann::json{{"architecture", architecture},
                          {"particle_dim", particleDim},
                          {"dim", dim},
                          {"heads", heads},
                          {"blocks", blocks},
                          {"ff_hidden", ffHidden},
                          {"pair_hidden", pairHidden},
                          {"max_particles", maxParticles},
                          {"count_input", countInput}}
        .dump();
}

JetModelConfig JetModelConfig::fromJson(const std::string& json) {
    nlohmann::json j;
    try {
        j = io::parseJsonBounded(json, "qg model config");
    } catch (const std::runtime_error& e) {
        throw std::invalid_argument(e.what());
    }
    if (!j.is_object()) throw std::invalid_argument("qg model config: not a JSON object");
    auto need = [&j](const char* name) -> const nlohmann::json& {
        if (!j.contains(name))
            throw std::invalid_argument(std::string("qg model config: missing field '") + name + "'");
        return j.at(name);
    };
    auto integer = [&need](const char* name, auto& target, long long hi) {
        using T = std::remove_reference_t<decltype(target)>;
        target = io::jsonInteger<T>(need(name), 0, static_cast<T>(hi), std::string("qg model config: '") + name + "'");
    };
    JetModelConfig c;
    if (!need("architecture").is_string())
        throw std::invalid_argument("qg model config: field 'architecture' has the wrong type");
    c.architecture = need("architecture").get<std::string>();
    integer("particle_dim", c.particleDim, kMaxParticleDim);
    integer("dim", c.dim, kMaxWidth);
    integer("heads", c.heads, kMaxHeads);
    integer("blocks", c.blocks, kMaxBlocks);
    integer("ff_hidden", c.ffHidden, kMaxWidth);
    integer("pair_hidden", c.pairHidden, kMaxWidth);
    integer("max_particles", c.maxParticles, static_cast<long long>(io::SizeBounds::kParticlesPerJet));
    c.countInput = false;  // absent in checkpoints written before the count input existed
    if (j.contains("count_input")) {
        if (!j.at("count_input").is_boolean())
            throw std::invalid_argument("qg model config: field 'count_input' has the wrong type");
        c.countInput = j.at("count_input").get<bool>();
    }
    c.validate();
    return c;
}

void JetModelConfig::validate() const {
    if (architecture != "pdat" && architecture != "deepsets") {
        throw std::invalid_argument("qg model config: architecture '" + architecture +
                                    "' is not pdat or deepsets");
    }
    if (particleDim <= 0 || dim <= 0 || ffHidden <= 0 || pairHidden <= 0 || blocks < 0) {
        throw std::invalid_argument(
            "qg model config: particle_dim, dim, ff_hidden, pair_hidden must be positive");
    }
    if (particleDim > kMaxParticleDim || dim > kMaxWidth || ffHidden > kMaxWidth || pairHidden > kMaxWidth ||
        blocks > kMaxBlocks || heads > kMaxHeads)
        throw std::invalid_argument("qg model config: particle_dim <= " + std::to_string(kMaxParticleDim) +
                                    ", dim, ff_hidden, pair_hidden <= " + std::to_string(kMaxWidth) +
                                    ", heads <= " + std::to_string(kMaxHeads) + " and blocks <= " +
                                    std::to_string(kMaxBlocks) + " (the bounds of this format)");
    // Generous per-block count (attention, channel attention, feed-forward, pair MLP), checked before
    // anything is allocated: a damaged checkpoint must not build a network of billions of weights.
    const double perBlock = 8.0 * double(dim) * double(dim) + 2.0 * double(dim) * double(ffHidden) +
                            double(pairHidden) * (2.0 * double(pairHidden) + double(heads) + 16.0);
    if (double(blocks) * perBlock + double(particleDim + 2 * ffHidden) * double(dim) > kMaxParameters)
        throw std::invalid_argument("qg model config: a network of this size (" + std::to_string(blocks) + " blocks of width " +
                                    std::to_string(dim) + ", feed-forward " + std::to_string(ffHidden) +
                                    ") would have more than " + std::to_string(static_cast<long long>(kMaxParameters)) +
                                    " parameters");
    if (maxParticles > io::SizeBounds::kParticlesPerJet)
        throw std::invalid_argument("qg model config: max_particles " + std::to_string(maxParticles) +
                                    " is more than the bound of " + std::to_string(io::SizeBounds::kParticlesPerJet));
    if (heads <= 0 || dim % heads != 0) {
        throw std::invalid_argument("qg model config: dim " + std::to_string(dim) + " does not split into " +
                                    std::to_string(heads) + " heads");
    }
}

JetModel::JetModel(std::string typeName, const JetModelConfig& config)
    : nn::Module(std::move(typeName)),
      m_config(config),
      m_particleMean(Matrix::Zero(1, config.particleDim)),
      m_particleScale(Matrix::Ones(1, config.particleDim)),
      m_pairMean(Matrix::Zero(1, FeatureBatch::kPairDim)),
      m_pairScale(Matrix::Ones(1, FeatureBatch::kPairDim)),
      m_countMean(Matrix::Zero(1, 1)),
      m_countScale(Matrix::Ones(1, 1)) {
    m_config.validate();
    addBuffer("input.particle_mean", &m_particleMean);
    addBuffer("input.particle_scale", &m_particleScale);
    addBuffer("input.pair_mean", &m_pairMean);
    addBuffer("input.pair_scale", &m_pairScale);
    if (m_config.countInput) {
        addBuffer("input.count_mean", &m_countMean);
        addBuffer("input.count_scale", &m_countScale);
    }
}

void JetModel::fitInputScaling(const FeatureBatch& batch) {
    checkBatch(batch);
    fitColumns(batch.particleFeatures, batch.mask, m_config.particleDim, m_particleMean, m_particleScale);
    if (needsPairFeatures()) {
        fitColumns(batch.pairFeatures, batch.pairMask, static_cast<Index>(FeatureBatch::kPairDim), m_pairMean,
                   m_pairScale);
    }
    if (m_config.countInput) {
        // One jet gives no spread: the scale stays 1 (the count is then only shifted).
        const std::vector<float> logCount = logMultiplicity(batch);
        if (logCount.size() >= 2) {
            fitColumns(logCount, std::vector<float>(logCount.size(), 1.0f), 1, m_countMean, m_countScale);
        } else {
            m_countMean(0, 0) = logCount.empty() ? 0.0f : logCount.front();
            m_countScale(0, 0) = 1.0f;
        }
    }
}

Var JetModel::scaledParticles(const FeatureBatch& batch) const {
    return standardise(batch.particleFeatures, static_cast<Index>(batch.batch * batch.particles),
                       m_particleMean, m_particleScale);
}

Var JetModel::scaledPairs(const FeatureBatch& batch) const {
    const auto n = static_cast<Index>(batch.particles);
    return standardise(batch.pairFeatures, static_cast<Index>(batch.batch) * n * n, m_pairMean, m_pairScale);
}

Var JetModel::scaledCount(const FeatureBatch& batch) const {
    return standardise(logMultiplicity(batch), static_cast<Index>(batch.batch), m_countMean, m_countScale);
}

Var JetModel::withCount(const Var& pooled, const FeatureBatch& batch) const {
    return m_config.countInput ? autograd::concatCols({pooled, scaledCount(batch)}) : pooled;
}

autograd::SetMask JetModel::setMask(const FeatureBatch& batch) {
    autograd::SetMask mask;
    mask.setSize = static_cast<Index>(batch.particles);
    mask.valid.resize(batch.mask.size());
    for (std::size_t i = 0; i < batch.mask.size(); ++i) mask.valid[i] = batch.mask[i] != 0.0f ? 1 : 0;
    return mask;
}

void JetModel::checkBatch(const FeatureBatch& batch) const {
    if (static_cast<Index>(batch.particleDim) != m_config.particleDim) {
        throw std::invalid_argument("qg model: batch has " + std::to_string(batch.particleDim) +
                                    " particle features, the model expects " +
                                    std::to_string(m_config.particleDim) +
                                    (m_config.particleDim == 13 ? " (PID features)" : " (no PID)"));
    }
    if (batch.batch == 0 || batch.particles == 0) throw std::invalid_argument("qg model: empty batch");
    if (batch.mask.size() != batch.batch * batch.particles ||
        batch.particleFeatures.size() != batch.mask.size() * batch.particleDim) {
        throw std::invalid_argument("qg model: feature and mask sizes do not match the batch shape");
    }
    if (m_config.countInput && batch.multiplicity.size() != batch.batch)
        throw std::invalid_argument("qg model: the batch has no jet multiplicities for the count input");
    const std::size_t pairs = batch.batch * batch.particles * batch.particles;
    if (needsPairFeatures() &&
        (batch.pairFeatures.size() != pairs * FeatureBatch::kPairDim || batch.pairMask.size() != pairs)) {
        throw std::invalid_argument(
            "qg model: the P-DAT model needs pair features (FeatureOptions::pairFeatures)");
    }
}

FeatureOptions featureOptionsFor(const JetModelConfig& config) {
    FeatureOptions options;
    options.usePid = config.particleDim > 7;
    options.maxParticles = config.maxParticles;
    options.pairFeatures = config.architecture == "pdat";
    return options;
}

}  // namespace bithep::tasks::jet_common
