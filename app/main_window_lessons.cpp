// MainWindow, continued: doing a lesson step (resources/lessons/*.json).
#include <QTabWidget>

#include "app/lesson.h"
#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/lesson_panel.h"
#include "app/panels/model_panel.h"
#include "app/panels/training_panel.h"
#include "app/session_controller.h"
#include "app/views/result_controls_bar.h"
#include "app/views/results_view.h"
#include "widgets/model/runs_table_model.h"

namespace bithep::app {

void MainWindow::runLessonStep(int lessonIndex, int stepIndex) {
    const auto& lessons = m_lessonPanel->lessons();
    if (lessonIndex < 0 || lessonIndex >= static_cast<int>(lessons.size())) return;
    const Lesson& lesson = lessons[std::size_t(lessonIndex)];
    if (stepIndex < 0 || stepIndex >= static_cast<int>(lesson.steps.size())) return;
    const LessonStep& step = lesson.steps[std::size_t(stepIndex)];
    if (m_controller->busy()) {
        showError(tr("Wait for the running job to finish (or stop it) before the next step."));
        return;
    }
    if (m_controller->taskId() != lesson.task && !selectTask(lesson.task)) return;
    if (!step.model.isEmpty() && step.model != m_modelPanel->modelName()) {
        m_modelPanel->setModelName(step.model);
        m_modelPanel->build();
    }
    if (step.training) m_trainingPanel->setSettings(*step.training);
    if (!step.plan.isEmpty()) {
        if (!m_controller->session()->model()) m_modelPanel->build();
        if (!m_modelPanel->applyPlan(step.plan)) return;
    }
    logMessage(tr("Lesson %1, step %2: %3").arg(lesson.title).arg(stepIndex + 1).arg(step.title));
    // Sliders first: the runs so far are redrawn, and the step's own run is evaluated with them.
    for (const auto& [id, value] : step.controls)
        if (!m_resultsView->controls()->setSliderValue(id, value))
            showError(tr("Lesson step %1: this task has no slider '%2'").arg(stepIndex + 1).arg(id));
    if (step.action == LessonStep::Action::Compare) {
        for (int i = 0; i < m_runs->rowCount(); ++i) m_runs->setShown(i, true);
        viewTabs()->setCurrentWidget(m_resultsView);
        return;
    }
    const auto* session = m_controller->session();
    const bool differentData =
        step.dataset && (m_controller->datasetFromFile() ||
                         m_controller->datasetSettings().samples != step.dataset->samples ||
                         m_controller->datasetSettings().seed != step.dataset->seed);
    const bool retrain =
        step.action == LessonStep::Action::Retrain && session->hasDataset() && !differentData;
    if (!session->hasDataset() || (step.action == LessonStep::Action::Train && differentData)) {
        if (step.dataset)
            m_datasetPanel->setSettings(static_cast<int>(step.dataset->samples), step.dataset->seed);
        m_pendingRun = step.action == LessonStep::Action::Retrain ? PendingRun::Retrain : PendingRun::Scratch;
        m_datasetPanel->generate();
        return;
    }
    if (retrain)
        m_trainingPanel->retrain();
    else
        m_trainingPanel->trainFromScratch();
}

}  // namespace bithep::app
