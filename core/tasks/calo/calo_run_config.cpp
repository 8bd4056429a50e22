// Batch settings of the calorimeter task from the command line.
#include "core/tasks/calo/calo_run_config.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/tasks/batch_settings.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks::calo {

namespace {

template <class T>
T parseNumber(const std::string& key, const std::string& value) {
    return parseSettingNumber<T>("calo batch", key, value);
}

int parseBounded(const std::string& key, const std::string& value, int lo, int hi) {
    const int v = parseNumber<int>(key, value);
    if (v < lo || v > hi)
        throw std::invalid_argument("calo batch: " + key + "=" + value + " is outside " + std::to_string(lo) + "-" +
                                    std::to_string(hi));
    return v;
}

void applySetting(CaloRunConfig& c, const std::string& key, const std::string& value) {
    if (applyTrainSetting(c.training, "calo batch", key, value))
        return;
    if (key == "showers")
        c.trainShowers = parseNumber<std::size_t>(key, value);
    else if (key == "test-showers")
        c.testShowers = parseNumber<std::size_t>(key, value);
    else if (key == "data")
        c.dataFile = value;
    else if (key == "data-seed")
        c.dataSeed = parseNumber<std::uint64_t>(key, value);
    else if (key == "geometry")
        c.geometry = value;
    // 0 stands for "the model's default" inside; a user who types it meant something else.
    else if (key == "hidden")
        c.size.hidden = parseBounded(key, value, 1, 4096);
    else if (key == "layers")
        c.size.layers = parseBounded(key, value, 1, 64);
    else if (key == "ode-steps")
        c.size.odeSteps = parseBounded(key, value, 1, 10000);
    else if (key == "bins")
        c.size.bins = parseBounded(key, value, 2, 256);
    else if (key == "classifier-epochs")
        c.classifierEpochs = parseNumber<int>(key, value);
    else
        throw std::invalid_argument(
            "calo batch: unknown setting '" + key +
            "' (known: showers, test-showers, data, data-seed, geometry, " + kTrainSettingKeys +
            ", hidden, layers, ode-steps, bins, classifier-epochs)");
}

std::vector<std::string> parsePlans(const std::string& model, const std::string& text) {
    auto known = caloPlanNames(model);  // not const: "compare" returns it by move
    if (text.empty()) return {isCouplingFlow(model) ? "default" : "full"};
    if (text == "compare") return known;
    std::vector<std::string> plans;
    std::stringstream in(text);
    for (std::string p; std::getline(in, p, ',');) {
        if (p == "fp32" && isCouplingFlow(model)) p = "default";  // fp32 means the same in every task
        if (std::find(known.begin(), known.end(), p) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw std::invalid_argument("calo batch: unknown plan '" + p + "' for model " + model +
                                        " (known: " + list + ", compare)");
        }
        plans.push_back(p);
    }
    return plans;
}

}  // namespace

CaloRunConfig CaloRunConfig::fromRequest(const BatchRequest& request) {
    CaloRunConfig c;
    if (!request.model.empty()) c.model = request.model;
    caloPlanNames(c.model);  // throws for an unknown model
    // Flow matching's regression loss tolerates a larger step; the NLL of a deep flow does not.
    c.training.learningRate = isCouplingFlow(c.model) ? 5e-4f : 2e-3f;
    forEachSetting(request, "calo batch",
                   [&](const std::string& key, const std::string& value) { applySetting(c, key, value); });
    if (c.trainShowers < 100 || c.testShowers < 50)
        throw std::invalid_argument("calo batch: need at least 100 training and 50 test showers");
    if (c.trainShowers > DatasetSettings::kMaxSamples || c.testShowers > DatasetSettings::kMaxSamples - c.trainShowers)
        throw std::invalid_argument("calo batch: at most " + std::to_string(DatasetSettings::kMaxSamples) +
                                    " training and test showers together");
    if (c.classifierEpochs < 1) throw std::invalid_argument("calo batch: classifier-epochs must be positive");
    // A setting the model does not have is a mistake, not something to ignore silently.
    if (c.size.bins != 0 && c.model != "flow-spline")
        throw std::invalid_argument("calo batch: bins= is a setting of flow-spline, not of " + c.model);
    if (c.size.odeSteps != 0 && isCouplingFlow(c.model))
        throw std::invalid_argument(
            "calo batch: ode-steps= is a setting of the flow-matching models, not of " + c.model);
    c.training.seed = request.seed;
    c.training.validate("calo batch");
    c.plans = parsePlans(c.model, request.plan);
    return c;
}

nlohmann::json CaloRunConfig::toJson() const {
    return {{"model", model},
            {"plans", plans},
            {"train_showers", trainShowers},
            {"test_showers", testShowers},
            {"data_file", dataFile},
            {"data_seed", dataSeed},
            {"geometry", geometry},
            {"training", training.toJson()},
            {"hidden", size.hidden},
            {"layers", size.layers},
            {"ode_steps", size.odeSteps},
            {"bins", size.bins},
            {"classifier_epochs", classifierEpochs}};
}

}  // namespace bithep::tasks::calo
