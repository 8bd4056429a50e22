#include "core/tasks/qg/qg_batch.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <random>

#include "core/cost/cost_model.h"
#include "core/io/checkpoint.h"
#include "core/io/quantized_export.h"
#include "core/metrics/seed_summary.h"
#include "core/tasks/qg/generator_validation.h"
#include "core/tasks/kernel_scoring.h"
#include "core/tasks/qg/qg_kernel_check.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/tasks/qg/qg_report.h"
#include "core/tasks/qg/qg_run_config.h"
#include "core/tasks/qg/qg_session.h"
#include "core/train/thread_control.h"

namespace bithep::tasks::qg {

namespace {

// The session every training and scoring of the run goes through (the one the window drives),
// holding the run's jets with its split, and what the report needs of the test jets.
struct RunData {
    QgSession session;
    std::vector<int> testLabels;
    std::vector<double> cutScores;  // the multiplicity cut on the test jets
};

void say(const BatchProgress& p, const std::string& line) {
    if (p.log) p.log(line);
}
bool cancelled(const BatchProgress& p) {
    return p.cancelled && p.cancelled();
}

void loadData(const QgRunConfig& c, int threads, const BatchProgress& progress, RunData& d) {
    jet_common::JetDataset data;
    std::size_t total = c.trainJets + c.testJets;
    if (c.dataFile.empty()) {
        physics::JetGeneratorConfig gen;
        if (threads > 0) gen.threads = threads;
        say(progress,
            "Generating " + std::to_string(total) + " jets (seed " + std::to_string(c.dataSeed) + ")...");
        data = jet_common::JetDataset::fromJets(physics::JetGenerator(gen, c.dataSeed).generate(total), gen.toJson(),
                                     c.dataSeed);
    } else {
        data = jet_common::JetDataset::read(c.dataFile);
        if (!data.pidKnown) say(progress, data.pidNotice());
    }
    if (!c.usePid && data.pidKnown) {
        data.dropPid();
        say(progress, "pid=0: particle identification dropped; the taggers see kinematics only.");
    }
    if (c.wholeFile) {
        total = data.jets;
        if (total < 20) throw std::runtime_error("qg batch: " + c.dataFile + " has " + std::to_string(total) +
                                                 " jets; scoring needs at least 20");
    }
    if (data.jets < total) {
        throw std::runtime_error("qg batch: the data has " + std::to_string(data.jets) +
                                 " jets, the run needs " + std::to_string(total) +
                                 " (lower jets= or test-jets=)");
    }
    std::vector<std::size_t> order(data.jets);
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (!c.dataFile.empty()) std::shuffle(order.begin(), order.end(), std::mt19937_64(c.dataSeed));
    d.session.useDataset(std::move(data),
                         std::vector<std::size_t>(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(c.trainJets)),
                         std::vector<std::size_t>(order.begin() + static_cast<std::ptrdiff_t>(c.trainJets),
                                                  order.begin() + static_cast<std::ptrdiff_t>(total)));
    if (c.wholeFile) say(progress, "Scoring all " + std::to_string(total) + " jets of " + c.dataFile + ".");
    d.testLabels = labelsOf(d.session.dataset(), d.session.testJets());
    d.cutScores = multiplicityScores(d.session.dataset(), d.session.testJets());
}

nlohmann::json planCost(jet_common::JetModel& model, tensor::Index rowsPerSample) {
    const auto cmp = cost::compareWithFp32(cost::costInputsFromModel(model, rowsPerSample),
                                           cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
    return {{"quantized_parameter_share", cmp.plan.quantizedParameterShare},
            {"quantized_mac_share", cmp.plan.quantizedMacShare},
            {"memory_bits", cmp.plan.memoryBits},
            {"energy_pj", cmp.plan.energyPj()},
            {"energy_ratio_vs_fp32", cmp.energyRatio()},
            {"memory_ratio_vs_fp32", cmp.memoryRatio()}};
}

std::string fileStem(const std::string& plan) {
    std::string s = std::filesystem::path(plan).stem().string();
    for (char& ch : s) {
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-') ch = '_';
    }
    return s;
}

// One tagger on the held-out jets, its quantized layers on the kernels, with its margin over the
// cut. The first of a series also keeps its scores (figures), cost and the kernel-path timing,
// which the report shows once per series.
QgEvaluation scoreTagger(RunData& d, bool first, QgSeries& t, KernelScoring& kernels) {
    QgSession::Scored scored = d.session.score({});
    jet_common::JetModel& model = *d.session.jetModel();
    kernels = scored.kernels;
    if (first) {
        t.cost = planCost(model, static_cast<tensor::Index>(model.config().maxParticles));
        t.kernelCheck = checkOnKernels(model, d.session.dataset(), scored.jets, scored.probabilities, kernels);
        t.firstScores = std::move(scored.probabilities);
    }
    return std::move(scored.evaluation);
}

// Trains one model per seed under `planName` and evaluates it on the test jets.
QgSeries trainSeries(const jet_common::JetModelConfig& modelConfig, const std::string& planName, const std::string& label,
                     const QgRunConfig& c, RunData& d, const BatchRequest& request,
                     const BatchProgress& progress, int& done, int total, BatchOutput& out) {
    QgSeries t;
    t.label = label;
    t.plan = planName;
    const quant::QuantPlan plan = jet_common::resolveJetPlan(planName);
    for (int s = 0; s < request.seeds && !cancelled(progress); ++s) {
        const std::uint64_t seed = request.seed + static_cast<std::uint64_t>(s);
        d.session.buildModel(modelConfig, seed, label);
        plan.apply(*d.session.model());
        train::TrainSettings settings = c.training;
        settings.seed = seed;
        train::TrainCallbacks callbacks;
        callbacks.cancelled = progress.cancelled;
        callbacks.onEpoch = [&](const train::EpochStats& e) {
            char line[160];
            std::snprintf(line, sizeof line,
                          "  %s seed %llu epoch %d: train loss %.4f, validation loss %.4f, validation AUC %.4f",
                          label.c_str(), static_cast<unsigned long long>(seed), e.epoch + 1, e.trainLoss,
                          e.validationLoss, e.metric);
            say(progress, line);
            if (progress.progress) progress.progress((done + double(e.epoch + 1) / settings.epochs) / total);
        };
        const train::TrainResult result = d.session.train(settings, callbacks);
        if (result.cancelled) break;
        if (!result.ok) throw std::runtime_error("qg batch: training " + label + " failed: " + result.error);
        const double seconds = d.session.trainSeconds();
        KernelScoring kernels;
        QgEvaluation e = scoreTagger(d, s == 0, t, kernels);
        auto values = e.values();
        values.emplace_back("train_seconds", seconds);
        values.emplace_back("kernel_layers", kernels.kernelLayers);
        values.emplace_back("kernel_max_difference", kernels.maxDifference);
        t.summary.addRun(values);
        const std::string stem =
            "qg_" + modelConfig.architecture + "_" + fileStem(planName) + "_seed" + std::to_string(seed);
        const auto checkpoint = request.outDir / (stem + ".h5");
        io::saveCheckpoint(checkpoint, *d.session.model(), modelConfig.toJson(), &plan);
        out.files.push_back(checkpoint);
        if (!plan.rules().empty()) {
            const auto packed = request.outDir / (stem + "_packed.h5");
            io::exportQuantizedWeights(packed, *d.session.model(), modelConfig.toJson(), plan.toJson(),
                                       nlohmann::json{{"task", "qg"}, {"seed", seed}}.dump());
            out.files.push_back(packed);
        }
        say(progress, label + " seed " + std::to_string(seed) + ": AUC " + std::to_string(e.auc) + " (" +
                          std::to_string(static_cast<int>(seconds)) + " s)");
        t.perSeed.push_back(std::move(e));
        t.seeds.push_back(seed);
        ++done;
    }
    return t;
}

// A checkpoint written by a batch run sits beside that run's project.json. Scoring it on the
// same data with fewer training jets would put its own training jets into the test set (the
// generator's first jets do not depend on how many are made), so that is refused.
void requireUnseenTestJets(const QgRunConfig& c, const BatchProgress& progress) {
    const auto project = std::filesystem::path(c.checkpoint).parent_path() / "project.json";
    std::ifstream in(project);
    const nlohmann::json trained = in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
    if (!trained.is_object() || !trained.contains("train_jets")) {
        say(progress, "No project.json of the training run beside " + c.checkpoint +
                          ": make sure the test jets were not among its training jets.");
        return;
    }
    const std::string trainedFile = trained.value("data_file", std::string());
    std::error_code ec1, ec2;
    const bool sameFile = trainedFile == c.dataFile ||
                          (!trainedFile.empty() && !c.dataFile.empty() &&
                           std::filesystem::weakly_canonical(trainedFile, ec1) ==
                               std::filesystem::weakly_canonical(c.dataFile, ec2) && !ec1 && !ec2);
    // Scoring every jet of a file covers whatever seed shuffled it for training.
    const bool sameData =
        sameFile && (c.wholeFile || trained.value("data_seed", std::uint64_t{0}) == c.dataSeed);
    const auto seen = trained.value("train_jets", std::size_t{0});
    if (sameData && c.trainJets < seen) {
        throw std::runtime_error("qg batch: " + c.checkpoint + " was trained on the first " +
                                 std::to_string(seen) + " jets of this data (seed " +
                                 std::to_string(c.dataSeed) + "); set jets=" + std::to_string(seen) +
                                 " or more so its test jets are new");
    }
}

// A saved tagger scored on this run's test jets, e.g. one trained on generated jets tried on the
// public Pythia file; its configuration, plan and input scaling come from the checkpoint.
QgSeries checkpointSeries(const QgRunConfig& c, const io::CheckpointInfo& info, RunData& d,
                          BatchOutput& out) {
    const jet_common::JetModelConfig config = jet_common::JetModelConfig::fromJson(info.modelConfigJson);
    if (config.particleDim != c.pdat.particleDim) {
        throw std::runtime_error(
            "qg batch: " + c.checkpoint + " takes " + std::to_string(config.particleDim) +
            " inputs per particle, the data gives " + std::to_string(c.pdat.particleDim) +
            (c.pdat.particleDim == 7 ? " (no particle identification)" : ""));
    }
    d.session.buildModel(config, 0, "checkpoint");
    io::loadCheckpoint(c.checkpoint, *d.session.model());  // weights, scaling buffers and each layer's precision
    out.settings["checkpoint_model"] = nlohmann::json::parse(info.modelConfigJson);
    out.settings["checkpoint_plan"] =
        info.plan ? nlohmann::json::parse(info.plan->toJson()) : nlohmann::json();
    QgSeries t;
    t.plan = info.plan ? info.plan->name() : "checkpoint";
    t.label = (config.architecture == "deepsets" ? "DeepSets " : "P-DAT ") + t.plan;
    KernelScoring kernels;
    QgEvaluation e = scoreTagger(d, true, t, kernels);
    auto values = e.values();
    values.emplace_back("kernel_layers", kernels.kernelLayers);
    values.emplace_back("kernel_max_difference", kernels.maxDifference);
    t.summary.addRun(values);
    t.perSeed.push_back(std::move(e));
    // The seed the tagger was trained with is in the batch run's file name (…_seed<s>.h5).
    const std::string stem = std::filesystem::path(c.checkpoint).stem().string();
    const auto at = stem.rfind("_seed");
    t.seeds.push_back(at == std::string::npos ? 0 : std::strtoull(stem.c_str() + at + 5, nullptr, 10));
    return t;
}

// The run's own model, training and plan settings were not used: the checkpoint's are recorded.
BatchOutput scoreCheckpoint(const QgRunConfig& c, const io::CheckpointInfo& info, RunData& d,
                            const QgEvaluation& cut, const BatchRequest& request, const BatchProgress& progress,
                            BatchOutput out) {
    for (const char* unused :
         {"pdat", "deepsets", "train_deepsets", "training", "plans", "plan_json", "seeds"})
        out.settings.erase(unused);
    if (request.seeds > 1) say(progress, "--seeds is ignored when scoring a checkpoint.");
    addQgReport({checkpointSeries(c, info, d, out)}, cut, d.testLabels, out);
    return out;
}

}  // namespace

BatchOutput runQgBatch(const BatchRequest& request, const BatchProgress& progress) {
    QgRunConfig c = QgRunConfig::fromRequest(request);
    if (request.seeds < 1) throw std::invalid_argument("qg batch: --seeds must be at least 1");
    jet_common::registerJetPlans();
    for (const auto& plan : c.plans) jet_common::resolveJetPlan(plan);  // fail before the long part
    std::optional<io::CheckpointInfo> checkpoint;
    if (!c.checkpoint.empty()) {
        requireUnseenTestJets(c, progress);
        checkpoint = io::readCheckpointInfo(c.checkpoint);
        // A tagger trained without PID scores PID-carrying jets by their kinematics alone.
        if (jet_common::JetModelConfig::fromJson(checkpoint->modelConfigJson).particleDim == 7) c.usePid = false;
    }
    train::setThreads(request.threads);
    train::keepFreedBuffers();
    RunData d;
    loadData(c, request.threads, progress, d);
    const jet_common::JetDataset& data = d.session.dataset();
    if (c.wholeFile) c.testJets = d.session.testJets().size();
    c.pdat.particleDim = c.deepSets.particleDim = data.pidKnown ? 13 : 7;

    BatchOutput out;
    out.settings = c.toJson();
    out.settings["task"] = "qg";
    out.settings["seed"] = request.seed;
    out.settings["seeds"] = request.seeds;
    out.settings["threads"] = train::threads();
    out.settings["data_source"] = data.source;
    out.settings["pid_known"] = data.pidKnown;
    if (isEnergyflowFile(c.dataFile))
        out.settings["data_citation"] = pythiaQgCitation();
    for (const auto& plan : c.plans)
        out.settings["plan_json"][plan] = nlohmann::json::parse(jet_common::resolveJetPlan(plan).toJson());

    const QgEvaluation cut = evaluateScores(d.cutScores, d.testLabels, false);
    const int total = request.seeds * static_cast<int>(c.plans.size() + (c.trainDeepSets ? 1 : 0));
    int done = 0;
    std::vector<QgSeries> series;
    if (checkpoint) return scoreCheckpoint(c, *checkpoint, d, cut, request, progress, std::move(out));
    for (const auto& plan : c.plans) {
        if (cancelled(progress)) break;
        series.push_back(
            trainSeries(c.pdat, plan, "P-DAT " + plan, c, d, request, progress, done, total, out));
    }
    if (c.trainDeepSets && !cancelled(progress)) {
        series.push_back(
            trainSeries(c.deepSets, "fp32", "DeepSets fp32", c, d, request, progress, done, total, out));
    }
    addQgReport(series, cut, d.testLabels, out);
    if (cancelled(progress)) out.summary = "Cancelled; results so far:\n" + out.summary;
    return out;
}

}  // namespace bithep::tasks::qg
