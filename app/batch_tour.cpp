#include "app/batch_tour.h"

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
#include "app/views/results_view.h"
#include "widgets/model/runs_table_model.h"

namespace bithep::app {

namespace {

constexpr int kTourJets = 3000;
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
    auto* tabs = window->findChild<QTabWidget*>("viewTabs");
    tabs->setCurrentWidget(view);
    QCoreApplication::processEvents();
    const bool ok = window->grab().save(file);
    if (ok) out << "  " << file << "\n";
    return ok;
}

int runTour(const BatchOptions& options, QTextStream& out, QTextStream& err) {
    const QDir dir(options.outDir);
    if (!QDir().mkpath(options.outDir)) {
        err << "tour: cannot create " << options.outDir << "\n";
        return 1;
    }
    MainWindow w;
    w.resize(1500, 920);
    w.show();
    QString error;
    w.datasetPanel()->setSettings(kTourJets, options.seed);
    auto settings = w.trainingPanel()->settings();
    settings.seed = options.seed;
    settings.epochs = 4;
    w.trainingPanel()->setSettings(settings);
    out << "Generating " << kTourJets << " jets and training fp32, then p-dat-bit (same seed)...\n";
    w.quickStart();
    if (!waitFor(w, &SessionController::evaluationReady, &error)) {
        err << "tour: " << error << "\n";
        return 1;
    }
    w.modelPanel()->applyPlan("p-dat-bit");
    w.trainingPanel()->trainFromScratch();
    if (!waitFor(w, &SessionController::evaluationReady, &error)) {
        err << "tour: " << error << "\n";
        return 1;
    }
    w.runs()->setShown(0, true);
    out << "Screenshots:\n";
    bool ok = shoot(&w, w.findChild<QWidget*>("trainingView"), dir.filePath("explorer_training.png"), out);
    ok = shoot(&w, w.resultsView(), dir.filePath("explorer_results.png"), out) && ok;
    ok = shoot(&w, w.costView(), dir.filePath("explorer_cost.png"), out) && ok;
    w.exportRunTable(dir.filePath("runs.csv"));
    w.controller()->saveDataset(dir.filePath("qg_jets.h5"));
    waitFor(w, &SessionController::busyChanged, &error);  // the job's end; failures leave no file
    if (!QFileInfo::exists(dir.filePath("qg_jets.h5"))) {
        err << "tour: the dataset was not saved: " << error << "\n";
        return 1;
    }
    ok = w.saveProject(dir.filePath("tour.bithep.json")) && ok;
    for (const auto& r : w.runs()->runs())
        out << "  run " << r.label << " " << r.precisions << ": " << r.metricName << " " << r.metric << "\n";
    return ok ? 0 : 1;
}

}  // namespace

BatchJob makeTourJob() {
    return {"tour", "drive the explorer window headlessly: train fp32 and p-dat-bit, save screenshots and the project",
            runTour};
}

}  // namespace bithep::app
