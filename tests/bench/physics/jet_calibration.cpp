// Calibration scans of the jet generator against real jets: reads generator configurations (one
// JSON object per line, the format of JetGeneratorConfig::toJson(), missing keys at their
// defaults; an empty line is the default configuration) from standard input, generates N jets
// per configuration and prints one JSON line per configuration with the separation powers and
// single-observable AUCs of every validation observable against the data, and the generation
// rate. The data are read once. Used for the fit recorded in core/physics/README.md.
// Usage: jet_calibration DATA.npz|DATA.h5 [n_jets=20000] [seed=1] < configs.jsonl
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/physics/jet_generator.h"
#include "core/tasks/qg/generator_validation.h"

using namespace bithep;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: jet_calibration DATA.npz|DATA.h5 [n_jets] [seed] < configs.jsonl\n");
        return 2;
    }
    const std::filesystem::path file(argv[1]);
    const std::size_t n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 20000;
    const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
    try {
        const auto data = tasks::jet_common::JetDataset::read(file);
        std::string line;
        while (std::getline(std::cin, line)) {
            const auto config = physics::JetGeneratorConfig::fromJson(line.empty() ? "{}" : line);
            const auto start = std::chrono::steady_clock::now();
            const auto jets = physics::JetGenerator(config, seed).generate(n);
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            const auto generated = tasks::jet_common::JetDataset::fromJets(jets, config.toJson(), seed);
            const auto v = tasks::qg::validateGenerator(generated, data, seed);
            nlohmann::json out{{"config", nlohmann::json::parse(config.toJson())},
                               {"jets_per_minute", 60.0 * static_cast<double>(n) / seconds},
                               {"meets", v.meets()}};
            for (const auto& o : v.observables) {
                out["observables"][o.id] = {{"sep_q", o.separation[1]}, {"sep_g", o.separation[0]},
                                            {"mean_gen", {o.meanGenerated[1], o.meanGenerated[0]}},
                                            {"mean_data", {o.meanData[1], o.meanData[0]}}};
                if (o.perJet) {
                    out["observables"][o.id]["auc_gen"] = o.aucGenerated;
                    out["observables"][o.id]["auc_data"] = o.aucData;
                }
            }
            std::cout << out.dump() << std::endl;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "jet_calibration: %s\n", e.what());
        return 1;
    }
    return 0;
}
