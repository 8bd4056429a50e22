// Runs the calorimeter batch job without the app (no figures rendered): prints progress and the
// summary, writes metrics.json and the CSV tables into OUT. Not a test.
// Usage: calo_run OUT MODEL PLAN SEED SEEDS [key=value ...]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/tasks/calo/calo_batch.h"

int main(int argc, char** argv) {
    if (argc < 6) {
        std::fprintf(stderr, "usage: calo_run OUT MODEL PLAN SEED SEEDS [key=value ...]\n");
        return 2;
    }
    bithep::tasks::BatchRequest request;
    request.outDir = argv[1];
    std::filesystem::create_directories(request.outDir);
    request.model = argv[2];
    request.plan = argv[3];
    request.seed = std::strtoull(argv[4], nullptr, 10);
    request.seeds = std::atoi(argv[5]);
    for (int i = 6; i < argc; ++i) request.arguments.emplace_back(argv[i]);
    bithep::tasks::BatchProgress progress;
    progress.log = [](const std::string& line) { std::printf("%s\n", line.c_str()), std::fflush(stdout); };
    const auto out = bithep::tasks::calo::runCaloBatch(request, progress);
    std::ofstream(request.outDir / "metrics.json") << out.metrics.dump(2) << "\n";
    for (const auto& [name, table] : out.tables) table.write(request.outDir / (name + ".csv"));
    std::printf("%s", out.summary.c_str());
}
