#include "app/batch_tour.h"

#include <QSaveFile>

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QTabWidget>
#include <QTimer>

#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/model_panel.h"
#include "app/panels/training_panel.h"
#include "app/session_controller.h"
#include "app/views/cost_view.h"
#include "app/views/generator_validation_view.h"
#include "app/views/results_view.h"
#include "core/tasks/task_registry.h"
#include "widgets/model/runs_table_model.h"

namespace bithep::app {

namespace {

// The task the explorer opens on: the first (by order) with an interactive session.
QString firstTaskWithSession() {
    for (const auto& id : tasks::builtinTasks().ids())
        if (tasks::builtinTasks().find(id)->newSession) return QString::fromStdString(id);
    return {};
}

constexpr int kTimeoutMs = 30 * 60 * 1000;

// Runs the event loop until `signal` fires or a failure/timeout; false on failure.
template <class Signal>
bool waitFor(MainWindow& w, Signal signal, QString* error) {
    QEventLoop loop;
    bool ok = false;
    QObject::connect(w.controller(), signal, &loop, [&] {
        ok = true;
        loop.quit();
    });
    QObject::connect(w.controller(), &SessionController::failed, &loop, [&](const QString& text) {
        *error = text;
        loop.quit();
    });
    QTimer::singleShot(kTimeoutMs, &loop, [&] {
        *error = QObject::tr("timed out");
        loop.quit();
    });
    loop.exec();
    return ok;
}

bool shoot(QWidget* window, QWidget* view, const QString& file, QTextStream& out) {
    auto* tabs = window->findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    tabs->setCurrentWidget(view);
    QCoreApplication::processEvents();
    // QSaveFile writes beside the target and renames: a kill never leaves a truncated PNG.
    QSaveFile saved(file);
    const bool ok = saved.open(QIODevice::WriteOnly) && window->grab().save(&saved, "PNG") && saved.commit();
    if (ok) out << "  " << file << "\n";
    return ok;
}

// The task's second named plan (the first is fp32) unless --plan names one.
QString secondPlan(const tasks::TaskSession& session, const QString& requested) {
    if (!requested.isEmpty()) return requested;
    const auto names = session.planNames();
    return QString::fromStdString(names.size() > 1 ? names[1] : names.front());
}

bool trainAndWait(MainWindow& w, bool first, QString* error) {
    if (first)
        w.quickStart();
    else
        w.trainingPanel()->trainFromScratch();
    return waitFor(w, &SessionController::evaluationReady, error);
}

bool openAndWait(MainWindow& w, const QString& file, QString* error) {
    QTimer::singleShot(0, &w, [&w, file] { w.datasetPanel()->openFile(file); });
    return waitFor(w, &SessionController::datasetReady, error);
}

bool generateAndWait(MainWindow& w, QString* error) {
    QTimer::singleShot(0, &w, [&w] { w.datasetPanel()->generate(); });
    return waitFor(w, &SessionController::datasetReady, error);
}

bool evaluateAndWait(MainWindow& w, QString* error) {
    QTimer::singleShot(0, w.controller(), &SessionController::evaluate);
    return waitFor(w, &SessionController::evaluationReady, error);
}

// Quark/gluon with real=FILE: a tagger trained on generated jets carried to real ones. The
// generated jets drop their particle types when FILE has none (the dataset panel's offer);
// each plan trains on them and is then scored on every jet of FILE; the project keeps FILE.
bool carryToRealJets(MainWindow& w, const QString& realFile, const QString& plan, QString* error) {
    const int samples = w.datasetPanel()->samples();
    const quint64 seed = w.datasetPanel()->seed();
    if (!openAndWait(w, realFile, error)) return false;  // unticks PID when FILE has none
    w.datasetPanel()->setSettings(samples, seed, w.datasetPanel()->particleIds());
    for (int step = 0; step < 2; ++step) {
        if (!generateAndWait(w, error)) return false;
        if (step == 1 && !w.modelPanel()->applyPlan(plan)) {
            *error = QObject::tr("unknown plan ") + plan;
            return false;
        }
        if (!trainAndWait(w, step == 0, error) || !openAndWait(w, realFile, error) || !evaluateAndWait(w, error))
            return false;
    }
    return true;
}

// The generator-vs-data window on FILE (20 000 generated jets, seed 1), once its comparison is done.
bool shootValidation(MainWindow& w, const QString& realFile, const QString& file, QTextStream& out) {
    GeneratorValidationView* view = w.showGeneratorValidation();
    view->resize(1300, 900);
    view->setDataFile(realFile);
    QEventLoop loop;
    bool ok = false;
    QObject::connect(view, &GeneratorValidationView::finished, &loop, [&](bool done) {
        ok = done;
        loop.quit();
    });
    QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
    view->compare();
    loop.exec();
    QCoreApplication::processEvents();
    QSaveFile saved(file);
    ok = ok && saved.open(QIODevice::WriteOnly) && view->grab().save(&saved, "PNG") && saved.commit();
    if (ok) out << "  " << file << "\n";
    view->close();
    return ok;
}

int runTour(const BatchOptions& options, QTextStream& out, QTextStream& err) {
    const QDir dir(options.outDir);
    if (!QDir().mkpath(options.outDir)) {
        err << "tour: cannot create " << options.outDir << "\n";
        return 1;
    }
    const QString task = options.task.isEmpty() ? firstTaskWithSession() : options.task;
    MainWindow w;
    w.resize(1500, 920);
    w.show();
    if (!w.selectTask(task)) {
        err << "tour: task '" << task << "' has no interactive session in this build\n";
        return 2;
    }
    auto* session = w.controller()->session();
    if (!options.model.isEmpty()) {
        w.modelPanel()->setModelName(options.model);
        w.modelPanel()->build();
    }
    const QString plan = secondPlan(*session, options.plan);  // the plans of the network built
    // Positional samples=N and epochs=N shrink the tour, e.g. for the files in samples/.
    const tasks::TourSettings tour = tasks::builtinTasks().find(task.toStdString())->tour;
    int samples = static_cast<int>(tour.samples > 0 ? tour.samples : session->defaultDataset().samples);
    int epochs = 0;
    QString realFile;
    for (const QString& a : options.arguments) {
        bool number = false;
        if (a.startsWith(QStringLiteral("real=")) && tour.carriesToRealData) {
            realFile = QFileInfo(a.mid(5)).absoluteFilePath();
            continue;
        }
        if (a.startsWith(QStringLiteral("samples=")))
            samples = a.mid(8).toInt(&number);
        else if (a.startsWith(QStringLiteral("epochs=")))
            epochs = a.mid(7).toInt(&number);
        if (!number || samples < 1 || epochs < 0) {
            err << "tour: '" << a << "' is not samples=N, epochs=N with a positive N"
                << (tour.carriesToRealData ? " or real=FILE" : "") << "\n";
            return 2;
        }
    }
    w.datasetPanel()->setSettings(samples, options.seed);
    auto settings = w.trainingPanel()->settings();
    settings.seed = options.seed;
    if (tour.epochs > 0) settings.epochs = tour.epochs;
    if (epochs > 0) settings.epochs = epochs;
    w.trainingPanel()->setSettings(settings);
    out << "Task " << task << ": " << samples << " samples, training fp32, then " << plan
        << " (same seed)...\n";
    QString error;
    if (!realFile.isEmpty()) {
        out << "  each plan scored on every jet of " << realFile << "\n";
        if (!carryToRealJets(w, realFile, plan, &error)) {
            err << "tour: " << error << "\n";
            return 1;
        }
    } else if (!trainAndWait(w, true, &error) || !w.modelPanel()->applyPlan(plan) ||
               !trainAndWait(w, false, &error)) {
        err << "tour: " << (error.isEmpty() ? QStringLiteral("unknown plan ") + plan : error) << "\n";
        return 1;
    }
    w.runs()->setShown(0, true);
    const QString prefix = dir.filePath(QStringLiteral("explorer_") + task + QStringLiteral("_"));
    out << "Screenshots:\n";
    bool ok = shoot(&w, w.findChild<QWidget*>(QStringLiteral("trainingView")), prefix + QStringLiteral("training.png"), out);
    ok = shoot(&w, w.resultsView(), prefix + QStringLiteral("results.png"), out) && ok;
    ok = shoot(&w, w.costView(), prefix + QStringLiteral("cost.png"), out) && ok;
    if (!realFile.isEmpty()) ok = shootValidation(w, realFile, prefix + QStringLiteral("validation.png"), out) && ok;
    w.exportRunTable(dir.filePath(QStringLiteral("runs.csv")));
    const QString dataset = dir.filePath(task + QStringLiteral("_dataset.h5"));
    if (realFile.isEmpty()) {  // with real=FILE the project refers to FILE
        w.controller()->saveDataset(dataset);
        waitFor(w, &SessionController::busyChanged, &error);  // the job's end; failures leave no file
        if (!QFileInfo::exists(dataset)) {
            err << "tour: the dataset was not saved: " << error << "\n";
            return 1;
        }
    }
    ok = w.saveProject(dir.filePath(QStringLiteral("tour.bithep.json"))) && ok;
    for (const auto& r : w.runs()->runs())
        out << "  run " << r.label << " " << r.precisions << ": " << r.metricName << " " << r.metric << "\n";
    return ok ? 0 : 1;
}

}  // namespace

BatchJob makeTourJob() {
    return {QStringLiteral("tour"),
            QStringLiteral("drive the explorer window headlessly on --task (default: the task the explorer opens on): train fp32 and a second plan "
                           "(--plan, default the task's second), save screenshots, the dataset and the project"),
            runTour};
}

}  // namespace bithep::app
