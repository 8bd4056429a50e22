#include "app/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
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

#include "app/about_dialog.h"
#include "core/platform/cpu_features.h"
#include "core/tasks/task_registry.h"
#include "widgets/charts/figure_exporter.h"

namespace bithep::app {

namespace {
constexpr int kLayoutVersion = 1;  // bump when docks change so old saved states are ignored

QWidget* makeWelcomePage() {
    auto* label = new QLabel(QObject::tr(
        "<h2>Welcome to BitHEP Explorer</h2>"
        "<p>Pick a physics task on the left, generate or open a dataset, and train a model. Then flip "
        "individual layers between full precision and ternary weights and watch what happens to the "
        "physics (ROC curves, likelihood scans, showers) and to the cost (memory, operations, "
        "energy, measured time).</p>"
        "<p>Every figure can be exported with <b>Export → Current figure</b> (Ctrl+Shift+E), and "
        "carries the seed and settings that made it.</p>"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setMargin(24);
    label->setObjectName("welcomePage");
    return label;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName("mainWindow");
    setWindowTitle(tr("BitHEP Explorer"));
    m_views = new QTabWidget(this);
    m_views->setObjectName("viewTabs");
    m_views->setDocumentMode(true);
    m_views->addTab(makeWelcomePage(), tr("Welcome"));
    setCentralWidget(m_views);
    createDocks();
    createMenus();
    connect(m_views, &QTabWidget::currentChanged, this, [this] { updateActions(); });
    statusBar()->showMessage(tr("CPU: %1").arg(QString::fromStdString(platform::cpuFeatures().summary())));
    resize(1280, 800);
    restoreLayout();
    updateActions();
}

void MainWindow::createDocks() {
    auto* tasksDock = new QDockWidget(tr("Tasks"), this);
    tasksDock->setObjectName("tasksDock");
    m_tasks = new QListWidget(tasksDock);
    m_tasks->setObjectName("taskList");
    m_tasks->setAccessibleName(tr("Physics tasks"));
    const auto& registry = tasks::builtinTasks();
    for (const auto& id : registry.ids()) {
        const auto* task = registry.find(id);
        auto* item = new QListWidgetItem(QString::fromStdString(task->title), m_tasks);
        item->setData(Qt::UserRole, QString::fromStdString(id));
        item->setToolTip(QString::fromStdString(task->summary));
    }
    if (registry.empty()) {
        auto* item = new QListWidgetItem(tr("No physics tasks in this build"), m_tasks);
        item->setFlags(Qt::NoItemFlags);
    }
    tasksDock->setWidget(m_tasks);
    addDockWidget(Qt::LeftDockWidgetArea, tasksDock);

    auto* messagesDock = new QDockWidget(tr("Messages"), this);
    messagesDock->setObjectName("messagesDock");
    m_messages = new QPlainTextEdit(messagesDock);
    m_messages->setObjectName("messages");
    m_messages->setReadOnly(true);
    m_messages->setAccessibleName(tr("Messages"));
    messagesDock->setWidget(m_messages);
    addDockWidget(Qt::BottomDockWidgetArea, messagesDock);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName("fileMenu");
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName("viewMenu");
    for (QDockWidget* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->setObjectName("runMenu");
    run->setToolTipsVisible(true);

    QMenu* exportMenu = menuBar()->addMenu(tr("&Export"));
    exportMenu->setObjectName("exportMenu");
    m_exportFigure = exportMenu->addAction(tr("Current &figure…"), this, &MainWindow::exportCurrentFigure);
    m_exportFigure->setObjectName("exportFigureAction");
    m_exportFigure->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName("helpMenu");
    help->addAction(tr("&About BitHEP Explorer"), this, &MainWindow::showAbout);
}

void MainWindow::updateActions() {
    // Only views that declare themselves figures can be exported; the welcome page cannot.
    QWidget* current = m_views->currentWidget();
    m_exportFigure->setEnabled(current && current->property("bithepFigure").toBool());
}

void MainWindow::logMessage(const QString& text) {
    m_messages->appendPlainText(QDateTime::currentDateTime().toString("HH:mm:ss  ") + text);
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::exportCurrentFigure() {
    QWidget* figure = m_views->currentWidget();
    if (!figure || !figure->property("bithepFigure").toBool()) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export figure"), m_views->tabText(m_views->currentIndex()) + ".png",
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    widgets::Provenance provenance;
    provenance.settings = figure->property("bithepProvenance").toJsonObject();
    widgets::FigureExporter exporter(provenance);
    if (exporter.exportWidget(figure, path)) {
        logMessage(tr("Exported %1").arg(path));
    } else {
        logMessage(exporter.errorString());
        QMessageBox::warning(this, tr("Export failed"), exporter.errorString());
    }
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
    saveLayout();
    event->accept();
}

}  // namespace bithep::app
