// Drives the calorimeter's explorer session as the GUI does with its defaults (simulate the
// default dataset, build the model, train with the model's default settings, evaluate, press
// "Sample again", evaluate) and prints wall times and metrics: the numbers quoted in the
// README's "In the explorer" section. Not a test.
// Usage: calo_session_run MODEL [THREADS] [PLAN] [EPOCHS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/tasks/calo/calo_session.h"
#include "core/train/thread_control.h"

namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void report(const char* what, const bithep::tasks::SessionEvaluation& e, double seconds) {
    std::printf(
        "%s: %.1f s, mean separation %.4f, AUC high %.4f, AUC low %.4f, layer response deviation %.3f, "
        "%.0f showers/s (seed %d)\n",
        what, seconds, e.metric, e.metrics.at("auc_high_level").get<double>(),
        e.metrics.at("auc_low_level").get<double>(), e.metrics.at("layer_response_deviation").get<double>(),
        e.metrics.at("showers_per_second").get<double>(), e.metrics.at("sampling_seed").get<int>());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: calo_session_run MODEL [THREADS] [PLAN] [EPOCHS]\n");
        return 2;
    }
    const std::string model = argv[1];
    bithep::train::setThreads(argc > 2 ? std::atoi(argv[2]) : 2);
    bithep::tasks::calo::CaloSession session;
    auto t0 = std::chrono::steady_clock::now();
    const auto summary = session.generateDataset(session.defaultDataset(), {});
    std::printf("dataset: %zu showers in %.1f s\n", summary.samples, since(t0));
    for (const auto& [label, value] : summary.facts) std::printf("  %s: %s\n", label.c_str(), value.c_str());
    session.buildModel(model, 1);
    if (argc > 3) session.plan(argv[3]).apply(*session.model());
    auto settings = session.defaultTraining(model);
    if (argc > 4) settings.epochs = std::atoi(argv[4]);
    bithep::train::TrainCallbacks callbacks;
    callbacks.onEpoch = [&](const bithep::train::EpochStats& e) {
        std::printf("  epoch %d: train %.4f, validation %.4f at %.0f s\n", e.epoch + 1, e.trainLoss,
                    e.validationLoss, since(t0));
        std::fflush(stdout);
    };
    t0 = std::chrono::steady_clock::now();
    const auto fit = session.train(settings, callbacks);
    std::printf("training %s, %d epochs: %.1f s%s\n", model.c_str(), settings.epochs, since(t0),
                fit.ok ? "" : (" FAILED: " + fit.error).c_str());
    for (const char* what : {"evaluation", "sample again"}) {
        if (std::string(what) != "evaluation") session.setControl("resample", 0);
        t0 = std::chrono::steady_clock::now();
        const auto e = session.evaluate({});
        report(what, e, since(t0));
    }
}
