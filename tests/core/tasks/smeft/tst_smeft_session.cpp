// SmeftSession, the explorer's handle on the SMEFT task: registration, names and their errors,
// dataset summary and split, training from the current weights with the per-epoch |Δφ| metric,
// cancel keeping the starting weights, the evaluation's figures and metrics, the fp32 reference,
// the binned scans against EftScanAnalysis, redraw at another luminosity from the saved state
// alone, bad states and bad files.
#include <cmath>
#include <fstream>
#include <functional>
#include <numeric>
#include <set>

#include <QTemporaryDir>
#include <QtTest>

#include "core/tasks/smeft/eft_scan_analysis.h"
#include "core/tasks/smeft/smeft_event_generator.h"
#include "core/tasks/smeft/smeft_plans.h"
#include "core/tasks/smeft/smeft_run_config.h"
#include "core/tasks/smeft/smeft_evaluation_state.h"
#include "core/tasks/smeft/smeft_session.h"
#include "core/tasks/smeft/smeft_training.h"
#include "core/tasks/task_registry.h"

namespace smeft = bithep::tasks::smeft;
namespace tasks = bithep::tasks;
namespace train = bithep::train;

namespace {

constexpr std::size_t kEvents = 300;  // 200 training, 100 test: tiny, a fraction of a second to make
constexpr double kExact = 1e-9;       // same arithmetic, different code path
constexpr double kScaling = 1e-6;     // Poisson deviance of Asimov data is linear in L up to rounding

std::vector<bithep::tensor::Matrix> weights(bithep::nn::Module& m) {
    std::vector<bithep::tensor::Matrix> out;
    for (const auto& [path, p] : m.namedParameters()) out.push_back(p.value());
    return out;
}

train::TrainSettings quick(int epochs = 1) {
    train::TrainSettings s;
    s.epochs = epochs;
    s.batchSize = 32;
    return s;
}

const tasks::FigureData* figure(const tasks::SessionEvaluation& e, const std::string& id) {
    for (const auto& f : e.figures)
        if (f.id == id) return &f;
    return nullptr;
}

const tasks::HistogramFigure& residuals(const tasks::SessionEvaluation& e) {
    return std::get<tasks::HistogramFigure>(figure(e, "residuals")->content);
}

// A session with a trained small fp32 network on the tiny dataset.
void prepare(smeft::SmeftSession& s, std::uint64_t dataSeed = 5) {
    s.generateDataset({kEvents, dataSeed}, {});
    s.buildModel("small", 3);
    const auto r = s.train(quick(2), {});
    QVERIFY2(r.ok, r.error.c_str());
}

std::string messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no exception)";
}

}  // namespace

