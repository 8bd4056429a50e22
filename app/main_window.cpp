#include "app/main_window.h"

#include <utility>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDirIterator>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

#include "app/about_dialog.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/lesson_panel.h"
#include "app/panels/model_panel.h"
#include "app/panels/training_panel.h"
#include "app/sample_directory.h"
#include "app/session_controller.h"
#include "app/views/cost_view.h"
#include "app/views/generator_validation_view.h"
#include "app/views/result_controls_bar.h"
#include "app/views/results_view.h"
#include "app/views/training_view.h"
#include "core/platform/cpu_features.h"
#include "core/tasks/project_state.h"
#include "core/tasks/task_registry.h"
#include "widgets/model/layer_tree_model.h"
#include "widgets/model/runs_table_model.h"

namespace bithep::app {

namespace {
constexpr int kLayoutVersion = 2;  // bump when docks change so old saved states are ignored

QWidget* makeWelcomePage() {
    auto* label = new QLabel(QObject::tr(
        "<h2>Welcome to BitHEP Explorer</h2>"
        "<p>Press <b>Run → Quick start</b> (Ctrl+R): the explorer generates quark and gluon jets, trains a "
        "small dual-attention transformer and draws its ROC curve, in a few minutes on a laptop.</p>"
        "<p>Then flip layers between full precision and ternary weights in the <b>Model</b> dock (a whole "
        "block at once by editing its row, Ctrl+Z to undo), press <b>Retrain</b>, and compare the runs: "
        "tick them in the run list to overlay their ROC curves. The <b>Cost</b> view shows what each "
        "choice saves in memory, operations and energy.</p>"
        "<p>Every figure can be exported with <b>Export → Current figure</b> (Ctrl+Shift+E), together with "
        "the data behind it and the seed and settings that made it.</p>"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setMargin(24);
    label->setObjectName("welcomePage");
    return label;
}

QDockWidget* makeDock(const QString& title, const char* name, QWidget* content, QMainWindow* window) {
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(name);
    dock->setWidget(content);
    return dock;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName("mainWindow");
    setWindowTitle(tr("BitHEP Explorer"));
    m_controller = new SessionController(this);
    m_undo = new QUndoStack(this);
    m_runs = new widgets::RunsTableModel(this);
    createViews();
    createDocks();
    createMenus();
    connectController();
    statusBar()->showMessage(tr("CPU: %1").arg(QString::fromStdString(platform::cpuFeatures().summary())));
    resize(1400, 860);
    // First start: room for the layer tree's precision columns, a short message log.
    resizeDocks({findChild<QDockWidget*>(QStringLiteral("modelDock"))}, {600}, Qt::Horizontal);
    resizeDocks({findChild<QDockWidget*>(QStringLiteral("messagesDock"))}, {110}, Qt::Vertical);
    restoreLayout();
    m_baseFontSize = QApplication::font().pointSizeF();
    for (const auto& id : tasks::builtinTasks().ids()) {
        if (tasks::builtinTasks().find(id)->newSession && selectTask(QString::fromStdString(id))) break;
    }
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createViews() {
    m_views = new QTabWidget(this);
    m_views->setObjectName("viewTabs");
    m_views->setDocumentMode(true);
    m_views->addTab(makeWelcomePage(), tr("Welcome"));
    m_trainingView = new TrainingView(this);
    m_views->addTab(m_trainingView, tr("Training"));
    m_resultsView = new ResultsView(m_runs, this);
    m_views->addTab(m_resultsView, tr("Results"));
    m_costView = new CostView(this);
    m_views->addTab(m_costView, tr("Cost"));
    setCentralWidget(m_views);
    connect(m_views, &QTabWidget::currentChanged, this, [this] { updateActions(); });
    connect(m_resultsView->figureTabs(), &QTabWidget::currentChanged, this, [this] { updateActions(); });
    connect(m_resultsView->controls(), &ResultControlsBar::sliderChanged, this,
            &MainWindow::applyResultSlider);
    connect(m_resultsView->controls(), &ResultControlsBar::buttonPressed, this,
            &MainWindow::pressResultButton);
}

void MainWindow::createDocks() {
    m_tasks = new QListWidget(this);
    m_tasks->setObjectName("taskList");
    m_tasks->setAccessibleName(tr("Physics tasks"));
    const auto& registry = tasks::builtinTasks();
    for (const auto& id : registry.ids()) {
        const auto* task = registry.find(id);
        auto* item = new QListWidgetItem(QString::fromStdString(task->title), m_tasks);
        item->setData(Qt::UserRole, QString::fromStdString(id));
        item->setToolTip(QString::fromStdString(task->summary));
        if (!task->newSession) {
            // Shown so users know it exists; its interactive view is not built yet.
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setToolTip(tr("%1\n\nNot interactive yet: run it with bithep-explorer --batch %2 --out DIR")
                                 .arg(QString::fromStdString(task->summary), QString::fromStdString(id)));
        }
    }
    if (registry.empty()) new QListWidgetItem(tr("No physics tasks in this build"), m_tasks);
    connect(m_tasks, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { selectTask(item->data(Qt::UserRole).toString()); });
    addDockWidget(Qt::LeftDockWidgetArea, makeDock(tr("Tasks"), "tasksDock", m_tasks, this));

    m_datasetPanel = new DatasetPanel(m_controller, this);
    addDockWidget(Qt::LeftDockWidgetArea, makeDock(tr("Dataset"), "datasetDock", m_datasetPanel, this));
    m_trainingPanel = new TrainingPanel(m_controller, this);
    addDockWidget(Qt::LeftDockWidgetArea, makeDock(tr("Training"), "trainingDock", m_trainingPanel, this));
    m_modelPanel = new ModelPanel(m_controller, m_undo, this);
    QDockWidget* modelDock = makeDock(tr("Model and precision"), "modelDock", m_modelPanel, this);
    addDockWidget(Qt::RightDockWidgetArea, modelDock);
    m_lessonPanel = new LessonPanel(this);
    QDockWidget* lessonDock = makeDock(tr("Lessons"), "lessonDock", m_lessonPanel, this);
    addDockWidget(Qt::RightDockWidgetArea, lessonDock);
    tabifyDockWidget(modelDock, lessonDock);
    modelDock->raise();
    connect(m_lessonPanel, &LessonPanel::stepRequested, this, &MainWindow::runLessonStep);

    m_messages = new QPlainTextEdit(this);
    m_messages->setObjectName("messages");
    m_messages->setReadOnly(true);
    m_messages->setAccessibleName(tr("Messages"));
    addDockWidget(Qt::BottomDockWidgetArea, makeDock(tr("Messages"), "messagesDock", m_messages, this));

    connect(m_modelPanel->layers(), &widgets::LayerTreeModel::precisionsChanged, this, [this] {
        m_runOfCurrentModel = -1;  // the weights no longer give that run's results
        updateCost();
    });
    connect(m_modelPanel, &ModelPanel::modelChosen, this, [this](const QString& name) {
        auto* s = m_controller->session();
        if (!s || name.isEmpty()) return;  // the network list is refilled when the task changes
        try {
            m_trainingPanel->setDefaults(s->defaultTraining(name.toStdString()));
        } catch (const std::exception& e) {  // never through the event loop
            showError(QString::fromUtf8(e.what()));
        }
    });
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName("fileMenu");
    file->addAction(tr("&Open project…"), QKeySequence::Open, this, [this] { openProject(); });
    m_recentMenu = file->addMenu(tr("Open &recent"));
    m_recentMenu->setObjectName("recentMenu");
    updateRecentMenu();
    QMenu* samples = file->addMenu(tr("Open sa&mple"));
    samples->setObjectName("samplesMenu");
    if (const QString sampleDir = sampleDirectory(); !sampleDir.isEmpty()) {
        QDirIterator it(sampleDir, {QStringLiteral("*.bithep.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            samples->addAction(QDir(sampleDir).relativeFilePath(path), this, [this, path] { openProject(path); });
        }
    }
    samples->setEnabled(!samples->isEmpty());
    file->addAction(tr("&Save project"), QKeySequence::Save, this, [this] { saveProject(); });
    file->addAction(tr("Save project &as…"), QKeySequence::SaveAs, this, [this] {
        const QString path = m_projectPath;
        m_projectPath.clear();
        if (!saveProject()) m_projectPath = path;
    });
    file->addSeparator();
    file->addAction(tr("Open &dataset…"), m_datasetPanel, [this] { m_datasetPanel->openFile(); });
    file->addAction(tr("Save dataset &as…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save dataset"), QStringLiteral("dataset.h5"), tr("HDF5 (*.h5)"));
        if (!path.isEmpty()) m_controller->saveDataset(path);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName("editMenu");
    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    edit->addActions({undo, redo});

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName("viewMenu");
    for (QDockWidget* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());
    view->addSeparator();
    QAction* presentation = view->addAction(tr("&Presentation mode"));
    presentation->setObjectName("presentationAction");
    presentation->setCheckable(true);
    presentation->setShortcut(QKeySequence(Qt::Key_F11));
    presentation->setToolTip(tr("Larger fonts and only the essential controls, for teaching"));
    connect(presentation, &QAction::toggled, this, &MainWindow::setPresentationMode);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->setObjectName("runMenu");
    run->setToolTipsVisible(true);
    m_quickStart =
        run->addAction(tr("&Quick start"), QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::quickStart);
    m_quickStart->setObjectName("quickStartAction");
    m_quickStart->setToolTip(
        tr("Generate a dataset if there is none, train from scratch and show the results"));
    run->addAction(tr("&Retrain from current weights"), m_trainingPanel, &TrainingPanel::retrain);
    run->addAction(tr("S&top"), QKeySequence(Qt::Key_Escape), m_controller, &SessionController::stop);
    run->addSeparator();
    QAction* validation = run->addAction(tr("Quark/gluon &generator vs data…"), this, [this] { showGeneratorValidation(); });
    validation->setObjectName("generatorValidationAction");
    validation->setToolTip(tr("Compare the built-in jets with real ones (e.g. the Pythia sample): histograms, "
                              "separation powers and single-observable AUCs per class"));

    QMenu* exportMenu = menuBar()->addMenu(tr("&Export"));
    exportMenu->setObjectName("exportMenu");
    m_exportFigure =
        exportMenu->addAction(tr("Current &figure…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
                              [this] { exportCurrentFigure(); });
    m_exportFigure->setObjectName("exportFigureAction");
    exportMenu->addAction(tr("&Run table (CSV)…"), this, [this] { exportRunTable(); });
    m_exportWeights =
        exportMenu->addAction(tr("&Quantized weights (HDF5)…"), this, [this] { exportQuantizedWeights(); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName("helpMenu");
    help->addAction(tr("&About BitHEP Explorer"), this, &MainWindow::showAbout);
}

void MainWindow::connectController() {
    connect(m_controller, &SessionController::message, this, &MainWindow::logMessage);
    connect(m_controller, &SessionController::failed, this, &MainWindow::showError);
    connect(m_controller, &SessionController::busyChanged, this, &MainWindow::updateActions);
    connect(m_controller, &SessionController::modelReady, this, [this] {
        m_runOfCurrentModel = -1;
        updateCost();
    });
    connect(m_controller, &SessionController::datasetReady, this, [this] {
        if (m_pendingProject) return finishOpeningProject();
        if (!m_controller->session()->model()) m_modelPanel->build();
        const PendingRun pending = std::exchange(m_pendingRun, PendingRun::None);
        if (pending == PendingRun::Scratch) m_trainingPanel->trainFromScratch();
        if (pending == PendingRun::Retrain) m_trainingPanel->retrain();
    });
    connect(m_controller, &SessionController::trainingStarted, this, [this](bool fromScratch) {
        m_epochsThisCall = 0;
        m_runOfCurrentModel = -1;
        m_reevaluating = false;
        if (fromScratch)
            m_trainingView->clear();
        else
            m_trainingView->startSegment(tr("retrain: %1").arg(precisionsDescription()));
        m_views->setCurrentWidget(m_trainingView);
    });
    connect(m_controller, &SessionController::epochFinished, this,
            [this](int, float train, float validation, float learningRate, bool, double metric) {
                ++m_epochsThisCall;
                m_trainingView->addEpoch(train, validation, learningRate, metric);
            });
    connect(m_controller, &SessionController::trainingFinished, this,
            [this](bool ok, bool, const QString& error) {
                if (!ok) showError(tr("Training stopped: %1").arg(error));
                updateCost();  // zero fractions of ternary layers changed
                if (m_controller->lastTraining().bestEpoch >= 0) m_controller->evaluate();
            });
    connect(m_controller, &SessionController::evaluationReady, this, &MainWindow::recordRun);
}

bool MainWindow::selectTask(const QString& id, bool fresh) {
    if (!fresh && m_controller->session() && m_controller->taskId() == id) return true;
    if (!m_controller->setTask(id)) return false;
    for (int i = 0; i < m_tasks->count(); ++i)
        if (m_tasks->item(i)->data(Qt::UserRole).toString() == id) m_tasks->setCurrentRow(i);
    m_undo->clear();
    m_runs->clear();
    m_trainingView->clear();
    m_projectPath.clear();
    m_pendingProject.reset();
    m_datasetPanel->resetForTask();
    m_modelPanel->resetForTask();
    auto* session = m_controller->session();
    m_trainingView->setMetricName(QString::fromStdString(session->epochMetricName()));
    m_resultsView->controls()->setControls(session->resultControls());
    m_runOfCurrentModel = -1;
    m_trainingPanel->setDefaults(session->defaultTraining(session->modelNames().front()));
    m_modelPanel->build();
    logMessage(
        tr("Task: %1").arg(QString::fromStdString(tasks::builtinTasks().find(id.toStdString())->title)));
    updateActions();
    return true;
}

void MainWindow::quickStart() {
    if (!m_controller->session() || m_controller->busy()) return;
    // The pending run is for the dataset being generated; set with data at hand it would start
    // an unrequested training on whatever dataset is opened next.
    if (m_controller->session()->hasDataset()) {
        m_trainingPanel->trainFromScratch();
    } else {
        m_pendingRun = PendingRun::Scratch;
        m_datasetPanel->generate();
    }
}

void MainWindow::updateActions() {
    const bool idle = m_controller->session() && !m_controller->busy();
    m_exportFigure->setEnabled(currentFigureWidget() != nullptr);
    m_exportWeights->setEnabled(idle && m_controller->session()->model());
    m_quickStart->setEnabled(idle);
    m_undo->setActive(idle);  // no precision change under a running training
    m_tasks->setEnabled(!m_controller->busy());
    m_lessonPanel->setBusy(m_controller->busy());
    m_resultsView->controls()->setEnabled(idle);
}

void MainWindow::updateCost() {
    if (m_controller->busy()) return;  // the worker owns the weights
    auto* s = m_controller->session();
    m_costView->update(s ? s->model() : nullptr, s ? s->rowsPerSample() : 1);
}

void MainWindow::logMessage(const QString& text) {
    m_messages->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + text);
    statusBar()->showMessage(text, 8000);
}

void MainWindow::showError(const QString& text) {
    m_pendingRun = PendingRun::None;
    logMessage(tr("Error: %1").arg(text));
    // Non-modal: the window stays usable and tests never block on it.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("BitHEP Explorer"), text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName("errorBox");
    box->open();
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::setPresentationMode(bool on) {
    QFont font = QApplication::font();
    font.setPointSizeF(on ? m_baseFontSize * 1.5 : m_baseFontSize);
    QApplication::setFont(font);
    m_trainingPanel->setExpertControlsVisible(!on);
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("messagesDock"))) dock->setVisible(!on);
    logMessage(on ? tr("Presentation mode: larger fonts, expert controls hidden (F11 to leave)")
                  : tr("Presentation mode off"));
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value("mainWindow/geometry").toByteArray());
    restoreState(settings.value("mainWindow/state").toByteArray(), kLayoutVersion);
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState(kLayoutVersion));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_controller->stop();  // the worker checks between mini-batches; the destructor waits
    saveLayout();
    event->accept();
}

GeneratorValidationView* MainWindow::showGeneratorValidation() {
    if (!m_validation) {
        m_validation = new GeneratorValidationView(this);
        m_validation->setWindowFlag(Qt::Window);
        m_validation->resize(1100, 800);
    }
    // The data in use when it is a file of real jets, else the Pythia sample shipped with us.
    if (m_validation->dataFile().isEmpty()) {  // a file the user chose stays
        const QString sample = sampleDirectory() + QStringLiteral("/qg_pythia/qg_pythia_calibration_1000.npz");
        // An energyflow file is real jets; a saved .h5 may be our own generated ones.
        const bool realFile = m_controller->taskId() == QStringLiteral("qg") && m_controller->datasetFromFile() &&
                              m_controller->datasetFile().endsWith(QStringLiteral(".npz"));
        m_validation->setDataFile(realFile ? m_controller->datasetFile() : QFileInfo::exists(sample) ? sample : QString());
    }
    m_validation->show();
    m_validation->raise();
    return m_validation;
}

}  // namespace bithep::app
