#include "core/tasks/qg/qg_run_config.h"

#include <charconv>
#include <sstream>
#include <stdexcept>

#include "core/tasks/batch_settings.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks::qg {

namespace {

template <class T>
T parseNumber(const std::string& key, const std::string& value) {
    return parseSettingNumber<T>("qg batch", key, value);
}

void applySetting(QgRunConfig& c, const std::string& key, const std::string& value) {
    using tensor::Index;
    if (applyTrainSetting(c.training, "qg batch", key, value))
        return;
    if (key == "jets")
        c.trainJets = parseNumber<std::size_t>(key, value);
    else if (key == "test-jets")
        c.testJets = parseNumber<std::size_t>(key, value);
    else if (key == "data")
        c.dataFile = value;
    else if (key == "checkpoint")
        c.checkpoint = value;
    else if (key == "data-seed")
        c.dataSeed = parseNumber<std::uint64_t>(key, value);
    else if (key == "dim")
        c.pdat.dim = parseNumber<Index>(key, value);
    else if (key == "heads")
        c.pdat.heads = parseNumber<Index>(key, value);
    else if (key == "blocks")
        c.pdat.blocks = parseNumber<Index>(key, value);
    else if (key == "ff-hidden")
        c.pdat.ffHidden = parseNumber<Index>(key, value);
    else if (key == "pair-hidden")
        c.pdat.pairHidden = parseNumber<Index>(key, value);
    else if (key == "max-particles")
        c.pdat.maxParticles = c.deepSets.maxParticles = parseNumber<std::size_t>(key, value);
    else if (key == "count-input")
        c.pdat.countInput = c.deepSets.countInput = parseNumber<int>(key, value) != 0;
    else if (key == "pid")
        c.usePid = parseNumber<int>(key, value) != 0;
    else if (key == "deepsets")
        c.trainDeepSets = parseNumber<int>(key, value) != 0;
    else {
        throw std::invalid_argument(
            "qg batch: unknown setting '" + key +
            "' (known: jets, test-jets, data, data-seed, " + kTrainSettingKeys +
            ", dim, heads, blocks, ff-hidden, pair-hidden, max-particles, count-input, deepsets, checkpoint, pid)");
    }
}

}  // namespace

QgRunConfig QgRunConfig::fromPreset(const std::string& name) {
    QgRunConfig c;
    c.deepSets.architecture = "deepsets";
    if (name.empty() || name == "teaching") return c;
    if (name != "full")
        throw std::invalid_argument("qg batch: model preset '" + name + "' is not teaching or full");
    c.preset = "full";
    c.trainJets = 80000;
    c.testJets = 20000;
    c.pdat.dim = 64;
    c.pdat.heads = 8;
    c.pdat.blocks = 4;
    c.pdat.ffHidden = 128;
    c.pdat.pairHidden = 32;
    c.pdat.maxParticles = 128;
    c.deepSets.dim = 64;
    c.deepSets.maxParticles = 128;
    c.training.epochs = 20;
    c.training.learningRate = 1e-3f;
    return c;
}

QgRunConfig QgRunConfig::fromRequest(const BatchRequest& request) {
    QgRunConfig c = fromPreset(request.model);
    bool sized = false;
    forEachSetting(request, "qg batch", [&](const std::string& key, const std::string& value) {
        applySetting(c, key, value);
        sized = sized || key == "jets" || key == "test-jets";
    });
    // A saved tagger scored on a file trains nothing: every jet of the file is scored.
    c.wholeFile = !c.checkpoint.empty() && !c.dataFile.empty() && !sized;
    if (c.wholeFile) c.trainJets = 0;
    if (c.wholeFile) {
        if (c.testJets < 20) throw std::invalid_argument("qg batch: need at least 20 test jets");
    } else if (c.trainJets < 100 || c.testJets < 20) {
        throw std::invalid_argument("qg batch: need at least 100 training and 20 test jets");
    }
    if (c.trainJets > DatasetSettings::kMaxSamples || c.testJets > DatasetSettings::kMaxSamples - c.trainJets)
        throw std::invalid_argument("qg batch: at most " + std::to_string(DatasetSettings::kMaxSamples) +
                                    " training and test jets together");
    c.training.seed = request.seed;
    c.training.validate("qg batch");
    c.pdat.validate();
    c.deepSets.validate();
    c.plans = parsePlanList(request.plan);
    return c;
}

nlohmann::json QgRunConfig::toJson() const {
    return {{"preset", preset},
            {"train_jets", trainJets},
            {"test_jets", testJets},
            {"data_file", dataFile},
            {"data_seed", dataSeed},
            {"pdat", nlohmann::json::parse(pdat.toJson())},
            {"deepsets", nlohmann::json::parse(deepSets.toJson())},
            {"train_deepsets", trainDeepSets},
            {"training", training.toJson("BCE with logits")},
            {"plans", plans},
            {"checkpoint", checkpoint},
            {"pid", usePid},
            {"whole_file", wholeFile}};
}

std::vector<std::string> parsePlanList(const std::string& text) {
    if (text.empty()) return {"p-dat-bit"};
    if (text == "compare") return {"fp32", "p-dat-bit", "all-linear-ternary"};
    std::vector<std::string> plans;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) throw std::invalid_argument("qg batch: empty plan name in '" + text + "'");
        plans.push_back(item);
    }
    return plans;
}

}  // namespace bithep::tasks::qg
