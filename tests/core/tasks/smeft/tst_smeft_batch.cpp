// The SMEFT batch run end to end on a tiny configuration: every promised output (metrics with
// the noise floor and scans, tables, figures, checkpoints and packed weights), the registry entry
// and its model builder, settings errors before any work, and cancellation.
#include <cmath>
#include <filesystem>
#include <set>

#include <QtTest>

#include "core/tasks/smeft/smeft_batch.h"
#include "core/tasks/smeft/smeft_run_config.h"
#include "core/tasks/task_registry.h"

using namespace bithep;
using namespace bithep::tasks;
using namespace bithep::tasks::smeft;
namespace fs = std::filesystem;

class TstSmeftBatch : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    BatchRequest tinyRequest(const std::string& plan) const {
        BatchRequest r;
        r.outDir = m_dir.path().toStdString();
        r.plan = plan;
        r.threads = 1;
        r.arguments = {"events=500", "test-events=300", "epochs=2", "luminosity=3000"};
        return r;
    }

private slots:
    void tinyRunWritesEverything() {
        std::vector<std::string> log;
        BatchProgress progress;
        progress.log = [&](const std::string& line) { log.push_back(line); };
        const BatchOutput out = runSmeftBatch(tinyRequest("all-ternary"), progress);
        QVERIFY(out.metrics["estimators"].contains("fp32"));
        QVERIFY(out.metrics["estimators"].contains("fp32 seed 2"));
        QVERIFY(out.metrics["estimators"].contains("all-ternary"));
        QVERIFY(out.metrics["estimators"].contains("naive (no network)"));
        QCOMPARE(out.metrics["estimators"]["fp32"]["separation_power_vs_fp32"].get<double>(), 0.0);
        // The ternary network's angles come from the integer kernels; the float path agrees to
        // float rounding (and an int8 step in a few events), far below the resolution.
        QCOMPARE(out.metrics["estimators"]["fp32"]["kernel_layers"].get<int>(), 0);
        QVERIFY(out.metrics["estimators"]["all-ternary"]["kernel_layers"].get<int>() > 0);
        const double kernelDifference = out.metrics["estimators"]["all-ternary"]["kernel_max_difference"].get<double>();
        QVERIFY2(kernelDifference >= 0.0 && kernelDifference < 1e-2, std::to_string(kernelDifference).c_str());
        QVERIFY(out.metrics["noise_floor"]["separation_power"].get<double>() >= 0.0);
        QVERIFY(out.metrics["estimators"]["all-ternary"]["cost"]["quantized_parameter_share"].get<double>() >
                0.9);
        for (const char* scan : {"truth φ", "rate only", "fp32", "all-ternary"})
            QVERIFY2(out.metrics["scans"].contains(scan), scan);
        for (const char* table : {"regression", "intervals", "likelihood_scans", "residuals_fp32"})
            QVERIFY2(out.tables.count(table) == 1, table);
        QCOMPARE(out.tables.at("regression").rows().size(), std::size_t{4});
        std::set<std::string> ids;
        for (const auto& f : out.figures) ids.insert(f.id);
        for (const char* id :
             {"likelihood_scan", "residuals", "truth_vs_predicted_fp32", "truth_vs_predicted_all_ternary"})
            QVERIFY2(ids.count(id) == 1, id);
        QCOMPARE(out.files.size(), std::size_t{4});  // three checkpoints and the packed ternary weights
        for (const auto& f : out.files) QVERIFY(fs::exists(f));
        QVERIFY(out.summary.find("truth φ") != std::string::npos);
        QVERIFY(!log.empty());
    }

    void registeredWithModels() {
        const TaskDescriptor* task = builtinTasks().find("smeft");
        QVERIFY(task != nullptr);
        QVERIFY(static_cast<bool>(task->batch));
        QCOMPARE(task->models.front(), std::string("small"));
        const ModelInstance inst = task->buildModel("small", 1);
        QCOMPARE(inst.model->parameterCount(), tensor::Index{3986});
        inst.forward(3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, task->buildModel("tiny", 1));
    }

    void badSettingsFailBeforeWork() {
        BatchRequest r = tinyRequest("all-ternary");
        r.arguments.push_back("epoks=3");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSmeftBatch(r, {}));
        r = tinyRequest("no-such-plan");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSmeftBatch(r, {}));
        r = tinyRequest("");
        r.arguments = {"events=10"};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSmeftBatch(r, {}));
        QCOMPARE(parseSmeftPlans("compare").size(), std::size_t{3});
        QCOMPARE(parseSmeftPlans("fp32,mp-only"), std::vector<std::string>{"mp-only"});
    }

    void seedsGiveMeanAndSpread() {
        BatchRequest r = tinyRequest("all-ternary");
        r.seeds = 2;
        const BatchOutput out = runSmeftBatch(r, {});
        const auto& seeds = out.metrics["seeds"];
        QCOMPARE(seeds["count"].get<int>(), 2);
        QVERIFY(seeds["seeds"] == nlohmann::json::array({1, 2}));
        const auto& fp32 = seeds["summary"]["fp32"]["mean_sin2"];
        QCOMPARE(fp32["n"].get<int>(), 2);
        // Seed 1's reference is the one in the first-seed tables; seed 2's reference is the network
        // seed 1 trained as its noise floor.
        const double first = out.metrics["estimators"]["fp32"]["mean_sin2"].get<double>();
        const double second = out.metrics["estimators"]["fp32 seed 2"]["mean_sin2"].get<double>();
        QCOMPARE(fp32["values"][0].get<double>(), first);
        QCOMPARE(fp32["values"][1].get<double>(), second);
        QVERIFY(std::abs(fp32["mean"].get<double>() - 0.5 * (first + second)) < 1e-12);
        QVERIFY(std::abs(fp32["std"].get<double>() - std::abs(first - second) / std::sqrt(2.0)) < 1e-12);
        for (const char* role : {"fp32 next seed (noise floor)", "all-ternary"}) {
            QVERIFY2(seeds["summary"].contains(role), role);
            QCOMPARE(seeds["summary"][role]["width68_over_truth"]["n"].get<int>(), 2);
            QVERIFY(std::isfinite(seeds["summary"][role]["separation_power_vs_fp32"]["std"].get<double>()));
        }
        QCOMPARE(out.tables.at("seed_summary").rows().size(), std::size_t{3 * 6});
        QVERIFY(out.summary.find("Over 2 seeds") != std::string::npos);
        QCOMPARE(out.files.size(), std::size_t{7});  // fp32 for seeds 1-3, all-ternary for 1-2 (+ packed)
        r.seeds = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSmeftBatch(r, {}));
    }

    void cancellationStopsCleanly() {
        BatchProgress progress;
        progress.cancelled = [] { return true; };
        QVERIFY_THROWS_EXCEPTION(physics::GenerationCancelled,
                                 runSmeftBatch(tinyRequest("all-ternary"), progress));
    }
};

QTEST_APPLESS_MAIN(TstSmeftBatch)
#include "tst_smeft_batch.moc"
