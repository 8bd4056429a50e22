#include "core/tasks/joi/joi_run_config.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/tasks/batch_settings.h"
#include "core/tasks/joi/joi_training.h"

namespace bithep::tasks::joi {

namespace {

constexpr const char* kContext = "joi batch";

template <class T>
T number(const std::string& key, const std::string& value) {
    return parseSettingNumber<T>(kContext, key, value);
}

std::vector<std::string> splitList(const std::string& key, const std::string& text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) items.push_back(item);
    if (items.empty())
        throw std::invalid_argument(std::string(kContext) + ": '" + key + "' needs a comma list");
    return items;
}

void applySetting(JoiRunConfig& c, const std::string& key, const std::string& value) {
    using tensor::Index;
    auto& p = c.model.pdat;
    if (applyTrainSetting(c.training, kContext, key, value)) return;
    if (key == "scan-sizes") {
        c.scanSizes.clear();
        for (const auto& item : splitList(key, value)) c.scanSizes.push_back(number<std::size_t>(key, item));
    } else if (key == "encodings") {
        c.encodings = splitList(key, value);
    } else if (key == "test-jets")
        c.testJets = number<std::size_t>(key, value);
    else if (key == "data")
        c.dataFile = value;
    else if (key == "data-seed")
        c.dataSeed = number<std::uint64_t>(key, value);
    else if (key == "min-steps")
        c.minSteps = number<long>(key, value);
    else if (key == "dim")
        p.dim = number<Index>(key, value);
    else if (key == "heads")
        p.heads = number<Index>(key, value);
    else if (key == "blocks")
        p.blocks = number<Index>(key, value);
    else if (key == "ff-hidden")
        p.ffHidden = number<Index>(key, value);
    else if (key == "pair-hidden")
        p.pairHidden = number<Index>(key, value);
    else if (key == "max-particles")
        p.maxParticles = number<std::size_t>(key, value);
    else if (key == "token-dim")
        c.model.tokenDim = number<Index>(key, value);
    else if (key == "save-data")
        c.saveData = number<int>(key, value) != 0;
    else
        throw std::invalid_argument(
            std::string(kContext) + ": unknown setting '" + key +
            "' (known: scan-sizes, encodings, test-jets, data, data-seed, min-steps, " +
            std::string(kTrainSettingKeys) + ", dim, heads, blocks, ff-hidden, pair-hidden, "
            "max-particles, token-dim, save-data)");
}

}  // namespace

JoiRunConfig::JoiRunConfig() {
    // Teaching size: one dual-attention block on the 24 hardest particles trains in seconds
    // per thousand jets on one core.
    model.pdat.dim = 32;
    model.pdat.heads = 4;
    model.pdat.blocks = 1;
    model.pdat.ffHidden = 64;
    model.pdat.pairHidden = 16;
    model.pdat.maxParticles = 24;
    training.epochs = 8;
    training.batchSize = 64;
    training.learningRate = 3e-3f;
}

std::size_t JoiRunConfig::largestSize() const {
    return *std::max_element(scanSizes.begin(), scanSizes.end());
}

int JoiRunConfig::epochsFor(std::size_t size) const {
    const double trainJets = static_cast<double>(size) * (1.0 - training.validationFraction);
    const double stepsPerEpoch =
        std::max(1.0, std::ceil(trainJets / static_cast<double>(training.batchSize)));
    return std::max(training.epochs,
                    static_cast<int>(std::ceil(static_cast<double>(minSteps) / stepsPerEpoch)));
}

JoiRunConfig JoiRunConfig::fromRequest(const BatchRequest& request) {
    JoiRunConfig c;
    forEachSetting(request, kContext,
                   [&](const std::string& key, const std::string& value) { applySetting(c, key, value); });
    for (std::size_t n : c.scanSizes)
        if (n < 50)
            throw std::invalid_argument(std::string(kContext) + ": scan sizes must be at least 50 jets");
    if (c.testJets < 110)
        throw std::invalid_argument(std::string(kContext) + ": test-jets must be at least 110");
    if (c.minSteps < 0) throw std::invalid_argument(std::string(kContext) + ": min-steps must be >= 0");
    std::sort(c.scanSizes.begin(), c.scanSizes.end());
    c.scanSizes.erase(std::unique(c.scanSizes.begin(), c.scanSizes.end()), c.scanSizes.end());
    for (const auto& e : c.encodings) {
        JoiModelConfig m = c.model;
        m.encoding = e;
        m.validate();  // names the bad encoding or network setting
    }
    c.training.seed = request.seed;
    c.training.validate("joi batch");
    if (request.plan == "compare")
        c.plans = {"fp32", "p-dat-bit", "all-linear-ternary"};
    else if (!request.plan.empty())
        c.plans = splitList("--plan", request.plan);
    return c;
}

nlohmann::json JoiRunConfig::toJson() const {
    return {{"scan_sizes", scanSizes},
            {"encodings", encodings},
            {"plans", plans},
            {"test_jets", testJets},
            {"data_file", dataFile},
            {"data_seed", dataSeed},
            {"min_steps", minSteps},
            {"save_data", saveData},
            {"model", nlohmann::json::parse(model.toJson())},
            {"training", joiTrainingJson(training)}};
}

}  // namespace bithep::tasks::joi
