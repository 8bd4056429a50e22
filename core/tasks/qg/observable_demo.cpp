#include "core/tasks/qg/observable_demo.h"

#include <array>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>

#include "core/metrics/histogram_1d.h"
#include "core/metrics/roc_curve.h"
#include "core/physics/jet_generator.h"
#include "core/physics/jet_observables.h"
#include "core/tasks/batch_settings.h"

namespace bithep::tasks::qg {

namespace {

constexpr std::size_t kDemoJets = 6000;  // ~3000 per class: ROC statistics good to ~0.01 AUC

struct Observable {
    const char* key;
    const char* title;
    double sign;  // +1: larger is more quark-like; -1: smaller is
    std::function<double(const physics::JetObservables&)> value;
    double lo, hi;  // histogram range
};

const std::array<Observable, 4>& observables() {
    static const std::array<Observable, 4> list{{
        {"multiplicity", "Constituent multiplicity", -1, [](const auto& o) { return double(o.multiplicity); }, -0.5, 119.5},
        {"ptd", "p_T^D", +1, [](const auto& o) { return o.ptD; }, 0, 1},
        {"girth", "Girth (pT-weighted width)", -1, [](const auto& o) { return o.girth; }, 0, 0.3},
        {"mass", "Jet mass [GeV]", -1, [](const auto& o) { return o.mass; }, 0, 200},
    }};
    return list;
}

}  // namespace

BatchOutput runObservableDemo(const BatchRequest& request, const BatchProgress& progress) {
    forEachSetting(request, "demo", [](const std::string& key, const std::string&) {
        throw std::invalid_argument("demo: unknown setting '" + key + "' (the demo takes only --seed and --threads)");
    });
    physics::JetGeneratorConfig config;
    if (request.threads > 0) config.threads = request.threads;
    if (progress.log)
        progress.log("Generating " + std::to_string(kDemoJets) + " quark and gluon jets (seed " +
                     std::to_string(request.seed) + ")...");
    const auto jets = physics::JetGenerator(config, request.seed).generate(kDemoJets);
    std::vector<physics::JetObservables> obs;
    std::vector<int> labels;
    obs.reserve(jets.size());
    labels.reserve(jets.size());
    for (const auto& jet : jets) {
        obs.push_back(physics::computeObservables(jet.particles));
        labels.push_back(jet.isQuark ? 1 : 0);
    }

    BatchOutput out;
    out.settings = {{"job", "demo"}, {"seed", request.seed}, {"jets", kDemoJets},
                    {"generator", nlohmann::json::parse(config.toJson())}};
    RocFigure rocs;
    for (const auto& o : observables()) {
        std::vector<double> scores;
        scores.reserve(obs.size());
        for (const auto& v : obs) scores.push_back(o.sign * o.value(v));
        metrics::RocCurve roc(scores, labels);
        const auto r30 = roc.rejectionAt(0.3), r50 = roc.rejectionAt(0.5);
        out.metrics[o.key] = {{"auc", roc.auc()}, {"rejection_at_30", r30.rejection}, {"rejection_at_50", r50.rejection}};
        out.tables.emplace(std::string("roc_") + o.key, roc.toCsv());
        char line[160];
        std::snprintf(line, sizeof line, "  %-28s AUC %.3f   1/eps_B %6.1f @30%%   %6.1f @50%%\n", o.title, roc.auc(),
                      r30.rejection, r50.rejection);
        out.summary += line;

        auto quarks = metrics::Histogram1D::uniform(40, o.lo, o.hi);
        auto gluons = metrics::Histogram1D::uniform(40, o.lo, o.hi);
        for (size_t i = 0; i < obs.size(); ++i) (labels[i] ? quarks : gluons).fill(o.value(obs[i]));
        HistogramFigure hist;
        hist.xLabel = o.title;
        hist.histograms = {{"gluon jets", gluons, true}, {"quark jets", quarks, false}};
        out.figures.push_back({std::string("distribution_") + o.key, std::string(o.title) + ": quark vs gluon jets", hist});
        rocs.curves.push_back({o.title, std::move(roc)});
    }
    out.figures.insert(out.figures.begin(),
                       {"roc", "Quark/gluon tagging with single jet observables", std::move(rocs)});
    return out;
}

}  // namespace bithep::tasks::qg
