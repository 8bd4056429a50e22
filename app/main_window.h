#pragma once
// The explorer's main window: menus (File, View, Run, Export, Help), the task and message docks,
// and the view tabs that tasks fill. Geometry and dock layout persist with QSettings.
#include <QMainWindow>

class QAction;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;

namespace bithep::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Appends a line to the Messages dock (errors are also shown as a dialog by the caller).
    void logMessage(const QString& text);
    QTabWidget* viewTabs() const { return m_views; }

public slots:
    void showAbout();
    void exportCurrentFigure();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createDocks();
    void createMenus();
    void restoreLayout();
    void saveLayout() const;
    void updateActions();

    QTabWidget* m_views = nullptr;
    QListWidget* m_tasks = nullptr;
    QPlainTextEdit* m_messages = nullptr;
    QAction* m_exportFigure = nullptr;
};

}  // namespace bithep::app
