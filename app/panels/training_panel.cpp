#include "app/panels/training_panel.h"

#include <cmath>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/session_controller.h"

namespace bithep::app {

namespace {
QString duration(double seconds) {
    if (seconds < 0) return QObject::tr("estimating…");
    const int s = static_cast<int>(std::lround(seconds));
    return s >= 60 ? QObject::tr("%1 min %2 s left").arg(s / 60).arg(s % 60) : QObject::tr("%1 s left").arg(s);
}
}  // namespace

TrainingPanel::TrainingPanel(SessionController* controller, QWidget* parent) : QWidget(parent), m_controller(controller) {
    setObjectName("trainingPanel");
    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName("epochs");
    m_epochs->setRange(1, 1000);
    m_batch = new QSpinBox(this);
    m_batch->setObjectName("batchSize");
    m_batch->setRange(1, 65536);
    m_lr = new QDoubleSpinBox(this);
    m_lr->setObjectName("learningRate");
    m_lr->setDecimals(5);
    m_lr->setRange(1e-5, 1.0);
    m_lr->setSingleStep(1e-4);
    m_lr->setToolTip(tr("Peak learning rate (one-cycle) or starting rate (cosine) of AdamW"));
    m_weightDecay = new QDoubleSpinBox(this);
    m_weightDecay->setObjectName("weightDecay");
    m_weightDecay->setDecimals(4);
    m_weightDecay->setRange(0, 1);
    m_schedule = new QComboBox(this);
    m_schedule->setObjectName("schedule");
    m_schedule->addItems({QStringLiteral("one-cycle"), QStringLiteral("cosine")});
    m_seed = new QSpinBox(this);
    m_seed->setObjectName("trainingSeed");
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setToolTip(tr("Train/validation split, shuffling, and the weights when training from scratch"));

    auto* form = new QFormLayout;
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Weight decay"), m_weightDecay);
    form->addRow(tr("Schedule"), m_schedule);
    m_expert = {m_batch, m_weightDecay, m_schedule, form->labelForField(m_batch), form->labelForField(m_weightDecay),
                form->labelForField(m_schedule)};

    auto button = [this](const QString& text, const char* name, const QString& tip) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setToolTip(tip);
        return b;
    };
    m_scratch = button(tr("Train from &scratch"), "trainScratchButton", tr("New weights from the seed, current precisions"));
    m_retrain = button(tr("&Retrain"), "retrainButton",
                       tr("Continue from the current weights: quantization-aware fine-tuning after a precision change"));
    m_pause = button(tr("&Pause"), "pauseButton", tr("Pause or resume after the current mini-batch"));
    m_pause->setCheckable(true);
    m_step = button(tr("One &epoch"), "stepEpochButton", tr("Train one epoch from the current weights"));
    m_stop = button(tr("S&top"), "stopButton", tr("Stop now and keep the best weights seen"));
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_scratch, 0, 0);
    buttons->addWidget(m_retrain, 0, 1);
    buttons->addWidget(m_step, 1, 0);
    buttons->addWidget(m_pause, 1, 1);
    buttons->addWidget(m_stop, 2, 0, 1, 2);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName("trainingProgress");
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_status = new QLabel(tr("Idle"), this);
    m_status->setObjectName("trainingStatus");
    m_status->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch();

    connect(m_scratch, &QPushButton::clicked, this, &TrainingPanel::trainFromScratch);
    connect(m_retrain, &QPushButton::clicked, this, &TrainingPanel::retrain);
    connect(m_step, &QPushButton::clicked, this, &TrainingPanel::stepEpoch);
    connect(m_pause, &QPushButton::toggled, controller, &SessionController::setPaused);
    connect(m_stop, &QPushButton::clicked, controller, &SessionController::stop);
    connect(controller, &SessionController::trainingProgress, this, &TrainingPanel::showProgress);
    connect(controller, &SessionController::busyChanged, this, &TrainingPanel::updateEnabled);
    connect(controller, &SessionController::modelReady, this, &TrainingPanel::updateEnabled);
    connect(controller, &SessionController::datasetReady, this, &TrainingPanel::updateEnabled);
    connect(controller, &SessionController::trainingFinished, this, [this](bool ok, bool cancelled, const QString& error) {
        m_progress->setValue(ok && !cancelled ? m_progress->maximum() : m_progress->value());
        m_status->setText(!ok ? tr("Stopped: %1 (the best weights are kept)").arg(error)
                          : cancelled ? tr("Stopped by you; the best weights so far are kept")
                                      : tr("Done"));
    });
    setDefaults({});
    updateEnabled();
}

void TrainingPanel::setDefaults(const train::TrainSettings& s) { setSettings(s); }

void TrainingPanel::setSettings(const train::TrainSettings& s) {
    m_shown = s;
    m_epochs->setValue(s.epochs);
    m_batch->setValue(static_cast<int>(s.batchSize));
    m_lr->setValue(s.learningRate);
    m_weightDecay->setValue(s.weightDecay);
    m_schedule->setCurrentText(QString::fromStdString(s.schedule));
    m_seed->setValue(static_cast<int>(s.seed));
}

train::TrainSettings TrainingPanel::settings() const {
    train::TrainSettings s = m_shown;
    s.epochs = m_epochs->value();
    s.batchSize = m_batch->value();
    s.learningRate = static_cast<float>(m_lr->value());
    s.weightDecay = static_cast<float>(m_weightDecay->value());
    s.schedule = m_schedule->currentText().toStdString();
    s.seed = static_cast<std::uint64_t>(m_seed->value());
    return s;
}

void TrainingPanel::setExpertControlsVisible(bool visible) {
    for (QWidget* w : m_expert)
        if (w) w->setVisible(visible);
}

void TrainingPanel::trainFromScratch() { m_controller->train(settings(), true); }
void TrainingPanel::retrain() { m_controller->train(settings(), false); }

void TrainingPanel::stepEpoch() {
    auto s = settings();
    s.epochs = 1;
    m_controller->train(s, false);
}

void TrainingPanel::showProgress(const TrainingProgress& p) {
    m_progress->setValue(static_cast<int>(p.fraction * m_progress->maximum()));
    m_status->setText(tr("Epoch %1/%2 · step %3 · loss %4 · %5")
                          .arg(p.epoch + 1)
                          .arg(p.epochs)
                          .arg(p.step + 1)
                          .arg(double(p.loss), 0, 'f', 4)
                          .arg(duration(p.secondsLeft)));
}

void TrainingPanel::updateEnabled() {
    auto* s = m_controller->session();
    const bool idle = s && !m_controller->busy();
    const bool ready = idle && s->hasDataset();
    m_scratch->setEnabled(ready);
    m_retrain->setEnabled(ready && s->model());
    m_step->setEnabled(ready && s->model());
    m_pause->setEnabled(m_controller->training());
    m_stop->setEnabled(m_controller->busy());
    if (!m_controller->training() && m_pause->isChecked()) {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(false);
    }
    if (m_controller->training()) {
        m_progress->setValue(0);
        m_status->setText(tr("Starting…"));
    }
}

}  // namespace bithep::app
