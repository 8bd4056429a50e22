// The quark/gluon batch run's PID-free training (pid=0) and the scoring of a saved tagger on
// every jet of a file (checkpoint= with data=): a PID-free tagger scores a PID-carrying file by
// kinematics alone, a file of fewer than 20 jets and a tagger that needs PID on PID-free data
// are clear errors.
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/checkpoint.h"
#include "core/physics/jet_generator.h"
#include "core/tasks/qg/qg_batch.h"
#include "core/tasks/jet_common/jet_dataset.h"
#include "core/tasks/qg/qg_model.h"
#include "expect_error.h"

namespace qg = bithep::tasks::qg;
namespace jet_common = bithep::tasks::jet_common;
using bithep::testing::expectError;

namespace {

// `jets` generated jets (with PID unless `pid` is false) written as a file of "real" jets.
std::string realJets(const QTemporaryDir& dir, const char* name, std::size_t jets, bool pid) {
    bithep::physics::JetGeneratorConfig config;
    config.threads = 1;
    auto data = jet_common::JetDataset::fromJets(bithep::physics::JetGenerator(config, 41).generate(jets), config.toJson(), 41);
    if (!pid) data.dropPid();
    data.generatorConfig.clear();
    data.source = name;
    const std::string path = dir.filePath(name).toStdString();
    data.writeHdf5(path);
    return path;
}

bithep::tasks::BatchRequest request(const QTemporaryDir& dir, const char* out, std::vector<std::string> args) {
    bithep::tasks::BatchRequest r;
    r.outDir = dir.filePath(out).toStdString();
    std::filesystem::create_directories(r.outDir);
    r.plan = "fp32";
    r.threads = 1;
    r.arguments = std::move(args);
    return r;
}

}  // namespace

class TstQgBatch : public QObject {
    Q_OBJECT
private slots:
    void pidFreeTaggerScoresAWholeFile() {
        QTemporaryDir dir;
        const auto trained = qg::runQgBatch(
            request(dir, "train", {"jets=200", "test-jets=40", "epochs=1", "deepsets=0", "pid=0", "batch=32"}), {});
        QCOMPARE(trained.settings["pid"].get<bool>(), false);
        QCOMPARE(trained.settings["pid_known"].get<bool>(), false);
        const std::string checkpoint = dir.filePath("train/qg_pdat_fp32_seed1.h5").toStdString();
        const auto info = bithep::io::readCheckpointInfo(checkpoint);
        QCOMPARE(jet_common::JetModelConfig::fromJson(info.modelConfigJson).particleDim, bithep::tensor::Index{7});

        // A file with PID: the PID-free tagger scores every one of its jets by kinematics.
        const std::string file = realJets(dir, "real.h5", 130, true);
        const auto scored = qg::runQgBatch(request(dir, "score", {"checkpoint=" + checkpoint, "data=" + file}), {});
        QCOMPARE(scored.settings["whole_file"].get<bool>(), true);
        QCOMPARE(scored.settings["test_jets"].get<std::size_t>(), std::size_t{130});
        QCOMPARE(scored.settings["train_jets"].get<std::size_t>(), std::size_t{0});
        QCOMPARE(scored.settings["pid"].get<bool>(), false);
        QVERIFY(!scored.settings.contains("data_citation"));
        QVERIFY(scored.metrics["models"].size() == 1);

        // Asking for a split keeps the old behaviour: jets= training jets are skipped.
        const auto split = qg::runQgBatch(
            request(dir, "split", {"checkpoint=" + checkpoint, "data=" + file, "jets=100", "test-jets=30"}), {});
        QCOMPARE(split.settings["whole_file"].get<bool>(), false);
        QCOMPARE(split.settings["test_jets"].get<std::size_t>(), std::size_t{30});

        expectError([&] {
            qg::runQgBatch(request(dir, "tiny", {"checkpoint=" + checkpoint, "data=" + realJets(dir, "tiny.h5", 12, true)}), {});
        }, "scoring needs at least 20");
    }
    void taggerWithPidRefusesPidFreeData() {
        QTemporaryDir dir;
        qg::runQgBatch(request(dir, "train", {"jets=150", "test-jets=30", "epochs=1", "deepsets=0", "batch=32"}), {});
        const std::string checkpoint = dir.filePath("train/qg_pdat_fp32_seed1.h5").toStdString();
        const std::string file = realJets(dir, "real.h5", 60, false);
        expectError([&] { qg::runQgBatch(request(dir, "score", {"checkpoint=" + checkpoint, "data=" + file}), {}); },
                    "no particle identification");
    }
    void pidSettingParses() {
        QTemporaryDir dir;
        expectError([&] { qg::runQgBatch(request(dir, "x", {"pid=maybe"}), {}); }, "'pid' is not a valid number");
    }
};

QTEST_APPLESS_MAIN(TstQgBatch)
#include "tst_qg_batch.moc"
