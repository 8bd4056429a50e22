// The explorer as a user drives it, offscreen: a precision toggle changes the cost table and is
// undoable; a short training reports progress, records a run and draws a ROC; stop and pause
// leave a usable model; exports write valid files; a project round-trips; a corrupt dataset shows an error
// and keeps the previous data. Models are checked with QAbstractItemModelTester.
#include <fstream>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "app/application.h"
#include "app/lesson.h"
#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/model_panel.h"
#include "app/panels/training_panel.h"
#include "app/session_controller.h"
#include "app/views/cost_view.h"
#include "app/views/results_view.h"
#include "core/io/quantized_export.h"
#include "core/tasks/task_registry.h"
#include "widgets/charts/line_chart.h"
#include "widgets/model/cost_table_model.h"
#include "widgets/model/layer_tree_model.h"
#include "widgets/model/runs_table_model.h"

using bithep::app::MainWindow;
using bithep::widgets::LayerTreeModel;

namespace {

constexpr int kTrainTimeoutMs = 120000;  // generous: CI machines are shared

QModelIndex findPath(const QAbstractItemModel& m, const QString& path, const QModelIndex& parent = {}) {
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex i = m.index(r, 0, parent);
        if (i.data(LayerTreeModel::kPathRole).toString() == path) return i;
        const QModelIndex inner = findPath(m, path, i);
        if (inner.isValid()) return inner;
    }
    return {};
}

bool readyWithData(MainWindow& w, int jets) {
    w.datasetPanel()->setSettings(jets, 3);
    QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
    w.datasetPanel()->generate();
    return ready.wait(kTrainTimeoutMs);
}

void quickSettings(MainWindow& w, int epochs) {
    auto s = w.trainingPanel()->settings();
    s.epochs = epochs;
    s.batchSize = 32;
    w.trainingPanel()->setSettings(s);
}

bool trainAndEvaluate(MainWindow& w) {
    QSignalSpy evaluated(w.controller(), &bithep::app::SessionController::evaluationReady);
    w.trainingPanel()->trainFromScratch();
    return evaluated.wait(kTrainTimeoutMs);
}

}  // namespace

