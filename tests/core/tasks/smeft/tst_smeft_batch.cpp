// The SMEFT batch run end to end on a tiny configuration: every promised output (metrics with
// the noise floor and scans, tables, figures, checkpoints and packed weights), the registry entry
// and its model builder, settings errors before any work, and cancellation.
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

    void cancellationStopsCleanly() {
        BatchProgress progress;
        progress.cancelled = [] { return true; };
        QVERIFY_THROWS_EXCEPTION(physics::GenerationCancelled,
                                 runSmeftBatch(tinyRequest("all-ternary"), progress));
    }
};

QTEST_APPLESS_MAIN(TstSmeftBatch)
#include "tst_smeft_batch.moc"
