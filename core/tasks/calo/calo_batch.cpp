// The calorimeter batch run: data, training per plan and seed, sampling, evaluation, report.
#include "core/tasks/calo/calo_batch.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "core/cost/cost_model.h"
#include "core/io/checkpoint.h"
#include "core/io/quantized_export.h"
#include "core/tasks/calo/calo_evaluation.h"
#include "core/tasks/calo/calo_report.h"
#include "core/tasks/calo/calo_run_config.h"
#include "core/tasks/calo/calo_session.h"
#include "core/tasks/calo/mean_profile_baseline.h"
#include "core/tasks/calo/shower_simulator.h"
#include "core/train/thread_control.h"

namespace bithep::tasks::calo {

namespace {

// The session every training and sampling of the run goes through (the one the window drives),
// holding the run's training and reference showers and the preprocessing fitted on them.
struct RunData {
    explicit RunData(const CaloRunConfig& c) : session(CaloSessionOptions{c.classifierEpochs, 65536, c.geometry}) {}
    CaloSession session;
    const ShowerGeometry& geometry() const { return session.geometry(); }
    const CaloDataset& train() const { return session.trainShowers(); }
    const CaloDataset& test() const { return session.testShowers(); }
};

struct RunResult {
    std::string plan;
    std::uint64_t seed = 0;
    CaloEvaluation evaluation;
    double trainSeconds = 0, showersPerSecond = 0, bestValidationLoss = 0;
    double parameterShare = 0, macShare = 0, energyRatio = 1, parameters = 0, macsPerShower = 0;
    CaloDataset samples;
};

void say(const BatchProgress& p, const std::string& line) {
    if (p.log) p.log(line);
}

CaloDataset subset(const CaloDataset& d, const std::vector<std::size_t>& rows) {
    CaloDataset out;
    out.voxels = d.voxels;
    for (std::size_t r : rows) {
        out.incidentEnergies.push_back(d.incidentEnergies[r]);
        const auto s = d.shower(r);
        out.showers.insert(out.showers.end(), s.begin(), s.end());
    }
    return out;
}

void loadData(const CaloRunConfig& c, const BatchProgress& progress, RunData& d) {
    const std::size_t total = c.trainShowers + c.testShowers;
    CaloDataset all;
    if (c.dataFile.empty()) {
        say(progress,
            "Simulating " + std::to_string(total) + " showers (seed " + std::to_string(c.dataSeed) + ")...");
        ShowerSimulatorConfig sim;
        sim.threads = std::max(train::threads(), 1);
        all = ShowerSimulator(d.geometry(), sim, c.dataSeed).generate(total);
    } else {
        all = CaloDataset::readHdf5(c.dataFile, d.geometry().voxelCount());
    }
    if (all.size() < total)
        throw std::runtime_error("calo batch: the data has " + std::to_string(all.size()) +
                                 " showers, the run needs " + std::to_string(total) +
                                 " (lower showers= or test-showers=)");
    std::vector<std::size_t> order(all.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (!c.dataFile.empty()) std::shuffle(order.begin(), order.end(), std::mt19937_64(c.dataSeed));
    d.session.useDataset(
        subset(all, {order.begin(), order.begin() + static_cast<std::ptrdiff_t>(c.trainShowers)}),
        subset(all, {order.begin() + static_cast<std::ptrdiff_t>(c.trainShowers),
                     order.begin() + static_cast<std::ptrdiff_t>(total)}),
        c.dataFile.empty() ? "simulator (seed " + std::to_string(c.dataSeed) + ")" : c.dataFile, c.dataSeed);
}

void addCost(RunResult& r, CaloGenerativeModel& model) {
    const auto comparison = cost::compareWithFp32(
        cost::costInputsFromModel(model, 1), cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
    r.parameterShare = comparison.plan.quantizedParameterShare;
    r.macShare = comparison.plan.quantizedMacShare;
    r.energyRatio = comparison.energyRatio();
    r.parameters = comparison.plan.parameters;
    r.macsPerShower = comparison.plan.macs * model.evaluationsPerSample();
}

RunResult trainAndEvaluate(const CaloRunConfig& c, RunData& d, const CaloReference& reference,
                           const std::string& planName, std::uint64_t seed, const BatchRequest& request,
                           const BatchProgress& progress, BatchOutput& out) {
    RunResult r{planName, seed, {}, 0, 0, 0, 0, 0, 1, 0, 0, {}};
    d.session.buildModel(c.model, seed, c.size);
    CaloGenerativeModel& model = *d.session.generativeModel();
    const quant::QuantPlan plan = d.session.plan(planName);
    plan.apply(model);
    train::TrainSettings settings = c.training;
    settings.seed = seed;
    train::TrainCallbacks callbacks;
    callbacks.cancelled = progress.cancelled;
    callbacks.onEpoch = [&](const train::EpochStats& e) {
        char line[160];
        std::snprintf(line, sizeof line, "  %s/%s seed %llu epoch %d: train %.4f, validation %.4f",
                      c.model.c_str(), planName.c_str(), static_cast<unsigned long long>(seed), e.epoch + 1,
                      e.trainLoss, e.validationLoss);
        say(progress, line);
    };
    const train::TrainResult fit = d.session.train(settings, callbacks);
    r.trainSeconds = d.session.trainSeconds();
    if (fit.cancelled) return r;
    if (!fit.ok) throw std::runtime_error("calo batch: training " + planName + " failed: " + fit.error);
    r.bestValidationLoss = fit.bestValidationLoss;
    SampledShowers sampled = d.session.sampleReference(seed + 1000);
    r.showersPerSecond = sampled.showersPerSecond();
    const std::string stem = "calo_" + c.model + "_" + planName + "_seed" + std::to_string(seed);
    sampled.showers.writeHdf5(request.outDir / (stem + "_samples.h5"));
    io::saveCheckpoint(request.outDir / (stem + ".h5"), model, model.configJson(), &plan);
    out.files.push_back(request.outDir / (stem + "_samples.h5"));
    out.files.push_back(request.outDir / (stem + ".h5"));
    if (!plan.rules().empty()) {  // packed 2-bit weights of the quantized layers, readable with h5py
        const nlohmann::json provenance = {{"task", "calo"}, {"seed", seed}, {"data_seed", c.dataSeed}};
        io::exportQuantizedWeights(request.outDir / (stem + "_packed.h5"), model, model.configJson(),
                                   plan.toJson(), provenance.dump());
        out.files.push_back(request.outDir / (stem + "_packed.h5"));
    }
    ClassifierTestConfig classifier;
    classifier.epochs = c.classifierEpochs;
    classifier.seed = seed;
    r.evaluation = evaluateShowers(reference, sampled.showers, classifier, progress.cancelled);
    addCost(r, model);
    r.samples = std::move(sampled.showers);
    return r;
}

metrics::CsvTable runTable(const std::vector<RunResult>& runs, const CaloEvaluation& baseline) {
    metrics::CsvTable t({"plan", "seed", "auc_high_level", "auc_low_level", "mean_separation_power",
                         "layer_response_deviation", "train_seconds", "showers_per_second",
                         "quantized_parameter_share", "quantized_mac_share", "energy_ratio"});
    for (const auto& r : runs)
        t.addRow({r.plan, static_cast<std::int64_t>(r.seed), r.evaluation.aucHighLevel,
                  r.evaluation.aucLowLevel, r.evaluation.features.meanSeparationPower(),
                  r.evaluation.layerResponseDeviation, r.trainSeconds, r.showersPerSecond, r.parameterShare,
                  r.macShare, r.energyRatio});
    t.addRow({"mean-profile-baseline", std::int64_t{0}, baseline.aucHighLevel, baseline.aucLowLevel,
              baseline.features.meanSeparationPower(), baseline.layerResponseDeviation, 0.0, 0.0, 0.0, 0.0,
              1.0});
    return t;
}

metrics::CsvTable separationTable(const std::vector<RunResult>& runs, const CaloEvaluation& baseline) {
    std::vector<std::string> header{"feature", "mean_profile_baseline"};
    for (const auto& r : runs) header.push_back(r.plan + "_seed" + std::to_string(r.seed));
    metrics::CsvTable t(header);
    for (std::size_t f = 0; f < baseline.features.features.size(); ++f) {
        std::vector<metrics::CsvCell> row{baseline.features.features[f].id,
                                          baseline.features.features[f].separationPower};
        for (const auto& r : runs) row.emplace_back(r.evaluation.features.features[f].separationPower);
        t.addRow(std::move(row));
    }
    return t;
}

// ⟨E_layer⟩/⟨E_inc⟩ per layer and incident-energy bin: reference, baseline and every training.
metrics::CsvTable responseTable(const ShowerGeometry& geometry, const std::vector<RunResult>& runs,
                                const CaloEvaluation& baseline) {
    std::vector<std::string> header{"layer", "incident_energy_mev", "showers", "reference",
                                    "mean_profile_baseline"};
    for (const auto& r : runs) header.push_back(r.plan + "_seed" + std::to_string(r.seed));
    metrics::CsvTable t(header);
    const LayerResponse& ref = baseline.referenceResponse;
    for (std::size_t l = 0; l < geometry.layers().size(); ++l)
        for (std::size_t b = 0; b < ref.counts.size(); ++b) {
            if (ref.counts[b] == 0) continue;
            std::vector<metrics::CsvCell> row{static_cast<std::int64_t>(geometry.layers()[l].id),
                                              ref.energies[b], static_cast<std::int64_t>(ref.counts[b]),
                                              ref.fraction[l][b], baseline.generatedResponse.fraction[l][b]};
            for (const auto& r : runs) row.emplace_back(r.evaluation.generatedResponse.fraction[l][b]);
            t.addRow(std::move(row));
        }
    return t;
}

void addFigures(const RunData& d, const std::vector<RunResult>& runs, const CaloEvaluation& baseline,
                BatchOutput& out) {
    for (std::size_t f = 0; f < baseline.features.features.size(); ++f) {
        std::vector<LabelledHistogram> lines;
        for (const auto& r : runs)
            if (r.seed == runs.front().seed)
                lines.push_back({r.plan, r.evaluation.features.features[f].generated});
        lines.push_back({"mean-profile baseline", baseline.features.features[f].generated});
        out.figures.push_back(featureFigure(runs.front().evaluation.features.features[f], lines));
    }
    std::vector<LabelledResponse> responses;
    for (const auto& r : runs)
        if (r.seed == runs.front().seed) responses.push_back({r.plan, r.evaluation.generatedResponse});
    for (auto& f : layerResponseFigures(d.geometry(), runs.front().evaluation.referenceResponse, responses))
        out.figures.push_back(std::move(f));
    for (std::size_t l = 0; l < d.geometry().layers().size(); ++l) {
        const std::string n = std::to_string(d.geometry().layers()[l].id);
        out.figures.push_back(layerMap("average_layer" + n + "_reference",
                                       "Average shower, layer " + n + ", reference", d.geometry(), d.test(), l,
                                       -1));
        out.figures.push_back(layerMap("average_layer" + n + "_" + runs.front().plan,
                                       "Average shower, layer " + n + ", " + runs.front().plan, d.geometry(),
                                       runs.front().samples, l, -1));
        out.figures.push_back(layerMap("single_layer" + n + "_reference",
                                       "One shower, layer " + n + ", reference", d.geometry(), d.test(), l, 0));
        out.figures.push_back(layerMap("single_layer" + n + "_" + runs.front().plan,
                                       "One shower, layer " + n + ", " + runs.front().plan, d.geometry(),
                                       runs.front().samples, l, 0));
    }
}

std::string summaryText(const CaloRunConfig& c, const std::vector<RunResult>& runs,
                        const CaloEvaluation& baseline) {
    std::string s = "model " + c.model +
                    ": plan, seed, AUC high-level, AUC low-level, mean separation power, layer "
                    "response deviation, quantized params / MACs, showers/s\n";
    char line[200];
    for (const auto& r : runs) {
        std::snprintf(line, sizeof line, "  %-14s %3llu  %.3f  %.3f  %.4f  %.3f  %4.0f%% / %4.0f%%  %.0f\n",
                      r.plan.c_str(), static_cast<unsigned long long>(r.seed), r.evaluation.aucHighLevel,
                      r.evaluation.aucLowLevel, r.evaluation.features.meanSeparationPower(),
                      r.evaluation.layerResponseDeviation, 100 * r.parameterShare, 100 * r.macShare,
                      r.showersPerSecond);
        s += line;
    }
    std::snprintf(line, sizeof line, "  %-14s      %.3f  %.3f  %.4f  %.3f\n", "mean-profile",
                  baseline.aucHighLevel, baseline.aucLowLevel, baseline.features.meanSeparationPower(),
                  baseline.layerResponseDeviation);
    return s + line;
}

nlohmann::json runJson(const RunResult& r) {
    nlohmann::json sep = nlohmann::json::object();
    for (const auto& f : r.evaluation.features.features) sep[f.id] = f.separationPower;
    return {{"plan", r.plan},
            {"seed", r.seed},
            {"auc_high_level", r.evaluation.aucHighLevel},
            {"auc_low_level", r.evaluation.aucLowLevel},
            {"mean_separation_power", r.evaluation.features.meanSeparationPower()},
            {"layer_response_deviation", r.evaluation.layerResponseDeviation},
            {"separation_power", sep},
            {"train_seconds", r.trainSeconds},
            {"showers_per_second", r.showersPerSecond},
            {"best_validation_loss", r.bestValidationLoss},
            {"parameters", r.parameters},
            {"macs_per_shower", r.macsPerShower},
            {"quantized_parameter_share", r.parameterShare},
            {"quantized_mac_share", r.macShare},
            {"energy_ratio_fp32_over_plan", r.energyRatio}};
}

}  // namespace

BatchOutput runCaloBatch(const BatchRequest& request, const BatchProgress& progress) {
    const CaloRunConfig config = CaloRunConfig::fromRequest(request);
    if (request.threads > 0) train::setThreads(request.threads);
    BatchOutput out;
    out.settings = {
        {"task", "calo"}, {"seed", request.seed}, {"seeds", request.seeds}, {"run", config.toJson()}};
    RunData data(config);
    loadData(config, progress, data);
    const CaloReference reference = data.session.reference();
    data.test().writeHdf5(request.outDir / "reference_showers.h5");
    out.files.push_back(request.outDir / "reference_showers.h5");
    say(progress, "Evaluating the mean-profile baseline...");
    ClassifierTestConfig classifier;
    classifier.epochs = config.classifierEpochs;
    classifier.seed = request.seed;
    const CaloDataset baselineShowers = MeanProfileBaseline(data.train()).sample(data.test().incidentEnergies);
    const CaloEvaluation baseline =
        evaluateShowers(reference, baselineShowers, classifier, progress.cancelled);
    std::vector<RunResult> runs;
    const std::size_t total = config.plans.size() * static_cast<std::size_t>(std::max(request.seeds, 1));
    for (const auto& plan : config.plans) {
        for (int s = 0; s < std::max(request.seeds, 1); ++s) {
            if (progress.cancelled && progress.cancelled()) break;
            say(progress, "Training " + config.model + " with plan " + plan + ", seed " +
                              std::to_string(request.seed + s));
            RunResult r =
                trainAndEvaluate(config, data, reference, plan, request.seed + static_cast<std::uint64_t>(s), request, progress, out);
            if (progress.cancelled && progress.cancelled()) break;
            runs.push_back(std::move(r));
            if (progress.progress)
                progress.progress(static_cast<double>(runs.size()) / static_cast<double>(total));
        }
    }
    if (runs.empty()) {
        out.summary = "calo batch cancelled before a training finished";
        return out;
    }
    out.metrics = {{"model", config.model}, {"runs", nlohmann::json::array()}};
    for (const auto& r : runs) out.metrics["runs"].push_back(runJson(r));
    out.metrics["mean_profile_baseline"] = {
        {"auc_high_level", baseline.aucHighLevel},
        {"auc_low_level", baseline.aucLowLevel},
        {"mean_separation_power", baseline.features.meanSeparationPower()},
        {"layer_response_deviation", baseline.layerResponseDeviation}};
    out.tables.emplace("metrics", runTable(runs, baseline));
    out.tables.emplace("separation_power", separationTable(runs, baseline));
    out.tables.emplace("layer_response", responseTable(data.geometry(), runs, baseline));
    addFigures(data, runs, baseline, out);
    out.summary = summaryText(config, runs, baseline);
    return out;
}

}  // namespace bithep::tasks::calo
