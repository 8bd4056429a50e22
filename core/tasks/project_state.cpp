#include "core/tasks/project_state.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/io/json_fields.h"
#include "core/platform/atomic_file.h"

namespace bithep::tasks {

namespace {
constexpr const char* kFormat = "bithep-project-1";

const nlohmann::json& need(const nlohmann::json& j, const char* key) {
    if (!j.is_object() || !j.contains(key))
        throw std::invalid_argument(std::string("project: missing '") + key + "'");
    return j.at(key);
}
}  // namespace

nlohmann::json ProjectState::toJson() const {
    nlohmann::json origin =
        datasetFromFile
            ? nlohmann::json{{"source", "file"}, {"path", datasetFile}}
            : nlohmann::json{{"source", "generator"}, {"samples", dataset.samples}, {"seed", dataset.seed}};
    if (!datasetFromFile && !dataset.particleIds) origin["particle_ids"] = false;
    return {{"format", kFormat},
            {"task", task},
            {"dataset", origin},
            {"model", model},
            {"model_seed", modelSeed},
            {"plan", plan},
            {"training", training.toJson()},
            {"weights", weightsFile},
            {"runs", runs},
            {"controls", controls}};
}

ProjectState ProjectState::fromJson(const nlohmann::json& j) {
    if (need(j, "format") != kFormat)
        throw std::invalid_argument("project: format is " + need(j, "format").dump() + ", expected \"" +
                                    kFormat + "\"");
    ProjectState p;
    try {
        p.task = need(j, "task").get<std::string>();
        const auto& d = need(j, "dataset");
        const std::string source = need(d, "source").get<std::string>();
        if (source == "file") {
            p.datasetFromFile = true;
            p.datasetFile = need(d, "path").get<std::string>();
        } else if (source == "generator") {
            p.dataset = DatasetSettings::fromJson(d);
        } else {
            throw std::invalid_argument("project: dataset source '" + source +
                                        "' is neither generator nor file");
        }
        p.model = need(j, "model").get<std::string>();
        p.modelSeed = io::jsonInteger<std::uint64_t>(need(j, "model_seed"), 0, ~std::uint64_t(0), "project: 'model_seed'");
        p.plan = need(j, "plan");
        if (!p.plan.is_object()) throw std::invalid_argument("project: 'plan' is not an object");
        p.training = train::TrainSettings::fromJson(need(j, "training"));
        p.weightsFile = need(j, "weights").get<std::string>();
        p.runs = need(j, "runs");
        if (!p.runs.is_array()) throw std::invalid_argument("project: 'runs' is not a list");
        if (j.contains("controls")) {
            if (!j.at("controls").is_object())
                throw std::invalid_argument("project: 'controls' is not an object");
            for (const auto& [id, value] : j.at("controls").items()) {
                p.controls[id] = io::jsonNumber(value, "project: control '" + id + "'");
            }
        }
        if (p.weightsFile.find('/') != std::string::npos || p.weightsFile.find('\\') != std::string::npos)
            throw std::invalid_argument("project: the weights file must sit beside the project");
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("project: wrong type: ") + e.what());
    }
    return p;
}

void ProjectState::write(const std::filesystem::path& file) const {
    platform::writeFileAtomically(file, toJson().dump(1));
}

ProjectState ProjectState::read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file.filename().string() + ": cannot be opened");
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(file, ec);
    if (!ec && bytes > kMaxFileBytes)
        throw std::runtime_error(file.filename().string() + ": " + std::to_string(bytes) +
                                 " bytes, more than a project file can be (" + std::to_string(kMaxFileBytes) + ")");
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), file.filename().string());
}

ProjectState ProjectState::parse(std::string_view text, const std::string& name) {
    try {
        return fromJson(io::parseJsonBounded(text, name));
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(name + ": " + e.what());
    }
}

}  // namespace bithep::tasks
