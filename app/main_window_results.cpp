// MainWindow, continued: the task's result controls. A slider (e.g. the luminosity of a
// likelihood scan) remakes every run from the state its evaluation saved, so overlaid runs stay
// comparable; a button (e.g. "sample again") evaluates the current model once more.
#include "app/main_window.h"
#include "app/session_controller.h"
#include "app/views/results_view.h"
#include "widgets/model/runs_table_model.h"

namespace bithep::app {

void MainWindow::applyResultSlider(const QString& id, double value) {
    auto* s = m_controller->session();
    if (!s || m_controller->busy()) return;  // the bar is disabled then; a test may still call
    try {
        s->setControl(id.toStdString(), value);
        int redrawn = 0;
        for (int i = 0; i < m_runs->rowCount(); ++i) {
            const auto& run = m_runs->runs()[std::size_t(i)];
            if (run.state.is_null()) continue;  // made before the task kept state
            tasks::SessionEvaluation e = s->redraw(run.state);
            m_runs->updateResults(i, e.metric, std::move(e.metrics), std::move(e.figures),
                                  std::move(e.state));
            ++redrawn;
        }
        if (redrawn > 0) m_resultsView->redraw();
    } catch (const std::exception& e) {
        showError(tr("Could not redraw the results: %1").arg(QString::fromUtf8(e.what())));
    }
}

void MainWindow::pressResultButton(const QString& id) {
    auto* s = m_controller->session();
    if (!s || m_controller->busy()) return;
    if (!s->model() || !s->hasDataset()) {
        showError(tr("Build and train a network first."));
        return;
    }
    try {
        s->setControl(id.toStdString(), 0.0);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    m_reevaluating = true;
    m_controller->evaluate();
}

}  // namespace bithep::app
