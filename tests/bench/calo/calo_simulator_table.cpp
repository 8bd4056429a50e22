// Per incident energy: mean deposited fraction E_tot/E_inc and its relative spread, mean layer
// energy fractions, mean width in η of layers 1 and 2 and the mean sparsity of layer 2, for the
// simulator on the dataset-1 photon geometry. Usage: calo_simulator_table [showers per energy] [seed]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/tasks/calo/shower_observables.h"
#include "core/tasks/calo/shower_simulator.h"

using namespace bithep::tasks::calo;

int main(int argc, char** argv) {
    const std::size_t perEnergy = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2000;
    const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    const auto geometry = ShowerGeometry::builtin("dataset-1-photons");
    ShowerSimulatorConfig config;
    config.threads = 2;
    const ShowerSimulator simulator(geometry, config, seed);
    std::printf("%10s %7s %7s | %6s %6s %6s %6s %6s | %7s %7s %6s\n", "E_inc/MeV", "Etot/E", "rms/E", "f0", "f1",
                "f2", "f3", "f12", "w1/mm", "w2/mm", "sp2");
    const auto start = std::chrono::steady_clock::now();
    for (double e : config.energiesMeV) {
        const std::vector<float> energies(perEnergy, static_cast<float>(e));
        const auto f = computeHighLevelFeatures(simulator.generate(energies), geometry);
        double m = 0, m2 = 0, frac[5] = {}, w1 = 0, w2 = 0, sp2 = 0;
        for (std::size_t i = 0; i < f.showers; ++i) {
            const double r = f.totalEnergy[i] / e;
            m += r;
            m2 += r * r;
            for (std::size_t l = 0; l < 5; ++l) frac[l] += f.at(f.layerEnergy, i, l) / std::max(f.totalEnergy[i], 1e-9);
            w1 += f.at(f.widthEta, i, 1);
            w2 += f.at(f.widthEta, i, 2);
            sp2 += f.at(f.sparsity, i, 2);
        }
        const double n = static_cast<double>(f.showers);
        m /= n;
        std::printf("%10.0f %7.3f %7.3f | %6.3f %6.3f %6.3f %6.3f %6.3f | %7.2f %7.2f %6.3f\n", e, m,
                    std::sqrt(std::max(m2 / n - m * m, 0.0)) / m, frac[0] / n, frac[1] / n, frac[2] / n, frac[3] / n,
                    frac[4] / n, w1 / n, w2 / n, sp2 / n);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%zu showers in %.2f s (simulation and features, 2 threads)\n", perEnergy * config.energiesMeV.size(),
                seconds);
}
