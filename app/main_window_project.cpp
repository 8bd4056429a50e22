// MainWindow, continued: saving and opening projects. A project is the task, how its dataset
// was made, the network, precisions, training settings, the runs with their figures, and the
// trained weights in a checkpoint beside it (core/tasks/project_state.h).
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QUndoStack>
#include <set>

#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/model_panel.h"
#include "app/panels/training_panel.h"
#include "app/session_controller.h"
#include "app/views/result_controls_bar.h"
#include "app/views/results_view.h"
#include "core/io/checkpoint.h"
#include "core/tasks/project_state.h"
#include "widgets/model/layer_tree_model.h"
#include "widgets/model/runs_table_model.h"

namespace bithep::app {

namespace {

// Weights files of this project's name that no project in the folder refers to: left by a save
// that was killed between writing the weights and replacing the project file.
void removeOrphanedWeights(const QFileInfo& project, const std::string& current) {
    const QDir dir = project.dir();
    const QString stem = project.fileName().section(QLatin1Char('.'), 0, 0);
    const QStringList candidates = dir.entryList({stem + QStringLiteral(".weights-*.h5")}, QDir::Files);
    if (candidates.isEmpty()) return;
    std::set<std::string> referenced{current};
    for (const QString& json : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        try {
            referenced.insert(tasks::ProjectState::read(dir.filePath(json).toStdString()).weightsFile);
        } catch (const std::exception&) {
            // Not a project (or unreadable): it refers to nothing we could delete by mistake.
        }
    }
    for (const QString& file : candidates)
        if (!referenced.count(file.toStdString())) QFile::remove(dir.filePath(file));
}

}  // namespace

namespace {
constexpr int kMaxRecent = 8;
const char* kFilter = QT_TRANSLATE_NOOP("MainWindow", "BitHEP projects (*.bithep.json);;JSON (*.json)");
}  // namespace

bool MainWindow::saveProject(const QString& chosen) {
    auto* s = m_controller->session();
    if (!s || m_controller->busy()) {
        showError(tr("Wait for the running job to finish before saving."));
        return false;
    }
    QString path = chosen.isEmpty() ? m_projectPath : chosen;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save project"), QStringLiteral("project.bithep.json"), tr(kFilter));
    if (path.isEmpty()) return false;
    tasks::ProjectState p;
    p.task = m_controller->taskId().toStdString();
    p.datasetFromFile = m_controller->datasetFromFile();
    p.datasetFile =
        QDir(QFileInfo(path).absolutePath()).relativeFilePath(m_controller->datasetFile()).toStdString();
    p.dataset = s->hasDataset()
                    ? m_controller->datasetSettings()
                    : tasks::DatasetSettings{std::size_t(m_datasetPanel->samples()), m_datasetPanel->seed(),
                                             m_datasetPanel->particleIds()};
    p.model = m_modelPanel->modelName().toStdString();
    p.modelSeed = m_modelPanel->seed();
    p.plan = nlohmann::json::parse(s->precisions().toPlan("project").toJson());
    p.training = m_trainingPanel->settings();
    p.runs = m_runs->toJson();
    for (const auto& c : s->resultControls())
        if (c.kind == tasks::ResultControl::Kind::Slider) p.controls[c.id] = c.value;
    const QFileInfo info(path);
    const QString previousWeights = [&] {
        try {
            return QString::fromStdString(tasks::ProjectState::read(path.toStdString()).weightsFile);
        } catch (const std::exception&) {
            return QString();
        }
    }();
    try {
        if (auto* model = s->model()) {
            // Fresh name per save: the old project keeps pointing at intact weights until the
            // new JSON has replaced it.
            const QString stem = info.fileName().section(QLatin1Char('.'), 0, 0);
            p.weightsFile = QStringLiteral("%1.weights-%2.h5")
                                .arg(stem, QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmsszzz")))
                                .toStdString();
            io::saveCheckpoint(info.dir().filePath(QString::fromStdString(p.weightsFile)).toStdString(),
                               *model, s->modelConfigJson());
        }
        p.write(path.toStdString());
    } catch (const std::exception& e) {
        showError(tr("Saving the project: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    if (!previousWeights.isEmpty() && previousWeights.toStdString() != p.weightsFile)
        QFile::remove(info.dir().filePath(previousWeights));
    removeOrphanedWeights(info, p.weightsFile);
    m_projectPath = path;
    addRecentProject(path);
    setWindowTitle(tr("%1 — BitHEP Explorer").arg(info.fileName()));
    logMessage(tr("Saved project %1").arg(path));
    return true;
}

bool MainWindow::openProject(const QString& chosen) {
    if (m_controller->busy()) {
        showError(tr("Wait for the running job to finish before opening a project."));
        return false;
    }
    QString path = chosen;
    if (path.isEmpty()) path = QFileDialog::getOpenFileName(this, tr("Open project"), {}, tr(kFilter));
    if (path.isEmpty()) return false;
    auto p = std::make_unique<tasks::ProjectState>();
    try {
        *p = tasks::ProjectState::read(path.toStdString());
    } catch (const std::exception& e) {
        showError(tr("Opening the project: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    const QString task = QString::fromStdString(p->task);
    if (!selectTask(task, true)) {
        showError(tr("The project's task '%1' is not available in this build.").arg(task));
        return false;
    }
    m_projectPath = path;
    const QDir dir = QFileInfo(path).absoluteDir();
    m_pendingProject = std::move(p);
    if (m_pendingProject->datasetFromFile) {
        m_datasetPanel->openFile(dir.absoluteFilePath(QString::fromStdString(m_pendingProject->datasetFile)));
    } else {
        m_datasetPanel->setSettings(static_cast<int>(m_pendingProject->dataset.samples),
                                    m_pendingProject->dataset.seed, m_pendingProject->dataset.particleIds);
        m_datasetPanel->generate();
    }
    addRecentProject(path);
    setWindowTitle(tr("%1 — BitHEP Explorer").arg(QFileInfo(path).fileName()));
    return true;
}

// Runs once the project's dataset is there: network, weights or precisions, settings, runs.
void MainWindow::finishOpeningProject() {
    const auto p = std::move(m_pendingProject);
    const QDir dir = QFileInfo(m_projectPath).absoluteDir();
    m_modelPanel->setModelName(QString::fromStdString(p->model));
    m_controller->buildModel(QString::fromStdString(p->model), p->modelSeed);
    if (!p->weightsFile.empty()) {
        m_controller->loadWeights(dir.filePath(QString::fromStdString(p->weightsFile)));
    } else if (!p->plan.empty()) {
        try {
            m_modelPanel->layers()->applyPlan(quant::QuantPlan::fromJson(p->plan.dump()));
        } catch (const std::exception& e) {
            showError(tr("The project's precisions: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    m_trainingPanel->setSettings(p->training);
    try {
        m_runs->fromJson(p->runs);
        // The saved figures were drawn with these slider values: restore them, no redraw needed.
        for (const auto& [id, value] : p->controls) m_controller->session()->setControl(id, value);
    } catch (const std::exception& e) {
        showError(tr("The project's runs: %1").arg(QString::fromUtf8(e.what())));
    }
    m_resultsView->controls()->setControls(m_controller->session()->resultControls());
    m_undo->clear();
    updateCost();
    logMessage(tr("Opened project %1").arg(m_projectPath));
}

void MainWindow::addRecentProject(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value("recentProjects").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue("recentProjects", recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("recentProjects").toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openProject(path); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

}  // namespace bithep::app
