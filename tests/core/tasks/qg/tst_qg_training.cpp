// Quark/gluon training and the batch run: a short training on generated jets separates quarks
// from gluons far better than chance, the evaluation matches hand-computed cases, settings parse
// and reject bad input, and the batch function returns every promised output.
#include <filesystem>
#include <fstream>
#include <set>

#include <QtTest>

#include "core/physics/jet_generator.h"
#include "core/tasks/qg/qg_batch.h"
#include "core/tasks/qg/qg_kernel_check.h"
#include "core/tasks/qg/qg_report.h"
#include "core/tasks/qg/qg_run_config.h"
#include "core/tasks/qg/qg_training.h"

using namespace bithep;
using namespace bithep::tasks;
using namespace bithep::tasks::qg;
using namespace bithep::tasks::jet_common;

namespace {
JetDataset jets(std::size_t n, std::uint64_t seed) {
    const physics::JetGeneratorConfig config;
    return JetDataset::fromJets(physics::JetGenerator(config, seed).generate(n), config.toJson(), seed);
}
std::vector<std::size_t> range(std::size_t from, std::size_t to) {
    std::vector<std::size_t> v;
    for (std::size_t i = from; i < to; ++i) v.push_back(i);
    return v;
}
// A one-block P-DAT small enough to train in a test.
JetModelConfig oneBlock(tensor::Index dim, tensor::Index ffHidden, tensor::Index pairHidden) {
    JetModelConfig config;
    config.dim = dim;
    config.heads = 2;
    config.blocks = 1;
    config.ffHidden = ffHidden;
    config.pairHidden = pairHidden;
    return config;
}
}  // namespace

