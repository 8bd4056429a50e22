#include "app/batch_demo.h"

#include <array>
#include <functional>

#include "app/batch_output_writer.h"
#include "core/metrics/histogram_1d.h"
#include "core/metrics/roc_curve.h"
#include "core/physics/jet_generator.h"
#include "core/physics/jet_observables.h"

namespace bithep::app {

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

tasks::BatchOutput demoOutput(const BatchOptions& options, QTextStream& err) {
    physics::JetGeneratorConfig config;
    if (options.threads > 0) config.threads = options.threads;
    err << "Generating " << kDemoJets << " quark and gluon jets (seed " << options.seed << ")...\n";
    err.flush();
    const auto jets = physics::JetGenerator(config, options.seed).generate(kDemoJets);
    std::vector<physics::JetObservables> obs;
    std::vector<int> labels;
    for (const auto& jet : jets) {
        obs.push_back(physics::computeObservables(jet.particles));
        labels.push_back(jet.isQuark ? 1 : 0);
    }

    tasks::BatchOutput out;
    out.settings = {{"job", "demo"}, {"seed", options.seed}, {"jets", kDemoJets},
                    {"generator", nlohmann::json::parse(config.toJson())}};
    tasks::RocFigure rocs;
    for (const auto& o : observables()) {
        std::vector<double> scores;
        for (const auto& v : obs) scores.push_back(o.sign * o.value(v));
        metrics::RocCurve roc(scores, labels);
        const auto r30 = roc.rejectionAt(0.3), r50 = roc.rejectionAt(0.5);
        out.metrics[o.key] = {{"auc", roc.auc()}, {"rejection_at_30", r30.rejection}, {"rejection_at_50", r50.rejection}};
        out.tables.emplace(std::string("roc_") + o.key, roc.toCsv());
        out.summary += QStringLiteral("  %1 AUC %2   1/eps_B %3 @30%   %4 @50%\n")
                           .arg(o.title, -28).arg(roc.auc(), 0, 'f', 3)
                           .arg(r30.rejection, 6, 'f', 1).arg(r50.rejection, 6, 'f', 1).toStdString();

        auto quarks = metrics::Histogram1D::uniform(40, o.lo, o.hi);
        auto gluons = metrics::Histogram1D::uniform(40, o.lo, o.hi);
        for (size_t i = 0; i < obs.size(); ++i) (labels[i] ? quarks : gluons).fill(o.value(obs[i]));
        tasks::HistogramFigure hist;
        hist.xLabel = o.title;
        hist.histograms = {{"gluon jets", gluons, true}, {"quark jets", quarks, false}};
        out.figures.push_back({std::string("distribution_") + o.key, std::string(o.title) + ": quark vs gluon jets", hist});
        rocs.curves.push_back({o.title, std::move(roc)});
    }
    out.figures.insert(out.figures.begin(),
                       {"roc", "Quark/gluon tagging with single jet observables", std::move(rocs)});
    return out;
}

int runDemo(const BatchOptions& options, QTextStream& out, QTextStream& err) {
    refuseUnknownArguments(options, "demo", {});
    const tasks::BatchRequest request = makeBatchRequest(options);
    const tasks::BatchOutput output = demoOutput(options, err);
    const QStringList files = writeBatchOutput(output, QString::fromStdString(request.outDir.string()));
    out << QString::fromStdString(output.summary);
    out << files.size() << " files (figures as PNG and SVG, CSV, metrics.json, project.json) written to "
        << QString::fromStdString(request.outDir.string()) << "\n";
    return 0;
}

}  // namespace

BatchJob makeDemoJob() {
    return {"demo", "generate quark/gluon jets and plot single-observable taggers", runDemo};
}

}  // namespace bithep::app
