// QgSession, the explorer's handle on the quark/gluon task: dataset summary and split, model
// building, training continued from the current weights, cancel keeping the previous weights,
// evaluation figures, and clear errors for a missing dataset or a bad file.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <numeric>

#include "core/physics/jet_generator.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/tasks/qg/qg_run_config.h"
#include "core/tasks/qg/qg_session.h"
#include "core/tasks/task_registry.h"

namespace qg = bithep::tasks::qg;
namespace q = bithep::quant;
namespace jet_common = bithep::tasks::jet_common;
namespace tasks = bithep::tasks;
namespace train = bithep::train;

namespace {

std::vector<bithep::tensor::Matrix> weights(bithep::nn::Module& m) {
    std::vector<bithep::tensor::Matrix> out;
    for (const auto& [path, p] : m.namedParameters()) out.push_back(p.value());
    return out;
}

train::TrainSettings quick() {
    train::TrainSettings s;
    s.epochs = 1;
    s.batchSize = 32;
    return s;
}

}  // namespace

class TstQgSession : public QObject {
    Q_OBJECT
private slots:
    void registeredWithASession() {
        const auto* task = tasks::builtinTasks().find("qg");
        QVERIFY(task && task->newSession);
        auto session = task->newSession();
        QCOMPARE(session->modelNames().front(), std::string("teaching"));
        QCOMPARE(session->planNames().front(), std::string("fp32"));
        QVERIFY(!session->hasDataset());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, session->plan("no-such-plan"));
    }
    void trainingNeedsDataAndModel() {
        qg::QgSession s;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.train(quick(), {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.generateDataset({10, 1}, {}));
        QVERIFY(!s.hasDataset());  // a refused request leaves nothing half-made
    }
    void generateTrainEvaluate() {
        qg::QgSession s;
        const auto summary = s.generateDataset({240, 5}, {});
        QCOMPARE(summary.samples, std::size_t(240));
        QVERIFY(summary.source.find("seed 5") != std::string::npos);
        QVERIFY(!summary.facts.empty());
        s.buildModel("teaching", 3);
        QVERIFY(s.model() != nullptr);
        QVERIFY(s.rowsPerSample() > 1);
        int epochs = 0;
        bithep::train::TrainCallbacks cb;
        cb.onEpoch = [&](const bithep::train::EpochStats&) { ++epochs; };
        const auto before = weights(*s.model());
        const auto r = s.train(quick(), cb);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(epochs, 1);
        QVERIFY(weights(*s.model()) != before);
        const auto e = s.evaluate({});
        QCOMPARE(e.metricName, std::string("AUC"));
        QVERIFY(e.metric > 0.0 && e.metric < 1.0);
        QCOMPARE(e.metrics.at("test_jets").get<int>(), 80);
        QCOMPARE(e.metrics.at("kernel_layers").get<int>(), 0);  // fp32: nothing on the kernels
        bool roc = false;
        for (const auto& f : e.figures) roc = roc || f.id == "roc";
        QVERIFY(roc);
        // A quantized network is scored on the packed kernels, its difference to the floats shown.
        QVERIFY(s.setPrecisions(q::PrecisionMap(s.precisions()).withPlan(s.plan("p-dat-bit"))));
        QCOMPARE(s.matchingPlan(), std::string("p-dat-bit"));
        const auto onKernels = s.evaluate({});
        QVERIFY(onKernels.metrics.at("kernel_layers").get<int>() > 0);
        const double difference = onKernels.metrics.at("kernel_max_difference").get<double>();
        QVERIFY2(difference < 1e-4, std::to_string(difference).c_str());
    }
    void cancelKeepsTheStartingWeights() {
        qg::QgSession s;
        s.generateDataset({120, 6}, {});
        s.buildModel("deepsets", 1);
        const auto before = weights(*s.model());
        bithep::train::TrainCallbacks cb;
        int polls = 0;
        cb.cancelled = [&] { return ++polls > 2; };  // two batches, then cancel inside epoch 1
        const auto r = s.train(quick(), cb);
        QVERIFY(r.cancelled);
        QVERIFY(weights(*s.model()) == before);
    }
    void badFileIsAClearError() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("broken.h5").toStdString();
        std::ofstream(path) << "not an HDF5 file";
        qg::QgSession s;
        s.generateDataset({90, 2}, {});
        try {
            s.openDataset(path);
            QFAIL("no error for a corrupt file");
        } catch (const std::exception& e) {
            QVERIFY2(std::string(e.what()).find("broken.h5") != std::string::npos, e.what());
        }
        QCOMPARE(s.dataset().jets, std::size_t(90));  // the previous dataset stays
    }
    void savedDatasetReopensIdentically() {
        QTemporaryDir dir;
        qg::QgSession s;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.saveDataset(dir.filePath("none.h5").toStdString()));
        s.generateDataset({90, 4}, {});
        const std::string path = dir.filePath("jets.h5").toStdString();
        s.saveDataset(path);
        qg::QgSession t;
        const auto summary = t.openDataset(path);
        QCOMPARE(summary.samples, std::size_t(90));
        QVERIFY(t.dataset().particles == s.dataset().particles);
        QVERIFY(t.dataset().labels == s.dataset().labels);
    }
    void taggerCarriedToOtherDataScoresEveryJet() {
        QTemporaryDir dir;
        qg::QgSession real;
        real.generateDataset({150, 8, false}, {});
        QVERIFY(!real.dataset().pidKnown);  // generated without particle types
        auto file = real.dataset();
        file.generatorConfig.clear();  // as a file of real jets
        file.source = "real.h5";
        const QString path = dir.filePath("real.h5");
        file.writeHdf5(path.toStdString());

        qg::QgSession s;
        s.generateDataset({120, 9, false}, {});
        s.buildModel("teaching", 1);
        // Weights of unknown origin (just built, or loaded): the held-out third only.
        QCOMPARE(s.evaluate({}).metrics["test_jets"].get<std::size_t>(), std::size_t{40});
        QVERIFY(s.train(quick(), {}).ok);
        QCOMPARE(s.evaluate({}).metrics["test_jets"].get<std::size_t>(), std::size_t{40});
        const auto summary = s.openDataset(path.toStdString());
        QVERIFY(summary.particleIdsMissing);
        QVERIFY(s.model());  // PID-free model, PID-free data: kept
        QCOMPARE(s.evaluate({}).metrics["test_jets"].get<std::size_t>(), std::size_t{150});
        // Back to the jets it trained on (same generator, seed and size): the held-out third only.
        s.generateDataset({120, 9, false}, {});
        QCOMPARE(s.evaluate({}).metrics["test_jets"].get<std::size_t>(), std::size_t{40});
        s.buildModel("teaching", 2);
        QCOMPARE(s.evaluate({}).metrics["test_jets"].get<std::size_t>(), std::size_t{40});
    }
    // The batch is a second driver of this session: driving it by hand with the run's jets,
    // split, model configuration, plan and seed gives the batch's AUC exactly.
    void batchAndSessionGiveTheSameNumbers() {
        QTemporaryDir dir;
        tasks::BatchRequest request;
        request.outDir = dir.path().toStdString();
        request.plan = "p-dat-bit";
        request.seed = 4;
        request.threads = 1;
        request.arguments = {"jets=240",      "test-jets=80",  "epochs=1",       "deepsets=0", "dim=8",
                             "heads=2",       "blocks=1",      "ff-hidden=16",   "pair-hidden=4",
                             "max-particles=16", "batch=32",   "data-seed=11"};
        const auto out = tasks::builtinTasks().find("qg")->batch(request, {});
        const double batchAuc = out.metrics["models"]["P-DAT p-dat-bit"]["per_seed"][0]["auc"].get<double>();

        const qg::QgRunConfig config = qg::QgRunConfig::fromRequest(request);
        bithep::physics::JetGeneratorConfig generatorConfig;
        bithep::physics::JetGenerator generator(generatorConfig, config.dataSeed);
        const std::size_t total = config.trainJets + config.testJets;
        std::vector<std::size_t> trainJets(config.trainJets), testJets(config.testJets);
        std::iota(trainJets.begin(), trainJets.end(), std::size_t{0});
        std::iota(testJets.begin(), testJets.end(), config.trainJets);
        qg::QgSession session;
        session.useDataset(jet_common::JetDataset::fromJets(generator.generate(total), generatorConfig.toJson(),
                                                            config.dataSeed),
                           trainJets, testJets);
        jet_common::JetModelConfig model = config.pdat;
        model.particleDim = 13;
        session.buildModel(model, request.seed, "P-DAT p-dat-bit");
        session.plan("p-dat-bit").apply(*session.model());
        train::TrainSettings settings = config.training;
        settings.seed = request.seed;
        QVERIFY(session.train(settings, {}).ok);
        const qg::QgSession::Scored scored = session.score({});
        QCOMPARE(scored.evaluation.auc, batchAuc);
        QVERIFY(scored.kernels.kernelLayers > 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 session.useDataset(session.dataset(), {0}, {total}));  // outside the data
    }

    void settingsRoundTripAndValidate() {
        train::TrainSettings s;
        s.epochs = 7;
        s.schedule = "cosine";
        const auto back = train::TrainSettings::fromJson(s.toJson());
        QCOMPARE(back.epochs, 7);
        QCOMPARE(back.schedule, std::string("cosine"));
        auto j = s.toJson();
        j["epochs"] = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, train::TrainSettings::fromJson(j));
        j = s.toJson();
        j.erase("seed");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, train::TrainSettings::fromJson(j));
    }
};

QTEST_GUILESS_MAIN(TstQgSession)
#include "tst_qg_session.moc"