class TstQgTraining : public QObject {
    Q_OBJECT
private slots:
    void evaluationOnHandComputedScores() {
        // Quarks 0.9, 0.6; gluons 0.4, 0.7: 3 of 4 pairs ordered → AUC 0.75; at 0.5, 3 of 4 right.
        const std::vector<double> s{0.9, 0.6, 0.4, 0.7};
        const std::vector<int> y{1, 1, 0, 0};
        const auto e = evaluateScores(s, y, true);
        QCOMPARE(e.auc, 0.75);
        QCOMPARE(e.accuracy, 0.75);
        QVERIFY(std::abs(e.brier - (0.01 + 0.16 + 0.16 + 0.49) / 4) < 1e-12);
        // As a cut: the best threshold (0.9 alone, or 0.6 and above) classifies 3 of 4.
        const auto cut = evaluateScores(s, y, false);
        QCOMPARE(cut.accuracy, 0.75);
        QCOMPARE(cut.brier, -1.0);
        QVERIFY(!e.vsCut);
        // With the cut's scores of the same jets (score = −multiplicity; quarks with 3 and 2
        // particles, gluons with 2 and 4 → AUC 0.625 with one tie): the margin 0.75 − 0.625 and its paired
        // error in values().
        const std::vector<double> cutScores{-3, -2, -2, -4};
        const auto vs = evaluateScores(s, y, true, cutScores);
        QVERIFY(vs.vsCut && std::abs(vs.vsCut->difference - 0.125) < 1e-12);
        const auto values = vs.values();
        const auto named = [&values](const std::string& name) {
            for (const auto& [k, v] : values)
                if (k == name) return v;
            return -1.0;
        };
        QCOMPARE(named("auc_minus_cut"), vs.vsCut->difference);
        QCOMPARE(named("auc_minus_cut_error"), vs.vsCut->differenceError);
        QVERIFY(vs.vsCut->differenceError > 0);
        // One quark: an AUC, but no paired error (it needs two jets of each class).
        const auto one = evaluateScores(std::vector<double>{0.9, 0.4, 0.7}, std::vector<int>{1, 0, 0}, true,
                                        std::vector<double>{-1, -2, -3});
        QCOMPARE(one.auc, 1.0);
        QVERIFY(!one.vsCut);
    }
    void tinyTrainingSeparatesQuarksFromGluons() {
        const JetDataset data = jets(2200, 5);
        JetModelConfig config = oneBlock(16, 32, 8);
        config.maxParticles = 48;
        auto model = makeQgModel(config, 1);
        JetTrainSettings settings;
        settings.epochs = 4;
        settings.batchSize = 64;
        const auto train = range(0, 1600), test = range(1600, 2200);
        const auto result = trainQgModel(*model, data, train, settings);
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(result.trainLosses.size(), std::size_t(4));
        QVERIFY(result.trainLosses.back() < result.trainLosses.front());
        const auto probs = predictQg(*model, data, test);
        const std::vector<double> scores(probs.begin(), probs.end());
        const auto e = evaluateScores(scores, labelsOf(data, test), true);
        // The multiplicity cut alone reaches ~0.79 on these jets; chance is 0.5.
        QVERIFY2(e.auc > 0.65, qPrintable(QString("AUC %1").arg(e.auc)));
    }
    void runConfigParsing() {
        BatchRequest r;
        r.arguments = {"jets=500", "epochs=2", "dim=8", "heads=2"};
        const auto c = QgRunConfig::fromRequest(r);
        QCOMPARE(c.trainJets, std::size_t(500));
        QCOMPARE(c.training.epochs, 2);
        QCOMPARE(c.pdat.dim, tensor::Index(8));
        QCOMPARE(c.plans, std::vector<std::string>{"p-dat-bit"});
        QVERIFY(c.pdat.countInput && c.deepSets.countInput);  // the default
        r.arguments = {"count-input=0"};
        const auto noCount = QgRunConfig::fromRequest(r);
        QVERIFY(!noCount.pdat.countInput && !noCount.deepSets.countInput);
        r.arguments = {"jets=500", "epochs=2", "dim=8", "heads=2"};
        QCOMPARE(parsePlanList("compare").size(), std::size_t(3));
        QCOMPARE(parsePlanList("fp32,p-dat-bit"), (std::vector<std::string>{"fp32", "p-dat-bit"}));
        r.arguments.clear();
        r.options = {{"deepsets", false}, {"epochs", 3}, {"lr", 0.002}};
        const auto fromOptions = QgRunConfig::fromRequest(r);
        QVERIFY(!fromOptions.trainDeepSets);
        QCOMPARE(fromOptions.training.epochs, 3);
        QCOMPARE(fromOptions.training.learningRate, 0.002f);
        r.options = nlohmann::json();
        r.model = "full";
        QCOMPARE(QgRunConfig::fromRequest(r).pdat.blocks, tensor::Index(4));
        for (const char* bad : {"epochs=two", "colour=red", "novalue", "dim=10"}) {  // dim 10 vs 4 heads
            r.model.clear();
            r.arguments = {bad};
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, QgRunConfig::fromRequest(r));
        }
        r.arguments.clear();
        r.model = "huge";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, QgRunConfig::fromRequest(r));
    }
    void batchReturnsEveryOutput() {
        const auto dir = std::filesystem::temp_directory_path() / "tst_qg_training_batch";
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        BatchRequest r;
        r.outDir = dir;
        r.plan = "fp32,p-dat-bit";
        r.seeds = 2;
        r.threads = 1;
        r.arguments = {"jets=300",    "test-jets=200", "epochs=1",         "dim=8",    "heads=2", "blocks=1",
                       "ff-hidden=8", "pair-hidden=4", "max-particles=24", "batch=100"};
        int logLines = 0;
        double lastProgress = 0;
        BatchProgress p;
        p.log = [&](const std::string&) { ++logLines; };
        p.progress = [&](double f) { lastProgress = f; };
        const BatchOutput out = runQgBatch(r, p);
        QVERIFY(logLines > 0);
        QCOMPARE(lastProgress, 1.0);
        for (const char* model : {"P-DAT fp32", "P-DAT p-dat-bit", "DeepSets fp32"}) {
            QVERIFY2(out.metrics["models"].contains(model), model);
            QCOMPARE(out.metrics["models"][model]["per_seed"].size(), std::size_t(2));
            QCOMPARE(out.metrics["models"][model]["summary"]["auc"]["n"].get<int>(), 2);
        }
        QVERIFY(out.metrics["multiplicity_cut"]["auc"].get<double>() > 0.6);
        // Every training's margin over the cut on the same jets, with its statistical error.
        for (const char* model : {"P-DAT fp32", "DeepSets fp32"}) {
            const auto& row = out.metrics["models"][model]["per_seed"][0];
            const double margin =
                row["auc"].get<double>() - out.metrics["multiplicity_cut"]["auc"].get<double>();
            QVERIFY(std::abs(row["auc_minus_cut"].get<double>() - margin) < 1e-12);
            QVERIFY(row["auc_minus_cut_error"].get<double>() > 0);
        }
        QVERIFY(out.summary.find("AUC above the multiplicity cut") != std::string::npos);
        // The first seed of each series timed on the integer kernels.
        for (const auto& [model, layers] : {std::pair{"P-DAT fp32", 0}, {"P-DAT p-dat-bit", 8}}) {
            const auto& m = out.metrics["models"][model];
            const auto& k = m["kernel_inference"];
            // One block: particle and channel attention, q, k, v, o each.
            QCOMPARE(k["timing"]["kernel_layers"].get<int>(), layers);
            // Float-rounding differences between the paths can move an activation across an
            // int8 rounding boundary in the next layer, so probabilities differ by more than
            // rounding for a few jets; the ranking (AUC) must not move.
            QVERIFY(k["max_probability_difference"].get<double>() < 1e-2);
            // Every seed is scored on the kernels: the headline AUC is the kernel AUC.
            QCOMPARE(k["kernel_auc"].get<double>(), m["per_seed"][0]["auc"].get<double>());
            QCOMPARE(m["per_seed"][0]["kernel_layers"].get<int>(), layers);
            QCOMPARE(m["per_seed"][0]["kernel_max_difference"].get<double>(),
                     k["max_probability_difference"].get<double>());
            QVERIFY(k["fp32_jets_per_second"].get<double>() > 0 &&
                    k["kernel_jets_per_second"].get<double>() > 0);
            QCOMPARE(k["timed_jets"].get<int>(), 128);
            QVERIFY(k["timing"].contains("load_average") && k["timing"]["threads"].get<int>() == 1);
        }
        QCOMPARE(out.tables.at("inference").rows().size(), std::size_t(3));
        QVERIFY(out.summary.find("Trained taggers") != std::string::npos);
        for (const char* table : {"metrics", "summary", "inference", "roc_p_dat_fp32", "roc_p_dat_p_dat_bit",
                                  "roc_multiplicity_cut"}) {
            QVERIFY2(out.tables.count(table) == 1, table);
        }
        QCOMPARE(out.tables.at("metrics").rows().size(), std::size_t(3 * 2 + 1));
        std::set<std::string> figures;
        for (const auto& f : out.figures) figures.insert(f.id);
        QVERIFY(figures.count("roc") && figures.count("calibration") &&
                figures.count("score_histograms_p_dat_p_dat_bit"));
        const auto& roc = std::get<RocFigure>(out.figures.front().content);
        QCOMPARE(roc.curves.size(), std::size_t(4));  // two plans, DeepSets, multiplicity
        // 3 series × 2 seeds checkpoints + packed weights for the 2 p-dat-bit seeds
        QCOMPARE(out.files.size(), std::size_t(8));
        for (const auto& f : out.files) QVERIFY2(std::filesystem::exists(f), f.string().c_str());
        QCOMPARE(out.settings["training"]["epochs"].get<int>(), 1);
        QVERIFY(out.settings["plan_json"].contains("p-dat-bit"));
        QVERIFY(out.summary.find("P-DAT p-dat-bit") != std::string::npos);
        QVERIFY(out.summary.find("multiplicity cut") != std::string::npos);

        // A saved tagger scored again on the same test jets, without training, gives the same
        // AUC and margin; the quantized one keeps its ternary layers.
        for (const auto& [file, model] : {std::pair{"qg_pdat_fp32_seed1.h5", "P-DAT fp32"},
                                          {"qg_pdat_p-dat-bit_seed2.h5", "P-DAT p-dat-bit"}}) {
            BatchRequest again = r;
            again.outDir = dir / "again";
            again.arguments.push_back("checkpoint=" + (dir / file).string());
            const BatchOutput scored = runQgBatch(again, {});
            QCOMPARE(scored.metrics["models"].size(), std::size_t(1));
            QVERIFY2(scored.metrics["models"].contains(model), model);
            const auto& row = scored.metrics["models"][model]["per_seed"][0];
            const int seedIndex = std::string(file).find("seed2") == std::string::npos ? 0 : 1;
            const auto& trained = out.metrics["models"][model]["per_seed"][seedIndex];
            QCOMPARE(row["auc"].get<double>(), trained["auc"].get<double>());
            QCOMPARE(row["auc_minus_cut"].get<double>(), trained["auc_minus_cut"].get<double>());
            QCOMPARE(scored.settings["checkpoint"].get<std::string>(), (dir / file).string());
            // The checkpoint's own configuration is recorded, not the unused training settings.
            QCOMPARE(scored.settings["checkpoint_model"]["dim"].get<int>(), 8);
            QVERIFY(!scored.settings.contains("training") && !scored.settings.contains("plans"));
            QCOMPARE(row["seed"].get<int>(), seedIndex + 1);  // from the file name
            QVERIFY(scored.files.empty());  // nothing trained, nothing saved
        }
        // Beside its training run's project.json, a checkpoint is not scored on jets it saw.
        {
            std::ofstream(dir / "project.json")
                << R"({"train_jets": 1000, "data_file": "", "data_seed": 2026})";
            BatchRequest seen = r;
            seen.arguments.push_back("checkpoint=" + (dir / "qg_pdat_fp32_seed1.h5").string());
            try {
                runQgBatch(seen, {});
                QFAIL("a checkpoint was scored on its own training jets");
            } catch (const std::runtime_error& e) {
                QVERIFY2(std::string(e.what()).find("set jets=1000") != std::string::npos, e.what());
            }
            seen.arguments.push_back("data-seed=7");  // other jets: allowed
            QCOMPARE(runQgBatch(seen, {}).metrics["models"].size(), std::size_t(1));
        }
        BatchRequest missing = r;
        missing.arguments.push_back("checkpoint=" + (dir / "no_such.h5").string());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, runQgBatch(missing, {}));
        std::filesystem::remove_all(dir);
    }
    void batchTrainsOnALoadedFileAndStopsWhenCancelled() {
        const auto dir = std::filesystem::temp_directory_path() / "tst_qg_training_file";
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        const auto file = dir / "jets.h5";
        jets(260, 9).writeHdf5(file);
        BatchRequest r;
        r.outDir = dir;
        r.plan = "fp32";
        r.arguments = {
            "data=" + file.string(), "jets=200",  "test-jets=60", "epochs=1", "dim=8", "heads=2", "blocks=1",
            "max-particles=16",      "deepsets=0"};
        const BatchOutput out = runQgBatch(r, {});
        QCOMPARE(out.settings["data_file"].get<std::string>(), file.string());
        QCOMPARE(out.metrics["models"].size(), std::size_t(1));
        QCOMPARE(out.files.size(), std::size_t(1));
        r.arguments[1] = "jets=250";  // 250 + 60 > 260 jets in the file
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, runQgBatch(r, {}));
        r.arguments[1] = "jets=200";
        BatchProgress stop;
        stop.cancelled = [] { return true; };
        const BatchOutput cancelled = runQgBatch(r, stop);
        QVERIFY(cancelled.summary.rfind("Cancelled", 0) == 0);
        QVERIFY(cancelled.files.empty());

        // The tagger trained with particle identification cannot score jets without it.
        JetDataset noPid = jets(260, 9);
        for (std::size_t i = 3; i < noPid.particles.size(); i += 4) noPid.particles[i] = 0.0f;
        noPid.pidKnown = false;
        const auto noPidFile = dir / "jets_no_pid.h5";
        noPid.writeHdf5(noPidFile);
        r.arguments[0] = "data=" + noPidFile.string();
        r.arguments.push_back("checkpoint=" + out.files.front().string());
        try {
            runQgBatch(r, {});
            QFAIL("a checkpoint with the wrong input width was accepted");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("inputs per particle") != std::string::npos, e.what());
        }
        std::filesystem::remove_all(dir);
    }
    void reportFlagsTimingsOnABusyMachine() {
        const std::vector<double> scores{0.9, 0.2};
        const std::vector<int> labels{1, 0};
        const QgEvaluation cut = evaluateScores(scores, labels, false);
        for (const double load : {0.8, 2.7}) {
            QgSeries s;
            s.label = "P-DAT fp32";
            s.plan = "fp32";
            s.seeds = {1};
            s.perSeed = {evaluateScores(scores, labels, true)};
            auto values = s.perSeed.front().values();
            values.emplace_back("train_seconds", 1.0);
            s.summary.addRun(values);
            s.firstScores = {0.9f, 0.2f};
            s.cost = {{"quantized_mac_share", 0.0}, {"energy_ratio_vs_fp32", 1.0}};
            s.kernelCheck = QgKernelCheck{};
            s.kernelCheck->timing.threads = 1;
            s.kernelCheck->timing.loadAverage = load;
            BatchOutput out;
            addQgReport({s}, cut, labels, out);
            const bool busy = load > 1.5;
            QCOMPARE(out.summary.find("timed while other programs were running") != std::string::npos, busy);
            QCOMPARE(
                out.metrics["models"]["P-DAT fp32"]["kernel_inference"]["timing"]["machine_busy"].get<bool>(),
                busy);
            QCOMPARE(std::get<double>(out.tables.at("inference").rows().front().back().value()), load);
        }
    }
    void kernelCheckRejectsMismatchedScores() {
        const JetDataset data = jets(8, 5);
        auto model = makeQgModel(oneBlock(8, 8, 4), 1);
        const std::vector<std::size_t> three{0, 1, 2};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, checkOnKernels(*model, data, three, {0.5f}, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, checkOnKernels(*model, data, {}, {}, {}));
    }
    void batchRejectsBadPlanBeforeWork() {
        BatchRequest r;
        r.outDir = std::filesystem::temp_directory_path();
        r.plan = "fp32,not-a-plan";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runQgBatch(r, {}));
    }
};

QTEST_APPLESS_MAIN(TstQgTraining)
#include "tst_qg_training.moc"
