// The report and the batch job of the generator validation (generator_validation.h).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/io/json_fields.h"
#include "core/physics/jet_generator.h"
#include "core/tasks/batch_settings.h"
#include "core/tasks/qg/generator_validation.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks::qg {

namespace {

const char* kClassName[2] = {"gluon", "quark"};

// JSON has no NaN: a missing value (no AUC for per-constituent observables) is null.
nlohmann::json number(double x) {
    return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json();
}

FigureData histogramFigure(const ObservableComparison& o, int c) {
    HistogramFigure h;
    h.xLabel = o.label;
    h.histograms.push_back({std::string("data ") + kClassName[c], o.data[c], true});
    h.histograms.push_back({std::string("generated ") + kClassName[c], o.generated[c], false});
    char title[200];
    std::snprintf(title, sizeof title, "%s, %s jets: generator vs data (separation %.3f, data noise floor %.3f)",
                  o.label.c_str(), kClassName[c], o.separation[c], o.noiseFloor[c]);
    return {"validation_" + o.id + "_" + kClassName[c], title, h};
}

metrics::CsvTable histogramTable(const ObservableComparison& o) {
    metrics::CsvTable t({"low_edge", "high_edge", "data_quark", "generated_quark", "data_gluon", "generated_gluon"});
    const auto dq = o.data[1].normalised(), gq = o.generated[1].normalised();
    const auto dg = o.data[0].normalised(), gg = o.generated[0].normalised();
    const auto& edges = o.data[1].edges();
    for (std::size_t b = 0; b + 1 < edges.size(); ++b) t.addRow({edges[b], edges[b + 1], dq[b], gq[b], dg[b], gg[b]});
    return t;
}

std::string textTable(const GeneratorValidation& v) {
    std::ostringstream s;
    char line[256];
    std::snprintf(line, sizeof line, "%-34s %9s %9s %9s %9s %15s %9s\n", "observable", "sep q", "sep g",
                  "floor q", "floor g", "AUC data", "AUC gen");
    s << line;
    for (const auto& o : v.observables) {
        char auc[64] = "-", aucGen[32] = "-";
        if (o.perJet) {
            std::snprintf(auc, sizeof auc, "%.3f ± %.3f", o.aucData, o.aucDataError);
            std::snprintf(aucGen, sizeof aucGen, "%.3f", o.aucGenerated);
        }
        std::snprintf(line, sizeof line, "%-34s %9.3f %9.3f %9.3f %9.3f %15s %9s\n", o.id.c_str(), o.separation[1],
                      o.separation[0], o.noiseFloor[1], o.noiseFloor[0], auc, aucGen);
        s << line;
    }
    std::snprintf(line, sizeof line,
                  "Generated %zu quark / %zu gluon jets against %zu / %zu data jets; targets "
                  "(separation <= 0.04, |AUC difference| <= 0.02) %s.\n",
                  v.generatedJets[1], v.generatedJets[0], v.dataJets[1], v.dataJets[0], v.meets() ? "met" : "not met");
    s << line;
    return s.str();
}

}  // namespace

void addValidationReport(const GeneratorValidation& v, BatchOutput& out) {
    metrics::CsvTable summary({"observable", "separation_quark", "separation_gluon", "noise_floor_quark",
                               "noise_floor_gluon", "auc_data", "auc_data_error", "auc_generated",
                               "mean_data_quark", "mean_generated_quark", "mean_data_gluon", "mean_generated_gluon"});
    BarFigure separation{{}, {{"quark: generated vs data", {}}, {"gluon: generated vs data", {}},
                              {"quark: data half vs half", {}}, {"gluon: data half vs half", {}}},
                         "Separation power"};
    BarFigure aucs{{}, {{"data", {}}, {"generated", {}}}, "Single-observable AUC (quark = signal)"};
    nlohmann::json perObservable = nlohmann::json::object();
    for (const auto& o : v.observables) {
        summary.addRow({o.id, o.separation[1], o.separation[0], o.noiseFloor[1], o.noiseFloor[0], o.aucData,
                        o.aucDataError, o.aucGenerated, o.meanData[1], o.meanGenerated[1], o.meanData[0],
                        o.meanGenerated[0]});
        separation.categories.push_back(o.id);
        separation.series[0].values.push_back(o.separation[1]);
        separation.series[1].values.push_back(o.separation[0]);
        separation.series[2].values.push_back(o.noiseFloor[1]);
        separation.series[3].values.push_back(o.noiseFloor[0]);
        if (o.perJet) {
            aucs.categories.push_back(o.id);
            aucs.series[0].values.push_back(o.aucData);
            aucs.series[1].values.push_back(o.aucGenerated);
        }
        perObservable[o.id] = {{"label", o.label},
                               {"per_jet", o.perJet},
                               {"separation_quark", number(o.separation[1])},
                               {"separation_gluon", number(o.separation[0])},
                               {"noise_floor_quark", number(o.noiseFloor[1])},
                               {"noise_floor_gluon", number(o.noiseFloor[0])},
                               {"auc_data", number(o.aucData)},
                               {"auc_data_error", number(o.aucDataError)},
                               {"auc_generated", number(o.aucGenerated)},
                               {"mean_data", {number(o.meanData[1]), number(o.meanData[0])}},
                               {"mean_generated", {number(o.meanGenerated[1]), number(o.meanGenerated[0])}},
                               {"histograms",
                                {{"data_quark", o.data[1].toJson()}, {"generated_quark", o.generated[1].toJson()},
                                 {"data_gluon", o.data[0].toJson()}, {"generated_gluon", o.generated[0].toJson()}}}};
        out.figures.push_back(histogramFigure(o, 1));
        out.figures.push_back(histogramFigure(o, 0));
        out.tables.emplace("validation_" + o.id, histogramTable(o));
    }
    out.figures.push_back({"validation_separation", "Separation power, generator vs data (and the data's noise floor)",
                           separation});
    out.figures.push_back({"validation_auc", "Single-observable AUC, data vs generator", aucs});
    out.tables.emplace("validation", std::move(summary));
    out.metrics["observables"] = perObservable;
    out.metrics["generated_jets"] = {{"quark", v.generatedJets[1]}, {"gluon", v.generatedJets[0]}};
    out.metrics["data_jets"] = {{"quark", v.dataJets[1]}, {"gluon", v.dataJets[0]}};
    out.metrics["split_seed"] = v.splitSeed;
    out.metrics["targets"] = {{"max_separation", 0.04}, {"max_auc_difference", 0.02}, {"met", v.meets()}};
    out.summary += textTable(v);
}