class TstSmeftSession : public QObject {
    Q_OBJECT
private slots:
    void registeredWithASession() {
        const auto* task = tasks::builtinTasks().find("smeft");
        QVERIFY(task && task->newSession);
        auto s = task->newSession();
        QCOMPARE(s->modelNames().front(), std::string("small"));
        QCOMPARE(s->planNames().front(), std::string("fp32"));
        QVERIFY(s->datasetFileFilter().find("*.h5") != std::string::npos);
        QVERIFY(!s->epochMetricName().empty());
        QVERIFY(!s->hasDataset());
        const auto controls = s->resultControls();
        QCOMPARE(controls.size(), std::size_t(2));
        QCOMPARE(controls[0].id, std::string("luminosity"));
        QVERIFY(controls[0].logarithmic);
        QCOMPARE(controls[0].value, 300.0);
        QVERIFY(controls[0].minimum <= 10.0 && controls[0].maximum >= 3000.0);
        QVERIFY(controls[0].tooltip.find("−2Δln L") != std::string::npos);
    }
    void unknownNamesListTheKnownOnes() {
        smeft::SmeftSession s;
        const std::string plan = messageOf([&] { s.plan("half-ternary"); });
        QVERIFY2(plan.find("mp-only") != std::string::npos && plan.find("all-ternary") != std::string::npos,
                 plan.c_str());
        const std::string model = messageOf([&] { s.buildModel("huge", 1); });
        QVERIFY2(model.find("small, medium, large") != std::string::npos, model.c_str());
        const std::string control = messageOf([&] { s.setControl("volume", 1.0); });
        QVERIFY2(
            control.find("luminosity") != std::string::npos && control.find("c_true") != std::string::npos,
            control.c_str());
        QCOMPARE(s.defaultTraining("").epochs,
                 s.defaultTraining("small").epochs);  // never throws: the GUI asks with ""
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.setControl("luminosity", NAN));
        QCOMPARE(s.plan("all-ternary").rules().size(), std::size_t(1));
    }
    void trainingNeedsDataAndModel() {
        smeft::SmeftSession s;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.train(quick(), {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.generateDataset({10, 1}, {}));
        QVERIFY(!s.hasDataset());  // a refused request leaves nothing half-made
        s.generateDataset({kEvents, 1}, {});
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.train(quick(), {}));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.evaluate({}));
    }
    void defaultsAreTheBatchSettings() {
        smeft::SmeftSession s;
        const auto small = s.defaultTraining("small");
        QCOMPARE(small.epochs, 12);
        QCOMPARE(small.batchSize, 128L);
        QCOMPARE(small.learningRate, 3e-3f);
        QVERIFY(s.defaultTraining("large").epochs < small.epochs);
        QCOMPARE(s.defaultDataset().samples, std::size_t(10000));
    }
    void generateTrainEvaluate() {
        smeft::SmeftSession s;
        const auto summary = s.generateDataset({kEvents, 5}, {});
        QCOMPARE(summary.samples, kEvents);
        QVERIFY(summary.source.find("seed 5") != std::string::npos);
        bool bosons = false;
        for (const auto& [label, value] : summary.facts) bosons = bosons || label == "W± / Z";
        QVERIFY(bosons);
        QCOMPARE(s.testEvents().size(), std::size_t(100));
        s.buildModel("small", 3);
        QCOMPARE(s.model()->parameterCount(), bithep::tensor::Index(3986));
        QCOMPARE(s.rowsPerSample(), bithep::tensor::Index(40));
        std::vector<double> metric;
        bithep::train::TrainCallbacks cb;
        cb.onEpoch = [&](const bithep::train::EpochStats& e) { metric.push_back(e.metric); };
        const auto before = weights(*s.model());
        const auto r = s.train(quick(2), cb);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(metric.size(), std::size_t(2));
        for (double m : metric)
            QVERIFY2(m > 0.0 && m <= 90.0, std::to_string(m).c_str());  // degrees, |Δφ| ≤ 90°
        QVERIFY(weights(*s.model()) != before);

        const auto e = s.evaluate({});
        QCOMPARE(e.metricName, std::string("c_W 68 % width / truth"));
        QVERIFY(std::isfinite(e.metric) && e.metric > 0.5);
        for (const char* id : {"likelihood_scan", "residuals", "truth_vs_predicted"})
            QVERIFY2(figure(e, id) != nullptr, id);
        for (const char* key :
             {"mean_sin2", "residual_std", "abs_residual68_deg", "truth_width68", "network_width68",
              "rate_only_width68", "network_width95", "expected_sm_events", "separation_power_vs_fp32"})
            QVERIFY2(e.metrics.at(key).is_number() && std::isfinite(e.metrics.at(key).get<double>()), key);
        QVERIFY(e.metrics.at("mean_sin2").get<double>() <= 0.5);
        QCOMPARE(e.metrics.at("test_events").get<int>(), 100);
        QCOMPARE(e.metrics.at("luminosity_fb").get<double>(), 300.0);
        // Truth φ measures c_W better than any estimate of it; the rate alone much worse.
        QVERIFY(e.metrics.at("truth_width68").get<double>() <
                e.metrics.at("rate_only_width68").get<double>());
        const auto& scan = std::get<tasks::LineFigure>(figure(e, "likelihood_scan")->content);
        QCOMPARE(scan.levels.size(), std::size_t(2));
        QCOMPARE(scan.levels[1].y, 3.84);
        std::set<std::string> labels;
        for (const auto& l : scan.lines) labels.insert(l.label);
        for (const char* l : {"truth φ", "network", "rate only", "network (lin.)"})
            QVERIFY2(labels.count(l), l);
        const auto size = e.state.dump().size();
        QVERIFY2(size < 12000, std::to_string(size).c_str());  // binned, not per event
    }
    void binnedScansMatchTheBatchAnalysis() {
        smeft::SmeftSession s;
        prepare(s);
        const auto e = s.evaluate({});
        const auto state = smeft::SmeftEvaluationState::fromJson(e.state);
        const auto mine = state.scans(300.0, 0.0);
        auto* model = dynamic_cast<smeft::SmeftModel*>(s.model());
        QVERIFY(model);
        const auto phi = smeft::predictSmeft(*model, s.dataset(), s.testEvents());
        const smeft::EftScanAnalysis analysis(s.dataset(), s.testEvents(), {});
        const std::vector<smeft::EftEstimatorScan> batch{analysis.truth(), analysis.scan("network", phi),
                                                         analysis.rateOnly()};
        for (std::size_t i = 0; i < batch.size(); ++i) {
            QCOMPARE(mine[i].label, batch[i].label);
            QVERIFY(std::abs(mine[i].width68() - batch[i].width68()) <= kExact * batch[i].width68());
            QVERIFY(std::abs(mine[i].width95() - batch[i].width95()) <= kExact * batch[i].width95());
            QVERIFY(std::abs(mine[i].fisherInformation - batch[i].fisherInformation) <=
                    kExact * batch[i].fisherInformation);
            QCOMPARE(mine[i].quadratic.c.size(), batch[i].quadratic.c.size());
        }
    }
    void fp32ReferenceIsTheLatestAllFp32Evaluation() {
        smeft::SmeftSession s;
        prepare(s);
        QVERIFY(!s.hasReference());
        const auto fp32 = s.evaluate({});
        QVERIFY(fp32.metrics.at("is_fp32_reference").get<bool>());
        QCOMPARE(fp32.metrics.at("separation_power_vs_fp32").get<double>(), 0.0);  // against itself
        QVERIFY(residuals(fp32).histograms.front().filled);

        s.plan("all-ternary").apply(*s.model());
        const auto ternary = s.evaluate({});
        QVERIFY(!ternary.metrics.at("is_fp32_reference").get<bool>());
        QVERIFY(ternary.metrics.at("has_fp32_reference").get<bool>());
        QCOMPARE(fp32.metrics.at("kernel_layers").get<int>(), 0);
        QVERIFY(ternary.metrics.at("kernel_layers").get<int>() > 0);  // scored on the packed kernels
        QVERIFY(ternary.metrics.at("kernel_max_difference").get<double>() < 1e-3);
        const double sp = ternary.metrics.at("separation_power_vs_fp32").get<double>();
        const double w1 = ternary.metrics.at("wasserstein1_vs_fp32").get<double>();
        QVERIFY2(sp > 0.0 && sp <= 1.0 && w1 > 0.0, std::to_string(sp).c_str());
        const auto& h = residuals(ternary).histograms;
        QCOMPARE(h.size(), std::size_t(2));
        QVERIFY(h[0].filled && h[0].label.find("fp32 reference") != std::string::npos);
        QVERIFY(h[0].histogram.contents() == residuals(fp32).histograms.back().histogram.contents());
        QVERIFY(h[1].histogram.contents() != h[0].histogram.contents());

        // Int8 activations alone make a layer not fp32: the reference stays the first one.
        bithep::quant::QuantPlan("acts",
                                 {{"*", bithep::quant::Precision::Fp32, bithep::quant::ActivationBits::Int8}})
            .apply(*s.model());
        QVERIFY(!s.evaluate({}).metrics.at("is_fp32_reference").get<bool>());
        bithep::quant::QuantPlan::remove(*s.model());
        QVERIFY(s.evaluate({}).metrics.at("is_fp32_reference").get<bool>());

        s.generateDataset({kEvents, 6}, {});  // other test events: no reference any more
        QVERIFY(!s.hasReference());
        s.plan("all-ternary").apply(*s.model());
        const auto fresh = s.evaluate({});
        QVERIFY(!fresh.metrics.contains("separation_power_vs_fp32"));
        QCOMPARE(residuals(fresh).histograms.size(), std::size_t(1));
    }
    void redrawScalesWithTheLuminosity() {
        smeft::SmeftSession s;
        prepare(s);
        const auto e = s.evaluate({});
        const auto same = s.redraw(e.state);
        QCOMPARE(same.metric, e.metric);
        QCOMPARE(same.metrics.dump(), e.metrics.dump());
        s.setControl("luminosity", 1200.0);
        const auto r = s.redraw(e.state);
        QCOMPARE(r.metrics.at("luminosity_fb").get<double>(), 1200.0);
        QVERIFY(std::abs(r.metrics.at("expected_sm_events").get<double>() -
                         4.0 * e.metrics.at("expected_sm_events").get<double>()) <
                1e-9 * r.metrics.at("expected_sm_events").get<double>());
        const auto& before = std::get<tasks::LineFigure>(figure(e, "likelihood_scan")->content);
        const auto& after = std::get<tasks::LineFigure>(figure(r, "likelihood_scan")->content);
        QCOMPARE(after.lines.size(), before.lines.size());
        int matched = 0;
        for (std::size_t l = 0; l < after.lines.size(); ++l) {
            QCOMPARE(after.lines[l].label, before.lines[l].label);
            const auto& a = after.lines[l];
            const auto& b = before.lines[l];
            for (std::size_t i = 0; i < a.x.size(); ++i)
                for (std::size_t j = 0; j < b.x.size(); ++j) {
                    if (std::abs(a.x[i] - b.x[j]) > 1e-12) continue;  // the grids share every other point
                    QVERIFY(std::abs(a.y[i] - 4.0 * b.y[j]) <= kScaling * std::max(1.0, a.y[i]));
                    ++matched;
                }
        }
        QVERIFY2(matched > 100, std::to_string(matched).c_str());
        // Truth φ has a linear (interference) sensitivity: 4× the luminosity halves the interval.
        const double truthRatio =
            e.metrics.at("truth_width68").get<double>() / r.metrics.at("truth_width68").get<double>();
        QVERIFY2(std::abs(truthRatio - 2.0) < 0.05, std::to_string(truthRatio).c_str());
        const double netRatio =
            e.metrics.at("network_width68").get<double>() / r.metrics.at("network_width68").get<double>();
        QVERIFY2(netRatio > 1.35 && netRatio < 2.05,
                 std::to_string(netRatio).c_str());  // 2 linear, √2 quadratic
        // The other figures come back unchanged.
        QVERIFY(residuals(r).histograms.back().histogram.contents() ==
                residuals(e).histograms.back().histogram.contents());
        QVERIFY(std::get<tasks::MapFigure>(figure(r, "truth_vs_predicted")->content).values ==
                std::get<tasks::MapFigure>(figure(e, "truth_vs_predicted")->content).values);
        s.setControl("luminosity", 1e6);  // clamped to the slider's range
        QCOMPARE(s.resultControls().front().value, 3000.0);
        s.setControl("c_true", 0.2);
        const auto shifted = s.redraw(e.state);
        QVERIFY(std::abs(shifted.metrics.at("truth_best_c").get<double>() - 0.2) < 1e-3);
    }
    void redrawNeedsNeitherModelNorData() {
        smeft::SmeftSession s;
        prepare(s);
        const auto e = s.evaluate({});
        // As a project file keeps it: text, read back by a session that has nothing loaded.
        const auto saved = nlohmann::json::parse(e.state.dump());
        smeft::SmeftSession fresh;
        QVERIFY(!fresh.hasDataset() && fresh.model() == nullptr);
        const auto r = fresh.redraw(saved);
        QCOMPARE(r.metrics.dump(), e.metrics.dump());
        QCOMPARE(r.metricName, e.metricName);
        QCOMPARE(r.figures.size(), e.figures.size());
        for (std::size_t i = 0; i < r.figures.size(); ++i) QCOMPARE(r.figures[i].id, e.figures[i].id);
        QCOMPARE(r.state.dump(), e.state.dump());
    }
    void badStateIsRejected() {
        smeft::SmeftSession s;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.redraw(nlohmann::json()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.redraw(nlohmann::json{{"format", "bithep-qg"}}));
        prepare(s);
        auto state = s.evaluate({}).state;
        state["truth"]["s1"].erase(0);
        const std::string message = messageOf([&] { s.redraw(state); });
        QVERIFY2(message.find("truth") != std::string::npos, message.c_str());
        state.erase("truth");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.redraw(state));
    }
    void cancelKeepsTheStartingWeights() {
        smeft::SmeftSession s;
        s.generateDataset({kEvents, 7}, {});
        s.buildModel("small", 1);
        const auto before = weights(*s.model());
        bithep::train::TrainCallbacks cb;
        int polls = 0;
        cb.cancelled = [&] { return ++polls > 2; };  // two batches, then cancel inside epoch 1
        const auto r = s.train(quick(), cb);
        QVERIFY(r.cancelled);
        QVERIFY(weights(*s.model()) == before);
    }
    // The batch is a second driver of this session: driving it by hand with the run's events,
    // split, model, plan and seed gives the batch's numbers exactly.
    void batchAndSessionGiveTheSameNumbers() {
        QTemporaryDir dir;
        tasks::BatchRequest request;
        request.outDir = dir.path().toStdString();
        request.model = "small";
        request.plan = "all-ternary";
        request.seed = 5;
        request.threads = 1;
        request.arguments = {"events=200", "test-events=100", "epochs=1", "batch=64", "data-seed=9"};
        const auto out = tasks::builtinTasks().find("smeft")->batch(request, {});
        const double batchSin2 = out.metrics["estimators"]["all-ternary"]["mean_sin2"].get<double>();

        const smeft::SmeftRunConfig config = smeft::SmeftRunConfig::fromRequest(request);
        const std::size_t total = config.trainEvents + config.testEvents;
        std::vector<std::size_t> trainEvents(config.trainEvents), testEvents(config.testEvents);
        std::iota(trainEvents.begin(), trainEvents.end(), std::size_t{0});
        std::iota(testEvents.begin(), testEvents.end(), config.trainEvents);
        smeft::SmeftSession session;
        session.useDataset(smeft::SmeftDataset::fromSample(
                               smeft::SmeftEventGenerator(config.generator, config.dataSeed).generate(total),
                               config.generator, config.dataSeed),
                           "generator", trainEvents, testEvents);
        session.buildModel(config.model, request.seed, "all-ternary");
        session.plan("all-ternary").apply(*session.model());
        train::TrainSettings settings = config.training;
        settings.seed = request.seed;
        QVERIFY(session.train(settings, {}).ok);
        tasks::KernelScoring kernels;
        const std::vector<double> phi = session.predictHeldOut(kernels);
        std::vector<double> truth;
        for (std::size_t e : testEvents) truth.push_back(session.dataset().events[e].phi);
        QCOMPARE(smeft::regressionQuality(phi, truth).meanSin2, batchSin2);
        QVERIFY(kernels.kernelLayers > 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 session.useDataset(session.dataset(), "copy", {0}, {total}));  // outside
    }

    void badFilesAreClearErrors() {
        QTemporaryDir dir;
        const std::string broken = dir.filePath("broken.h5").toStdString();
        std::ofstream(broken) << "not an HDF5 file";
        const std::string lhe = dir.filePath("events.lhe").toStdString();
        std::ofstream(lhe) << "<LesHouchesEvents version=\"3.0\">\n</LesHouchesEvents>\n";
        smeft::SmeftSession s;
        s.generateDataset({kEvents, 2}, {});
        std::string message = messageOf([&] { s.openDataset(broken); });
        QVERIFY2(message.find("broken.h5") != std::string::npos, message.c_str());
        message = messageOf([&] { s.openDataset(lhe); });
        QVERIFY2(message.find("events.lhe") != std::string::npos &&
                     message.find("constituents") != std::string::npos,
                 message.c_str());
        QCOMPARE(s.dataset().size(), kEvents);  // the previous dataset stays
    }
    void savedDatasetReopensWithTheSameSplit() {
        QTemporaryDir dir;
        smeft::SmeftSession s;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.saveDataset(dir.filePath("none.h5").toStdString()));
        s.generateDataset({kEvents, 4}, {});
        const std::string path = dir.filePath("events.h5").toStdString();
        s.saveDataset(path);
        smeft::SmeftSession t;
        const auto summary = t.openDataset(path);
        QCOMPARE(summary.samples, kEvents);
        QCOMPARE(summary.source, std::string("events.h5"));
        QVERIFY(t.testEvents() == s.testEvents());
        QCOMPARE(t.dataset().events[t.testEvents()[0]].phi, s.dataset().events[s.testEvents()[0]].phi);
    }
};

QTEST_GUILESS_MAIN(TstSmeftSession)
#include "tst_smeft_session.moc"
