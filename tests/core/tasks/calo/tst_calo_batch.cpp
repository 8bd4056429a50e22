// The calorimeter batch run end to end at toy size: files in the CaloChallenge layout, metric
// tables, figures, settings; bad settings and cancellation.
#include <cmath>
#include <filesystem>

#include <QtTest>

#include "core/quant/quant_plan.h"
#include "core/tasks/calo/calo_batch.h"
#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/calo_run_config.h"
#include "core/tasks/task_registry.h"

using namespace bithep::tasks;
namespace fs = std::filesystem;

namespace {

BatchRequest toyRequest(const fs::path& out, const std::string& model, const std::string& plan) {
    BatchRequest r;
    r.outDir = out;
    r.model = model;
    r.plan = plan;
    r.arguments = {"showers=300",         "test-showers=100", "epochs=1",
                   "classifier-epochs=1", "hidden=32",        "layers=2"};
    if (model.rfind("cfm", 0) == 0) r.arguments.push_back("ode-steps=2");
    return r;
}

}  // namespace

class TstCaloBatch : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
private slots:
    void registered() {
        const auto* task = builtinTasks().find("calo");
        QVERIFY(task != nullptr);
        QVERIFY(task->batch != nullptr);
        QCOMPARE(task->models, (std::vector<std::string>{"cfm", "cfm-transformer", "flow", "flow-spline"}));
        const auto instance = task->buildModel("flow", 1);
        instance.forward(3);
        QVERIFY(instance.model->parameterCount() > 0);
        // Generic tools find the plans by name.
        QCOMPARE(bithep::quant::QuantPlanRegistry::instance().find("nn-central").rules().size(),
                 std::size_t{1});
        QVERIFY(bithep::quant::QuantPlanRegistry::instance().contains("aggressive"));
        // The instances build their own plans: the transformer's "mlp" is not the MLP field's,
        // and fp32 works for every model.
        QVERIFY(instance.plan("fp32").rules().empty());
        const auto transformer = task->buildModel("cfm-transformer", 1);
        transformer.forward(2);
        QCOMPARE(transformer.plan("mlp").apply(*transformer.model), 6);
        QCOMPARE(transformer.plan("attention").apply(*transformer.model), 12);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, transformer.plan("nn-central"));
    }
    void toyRunWritesEverything_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("plan");
        QTest::addRow("cfm full") << "cfm"
                                  << "full";
        QTest::addRow("flow nn-central") << "flow"
                                         << "nn-central";
        QTest::addRow("cfm-transformer attention") << "cfm-transformer"
                                                   << "attention";
        QTest::addRow("flow-spline all") << "flow-spline"
                                         << "all";
    }
    void toyRunWritesEverything() {
        QFETCH(QString, model);
        QFETCH(QString, plan);
        const fs::path out = fs::path(m_dir.path().toStdString()) / (model + "_" + plan).toStdString();
        fs::create_directories(out);
        const BatchOutput o =
            calo::runCaloBatch(toyRequest(out, model.toStdString(), plan.toStdString()), {});
        const std::string stem = "calo_" + model.toStdString() + "_" + plan.toStdString() + "_seed1";
        const auto samples = calo::CaloDataset::readHdf5(out / (stem + "_samples.h5"), 368);
        QCOMPARE(samples.size(), std::size_t{100});
        QVERIFY(fs::exists(out / (stem + ".h5")));
        QVERIFY(fs::exists(out / (stem + "_packed.h5")));  // both toy plans quantize something
        QVERIFY(fs::exists(out / "reference_showers.h5"));
        QCOMPARE(o.metrics["runs"].size(), std::size_t{1});
        QVERIFY(o.metrics["runs"][0]["quantized_parameter_share"].get<double>() > 0);
        QVERIFY(o.metrics.contains("mean_profile_baseline"));
        QVERIFY(o.tables.count("metrics") == 1 && o.tables.count("separation_power") == 1);
        // Five layers × the reference's distinct incident energies (100 showers cover all 15).
        QCOMPARE(o.tables.at("layer_response").rows().size(), std::size_t{5 * 15});
        const double deviation = o.metrics["runs"][0]["layer_response_deviation"].get<double>();
        QVERIFY(std::isfinite(deviation) && deviation >= 0);
        QCOMPARE(o.tables.at("metrics").rows().size(), std::size_t{2});  // run + baseline
        // 26 feature histograms and per layer the response and 4 maps (average and single,
        // reference and model).
        QCOMPARE(o.figures.size(), std::size_t{26 + 5 * 5});
        QVERIFY(!o.summary.empty());
        QCOMPARE(o.settings["run"]["model"].get<std::string>(), model.toStdString());
    }
    void fp32NamesTheFlowsDefault() {
        const auto c = calo::CaloRunConfig::fromRequest(toyRequest({}, "flow-spline", "fp32,all"));
        QCOMPARE(c.plans, (std::vector<std::string>{"default", "all"}));
    }
    void badSettings() {
        const fs::path out(m_dir.path().toStdString());
        auto r = toyRequest(out, "cfm", "attention");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calo::runCaloBatch(r, {}));
        r = toyRequest(out, "gan", "");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calo::runCaloBatch(r, {}));
        r = toyRequest(out, "cfm", "");
        r.arguments.push_back("voxels=3");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calo::runCaloBatch(r, {}));
        r = toyRequest(out, "cfm", "");
        r.arguments.push_back("bins=4");  // a spline setting for flow matching
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calo::runCaloBatch(r, {}));
        r = toyRequest(out, "cfm", "");
        r.arguments.push_back("data=" + (out / "absent.h5").string());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, calo::runCaloBatch(r, {}));
    }
    void cancelledRunStopsEarly() {
        const fs::path out = fs::path(m_dir.path().toStdString()) / "cancel";
        fs::create_directories(out);
        BatchProgress p;
        p.cancelled = [] { return true; };
        const BatchOutput o = calo::runCaloBatch(toyRequest(out, "cfm", "fp32"), p);
        QVERIFY(QString::fromStdString(o.summary).contains("cancelled"));
    }
};

QTEST_GUILESS_MAIN(TstCaloBatch)
#include "tst_calo_batch.moc"
