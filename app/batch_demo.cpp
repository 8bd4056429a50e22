#include "app/batch_demo.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>
#include <functional>
#include <stdexcept>

#include "core/metrics/histogram_1d.h"
#include "core/metrics/roc_curve.h"
#include "core/physics/jet_generator.h"
#include "core/physics/jet_observables.h"
#include "core/platform/atomic_file.h"
#include "widgets/charts/figure_exporter.h"
#include "widgets/charts/histogram_chart.h"
#include "widgets/charts/roc_chart.h"

namespace bithep::app {

namespace {

constexpr std::size_t kDemoJets = 6000;  // ~3000 per class: ROC statistics good to ~0.01 AUC
constexpr int kFigureWidth = 900, kFigureHeight = 650;

struct Observable {
    const char* key;
    const char* title;
    double sign;  // +1: larger is more quark-like; -1: smaller is
    std::function<double(const physics::JetObservables&)> value;
    double lo, hi;  // histogram range
};

const std::array<Observable, 4>& observables() {
    static const std::array<Observable, 4> list{{
        {"multiplicity", "Constituent multiplicity", -1, [](const auto& o) { return double(o.multiplicity); }, 0, 120},
        {"ptd", "p_T^D", +1, [](const auto& o) { return o.ptD; }, 0, 1},
        {"girth", "Girth (pT-weighted width)", -1, [](const auto& o) { return o.girth; }, 0, 0.3},
        {"mass", "Jet mass [GeV]", -1, [](const auto& o) { return o.mass; }, 0, 200},
    }};
    return list;
}

void exportFigure(QWidget* figure, const widgets::Provenance& provenance, const QString& base) {
    figure->resize(kFigureWidth, kFigureHeight);
    widgets::FigureExporter exporter(provenance, {.dpi = 150, .writeSidecar = false});
    for (const char* suffix : {".png", ".svg"}) {
        if (!exporter.exportWidget(figure, base + suffix))
            throw std::runtime_error(exporter.errorString().toStdString());
    }
}

int runDemo(const BatchOptions& options, QTextStream& out, QTextStream& err) {
    const QDir dir(options.outDir);
    if (!QDir().mkpath(dir.absolutePath()))
        throw std::runtime_error("cannot create output directory '" + options.outDir.toStdString() + "'");

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

    QJsonObject settings{{"job", "demo"}, {"seed", QString::number(options.seed)},
                         {"jets", int(kDemoJets)},
                         {"generator", QJsonDocument::fromJson(QByteArray::fromStdString(config.toJson())).object()}};
    widgets::Provenance provenance{settings};

    QVector<widgets::RocSeries> rocs;
    QJsonArray metricsJson;
    for (const auto& o : observables()) {
        std::vector<double> scores;
        for (const auto& v : obs) scores.push_back(o.sign * o.value(v));
        const metrics::RocCurve roc(scores, labels);
        rocs.push_back(widgets::RocSeries::fromCurve(o.title, roc));
        roc.toCsv().write(dir.filePath(QString("roc_%1.csv").arg(o.key)).toStdString());
        metricsJson.append(QJsonObject{{"observable", o.key}, {"auc", roc.auc()},
                                       {"rejection_at_30", rocs.back().rejection30},
                                       {"rejection_at_50", rocs.back().rejection50}});

        auto quarks = metrics::Histogram1D::uniform(40, o.lo, o.hi);
        auto gluons = metrics::Histogram1D::uniform(40, o.lo, o.hi);
        for (size_t i = 0; i < obs.size(); ++i) (labels[i] ? quarks : gluons).fill(o.value(obs[i]));
        widgets::HistogramChart hist;
        hist.setTitle(QString("%1: quark vs gluon jets").arg(o.title));
        hist.setAxisTitles(o.title, "Normalised entries");
        hist.setSeries({{"gluon jets", gluons, true}, {"quark jets", quarks, false}});
        exportFigure(&hist, provenance, dir.filePath(QString("distribution_%1").arg(o.key)));
        out << QStringLiteral("  %1 AUC %2   1/eps_B %3 @30%   %4 @50%\n")
                   .arg(o.title, -28).arg(roc.auc(), 0, 'f', 3)
                   .arg(rocs.back().rejection30, 6, 'f', 1).arg(rocs.back().rejection50, 6, 'f', 1);
    }
    widgets::RocChart chart;
    chart.setTitle("Quark/gluon tagging with single jet observables");
    chart.setSeries(rocs);
    exportFigure(&chart, provenance, dir.filePath("roc"));

    QJsonObject project = provenance.toJson();
    project.insert("metrics", metricsJson);
    platform::writeFileAtomically(dir.filePath("project.json").toStdString(),
                                  QJsonDocument(project).toJson().toStdString());
    out << "Figures, CSV and project.json written to " << dir.absolutePath() << "\n";
    return 0;
}

}  // namespace

BatchJob makeDemoJob() {
    return {"demo", "generate quark/gluon jets and plot single-observable taggers", runDemo};
}

}  // namespace bithep::app
