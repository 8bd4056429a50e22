// CaloSession, the explorer's handle on the calorimeter task: simulated dataset and its split,
// a flow-matching model trained for one epoch, an evaluation with the expected figures and
// finite metrics, the average reference map checked against the showers by hand, "sample
// again" changing the generated shower reproducibly, cancel keeping the starting weights, and
// clear errors for unknown names and a CaloChallenge file of the wrong geometry.
#include <cmath>

#include <QTemporaryDir>
#include <QtTest>

#include "core/tasks/calo/calo_run_config.h"
#include "core/tasks/calo/calo_session.h"
#include "core/tasks/calo/shower_simulator.h"
#include "core/tasks/task_registry.h"

namespace calo = bithep::tasks::calo;
namespace tasks = bithep::tasks;
namespace train = bithep::train;

namespace {

constexpr std::size_t kShowers = 200;   // 150 training, 50 reference
constexpr double kMapTolerance = 1e-9;  // relative: a mean of float energies in double

std::vector<bithep::tensor::Matrix> weights(bithep::nn::Module& m) {
    std::vector<bithep::tensor::Matrix> out;
    for (const auto& [path, p] : m.namedParameters()) out.push_back(p.value());
    return out;
}

train::TrainSettings quick() {
    train::TrainSettings s;
    s.epochs = 1;
    s.batchSize = 32;
    s.learningRate = 1e-3f;
    return s;
}

calo::CaloSessionOptions fast() {
    calo::CaloSessionOptions o;
    o.classifierEpochs = 2;
    return o;
}

// A session with the tiny dataset and a flow-matching model trained one epoch.
std::unique_ptr<calo::CaloSession> trainedSession() {
    auto s = std::make_unique<calo::CaloSession>(fast());
    s->generateDataset({kShowers, 5}, {});
    s->buildModel("cfm", 3);
    const auto r = s->train(quick(), {});
    if (!r.ok) throw std::runtime_error(r.error);
    return s;
}

const tasks::FigureData& figure(const tasks::SessionEvaluation& e, const std::string& id) {
    for (const auto& f : e.figures)
        if (f.id == id) return f;
    throw std::out_of_range("no figure " + id);
}

const tasks::MapFigure& map(const tasks::SessionEvaluation& e, const std::string& id) {
    return std::get<tasks::MapFigure>(figure(e, id).content);
}

}  // namespace

