#include "core/tasks/smeft/smeft_run_config.h"

#include "core/tasks/batch_settings.h"
#include "core/tasks/task_session.h"

#include <charconv>
#include <sstream>
#include <stdexcept>

namespace bithep::tasks::smeft {

namespace {

template <class T>
T parseNumber(const std::string& key, const std::string& value) {
    return parseSettingNumber<T>("smeft batch", key, value);
}

void applySetting(SmeftRunConfig& c, const std::string& key, const std::string& value) {
    if (applyTrainSetting(c.training, "smeft batch", key, value))
        return;
    if (key == "events")
        c.trainEvents = parseNumber<std::size_t>(key, value);
    else if (key == "test-events")
        c.testEvents = parseNumber<std::size_t>(key, value);
    else if (key == "data")
        c.dataFile = value;
    else if (key == "data-seed")
        c.dataSeed = parseNumber<std::uint64_t>(key, value);
    else if (key == "save-data")
        c.saveData = parseNumber<int>(key, value) != 0;
    else if (key == "luminosity")
        c.scan.luminosityFb = parseNumber<double>(key, value);
    else if (key == "c-true")
        c.scan.cTrue = parseNumber<double>(key, value);
    else if (key == "c-max")
        c.scan.cMax = parseNumber<double>(key, value);
    else if (key == "phi-bins")
        c.scan.binning.phiBins = parseNumber<std::size_t>(key, value);
    else if (key == "lhe")
        c.lheFile = value;
    else if (key == "lhe-weights") {
        c.lheWeights.clear();
        std::stringstream in(value);
        for (std::string id; std::getline(in, id, ',');) c.lheWeights.push_back(id);
        if (c.lheWeights.size() != 3)
            throw std::invalid_argument("smeft batch: lhe-weights needs three ids: SM,PLUS,MINUS");
    } else if (key == "lhe-scale")
        c.lheScale = parseNumber<double>(key, value);
    else if (key == "lhe-leptonic")
        c.lheLeptonic = parseNumber<int>(key, value) != 0;
    else if (key == "ue-density")
        c.generator.ueDensity = parseNumber<double>(key, value);
    else
        throw std::invalid_argument(
            "smeft batch: unknown setting '" + key +
            "' (known: events, test-events, data, data-seed, save-data, " + kTrainSettingKeys +
            ", luminosity, c-true, c-max, phi-bins, ue-density, lhe, lhe-weights, lhe-scale, lhe-leptonic)");
}

}  // namespace

std::vector<std::string> parseSmeftPlans(const std::string& text) {
    if (text.empty()) return {"all-ternary"};
    if (text == "compare") return {"mp-only", "readout-only", "all-ternary"};
    std::vector<std::string> plans;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) throw std::invalid_argument("smeft batch: empty plan name in '" + text + "'");
        if (item != "fp32") plans.push_back(item);
    }
    return plans;
}

SmeftRunConfig SmeftRunConfig::fromRequest(const BatchRequest& request) {
    SmeftRunConfig c;
    c.model = SmeftModelConfig::fromPreset(request.model.empty() ? "small" : request.model);
    forEachSetting(request, "smeft batch", [&](const std::string& key, const std::string& value) { applySetting(c, key, value); });
    if (c.trainEvents < 100 || c.testEvents < 50)
        throw std::invalid_argument("smeft batch: need at least 100 training and 50 test events");
    if (c.trainEvents > DatasetSettings::kMaxSamples || c.testEvents > DatasetSettings::kMaxSamples - c.trainEvents)
        throw std::invalid_argument("smeft batch: at most " + std::to_string(DatasetSettings::kMaxSamples) +
                                    " training and test events together");
    c.training.seed = request.seed;
    c.training.validate("smeft batch");
    c.scan.validate();
    c.generator.validate();
    c.plans = parseSmeftPlans(request.plan);
    return c;
}

nlohmann::json SmeftRunConfig::toJson() const {
    return {{"model", nlohmann::json::parse(model.toJson())},
            {"plans", plans},
            {"train_events", trainEvents},
            {"test_events", testEvents},
            {"data_file", dataFile},
            {"data_seed", dataSeed},
            {"save_data", saveData},
            {"lhe_file", lheFile},
            {"lhe_weights", lheWeights},
            {"lhe_scale", lheScale},
            {"lhe_leptonic", lheLeptonic},
            {"generator", nlohmann::json::parse(generator.toJson())},
            {"training", training.toJson()},
            {"scan", scan.toJson()}};
}

}  // namespace bithep::tasks::smeft
