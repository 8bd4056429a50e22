// Calibration report of the jet generator: mean constituent multiplicity of quark and gluon jets
// and the AUC (quark = signal) of multiplicity, p_T^D, girth and jet mass.
// Usage: jet_calibration [n_jets] [seed] [config.json]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/physics/jet_generator.h"
#include "core/physics/jet_observables.h"

using namespace bithep::physics;

namespace {
// Mann–Whitney AUC with average ranks for ties: P(score_signal > score_background).
double rankAuc(const std::vector<double>& signal, const std::vector<double>& background) {
    std::vector<std::pair<double, int>> all;
    for (double s : signal) all.emplace_back(s, 1);
    for (double b : background) all.emplace_back(b, 0);
    std::sort(all.begin(), all.end());
    double rankSum = 0.0;
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        while (j < all.size() && all[j].first == all[i].first) ++j;
        const double avg = 0.5 * static_cast<double>(i + j + 1);  // ranks i+1..j
        for (std::size_t k = i; k < j; ++k)
            if (all[k].second == 1) rankSum += avg;
        i = j;
    }
    const double ns = static_cast<double>(signal.size()), nb = static_cast<double>(background.size());
    return (rankSum - ns * (ns + 1.0) / 2.0) / (ns * nb);
}
}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20000;
    const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    JetGeneratorConfig config;
    if (argc > 3) {
        std::ifstream in(argv[3]);
        std::stringstream text;
        text << in.rdbuf();
        config = JetGeneratorConfig::fromJson(text.str());
    }
    const auto start = std::chrono::steady_clock::now();
    const auto jets = JetGenerator(config, seed).generate(n);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<double> obs[2][4];  // [quark][observable]
    for (const auto& jet : jets) {
        const auto o = computeObservables(jet.particles);
        const int q = jet.isQuark ? 1 : 0;
        // Oriented so that larger = more quark-like.
        obs[q][0].push_back(-o.multiplicity);
        obs[q][1].push_back(o.ptD);
        obs[q][2].push_back(-o.girth);
        obs[q][3].push_back(-o.mass);
    }
    auto mean = [](const std::vector<double>& v) {
        double s = 0;
        for (double x : v) s += x;
        return v.empty() ? 0.0 : s / static_cast<double>(v.size());
    };
    std::printf("jets %zu  quark %zu  gluon %zu  in %.2f s (%d threads)\n", jets.size(), obs[1][0].size(),
                obs[0][0].size(), seconds, config.threads);
    std::printf("mean multiplicity  quark %.2f  gluon %.2f\n", -mean(obs[1][0]), -mean(obs[0][0]));
    std::printf("mean ptD  quark %.3f gluon %.3f; girth quark %.4f gluon %.4f; mass quark %.1f gluon %.1f\n",
                mean(obs[1][1]), mean(obs[0][1]), -mean(obs[1][2]), -mean(obs[0][2]), -mean(obs[1][3]),
                -mean(obs[0][3]));
    const char* names[4] = {"multiplicity", "ptD", "girth", "mass"};
    for (int k = 0; k < 4; ++k) std::printf("AUC %-12s %.4f\n", names[k], rankAuc(obs[1][k], obs[0][k]));
    return 0;
}
