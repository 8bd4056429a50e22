#pragma once
// The explorer's main window: the task selector, dataset, model (layer tree) and training docks,
// the Training / Results / Cost views, the run list, menus (File, Edit, View, Run, Export, Help)
// with undo/redo of every precision change, and exports that carry their seed and settings.
// Long work runs in a SessionController off the UI thread. Geometry and docks persist.
#include <memory>

#include <QMainWindow>

class QAction;
class QMenu;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QUndoStack;

namespace bithep::widgets {
class RunsTableModel;
}
namespace bithep::tasks {
struct ProjectState;
}

namespace bithep::app {

class CostView;
class GeneratorValidationView;
class DatasetPanel;
class LessonPanel;
class ModelPanel;
class ResultsView;
class SessionController;
class TrainingPanel;
class TrainingView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Appends a line to the Messages dock.
    void logMessage(const QString& text);
    QTabWidget* viewTabs() const { return m_views; }
    SessionController* controller() const { return m_controller; }
    QUndoStack* undoStack() const { return m_undo; }
    widgets::RunsTableModel* runs() const { return m_runs; }
    DatasetPanel* datasetPanel() const { return m_datasetPanel; }
    ModelPanel* modelPanel() const { return m_modelPanel; }
    TrainingPanel* trainingPanel() const { return m_trainingPanel; }
    CostView* costView() const { return m_costView; }
    ResultsView* resultsView() const { return m_resultsView; }
    // The figure widget an export would write (innermost visible tab), or null.
    QWidget* currentFigureWidget() const;

public slots:
    // fresh: a new session even when the task is already selected (opening a project).
    bool selectTask(const QString& id, bool fresh = false);
    void quickStart();  // generate (if needed), train from scratch, evaluate: a ROC in minutes
    // The quark/gluon generator-vs-data window (one per main window), on the opened data file or
    // the Pythia sample.
    GeneratorValidationView* showGeneratorValidation();
    void showAbout();
    // `chosen` empty: ask for the file with a dialog.
    void exportCurrentFigure(const QString& chosen = {});
    void exportRunTable(const QString& chosen = {});
    void exportQuantizedWeights(const QString& chosen = {});
    void setPresentationMode(bool on);
    // Project files (*.bithep.json + weights beside): false and an error message on failure.
    bool saveProject(const QString& chosen = {});
    bool openProject(const QString& chosen = {});
    QString projectPath() const { return m_projectPath; }
    // Applies a lesson step (task, data, network, plan, training) and runs its action.
    void runLessonStep(int lesson, int step);
    LessonPanel* lessonPanel() const { return m_lessonPanel; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createViews();
    void createDocks();
    void createMenus();
    void connectController();
    void restoreLayout();
    void saveLayout() const;
    void updateActions();
    void updateCost();
    void recordRun();
    // Result controls (main_window_results.cpp): a slider redraws every run from its state; a
    // button re-evaluates the current model and updates the run it made, if it is unchanged.
    void applyResultSlider(const QString& id, double value);
    void pressResultButton(const QString& id);
    void showError(const QString& text);
    QString precisionsDescription() const;
    void finishOpeningProject();
    void addRecentProject(const QString& path);
    void updateRecentMenu();

    SessionController* m_controller = nullptr;
    QUndoStack* m_undo = nullptr;
    widgets::RunsTableModel* m_runs = nullptr;
    QTabWidget* m_views = nullptr;
    TrainingView* m_trainingView = nullptr;
    ResultsView* m_resultsView = nullptr;
    CostView* m_costView = nullptr;
    GeneratorValidationView* m_validation = nullptr;
    QListWidget* m_tasks = nullptr;
    DatasetPanel* m_datasetPanel = nullptr;
    ModelPanel* m_modelPanel = nullptr;
    TrainingPanel* m_trainingPanel = nullptr;
    QPlainTextEdit* m_messages = nullptr;
    QAction* m_exportFigure = nullptr;
    QAction* m_exportWeights = nullptr;
    QAction* m_quickStart = nullptr;
    QMenu* m_recentMenu = nullptr;
    QString m_projectPath;
    std::unique_ptr<tasks::ProjectState> m_pendingProject;  // opened, waiting for its dataset
    enum class PendingRun { None, Scratch, Retrain };       // started once the dataset is ready
    PendingRun m_pendingRun = PendingRun::None;
    LessonPanel* m_lessonPanel = nullptr;
    int m_epochsThisCall = 0;
    int m_runOfCurrentModel = -1;  // the run made from the weights and precisions now in place
    bool m_reevaluating = false;   // the next evaluation updates m_runOfCurrentModel
    double m_baseFontSize = 0;
};

}  // namespace bithep::app
