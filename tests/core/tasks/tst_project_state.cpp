// ProjectState: JSON round trip, atomic write, and clear errors for a truncated, foreign or
// malformed project file.
#include <fstream>

#include <QTemporaryDir>
#include <QtTest>

#include "core/tasks/project_state.h"

namespace tasks = bithep::tasks;

namespace {
void expectError(const std::string& path, const std::string& fragment) {
    try {
        tasks::ProjectState::read(path);
        QFAIL("no error");
    } catch (const std::runtime_error& e) {
        QVERIFY2(std::string(e.what()).find(fragment) != std::string::npos, e.what());
    }
}
}  // namespace

class TstProjectState : public QObject {
    Q_OBJECT
private slots:
    void roundTrip() {
        QTemporaryDir dir;
        tasks::ProjectState p;
        p.task = "qg";
        p.dataset = {3000, 7};
        p.model = "teaching";
        p.modelSeed = 4;
        p.plan = {{"name", "p-dat-bit"}};
        p.training.epochs = 3;
        p.weightsFile = "lesson.weights-1.h5";
        p.runs.push_back({{"label", "#1"}});
        p.controls["luminosity"] = 300.0;
        const std::string path = dir.filePath("lesson.bithep.json").toStdString();
        p.write(path);
        const auto back = tasks::ProjectState::read(path);
        QCOMPARE(back.toJson(), p.toJson());
        QVERIFY(!back.datasetFromFile);
        QCOMPARE(back.dataset.seed, std::uint64_t(7));
        QCOMPARE(back.training.epochs, 3);
        QCOMPARE(back.controls.at("luminosity"), 300.0);
        // Projects written before result controls existed have no "controls" and still load.
        nlohmann::json old = p.toJson();
        old.erase("controls");
        QVERIFY(tasks::ProjectState::fromJson(old).controls.empty());
        // Generated without particle types: recorded, and only then (older files stay as they were).
        QVERIFY(!p.toJson()["dataset"].contains("particle_ids"));
        p.dataset.particleIds = false;
        QCOMPARE(p.toJson()["dataset"]["particle_ids"].get<bool>(), false);
        QVERIFY(!tasks::ProjectState::fromJson(p.toJson()).dataset.particleIds);
    }
    void badFilesAreClearErrors() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.bithep.json").toStdString();
        tasks::ProjectState p;
        p.task = "qg";
        const std::string text = p.toJson().dump();
        std::ofstream(path) << text.substr(0, text.size() / 2);  // truncated
        expectError(path, "not valid JSON");
        std::ofstream(path, std::ios::trunc) << R"({"format": "something-else"})";
        expectError(path, "format");
        nlohmann::json j = p.toJson();
        j["dataset"]["source"] = "telepathy";
        std::ofstream(path, std::ios::trunc) << j.dump();
        expectError(path, "telepathy");
        j = p.toJson();
        j["dataset"]["particle_ids"] = "no";
        std::ofstream(path, std::ios::trunc) << j.dump();
        expectError(path, "particle_ids");
        j = p.toJson();
        j["controls"] = {{"luminosity", "lots"}};
        std::ofstream(path, std::ios::trunc) << j.dump();
        expectError(path, "luminosity");
        j = p.toJson();
        j["weights"] = "../elsewhere.h5";
        std::ofstream(path, std::ios::trunc) << j.dump();
        expectError(path, "beside the project");
        expectError(dir.filePath("missing.json").toStdString(), "cannot be opened");
    }
};

QTEST_GUILESS_MAIN(TstProjectState)
#include "tst_project_state.moc"