class TstCaloSession : public QObject {
    Q_OBJECT
private slots:
    void registeredWithASession() {
        const auto* task = tasks::builtinTasks().find("calo");
        QVERIFY(task && task->newSession);
        auto session = task->newSession();
        QCOMPARE(session->modelNames().front(), std::string("cfm"));
        QCOMPARE(session->planNames().front(), std::string("fp32"));
        QVERIFY(session->datasetFileFilter().find("*.h5") != std::string::npos);
        QVERIFY(!session->hasDataset());
        const auto controls = session->resultControls();
        QCOMPARE(controls.size(), std::size_t(1));
        QCOMPARE(controls[0].id, std::string("resample"));
        QVERIFY(controls[0].kind == tasks::ResultControl::Kind::Button);
        QVERIFY(!controls[0].tooltip.empty());
        QVERIFY(session->epochMetricName().empty());
        QVERIFY(session->defaultDataset().samples >= 5000);
    }
    void refusedRequestsLeaveNothing() {
        calo::CaloSession s(fast());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.train(quick(), {}));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.evaluate({}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.generateDataset({10, 1}, {}));
        QVERIFY(!s.hasDataset());
    }
    void unknownNamesAreErrors() {
        calo::CaloSession s(fast());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.buildModel("gan", 1));
        QVERIFY(s.model() == nullptr);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.plan("attention"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.setControl("luminosity", 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.defaultTraining("gan"));
        QCOMPARE(s.samplingSeed(), std::uint64_t(1));  // an unknown control changes nothing
        s.buildModel("flow", 1);
        QCOMPARE(s.planNames().front(), std::string("default"));
        QVERIFY(s.plan("default").rules().empty());
        QCOMPARE(s.plan("nn-central").rules().size(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.plan("mlp"));  // a flow-matching plan
        QCOMPARE(s.rowsPerSample(), bithep::tensor::Index(1));
    }
    void generateTrainEvaluate() {
        calo::CaloSession s(fast());
        const auto summary = s.generateDataset({kShowers, 5}, {});
        QCOMPARE(summary.samples, kShowers);
        QVERIFY(summary.source.find("seed 5") != std::string::npos);
        std::map<std::string, std::string> facts(summary.facts.begin(), summary.facts.end());
        QCOMPARE(facts.at("Training / reference showers"), std::string("150 / 50"));
        const double response = std::stod(facts.at("Mean E_dep / E_inc"));
        QVERIFY2(response > 0.85 && response < 1.0,
                 facts.at("Mean E_dep / E_inc").c_str());  // README: 0.87-0.98
        s.buildModel("cfm", 3);
        QCOMPARE(s.rowsPerSample(), bithep::tensor::Index(16));  // 8 midpoint steps, 2 evaluations each
        QVERIFY(s.modelConfigJson().find("hidden") != std::string::npos);
        const auto before = weights(*s.model());
        int epochs = 0;
        bithep::train::TrainCallbacks cb;
        cb.onEpoch = [&](const bithep::train::EpochStats&) { ++epochs; };
        const auto r = s.train(quick(), cb);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(epochs, 1);
        QVERIFY(weights(*s.model()) != before);

        const auto e = s.evaluate({});
        QCOMPARE(e.metricName, std::string("Mean separation power"));
        QVERIFY(e.metric > 0.0 && e.metric <= 1.0);
        QCOMPARE(e.metrics.at("mean_separation_power").get<double>(), e.metric);
        for (const char* key : {"auc_high_level", "auc_low_level"}) {
            const double auc = e.metrics.at(key).get<double>();
            QVERIFY2(std::isfinite(auc) && auc >= 0.0 && auc <= 1.0, key);
        }
        QVERIFY(e.metrics.at("showers_per_second").get<double>() > 0);
        QCOMPARE(e.metrics.at("sampling_seed").get<int>(), 1);
        QCOMPARE(e.metrics.at("reference_showers").get<int>(), 50);
        QCOMPARE(e.metrics.at("separation_power").size(), std::size_t(26));
        // average and single maps and the response per layer, features
        QCOMPARE(e.figures.size(), std::size_t(3 * 5 + 26));
        QVERIFY(e.metrics.at("layer_response_deviation").get<double>() >= 0);
        for (const int id : {0, 1, 2, 3, 12})
            for (const std::string kind : {"average", "single"}) {
                const auto& m = map(e, kind + "_layer" + std::to_string(id));
                QVERIFY(m.polar && m.logValues);
                QCOMPARE(m.besideValues.size(), m.values.size());
                QCOMPARE(m.besideLabel, std::string("reference"));
                QCOMPARE(m.label, std::string("cfm"));
            }
        const auto& hist = std::get<tasks::HistogramFigure>(figure(e, "feature_etot_over_einc").content);
        QCOMPARE(hist.histograms.size(), std::size_t(2));
        QVERIFY(hist.histograms[0].filled && !hist.histograms[1].filled);
        QVERIFY(hist.histograms[1].label.find("separation") != std::string::npos);

        // The average reference map of layer 2 (10 sectors x 19 rings), cell (ring 3, sector 4),
        // is the mean of that voxel over the reference showers.
        const auto& avg = map(e, "average_layer2");
        QCOMPARE(avg.xEdges.size(), std::size_t(11));
        QCOMPARE(avg.yEdges.size(), std::size_t(20));
        const std::size_t voxel = 8 + 160 + 3 + 19 * 4;  // layers 0 and 1 first; ring fastest
        double mean = 0;
        for (std::size_t i = 0; i < s.testShowers().size(); ++i) mean += s.testShowers().shower(i)[voxel];
        mean /= double(s.testShowers().size());
        QVERIFY(mean > 0);
        QVERIFY(std::abs(avg.besideValues[3 * 10 + 4] - mean) <= kMapTolerance * mean);
    }
    void resampleDrawsNewShowersReproducibly() {
        auto a = trainedSession();
        const auto first = a->evaluate({});
        a->setControl("resample", 0);
        QCOMPARE(a->samplingSeed(), std::uint64_t(2));
        const auto second = a->evaluate({});
        QCOMPARE(second.metrics.at("sampling_seed").get<int>(), 2);
        QVERIFY(map(first, "single_layer2").values != map(second, "single_layer2").values);
        QVERIFY(map(first, "single_layer2").besideValues == map(second, "single_layer2").besideValues);
        auto b = trainedSession();  // the same steps again: the same showers
        QVERIFY(map(b->evaluate({}), "single_layer2").values == map(first, "single_layer2").values);
        b->setControl("resample", 0);
        const auto again = b->evaluate({});
        QVERIFY(map(again, "single_layer2").values == map(second, "single_layer2").values);
        QCOMPARE(again.metric, second.metric);
    }
    void cancelKeepsTheStartingWeights() {
        calo::CaloSession s(fast());
        s.generateDataset({kShowers, 6}, {});
        s.buildModel("flow", 1);
        const auto before = weights(*s.model());
        bithep::train::TrainCallbacks cb;
        int polls = 0;
        cb.cancelled = [&] { return ++polls > 2; };  // two batches, then cancel inside epoch 1
        const auto r = s.train(quick(), cb);
        QVERIFY(r.cancelled);
        QVERIFY(weights(*s.model()) == before);
    }
    void wrongGeometryFileIsRejectedByName() {
        QTemporaryDir dir;
        calo::CaloDataset other;  // a valid CaloChallenge file of another geometry (10 voxels)
        other.voxels = 10;
        other.incidentEnergies.assign(120, 1000.0f);
        other.showers.assign(120 * 10, 5.0f);
        const std::string path = dir.filePath("other_geometry.h5").toStdString();
        other.writeHdf5(path);
        calo::CaloSession s(fast());
        s.generateDataset({kShowers, 2}, {});
        try {
            s.openDataset(path);
            QFAIL("no error for a file of the wrong geometry");
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("other_geometry.h5") != std::string::npos, e.what());
            QVERIFY2(what.find("368") != std::string::npos, e.what());
        }
        QCOMPARE(s.trainShowers().size() + s.testShowers().size(), kShowers);  // the previous dataset stays
    }
    // The batch is a second driver of this session: driving it by hand with the run's showers,
    // split, preprocessing seed, model, plan and seeds gives the batch's numbers exactly.
    void batchAndSessionGiveTheSameNumbers() {
        QTemporaryDir dir;
        tasks::BatchRequest request;
        request.outDir = dir.path().toStdString();
        request.model = "cfm";
        request.plan = "full";
        request.seed = 3;
        request.threads = 1;
        request.arguments = {"showers=120", "test-showers=60", "epochs=1", "classifier-epochs=1",
                             "hidden=16",   "layers=1",        "ode-steps=2"};
        const auto out = tasks::builtinTasks().find("calo")->batch(request, {});
        const double batchSeparation = out.metrics["runs"][0]["mean_separation_power"].get<double>();

        const calo::CaloRunConfig config = calo::CaloRunConfig::fromRequest(request);
        calo::CaloSession session({config.classifierEpochs, 65536, config.geometry});
        const calo::CaloDataset all = calo::ShowerSimulator(session.geometry(), {}, config.dataSeed)
                                          .generate(config.trainShowers + config.testShowers);
        calo::CaloDataset trainShowers, testShowers;
        for (auto* part : {&trainShowers, &testShowers}) part->voxels = all.voxels;
        for (std::size_t i = 0; i < all.size(); ++i) {
            calo::CaloDataset& part = i < config.trainShowers ? trainShowers : testShowers;
            part.incidentEnergies.push_back(all.incidentEnergies[i]);
            const auto shower = all.shower(i);
            part.showers.insert(part.showers.end(), shower.begin(), shower.end());
        }
        session.useDataset(trainShowers, testShowers, "simulator", config.dataSeed);
        session.buildModel("cfm", request.seed, config.size);
        session.plan("full").apply(*session.model());
        train::TrainSettings settings = config.training;
        settings.seed = request.seed;
        QVERIFY(session.train(settings, {}).ok);
        const calo::SampledShowers sampled = session.sampleReference(request.seed + 1000);
        calo::ClassifierTestConfig classifier;
        classifier.epochs = config.classifierEpochs;
        classifier.seed = request.seed;
        const calo::CaloEvaluation e = calo::evaluateShowers(session.reference(), sampled.showers, classifier, {});
        QCOMPARE(e.features.meanSeparationPower(), batchSeparation);
        calo::CaloDataset wrong;
        wrong.voxels = 3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, session.useDataset(wrong, wrong, "x", 1));
    }

    void savedDatasetReopens() {
        QTemporaryDir dir;
        calo::CaloSession s(fast());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, s.saveDataset(dir.filePath("none.h5").toStdString()));
        s.generateDataset({kShowers, 4}, {});
        const std::string path = dir.filePath("showers.h5").toStdString();
        s.saveDataset(path);
        const auto back = calo::CaloDataset::readHdf5(path, 368);
        QCOMPARE(back.size(), kShowers);
        QCOMPARE(back.incidentEnergies[0], s.trainShowers().incidentEnergies[0]);  // saved in generated order
        calo::CaloSession t(fast());
        const auto summary = t.openDataset(path);
        QCOMPARE(summary.samples, kShowers);
        QCOMPARE(summary.source, std::string("showers.h5"));
        QCOMPARE(t.testShowers().size(), std::size_t(50));
    }
};

QTEST_GUILESS_MAIN(TstCaloSession)
#include "tst_calo_session.moc"
