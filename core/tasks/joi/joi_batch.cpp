#include "core/tasks/joi/joi_batch.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <random>

#include "core/tasks/joi/joi_report.h"
#include "core/tasks/joi/joi_run_config.h"
#include "core/tasks/joi/joi_session.h"
#include "core/tasks/joi/joi_training.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/tasks/kernel_scoring.h"
#include "core/train/thread_control.h"

namespace bithep::tasks::joi {

namespace {

// The session every training and scoring of the scan goes through (the one the window drives):
// the pool's jets with the test jets first, and the largest size's training jets.
struct Pool {
    JoiSession session;
    std::vector<std::size_t> train;  // the first largestSize pool jets; each run trains on a prefix
    std::vector<int> testLabels;
};

void say(const BatchProgress& p, const std::string& line) {
    if (p.log) p.log(line);
}
bool cancelled(const BatchProgress& p) {
    return p.cancelled && p.cancelled();
}

void loadPool(const JoiRunConfig& c, int threads, const BatchProgress& progress, Pool& pool) {
    JoiDataset data;
    const std::size_t total = c.largestSize() + c.testJets;
    if (c.dataFile.empty()) {
        physics::FlavourJetConfig gen;
        if (threads > 0) gen.jet.threads = threads;
        say(progress, "Generating " + std::to_string(total) + " flavour jets (seed " +
                          std::to_string(c.dataSeed) + ")...");
        data = JoiDataset::fromJets(physics::FlavourJetGenerator(gen, c.dataSeed).generate(total),
                                         gen.toJson(), c.dataSeed);
    } else {
        data = JoiDataset::readHdf5(c.dataFile);
    }
    if (data.jets() < total)
        throw std::runtime_error("joi batch: the data has " + std::to_string(data.jets()) +
                                 " jets, the run needs " + std::to_string(total) +
                                 " (lower scan-sizes or test-jets)");
    std::vector<std::size_t> order(data.jets());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (!c.dataFile.empty()) std::shuffle(order.begin(), order.end(), std::mt19937_64(c.dataSeed));
    // The test jets come first so that they stay the same when the scan grows.
    pool.train.assign(order.begin() + static_cast<std::ptrdiff_t>(c.testJets),
                      order.begin() + static_cast<std::ptrdiff_t>(total));
    pool.session.useDataset(std::move(data), pool.train,
                            std::vector<std::size_t>(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(c.testJets)));
    pool.testLabels = originLabels(pool.session.dataset(), pool.session.testJets());
}

struct RunResult {
    std::string encoding, plan;
    std::size_t size = 0;
    int epochs = 0;
    double seconds = 0;
    JoiEvaluation evaluation;
    KernelScoring kernels;  // the quantized layers scored on the kernels
};

// Empty when the run was cancelled.
std::optional<RunResult> trainOne(const JoiRunConfig& c, Pool& pool, const std::string& encoding,
                                  const std::string& plan, std::size_t size, const BatchRequest& request,
                                  const BatchProgress& progress) {
    JoiModelConfig mc = c.model;
    mc.encoding = encoding;
    pool.session.setTrainingJets(
        std::vector<std::size_t>(pool.train.begin(), pool.train.begin() + static_cast<std::ptrdiff_t>(size)));
    pool.session.buildModel(mc, request.seed, encoding);
    jet_common::resolveJetPlan(plan).apply(*pool.session.model());
    train::TrainSettings settings = c.training;
    settings.epochs = c.epochsFor(size);
    train::TrainCallbacks callbacks;
    callbacks.cancelled = progress.cancelled;
    const train::TrainResult result = pool.session.train(settings, callbacks);
    if (result.cancelled) return std::nullopt;
    if (!result.ok)
        throw std::runtime_error("joi batch: training " + encoding + " " + plan + " failed: " + result.error);
    KernelScoring kernels;
    const auto probs = pool.session.predictHeldOut(kernels);
    return RunResult{encoding,          plan, size, settings.epochs, pool.session.trainSeconds(),
                     evaluateJoi(probs, pool.testLabels), kernels};
}

std::string seriesLabel(const std::string& encoding, const std::string& plan) {
    return encoding + " " + plan;
}

std::string key(std::string s) {
    for (char& ch : s)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return s;
}

metrics::CsvTable scanTable(const std::vector<RunResult>& runs) {
    metrics::CsvTable t({"encoding", "plan", "train_jets", "epochs", "accuracy", "flavour_accuracy",
                         "mean_auc", "b_vs_light_auc", "c_vs_light_auc", "quark_vs_antiquark_auc",
                         "charge_flip_rate", "train_seconds", "kernel_layers", "kernel_max_difference"});
    for (const auto& r : runs) {
        const auto v = r.evaluation.values();
        auto get = [&v](const std::string& name) {
            for (const auto& [k, x] : v)
                if (k == name) return x;
            return std::nan("");
        };
        t.addRow({r.encoding, r.plan, static_cast<std::int64_t>(r.size), static_cast<std::int64_t>(r.epochs),
                  r.evaluation.accuracy, r.evaluation.flavourAccuracy, get("mean_auc"), get("b_vs_light_auc"),
                  get("c_vs_light_auc"), get("quark_vs_antiquark_auc"), r.evaluation.chargeFlip, r.seconds,
                  r.kernels.kernelLayers, r.kernels.maxDifference});
    }
    return t;
}

void addReport(const JoiRunConfig& c, const std::vector<RunResult>& runs, BatchOutput& out) {
    std::vector<ScalingSeries> series;
    std::vector<LabelledEvaluation> largest;
    metrics::CsvTable fits({"series", "a", "b", "sigma_b", "points", "rms_log_residual"});
    char line[256];
    out.summary += "accuracy on " + std::to_string(c.testJets) + " held-out jets (11 classes)\n";
    for (const auto& encoding : c.encodings) {
        for (const auto& plan : c.plans) {
            ScalingSeries s{seriesLabel(encoding, plan), {}, {}};
            const RunResult* last = nullptr;
            for (const auto& r : runs) {
                if (r.encoding != encoding || r.plan != plan) continue;
                s.sizes.push_back(static_cast<double>(r.size));
                s.accuracy.push_back(r.evaluation.accuracy);
                last = &r;
                nlohmann::json row{
                    {"train_jets", r.size}, {"epochs", r.epochs}, {"train_seconds", r.seconds}};
                row.update(r.kernels.toJson());
                for (const auto& [k, v] : r.evaluation.values())
                    row[k] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
                out.metrics["series"][s.label]["runs"].push_back(row);
                std::snprintf(line, sizeof line, "  %-28s n = %7zu  accuracy %.4f  (%d epochs, %.0f s)\n",
                              s.label.c_str(), r.size, r.evaluation.accuracy, r.epochs, r.seconds);
                out.summary += line;
            }
            if (!last) continue;
            if (const auto fit = fitScaling(s)) {
                out.metrics["series"][s.label]["power_law_fit"] = fit->toJson();
                fits.addRow({s.label, fit->a, fit->b, fit->sigmaB, static_cast<std::int64_t>(fit->pointCount),
                             fit->rmsLogResidual});
                std::snprintf(line, sizeof line, "  %-28s fit: 1 - accuracy = %.3g * n^-%.3f (± %.3f)\n",
                              s.label.c_str(), fit->a, fit->b, fit->sigmaB);
                out.summary += line;
            }
            const std::string id = key(s.label);
            const std::string what = s.label + ", " + std::to_string(last->size) + " training jets";
            out.metrics["series"][s.label]["largest"]["confusion"] =
                last->evaluation.confusion.toJson(classLabels());
            out.tables.emplace("confusion_" + id, last->evaluation.confusion.toCsv(classLabels()));
            out.figures.push_back(confusionFigure(last->evaluation, "confusion_" + id, what));
            out.figures.push_back(perClassRocFigure(last->evaluation, "roc_classes_" + id, what));
            largest.push_back({s.label, &last->evaluation});
            series.push_back(std::move(s));
        }
    }
    if (!largest.empty()) out.figures.push_back(mergedRocFigure(largest));
    out.figures.push_back(scalingFigure(series));
    out.tables.emplace("scan", scanTable(runs));
    out.tables.emplace("power_law_fits", std::move(fits));
}

}  // namespace

BatchOutput runJoiBatch(const BatchRequest& request, const BatchProgress& progress) {
    const JoiRunConfig c = JoiRunConfig::fromRequest(request);
    jet_common::registerJetPlans();
    for (const auto& plan : c.plans) jet_common::resolveJetPlan(plan);  // fail before the long part
    train::setThreads(request.threads);
    train::keepFreedBuffers();
    Pool pool;
    loadPool(c, request.threads, progress, pool);
    const JoiDataset& data = pool.session.dataset();

    BatchOutput out;
    out.settings = c.toJson();
    out.settings["task"] = "joi";
    out.settings["seed"] = request.seed;
    out.settings["threads"] = train::threads();
    out.settings["data_source"] = data.kinematics.source;
    if (c.saveData && c.dataFile.empty()) {
        const auto file = request.outDir / "joi_dataset.h5";
        data.writeHdf5(file);
        out.files.push_back(file);
    }
    std::vector<RunResult> runs;
    const double total = static_cast<double>(c.encodings.size() * c.plans.size() * c.scanSizes.size());
    for (const auto& encoding : c.encodings) {
        for (const auto& plan : c.plans) {
            for (std::size_t size : c.scanSizes) {
                if (cancelled(progress)) break;
                auto run = trainOne(c, pool, encoding, plan, size, request, progress);
                if (!run) break;
                runs.push_back(std::move(*run));
                char line[160];
                std::snprintf(line, sizeof line, "%s %s, %zu jets: accuracy %.4f (%.0f s)", encoding.c_str(),
                              plan.c_str(), size, runs.back().evaluation.accuracy, runs.back().seconds);
                say(progress, line);
                if (progress.progress) progress.progress(static_cast<double>(runs.size()) / total);
            }
        }
    }
    addReport(c, runs, out);
    if (cancelled(progress)) out.summary = "Cancelled; results so far:\n" + out.summary;
    return out;
}

}  // namespace bithep::tasks::joi
