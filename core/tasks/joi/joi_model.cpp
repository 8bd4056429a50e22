#include "core/tasks/joi/joi_model.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/autograd/ops.h"
#include "core/io/json_fields.h"
#include "core/tasks/joi/joi_features.h"
#include "core/tasks/jet_common/attention_layout.h"

namespace bithep::tasks::joi {

namespace ag = autograd;
using autograd::Var;
using tensor::Index;
using tensor::Matrix;

std::vector<std::string> joiEncodingNames() {
    return {"float", "bytes-float32", "bytes-bfloat16", "bytes-fixed16", "bytes-text"};
}

JoiModelConfig::JoiModelConfig() {
    pdat.particleDim = static_cast<Index>(kJoiParticleDim);
    pdat.maxParticles = 32;   // the hardest 32 carry the displaced tracks; pairs cost N²
    pdat.countInput = false;  // the jet-origin head has its own inputs (joi_model.h)
}

ByteEncoding JoiModelConfig::byteEncoding() const {
    if (!usesTokens()) throw std::logic_error("joi model: the float encoding has no byte tokens");
    return byteEncodingFromName(encoding.substr(6));  // after "bytes-"
}

std::string JoiModelConfig::toJson() const {
    return nlohmann::json{{"encoding", encoding},
                          {"token_dim", tokenDim},
                          {"classes", classes},
                          {"pdat", nlohmann::json::parse(pdat.toJson())}}
        .dump();
}

JoiModelConfig JoiModelConfig::fromJson(const std::string& json) {
    nlohmann::json j;
    try {
        j = io::parseJsonBounded(json, "joi model config");
    } catch (const std::runtime_error& e) {
        throw std::invalid_argument(e.what());
    }
    if (!j.is_object()) throw std::invalid_argument("joi model config: not a JSON object");
    JoiModelConfig c;
    for (const char* key : {"encoding", "token_dim", "classes", "pdat"})
        if (!j.contains(key))
            throw std::invalid_argument(std::string("joi model config: missing field '") + key + "'");
    try {
        c.encoding = j.at("encoding").get<std::string>();
        c.tokenDim = io::jsonInteger<Index>(j.at("token_dim"), 1, 4096, "joi model config: 'token_dim'");
        c.classes = io::jsonInteger<Index>(j.at("classes"), 2, 4096, "joi model config: 'classes'");
    } catch (const nlohmann::json::exception&) {
        throw std::invalid_argument("joi model config: encoding has the wrong type");
    }
    c.pdat = jet_common::JetModelConfig::fromJson(j.at("pdat").dump());
    c.validate();
    return c;
}

void JoiModelConfig::validate() const {
    const auto names = joiEncodingNames();
    if (std::find(names.begin(), names.end(), encoding) == names.end())
        throw std::invalid_argument(
            "joi model config: encoding '" + encoding +
            "' is not float, bytes-float32, bytes-bfloat16, bytes-fixed16 or bytes-text");
    if (tokenDim <= 0) throw std::invalid_argument("joi model config: token_dim must be positive");
    if (classes < 2) throw std::invalid_argument("joi model config: classes must be at least 2");
    if (pdat.architecture != "pdat")
        throw std::invalid_argument("joi model config: pdat.architecture must be pdat");
    if (pdat.particleDim != static_cast<Index>(kJoiParticleDim))
        throw std::invalid_argument("joi model config: particle_dim must be " +
                                    std::to_string(kJoiParticleDim));
    if (pdat.countInput) throw std::invalid_argument("joi model config: pdat.count_input is not supported");
    pdat.validate();
}

JoiModel::JoiModel(const JoiModelConfig& config, tensor::Rng& rng)
    : jet_common::JetModel("JoiModel", config.pdat), m_joiConfig(config) {
    m_joiConfig.validate();
    const auto& p = config.pdat;
    const Index d = p.dim;
    Index inputWidth = p.particleDim;
    if (config.usesTokens()) {
        m_tokens =
            addModule("tokens", std::make_shared<nn::Embedding>(kTokenVocabulary, config.tokenDim, rng));
        inputWidth = p.particleDim * tokensPerValue(config.byteEncoding()) * config.tokenDim;
    }
    m_embed = addModule(
        "embed", std::make_shared<nn::Mlp>(std::vector<Index>{inputWidth, d, d}, nn::Activation::GELU, rng));
    m_pairEmbed = addModule(
        "pair_embed",
        std::make_shared<nn::Mlp>(
            std::vector<Index>{static_cast<Index>(jet_common::FeatureBatch::kPairDim), p.pairHidden, p.heads},
            nn::Activation::ReLU, rng));
    for (Index b = 0; b < p.blocks; ++b)
        m_blocks.push_back(addModule("blocks." + std::to_string(b), std::make_shared<jet_common::PdatBlock>(p, rng)));
    m_norm = addModule("norm", std::make_shared<nn::LayerNorm>(d));
    m_head = addModule("head", std::make_shared<nn::Mlp>(std::vector<Index>{d, d, config.classes},
                                                         nn::Activation::GELU, rng));
}

Var JoiModel::particleInput(const jet_common::FeatureBatch& batch) const {
    if (!m_tokens) return scaledParticles(batch);
    const ByteEncoding encoding = m_joiConfig.byteEncoding();
    const auto rows = static_cast<Index>(batch.batch * batch.particles);
    const std::vector<Index> tokens =
        encodeRows(batch.particleFeatures, batch.mask, batch.particleDim, encoding);
    // (rows·T, e) in row-major order is each particle's T token vectors back to back, so a
    // reshape to (rows, T·e) is the concatenation in feature order.
    const Var embedded = m_tokens->forward(tokens);
    return ag::reshape(embedded, rows, static_cast<Index>(tokens.size()) / rows * m_joiConfig.tokenDim);
}

Var JoiModel::forward(const jet_common::FeatureBatch& batch) {
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
    Var x = m_embed->forward(particleInput(batch));
    for (const auto& block : m_blocks) x = block->forward(x, mask, pairBias, maskCol, meanCol);
    return m_head->forward(ag::setMean(m_norm->forward(x), mask));
}

std::unique_ptr<JoiModel> makeJoiModel(const JoiModelConfig& config, std::uint64_t seed) {
    config.validate();
    tensor::Rng rng(seed);
    return std::make_unique<JoiModel>(config, rng);
}

}  // namespace bithep::tasks::joi
