#pragma once
// The training dock: hyper-parameters and seed, then train from scratch, retrain from the current
// weights (quantization-aware fine-tuning after a precision change), pause / resume, one epoch at
// a time, and stop. A progress bar with the time remaining; the work runs off the UI thread.
#include <QWidget>

#include "core/tasks/task_session.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace bithep::app {

class SessionController;
struct TrainingProgress;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(SessionController* controller, QWidget* parent = nullptr);
    void setDefaults(const train::TrainSettings& settings);
    train::TrainSettings settings() const;
    void setSettings(const train::TrainSettings& settings);
    // Presentation mode hides the expert hyper-parameters (batch, weight decay, schedule).
    void setExpertControlsVisible(bool visible);

public slots:
    void trainFromScratch();
    void retrain();
    void stepEpoch();

private:
    void showProgress(const TrainingProgress& p);
    void updateEnabled();

    SessionController* m_controller;
    QSpinBox* m_epochs;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_lr;
    QDoubleSpinBox* m_weightDecay;
    QComboBox* m_schedule;
    QSpinBox* m_seed;
    // The settings the panel has no control for (validation share, clipping) come from the
    // task's defaults or the loaded project, so the window trains as the batch does.
    train::TrainSettings m_shown;
    QPushButton* m_scratch;
    QPushButton* m_retrain;
    QPushButton* m_pause;
    QPushButton* m_step;
    QPushButton* m_stop;
    QProgressBar* m_progress;
    QLabel* m_status;
    QList<QWidget*> m_expert;
};

}  // namespace bithep::app
