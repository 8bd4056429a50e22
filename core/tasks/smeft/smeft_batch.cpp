#include "core/tasks/smeft/smeft_batch.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <optional>

#include "core/cost/cost_model.h"
#include "core/io/checkpoint.h"
#include "core/io/quantized_export.h"
#include "core/metrics/seed_summary.h"
#include "core/tasks/kernel_scoring.h"
#include "core/tasks/smeft/lhe_reader.h"
#include "core/tasks/smeft/smeft_plans.h"
#include "core/tasks/smeft/smeft_report.h"
#include "core/tasks/smeft/smeft_run_config.h"
#include "core/tasks/smeft/smeft_session.h"
#include "core/train/thread_control.h"

namespace bithep::tasks::smeft {

namespace {

using Clock = std::chrono::steady_clock;

void say(const BatchProgress& p, const std::string& line) {
    if (p.log) p.log(line);
}
bool cancelled(const BatchProgress& p) {
    return p.cancelled && p.cancelled();
}
double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

SmeftDataset loadData(const SmeftRunConfig& c, int threads, const BatchProgress& progress,
                      nlohmann::json& stats) {
    const std::size_t total = c.trainEvents + c.testEvents;
    SmeftDataset d;
    if (c.dataFile.empty()) {
        SmeftGeneratorConfig gen = c.generator;
        if (threads > 0) gen.threads = threads;
        say(progress,
            "Generating " + std::to_string(total) + " events (seed " + std::to_string(c.dataSeed) + ")...");
        physics::GenerationControl control;
        control.cancelled = progress.cancelled;
        const auto start = Clock::now();
        d = SmeftDataset::fromSample(SmeftEventGenerator(gen, c.dataSeed).generate(total, control), gen,
                                     c.dataSeed);
        const double seconds = secondsSince(start);
        stats = {
            {"seconds", seconds}, {"events_per_second", double(total) / seconds}, {"threads", gen.threads}};
    } else {
        d = SmeftDataset::readHdf5(c.dataFile);
    }
    if (d.size() < total)
        throw std::runtime_error("smeft batch: the data has " + std::to_string(d.size()) +
                                 " events, the run needs " + std::to_string(total) +
                                 " (lower events= or test-events=)");
    stats["acceptance"] = d.attempts ? double(d.size()) / double(d.attempts) : 0.0;
    stats["fiducial_sigma_fb"] = d.fiducialSigmaFb();
    return d;
}

nlohmann::json planCost(SmeftModel& model) {
    const auto cmp = cost::compareWithFp32(
        cost::costInputsFromModel(model, static_cast<tensor::Index>(model.config().maxParticles)),
        cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
    return {{"parameters", cmp.plan.parameters},
            {"quantized_parameter_share", cmp.plan.quantizedParameterShare},
            {"quantized_mac_share", cmp.plan.quantizedMacShare},
            {"memory_bits", cmp.plan.memoryBits},
            {"energy_pj", cmp.plan.energyPj()},
            {"energy_ratio_vs_fp32", cmp.energyRatio()},
            {"memory_ratio_vs_fp32", cmp.memoryRatio()}};
}

struct RunContext {
    const SmeftRunConfig& config;
    SmeftSession& session;  // the window's session: data, split, model, training, scoring
    const BatchRequest& request;
    const BatchProgress& progress;
    BatchOutput& out;
    int done = 0, total = 0;
};

// Trains one regressor under `planName` with weights from `seed`; nullopt when cancelled.
std::optional<SmeftEstimatorResult> trainOne(RunContext& ctx, const std::string& planName,
                                             const std::string& label, std::uint64_t seed) {
    const quant::QuantPlan plan = resolveSmeftPlan(planName);
    ctx.session.buildModel(ctx.config.model, seed, label);
    SmeftModel& model = *ctx.session.smeftModel();
    plan.apply(model);
    train::TrainSettings settings = ctx.config.training;
    settings.seed = seed;
    train::TrainCallbacks callbacks;
    callbacks.cancelled = ctx.progress.cancelled;
    callbacks.onEpoch = [&](const train::EpochStats& e) {
        char line[160];
        std::snprintf(line, sizeof line,
                      "  %s epoch %d: train loss %.4f, validation loss %.4f, validation |dphi| 68 %% %.2f deg",
                      label.c_str(), e.epoch + 1, e.trainLoss, e.validationLoss, e.metric);
        say(ctx.progress, line);
        if (ctx.progress.progress)
            ctx.progress.progress((ctx.done + double(e.epoch + 1) / settings.epochs) / ctx.total);
    };
    const auto result = ctx.session.train(settings, callbacks);
    if (result.cancelled) return std::nullopt;
    if (!result.ok) throw std::runtime_error("smeft batch: training " + label + " failed: " + result.error);
    SmeftEstimatorResult r;
    r.label = label, r.plan = planName, r.seed = seed;
    r.trainSeconds = ctx.session.trainSeconds();
    r.phi = ctx.session.predictHeldOut(r.kernels);
    r.cost = planCost(model);
    const std::string stem =
        "smeft_" + ctx.config.model.preset + "_" + planName + "_seed" + std::to_string(seed);
    io::saveCheckpoint(ctx.request.outDir / (stem + ".h5"), model, ctx.config.model.toJson(), &plan);
    ctx.out.files.push_back(ctx.request.outDir / (stem + ".h5"));
    if (!plan.rules().empty()) {
        io::exportQuantizedWeights(ctx.request.outDir / (stem + "_packed.h5"), model,
                                   ctx.config.model.toJson(), plan.toJson(),
                                   nlohmann::json{{"task", "smeft"}, {"seed", seed}}.dump());
        ctx.out.files.push_back(ctx.request.outDir / (stem + "_packed.h5"));
    }
    ++ctx.done;
    return r;
}

// Truth-level scan of a Les Houches file: no generation, no training.
BatchOutput runLheScan(const SmeftRunConfig& c, const BatchProgress& progress) {
    say(progress, "Reading " + c.lheFile + "...");
    const SmeftDataset data =
        lheToDataset(readLhe(c.lheFile), {c.lheWeights[0], c.lheWeights[1], c.lheWeights[2]}, !c.lheLeptonic,
                     c.lheScale, c.lheFile);
    if (data.size() == 0)
        throw std::runtime_error("smeft batch: no event of '" + c.lheFile + "' has a " +
                                 (c.lheLeptonic ? "leptonic" : "hadronic") + " W or Z with two daughters");
    std::vector<std::size_t> all(data.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    const EftScanAnalysis analysis(data, all, c.scan);
    const std::vector<EftEstimatorScan> scans{analysis.truth(), analysis.rateOnly()};
    BatchOutput out;
    out.settings = c.toJson();
    out.settings["task"] = "smeft";
    out.metrics["lhe_events"] = data.size();
    out.metrics["expected_sm_events"] = analysis.expectedSmEvents();
    addScanOutputs(scans, {scans[0].label, scans[1].label}, out);
    char line[200];
    std::snprintf(line, sizeof line,
                  "%zu events with a V; 68 %% interval width %.4f (truth φ), %.4f (rate only)\n", data.size(),
                  scans[0].width68(), scans[1].width68());
    out.summary = line;
    return out;
}

// One seed's trainings: the fp32 reference (carried over when the previous seed trained it as
// its noise floor), the fp32 network of the next seed (this seed's noise floor) and every plan,
// each with its regression quality and distance to the reference. Stops early when cancelled.
std::vector<SmeftEstimatorResult> trainSeed(RunContext& ctx, std::uint64_t seed,
                                            std::optional<SmeftEstimatorResult> carried,
                                            const std::vector<double>& truth) {
    std::vector<std::pair<std::string, std::uint64_t>> runs;
    if (!carried) runs.emplace_back("fp32", seed);
    runs.emplace_back("fp32", seed + 1);
    for (const auto& p : ctx.config.plans) runs.emplace_back(p, seed);
    std::vector<SmeftEstimatorResult> results;
    if (carried) {
        carried->label = "fp32";
        results.push_back(std::move(*carried));
    }
    for (std::size_t i = 0; i < runs.size() && !cancelled(ctx.progress); ++i) {
        const std::string label =
            results.size() == 1 ? "fp32 seed " + std::to_string(runs[i].second) : runs[i].first;
        auto r = trainOne(ctx, runs[i].first, label, runs[i].second);
        if (!r) break;
        r->quality = regressionQuality(r->phi, truth);
        char line[160];
        std::snprintf(line, sizeof line, "%s: mean sin² %.4f on the test events (%.0f s)", label.c_str(),
                      r->quality.meanSin2, r->trainSeconds);
        say(ctx.progress, line);
        results.push_back(std::move(*r));
    }
    for (auto& r : results) r.vsReference = residualDistance(results.front().quality, r.quality);
    return results;
}

const char* const kNoiseFloorRole = "fp32 next seed (noise floor)";

// Per-seed numbers of every network of one seed, by role (the second result is the noise floor).
void addSeedRows(const std::vector<SmeftEstimatorResult>& results, const EftScanAnalysis& analysis,
                 double truthWidth, std::vector<std::pair<std::string, metrics::SeedSummary>>& summaries) {
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        if (r.plan.empty()) continue;  // the network-free estimate does not depend on the seed
        const std::string role = i == 1 ? kNoiseFloorRole : r.label;
        auto it =
            std::find_if(summaries.begin(), summaries.end(), [&](const auto& s) { return s.first == role; });
        if (it == summaries.end()) it = summaries.insert(summaries.end(), {role, metrics::SeedSummary{}});
        it->second.addRun({{"mean_sin2", r.quality.meanSin2},
                           {"residual_std", r.quality.residualStd},
                           {"separation_power_vs_fp32", r.vsReference.separationPower},
                           {"wasserstein1_vs_fp32", r.vsReference.wasserstein1},
                           {"width68_over_truth", analysis.scan(r.label, r.phi).width68() / truthWidth},
                           {"train_seconds", r.trainSeconds}});
    }
}

// metrics.json "seeds", the seed_summary table and, for several seeds, a mean ± std block.
void addSeedSummary(const std::vector<std::pair<std::string, metrics::SeedSummary>>& summaries,
                    const std::vector<std::uint64_t>& seeds, BatchOutput& out) {
    metrics::CsvTable table({"estimator", "metric", "n", "mean", "std"});
    nlohmann::json perRole = nlohmann::json::object();
    std::string text = "\nOver " + std::to_string(seeds.size()) + " seeds (mean ± std)\n";
    char header[240];
    std::snprintf(header, sizeof header, "%-30s %-20s %-19s %s\n", "estimator", "mean sin²", "SP vs fp32",
                  "68 % width / truth");
    text += header;
    for (const auto& [role, summary] : summaries) {
        perRole[role] = summary.toJson();
        for (const auto& m : summary.summaries()) table.addRow({role, m.name, m.count, m.mean, m.stdDev});
        char line[240];
        std::snprintf(line, sizeof line, "%-30s %-19s %-19s %s\n", role.c_str(),
                      summary.format("mean_sin2", 4).c_str(),
                      summary.format("separation_power_vs_fp32", 4).c_str(),
                      summary.format("width68_over_truth", 4).c_str());
        text += line;
    }
    out.metrics["seeds"] = {{"count", seeds.size()}, {"seeds", seeds}, {"summary", perRole}};
    out.tables.insert_or_assign("seed_summary", std::move(table));
    if (seeds.size() > 1) out.summary += text;
}

// Every setting, the data's provenance and the generation speed: what each output starts with.
BatchOutput outputFor(const SmeftRunConfig& c, const BatchRequest& request, const SmeftDataset& data,
                      const nlohmann::json& generation) {
    BatchOutput out;
    out.settings = c.toJson();
    out.settings["task"] = "smeft";
    out.settings["seed"] = request.seed;
    out.settings["seeds"] = request.seeds;
    out.settings["threads"] = train::threads();
    out.settings["data_source"] = data.source;
    out.settings["generator_config"] =
        nlohmann::json::parse(data.generatorConfig.empty() ? "{}" : data.generatorConfig);
    if (c.saveData) out.files.push_back(request.outDir / "smeft_events.h5");
    out.metrics["generation"] = generation;
    out.metrics["parameters"] = SmeftModel(c.model, request.seed).parameterCount();
    return out;
}

// The first seed's networks with the network-free estimate and every scan, as the report shows them.
void reportFirstSeed(std::vector<SmeftEstimatorResult> first, const EftScanAnalysis& analysis,
                     const SmeftDataset& data, const std::vector<std::size_t>& test,
                     const std::vector<double>& truth, BatchOutput& out) {
    SmeftEstimatorResult naive;
    naive.label = "naive (no network)";
    for (std::size_t e : test) naive.phi.push_back(naiveDecayPlane(data.events[e]));
    naive.quality = regressionQuality(naive.phi, truth);
    naive.vsReference = residualDistance(first.front().quality, naive.quality);
    first.push_back(std::move(naive));
    std::vector<EftEstimatorScan> scans{analysis.truth(), analysis.rateOnly()};
    for (const auto& r : first) scans.push_back(analysis.scan(r.label, r.phi));
    out.metrics["expected_sm_events"] = analysis.expectedSmEvents();
    addSmeftReport(first, scans, truth, out);
}

}  // namespace

BatchOutput runSmeftBatch(const BatchRequest& request, const BatchProgress& progress) {
    const SmeftRunConfig c = SmeftRunConfig::fromRequest(request);
    if (!c.lheFile.empty()) return runLheScan(c, progress);
    if (request.seeds < 1) throw std::invalid_argument("smeft batch: --seeds must be at least 1");
    registerSmeftPlans();
    for (const auto& plan : c.plans) resolveSmeftPlan(plan);  // fail before the long part
    train::setThreads(request.threads);
    train::keepFreedBuffers();
    nlohmann::json generation;
    SmeftSession session;
    {
        SmeftDataset loaded = loadData(c, request.threads, progress, generation);
        if (c.saveData) loaded.writeHdf5(request.outDir / "smeft_events.h5");
        std::vector<std::size_t> trainEvents(c.trainEvents), testEvents(c.testEvents);
        std::iota(trainEvents.begin(), trainEvents.end(), std::size_t{0});
        std::iota(testEvents.begin(), testEvents.end(), c.trainEvents);
        const std::string origin = loaded.source;
        session.useDataset(std::move(loaded), origin, std::move(trainEvents), std::move(testEvents));
    }
    const SmeftDataset& data = session.dataset();
    const std::vector<std::size_t>& test = session.testEvents();

    BatchOutput out = outputFor(c, request, data, generation);

    // Seed s trains fp32 with s + 1 as its noise floor, which is the next seed's reference.
    const int trainings = request.seeds * (static_cast<int>(c.plans.size()) + 1) + 1;
    RunContext ctx{c, session, request, progress, out, 0, trainings};
    std::vector<double> truth(test.size());
    for (std::size_t i = 0; i < test.size(); ++i) truth[i] = data.events[test[i]].phi;
    const EftScanAnalysis analysis(data, test, c.scan);
    const double truthWidth = analysis.truth().width68();
    std::vector<SmeftEstimatorResult> first;
    std::optional<SmeftEstimatorResult> carried;
    std::vector<std::pair<std::string, metrics::SeedSummary>> summaries;
    std::vector<std::uint64_t> seedsDone;
    for (int k = 0; k < request.seeds && !cancelled(progress); ++k) {
        const std::uint64_t seed = request.seed + static_cast<std::uint64_t>(k);
        if (request.seeds > 1) say(progress, "Seed " + std::to_string(seed) + ":");
        auto results = trainSeed(ctx, seed, std::move(carried), truth);
        if (results.size() < 2 + c.plans.size()) {  // cancelled inside this seed
            if (k == 0) first = std::move(results);
            break;
        }
        addSeedRows(results, analysis, truthWidth, summaries);
        seedsDone.push_back(seed);
        carried = results[1];
        if (k == 0) first = std::move(results);
    }
    if (first.size() < 2) {
        out.summary = "Cancelled before the fp32 reference and its second seed were trained.";
        return out;
    }
    reportFirstSeed(std::move(first), analysis, data, test, truth, out);
    addSeedSummary(summaries, seedsDone, out);
    if (cancelled(progress)) out.summary = "Cancelled; results so far:\n" + out.summary;
    return out;
}

}  // namespace bithep::tasks::smeft