class TstExplorer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("BitHEP-test");
        QCoreApplication::setApplicationName("Explorer-test");
    }

    void startsOnATaskWithAModel() {
        MainWindow w;
        QCOMPARE(w.controller()->taskId(), QString("qg"));
        QVERIFY(w.controller()->session()->model() != nullptr);
        QVERIFY(w.modelPanel()->layers()->rowCount() > 0);
        QAbstractItemModelTester tree(w.modelPanel()->layers(),
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester cost(w.costView()->table(),
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester runs(w.runs(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!w.costView()->table()->empty());
    }

    void precisionToggleChangesCostAndIsUndoable() {
        MainWindow w;
        auto* layers = w.modelPanel()->layers();
        const double fp32Memory = w.costView()->table()->comparison().plan.memoryBits;
        // A whole sub-tree at once: every linear of the first block ternary.
        const QModelIndex block = findPath(*layers, "blocks.0");
        QVERIFY(block.isValid());
        const QModelIndex cell = block.siblingAtColumn(LayerTreeModel::Precision);
        QVERIFY(layers->flags(cell) & Qt::ItemIsEditable);
        QVERIFY(layers->setData(cell, "ternary"));
        QCOMPARE(cell.data().toString(), QString("ternary"));
        const double ternaryMemory = w.costView()->table()->comparison().plan.memoryBits;
        QVERIFY(ternaryMemory < fp32Memory);
        QVERIFY(w.costView()->table()->comparison().plan.quantizedParameterShare > 0);
        QCOMPARE(w.undoStack()->count(), 1);
        w.undoStack()->undo();
        QCOMPARE(cell.data().toString(), QString("fp32"));
        QCOMPARE(w.costView()->table()->comparison().plan.memoryBits, fp32Memory);
        w.undoStack()->redo();
        QCOMPARE(w.costView()->table()->comparison().plan.memoryBits, ternaryMemory);
        // A named plan is one more undo step.
        QVERIFY(w.modelPanel()->applyPlan("all-linear-ternary"));
        QCOMPARE(w.undoStack()->count(), 2);
        QVERIFY(!layers->setData(cell, "quaternary"));  // not a precision
    }

    void shortTrainingRecordsARunWithRoc() {
        MainWindow w;
        QVERIFY(readyWithData(w, 150));
        quickSettings(w, 2);
        QSignalSpy progress(w.controller(), &bithep::app::SessionController::trainingProgress);
        QSignalSpy epochs(w.controller(), &bithep::app::SessionController::epochFinished);
        QVERIFY(trainAndEvaluate(w));
        QVERIFY(progress.count() >= 2);
        QCOMPARE(epochs.count(), 2);
        auto* loss = w.findChild<bithep::widgets::LineChart*>("lossChart");
        QVERIFY(loss);
        QCOMPARE(loss->figure().lines.at(0).y.size(), std::size_t(2));  // one point per epoch
        // The task metric (AUC on the validation jets) per epoch, beside the loss.
        auto* metric = w.findChild<bithep::widgets::LineChart*>("epochMetricChart");
        QVERIFY(metric && !metric->isHidden());
        QCOMPARE(metric->figure().lines.at(0).y.size(), std::size_t(2));
        for (double auc : metric->figure().lines.at(0).y) QVERIFY(auc >= 0.0 && auc <= 1.0);
        QCOMPARE(epochs.first().at(5).toDouble(), metric->figure().lines.at(0).y.front());
        QCOMPARE(w.runs()->rowCount(), 1);
        const auto& run = w.runs()->runs().front();
        QCOMPARE(run.metricName, QString("AUC"));
        QVERIFY(run.metric > 0.0 && run.metric < 1.0);
        QCOMPARE(run.settings.at("task").get<std::string>(), std::string("qg"));
        QStringList tabs;
        for (int i = 0; i < w.resultsView()->figureTabs()->count(); ++i)
            tabs << w.resultsView()->figureTabs()->tabText(i);
        QVERIFY2(tabs.contains("roc"), qPrintable(tabs.join(", ")));
        // A second run after a precision change; ticking both overlays them on one ROC.
        QVERIFY(w.modelPanel()->applyPlan("p-dat-bit"));
        QSignalSpy evaluated(w.controller(), &bithep::app::SessionController::evaluationReady);
        w.trainingPanel()->retrain();
        QVERIFY(evaluated.wait(kTrainTimeoutMs));
        QCOMPARE(w.runs()->rowCount(), 2);
        QCOMPARE(w.runs()->runs().back().precisions, QString("p-dat-bit"));
        w.runs()->setShown(0, true);
        QCOMPARE(w.runs()->shownRuns().size(), std::size_t(2));
    }

    void stopAndPauseKeepAUsableModel() {
        MainWindow w;
        QVERIFY(readyWithData(w, 150));
        quickSettings(w, 200);
        QSignalSpy epoch(w.controller(), &bithep::app::SessionController::epochFinished);
        QSignalSpy finished(w.controller(), &bithep::app::SessionController::trainingFinished);
        w.trainingPanel()->trainFromScratch();
        QVERIFY(epoch.wait(kTrainTimeoutMs));
        w.controller()->setPaused(true);
        QVERIFY(w.controller()->paused());
        QTest::qWait(200);
        const int seen = epoch.count();
        QTest::qWait(300);
        QCOMPARE(epoch.count(), seen);  // nothing moves while paused
        QSignalSpy evaluated(w.controller(), &bithep::app::SessionController::evaluationReady);
        w.controller()->stop();  // also releases the pause
        QVERIFY(finished.count() == 1 || finished.wait(kTrainTimeoutMs));
        QVERIFY(finished.first().at(1).toBool());  // cancelled
        QVERIFY(evaluated.wait(kTrainTimeoutMs));  // the best epoch is kept and evaluated
        QVERIFY(!w.controller()->busy());
        QCOMPARE(w.runs()->rowCount(), 1);
    }

    void exportsWriteValidFiles() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(readyWithData(w, 120));
        quickSettings(w, 1);
        QVERIFY(w.modelPanel()->applyPlan("p-dat-bit"));
        QVERIFY(trainAndEvaluate(w));
        QTemporaryDir dir;
        w.viewTabs()->setCurrentWidget(w.resultsView());
        QVERIFY(w.currentFigureWidget() != nullptr);
        for (const char* name : {"roc.png", "roc.svg", "roc.pdf"}) w.exportCurrentFigure(dir.filePath(name));
        QFile png(dir.filePath("roc.png"));
        QVERIFY(png.open(QIODevice::ReadOnly));
        QCOMPARE(png.read(4), QByteArray("\x89PNG"));
        QVERIFY(QFile::exists(dir.filePath("roc.svg")));
        QFile pdf(dir.filePath("roc.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QCOMPARE(pdf.read(4), QByteArray("%PDF"));
        QFile csv(dir.filePath("roc.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readLine().startsWith("series,signal_efficiency"));
        w.exportRunTable(dir.filePath("runs.csv"));
        QVERIFY(QFile::exists(dir.filePath("runs.csv")) && QFile::exists(dir.filePath("runs.csv.json")));
        w.exportQuantizedWeights(dir.filePath("weights.h5"));
        const auto packed = bithep::io::readQuantizedWeights(dir.filePath("weights.h5").toStdString());
        QVERIFY(!packed.layers.empty());
    }

    void projectRoundTripsWithWeightsAndRuns() {
        QTemporaryDir dir;
        const QString path = dir.filePath("lesson.bithep.json");
        std::vector<bithep::tensor::Matrix> weights;
        bithep::quant::PrecisionMap precisions;
        {
            MainWindow w;
            QVERIFY(readyWithData(w, 120));
            quickSettings(w, 1);
            QVERIFY(w.modelPanel()->applyPlan("p-dat-bit"));
            QVERIFY(trainAndEvaluate(w));
            QVERIFY(w.saveProject(path));
            // Left by a save killed between writing weights and project: removed by the next save.
            std::ofstream(dir.filePath("lesson.weights-19990101000000000.h5").toStdString()) << "orphan";
            QVERIFY(w.saveProject(path));  // a second save replaces the weights file
            for (const auto& [name, p] : w.controller()->session()->model()->namedParameters())
                weights.push_back(p.value());
            precisions = w.modelPanel()->layers()->precisions();
        }
        QCOMPARE(QDir(dir.path()).entryList({"lesson.weights-*.h5"}).size(), 1);
        MainWindow w;
        QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
        QVERIFY(w.openProject(path));
        QVERIFY(ready.wait(kTrainTimeoutMs));
        QCOMPARE(w.runs()->rowCount(), 1);
        QVERIFY(!w.runs()->runs().front().figures.empty());
        QCOMPARE(w.modelPanel()->layers()->precisions(), precisions);
        QCOMPARE(w.trainingPanel()->settings().epochs, 1);
        std::vector<bithep::tensor::Matrix> loaded;
        for (const auto& [name, p] : w.controller()->session()->model()->namedParameters())
            loaded.push_back(p.value());
        QVERIFY(loaded == weights);
        QCOMPARE(w.controller()->datasetSummary().samples, std::size_t(120));
        // A corrupt project is an error that leaves the open one alone.
        const QString bad = dir.filePath("bad.bithep.json");
        std::ofstream(bad.toStdString()) << "{\"format\": \"bithep-project-1\", \"task\":";
        QSignalSpy failed(w.controller(), &bithep::app::SessionController::failed);
        QVERIFY(!w.openProject(bad));
        QCOMPARE(w.runs()->rowCount(), 1);
    }

    // Every sample project must keep opening as the code evolves (regenerate with --batch tour
    // if not, see samples/README.md).
    void sampleProjectOpens_data() {
        QTest::addColumn<QString>("task");
        QTest::addColumn<int>("samples");
        QTest::addRow("qg") << "qg" << 3000;
        QTest::addRow("smeft") << "smeft" << 3000;
        QTest::addRow("calo") << "calo" << 2000;
        QTest::addRow("joi") << "joi" << 3000;
    }
    void sampleProjectOpens() {
        QFETCH(QString, task);
        QFETCH(int, samples);
        MainWindow w;
        QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
        QVERIFY(w.openProject(QStringLiteral(BITHEP_SOURCE_DIR "/samples/") + task + "/tour.bithep.json"));
        QVERIFY(ready.wait(kTrainTimeoutMs));
        QCOMPARE(w.controller()->taskId(), task);
        QCOMPARE(w.runs()->rowCount(), 2);
        QCOMPARE(w.controller()->datasetSummary().samples, std::size_t(samples));
        QVERIFY(!w.resultsView()->figureTabs()->tabText(0).isEmpty());
    }

    // `bithep-explorer FILE` opens FILE once the window is up.
    void projectNamedOnTheCommandLineOpens() {
        MainWindow w;
        QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
        bithep::app::openProjectOnStart(w, QStringLiteral(BITHEP_SOURCE_DIR "/samples/smeft/tour.bithep.json"));
        QVERIFY(ready.wait(kTrainTimeoutMs));
        QCOMPARE(w.controller()->taskId(), QString("smeft"));
        QVERIFY(w.projectPath().endsWith("tour.bithep.json"));
    }

    // Hostile lesson files are errors naming the lesson and the field, never wrapped numbers.
    void hostileLessonsAreRefused_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        const QByteArray head = R"({"id":"x","title":"t","task":"qg","summary":"s","steps":[{"title":"a","text":"b",)";
        QTest::newRow("samples -1") << head + R"("dataset":{"samples":-1,"seed":1},"action":"train"}]})"
                                    << "'samples' must be an integer";
        QTest::newRow("epochs 2^32+5")
            << head + R"("training":{"epochs":4294967301,"batch_size":8,"learning_rate":0.001,"weight_decay":0,"schedule":"cosine","seed":1},"action":"train"}]})"
            << "'epochs' must be an integer";
        QTest::newRow("1e400") << head + R"("controls":{"luminosity":1e400},"action":"train"}]})" << "not valid JSON";
        QTest::newRow("deep") << QByteArray(100000, '[') + QByteArray(100000, ']') << "nested deeper than 64";
    }
    void hostileLessonsAreRefused() {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        try {
            bithep::app::parseLesson(json, "hostile.json");
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("lesson hostile.json") && QString(e.what()).contains(mentions), e.what());
        }
    }

    void lessonsParseAndReferToRealTasksModelsAndPlans() {
        const auto lessons = bithep::app::builtinLessons();
        QVERIFY(lessons.size() >= 2);
        for (const auto& lesson : lessons) {
            const auto* task = bithep::tasks::builtinTasks().find(lesson.task.toStdString());
            QVERIFY2(task && task->newSession, qPrintable(lesson.id));
            const auto session = task->newSession();
            const auto models = session->modelNames();
            auto plans = session->planNames();
            for (const auto& step : lesson.steps) {
                QVERIFY(!step.text.isEmpty());
                if (!step.model.isEmpty()) {
                    QVERIFY2(std::count(models.begin(), models.end(), step.model.toStdString()),
                             qPrintable(step.model));
                    // Later steps' plans are those of the model this step builds.
                    session->buildModel(step.model.toStdString(), 1);
                    plans = session->planNames();
                }
                if (!step.plan.isEmpty())
                    QVERIFY2(std::count(plans.begin(), plans.end(), step.plan.toStdString()),
                             qPrintable(step.plan));
                const auto controls = session->resultControls();
                for (const auto& [id, value] : step.controls) {
                    const auto c = std::find_if(controls.begin(), controls.end(),
                                                [&](const auto& rc) { return rc.id == id.toStdString(); });
                    QVERIFY2(c != controls.end() && c->kind == bithep::tasks::ResultControl::Kind::Slider,
                             qPrintable(id));
                    QVERIFY2(value >= c->minimum && value <= c->maximum, qPrintable(id));
                }
            }
        }
        try {
            bithep::app::parseLesson(R"({"id": "x", "title": "t", "task": "qg", "summary": "s",
                                         "steps": [{"title": "a", "text": "b", "action": "dance"}]})",
                                     "broken.json");
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            QVERIFY2(
                what.find("broken.json") != std::string::npos && what.find("step 1") != std::string::npos,
                e.what());
        }
        try {
            bithep::app::parseLesson(R"({"id": "x", "title": "t", "task": "qg", "summary": "s",
                                         "steps": [{"title": "a", "text": "b", "action": "compare",
                                                    "controls": {"luminosity": "high"}}]})",
                                     "controls.json");
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("luminosity") != std::string::npos, e.what());
        }
    }

    void lessonStepSetsThePlanTrainsAndCompares() {
        MainWindow w;
        QVERIFY(readyWithData(w, 120));
        quickSettings(w, 1);
        QSignalSpy evaluated(w.controller(), &bithep::app::SessionController::evaluationReady);
        w.runLessonStep(0, 2);  // "Everything ternary": same data, current settings
        QVERIFY(evaluated.wait(kTrainTimeoutMs));
        QCOMPARE(w.runs()->runs().back().precisions, QString("all-linear-ternary"));
        w.runLessonStep(0, 1);
        QVERIFY(evaluated.wait(kTrainTimeoutMs));
        QCOMPARE(w.runs()->shownRuns().size(), std::size_t(1));
        w.runLessonStep(0, 3);  // compare: every run ticked, results in front
        QCOMPARE(w.runs()->shownRuns().size(), std::size_t(2));
        QCOMPARE(w.viewTabs()->currentWidget(), static_cast<QWidget*>(w.resultsView()));
    }

    void presentationModeHidesExpertControls() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* batch = w.findChild<QWidget*>("batchSize");
        QVERIFY(batch && batch->isVisible());
        const double size = QApplication::font().pointSizeF();
        w.setPresentationMode(true);
        QVERIFY(!batch->isVisible());
        QVERIFY(QApplication::font().pointSizeF() > size);
        w.setPresentationMode(false);
        QVERIFY(batch->isVisible());
        QCOMPARE(QApplication::font().pointSizeF(), size);
    }

    void corruptDatasetShowsAnErrorAndKeepsTheData() {
        MainWindow w;
        QVERIFY(readyWithData(w, 90));
        QTemporaryDir dir;
        const QString bad = dir.filePath("broken.h5");
        std::ofstream(bad.toStdString()) << "definitely not HDF5";
        QSignalSpy failed(w.controller(), &bithep::app::SessionController::failed);
        w.datasetPanel()->openFile(bad);
        QVERIFY(failed.wait(kTrainTimeoutMs));
        QVERIFY2(failed.first().at(0).toString().contains("broken.h5"),
                 qPrintable(failed.first().at(0).toString()));
        QVERIFY(w.controller()->session()->hasDataset());
        QCOMPARE(w.controller()->datasetSummary().samples, std::size_t(90));
    }
};

QTEST_MAIN(TstExplorer)
#include "tst_explorer.moc"
