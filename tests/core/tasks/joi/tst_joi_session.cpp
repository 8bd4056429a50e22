// JoiSession, the explorer's handle on the jet-origin task: dataset summary and split, models
// by encoding, training with the per-epoch validation accuracy, evaluation figures, the
// scaling plot once a model was evaluated at two training sizes, dataset save/open, errors.
#include <cmath>
#include <numeric>

#include <QTemporaryDir>
#include <QtTest>

#include "core/physics/flavour_jet_generator.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/tasks/joi/joi_metrics.h"
#include "core/tasks/joi/joi_run_config.h"
#include "core/tasks/joi/joi_session.h"
#include "core/tasks/joi/joi_training.h"
#include "core/tasks/task_registry.h"
#include "core/train/thread_control.h"

namespace joi = bithep::tasks::joi;
namespace tasks = bithep::tasks;
namespace train = bithep::train;

namespace {

train::TrainSettings quick() {
    train::TrainSettings s;
    s.epochs = 1;
    s.batchSize = 32;
    return s;
}

bool hasFigure(const tasks::SessionEvaluation& e, const std::string& id) {
    return std::any_of(e.figures.begin(), e.figures.end(), [&id](const auto& f) { return f.id == id; });
}

}  // namespace

class TstJoiSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { bithep::train::setThreads(1); }
    void registeredWithASession() {
        auto session = tasks::builtinTasks().find("joi")->newSession();
        QCOMPARE(session->modelNames().front(), std::string("float"));
        QCOMPARE(session->planNames().front(), std::string("fp32"));
        QCOMPARE(session->epochMetricName(), std::string("accuracy"));
        QVERIFY(!session->hasDataset());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, session->plan("no-such-plan"));
    }
    void refusesWhatItCannotDo() {
        joi::JoiSession s;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.train(quick(), {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.generateDataset({50, 1}, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.buildModel("bytes-float64", 1));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.saveDataset("unused.h5"));
        QVERIFY(!s.hasDataset());
    }
    void trainEvaluateAndScale() {
        joi::JoiSession s;
        const auto summary = s.generateDataset({330, 4}, {});
        QCOMPARE(summary.samples, std::size_t(330));
        QVERIFY(summary.source.find("seed 4") != std::string::npos);
        s.buildModel("bytes-fixed16", 2);
        QVERIFY(s.rowsPerSample() == 24);
        std::vector<double> metrics;
        bithep::train::TrainCallbacks cb;
        cb.onEpoch = [&metrics](const bithep::train::EpochStats& e) { metrics.push_back(e.metric); };
        QVERIFY(s.train(quick(), cb).ok);
        QCOMPARE(metrics.size(), std::size_t(1));
        QVERIFY(metrics[0] >= 0.0 && metrics[0] <= 1.0);  // validation accuracy
        auto e = s.evaluate({});
        QCOMPARE(e.metricName, std::string("accuracy"));
        QCOMPARE(e.metric, e.metrics["accuracy"].get<double>());
        QCOMPARE(e.metrics["train_jets"].get<std::size_t>(), std::size_t(220));
        QVERIFY(hasFigure(e, "confusion") && hasFigure(e, "roc_classes") && hasFigure(e, "roc_merged"));
        QVERIFY(!hasFigure(e, "scaling"));  // one size so far
        QVERIFY(e.metrics.contains("kernel_layers"));  // the default plan decides how many
        QVERIFY(e.metrics.at("kernel_max_difference").get<double>() < 1e-4);

        s.generateDataset({495, 5}, {});  // a larger sample: the same model, 330 training jets
        QVERIFY(s.train(quick(), {}).ok);
        e = s.evaluate({});
        QVERIFY(hasFigure(e, "scaling"));
        const auto series = s.scaling();
        QCOMPARE(series.size(), std::size_t(1));
        QCOMPARE(series[0].sizes, (std::vector<double>{220, 330}));
    }
    // The batch is a second driver of this session: driving it by hand with a scan point's jets,
    // model, plan and seed gives the batch's accuracy and AUC exactly.
    void batchAndSessionGiveTheSameNumbers() {
        QTemporaryDir dir;
        tasks::BatchRequest request;
        request.outDir = dir.path().toStdString();
        request.plan = "p-dat-bit";
        request.seed = 6;
        request.threads = 1;
        request.arguments = {"scan-sizes=110", "encodings=float", "test-jets=110", "epochs=1", "min-steps=0",
                             "dim=8",          "heads=2",         "blocks=1",      "ff-hidden=16", "pair-hidden=4",
                             "max-particles=8", "batch=32",       "data-seed=3"};
        const auto out = tasks::builtinTasks().find("joi")->batch(request, {});
        const auto& run = out.metrics["series"]["float p-dat-bit"]["runs"][0];

        const joi::JoiRunConfig config = joi::JoiRunConfig::fromRequest(request);
        bithep::physics::FlavourJetConfig generatorConfig;
        const std::size_t total = 110 + config.testJets;
        joi::JoiDataset data = joi::JoiDataset::fromJets(
            bithep::physics::FlavourJetGenerator(generatorConfig, config.dataSeed).generate(total),
            generatorConfig.toJson(), config.dataSeed);
        std::vector<std::size_t> testJets(config.testJets), trainJets(110);
        std::iota(testJets.begin(), testJets.end(), std::size_t{0});  // the batch puts the test jets first
        std::iota(trainJets.begin(), trainJets.end(), config.testJets);
        joi::JoiSession session;
        session.useDataset(std::move(data), trainJets, testJets);
        joi::JoiModelConfig model = config.model;
        model.encoding = "float";
        session.buildModel(model, request.seed, "float");
        session.plan("p-dat-bit").apply(*session.model());
        train::TrainSettings settings = config.training;
        settings.epochs = config.epochsFor(110);
        QVERIFY(session.train(settings, {}).ok);
        tasks::KernelScoring kernels;
        const auto e = joi::evaluateJoi(session.predictHeldOut(kernels),
                                        joi::originLabels(session.dataset(), testJets));
        QCOMPARE(e.accuracy, run["accuracy"].get<double>());
        QCOMPARE(kernels.kernelLayers, run["kernel_layers"].get<int>());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, session.setTrainingJets({total}));  // outside the data
    }

    void datasetSaveAndOpen() {
        QTemporaryDir dir;
        joi::JoiSession s;
        s.generateDataset({220, 8}, {});
        const auto path = std::filesystem::path(dir.path().toStdString()) / "jets.h5";
        s.saveDataset(path);
        joi::JoiSession t;
        const auto summary = t.openDataset(path);
        QCOMPARE(summary.samples, std::size_t(220));
        QCOMPARE(t.dataset().origins, s.dataset().origins);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, t.openDataset(dir.path().toStdString() + "/missing.h5"));
        QVERIFY(t.hasDataset());  // a failed open keeps the previous dataset
    }
};

QTEST_APPLESS_MAIN(TstJoiSession)
#include "tst_joi_session.moc"
