#pragma once
// The task's result plots (ROC, score histograms, calibration, ... as the task describes them),
// one tab each, redrawn from the ticked runs of the run list (overlaid when several are ticked),
// above the run list itself; the task's result controls (a luminosity slider, "sample again")
// sit above the plots.
#include <QJsonObject>
#include <QWidget>

#include "core/tasks/figure_data.h"

class QTabWidget;
class QTableView;

namespace bithep::widgets {
class RunsTableModel;
}

namespace bithep::app {

class ResultControlsBar;

class ResultsView : public QWidget {
    Q_OBJECT
public:
    ResultsView(widgets::RunsTableModel* runs, QWidget* parent = nullptr);
    QTabWidget* figureTabs() const { return m_tabs; }
    QTableView* runTable() const { return m_table; }
    ResultControlsBar* controls() const { return m_controls; }
    int figureCount() const;

public slots:
    void redraw();

private:
    widgets::RunsTableModel* m_runs;
    QTabWidget* m_tabs;
    ResultControlsBar* m_controls;
    QTableView* m_table;
};

}  // namespace bithep::app
