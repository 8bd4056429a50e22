#pragma once
// What a task's headless run gets and gives back. The batch CLI fills a BatchRequest from the
// command line, the task trains and evaluates, and returns its outputs as data: metric tables,
// figures, and files it wrote itself (checkpoints, packed weights, generated datasets). The app
// renders the figures, writes tables and project.json, and reports the files.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/metrics/csv_table.h"
#include "core/tasks/figure_data.h"

namespace bithep::tasks {

struct BatchRequest {
    std::filesystem::path outDir;  // exists when the task is called
    std::string model;             // empty = the task's default
    std::string plan;              // empty = the task's default
    std::uint64_t seed = 1;
    int seeds = 1;                 // runs with seed, seed+1, ...
    int threads = 0;               // 0 = all cores
    std::vector<std::string> arguments;  // task-specific extras (e.g. --scan-sizes values)
    nlohmann::json options;        // task-specific named options (dataset size, epochs, ...)
};

struct BatchProgress {
    std::function<void(const std::string& message)> log;        // one line of human progress
    std::function<void(double fraction)> progress;               // 0..1 over the whole run
    std::function<bool()> cancelled;
};

struct BatchOutput {
    nlohmann::json metrics;                          // written as metrics.json
    std::map<std::string, metrics::CsvTable> tables; // name -> table, written as <name>.csv
    std::vector<FigureData> figures;                 // rendered as <id>.png and <id>.svg
    std::vector<std::filesystem::path> files;        // written by the task (inside outDir)
    nlohmann::json settings;                         // every setting used, for project.json
    std::string summary;                             // a few lines printed at the end
};

using BatchFunction = std::function<BatchOutput(const BatchRequest&, const BatchProgress&)>;

}  // namespace bithep::tasks