BatchOutput runQgValidation(const BatchRequest& request, const BatchProgress& progress) {
    std::string dataFile, generatorFile;
    std::size_t jets = 20000, bins = 20;
    forEachSetting(request, "qg-validate", [&](const std::string& key, const std::string& value) {
        if (key == "data") dataFile = value;
        else if (key == "jets") jets = parseSettingNumber<std::size_t>("qg-validate", key, value);
        else if (key == "generator") generatorFile = value;
        else if (key == "bins") bins = parseSettingNumber<std::size_t>("qg-validate", key, value);
        else
            throw std::invalid_argument("qg-validate: unknown setting '" + key + "' (known: data, jets, generator, bins)");
    });
    if (dataFile.empty())
        throw std::invalid_argument("qg-validate: data=FILE is required (an energyflow .npz or a bithep-qg .h5 file)");
    if (jets < 100 || jets > DatasetSettings::kMaxSamples)
        throw std::invalid_argument("qg-validate: jets must be in 100.." + std::to_string(DatasetSettings::kMaxSamples));
    if (bins < 2 || bins > 1000) throw std::invalid_argument("qg-validate: bins must be in 2..1000");
    physics::JetGeneratorConfig config;
    if (!generatorFile.empty()) {
        std::ifstream in(generatorFile);
        if (!in) throw std::runtime_error("qg-validate: cannot read generator configuration " + generatorFile);
        // A configuration is a few hundred bytes; a big file (or a device) is a mistake, not
        // something to parse: at most 1 MiB is read.
        constexpr std::size_t kMaxBytes = std::size_t(1) << 20;
        std::string text(kMaxBytes + 1, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxBytes)
            throw std::runtime_error("qg-validate: " + generatorFile + " is over 1 MiB, not a generator configuration");
        config = physics::JetGeneratorConfig::fromJson(text);
    }
    if (request.threads > 0) config.threads = request.threads;

    const jet_common::JetDataset data = jet_common::JetDataset::read(dataFile);
    if (progress.log) {
        progress.log("Data: " + std::to_string(data.jets) + " jets from " + dataFile);
        progress.log("Generating " + std::to_string(jets) + " jets (seed " + std::to_string(request.seed) + ")...");
    }
    physics::GenerationControl control;
    control.cancelled = progress.cancelled;
    if (progress.progress) control.onProgress = [&](std::size_t done, std::size_t total) {
        progress.progress(0.9 * static_cast<double>(done) / static_cast<double>(total));
    };
    const auto generatedJets = physics::JetGenerator(config, request.seed).generate(jets, control);
    const jet_common::JetDataset generated = jet_common::JetDataset::fromJets(generatedJets, config.toJson(), request.seed);
    const GeneratorValidation v = validateGenerator(generated, data, request.seed, bins);

    BatchOutput out;
    out.settings = {{"job", "qg-validate"},      {"data_file", dataFile},
                    {"data_source", data.source}, {"data_jets", data.jets},
                    {"pid_known", data.pidKnown}, {"generated_jets", jets},
                    {"seed", request.seed},       {"bins", bins},
                    {"generator_config", nlohmann::json::parse(config.toJson())}};
    if (isEnergyflowFile(dataFile)) out.settings["data_citation"] = pythiaQgCitation();
    addValidationReport(v, out);
    if (progress.progress) progress.progress(1.0);
    return out;
}

}  // namespace bithep::tasks::qg
