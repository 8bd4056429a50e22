#pragma once
// A saved explorer project: the task, where its dataset came from (generator size and seed, or
// a file), the network and its weight seed, the precisions as a plan, the training settings,
// the runs (metrics, settings and figures) and the trained weights, which live in a checkpoint
// beside the project (named in it, relative to the project file). Written atomically, weights
// first under a fresh name, so a crash or kill during a save leaves the previous project whole.
//
// Format "bithep-project-1" (JSON): {format, task, dataset: {source: "generator", samples, seed} |
// {source: "file", path}, model, model_seed, plan (QuantPlan JSON), training
// (train::TrainSettings JSON), weights (file name or ""), runs: [...], controls: {id: value} (the
// result sliders; optional)}.
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/tasks/task_session.h"

namespace bithep::tasks {

struct ProjectState {
    std::string task;
    bool datasetFromFile = false;
    DatasetSettings dataset;  // when generated
    std::string datasetFile;  // when opened from a file
    std::string model;
    std::uint64_t modelSeed = 1;
    nlohmann::json plan = nlohmann::json::object();  // quant::QuantPlan::toJson()
    train::TrainSettings training;
    std::string weightsFile;  // relative to the project file; empty = not trained
    nlohmann::json runs = nlohmann::json::array();
    std::map<std::string, double> controls;  // result slider values the runs were drawn with

    nlohmann::json toJson() const;
    // Throws std::invalid_argument naming the missing or invalid field.
    static ProjectState fromJson(const nlohmann::json& j);

    // Atomic; throws std::runtime_error naming the file.
    void write(const std::filesystem::path& file) const;
    // Throws std::runtime_error naming the file and the problem.
    static ProjectState read(const std::filesystem::path& file);
    // The same for the file's text; `name` stands for the file in messages.
    static ProjectState parse(std::string_view text, const std::string& name);

    // Runs carry their figures' data; a project beyond this is not one we wrote.
    static constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t(512) << 20;
};

}  // namespace bithep::tasks
