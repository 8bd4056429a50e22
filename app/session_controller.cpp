#include "app/session_controller.h"

#include <chrono>

#include <QtConcurrent/QtConcurrentRun>

#include "core/io/checkpoint.h"
#include "core/tasks/task_registry.h"
#include "core/train/thread_control.h"

namespace bithep::app {

namespace {
constexpr qint64 kReportIntervalMs = 100;  // at most ~10 UI updates per second
}

SessionController::SessionController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<bithep::app::TrainingProgress>();
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, [this] {
        const QString error = m_jobError;
        auto done = std::move(m_onDone);
        m_onDone = nullptr;
        m_busy = false;
        m_training = false;
        m_paused = false;
        emit busyChanged(false);
        if (!error.isEmpty()) {
            emit failed(error);
            return;
        }
        if (done) done();
    });
}

SessionController::~SessionController() {
    stop();
    m_watcher.waitForFinished();
}

bool SessionController::setTask(const QString& id) {
    if (m_busy) {
        emit message(tr("Wait for the running job to finish (or stop it) before switching tasks."));
        return false;
    }
    const auto* task = tasks::builtinTasks().find(id.toStdString());
    if (!task || !task->newSession) {
        emit message(
            tr("The task '%1' cannot be explored interactively in this build yet; use its batch job.")
                .arg(id));
        return false;
    }
    m_session = task->newSession();
    m_taskId = id;
    m_dataset = {};
    m_evaluation = {};
    m_result = {};
    return true;
}

std::vector<quant::LayerQuantStats> SessionController::lastLayerStats() const {
    std::lock_guard lock(m_statsMutex);
    return m_layerStats;
}

bool SessionController::startJob(const QString& what, std::function<void()> job, std::function<void()> done) {
    if (!m_session) {
        emit failed(tr("Choose a task first."));
        return false;
    }
    if (m_busy) {
        emit message(tr("Busy: %1 has to wait until the running job finishes.").arg(what));
        return false;
    }
    m_busy = true;
    m_stop = false;
    m_jobError.clear();
    m_onDone = std::move(done);
    emit busyChanged(true);
    emit message(what);
    m_watcher.setFuture(QtConcurrent::run([this, what, job = std::move(job)] {
        try {
            job();
        } catch (const std::exception& e) {
            m_jobError = what + QStringLiteral(": ") + QString::fromUtf8(e.what());
        } catch (...) {
            m_jobError = what + tr(": unknown error");
        }
    }));
    return true;
}

void SessionController::generateDataset(const tasks::DatasetSettings& settings) {
    auto summary = std::make_shared<tasks::DatasetSummary>();
    tasks::BatchProgress progress;
    progress.log = [this](const std::string& line) { emit message(QString::fromStdString(line)); };
    progress.cancelled = [this] { return m_stop.load(); };
    startJob(
        tr("Generating %1 samples (seed %2)").arg(settings.samples).arg(settings.seed),
        [this, settings, summary, progress] { *summary = m_session->generateDataset(settings, progress); },
        [this, summary, settings] {
            m_dataset = *summary;
            m_datasetFromFile = false;
            m_datasetSettings = settings;
            emit datasetReady();
        });
}

void SessionController::openDataset(const QString& path) {
    auto summary = std::make_shared<tasks::DatasetSummary>();
    startJob(
        tr("Opening %1").arg(path),
        [this, path, summary] { *summary = m_session->openDataset(path.toStdString()); },
        [this, summary, path] {
            m_dataset = *summary;
            m_datasetFromFile = true;
            m_datasetFile = path;
            emit datasetReady();
        });
}

void SessionController::saveDataset(const QString& path) {
    startJob(
        tr("Saving the dataset to %1").arg(path),
        [this, path] { m_session->saveDataset(path.toStdString()); },
        [this, path] { emit message(tr("Dataset saved to %1").arg(path)); });
}

bool SessionController::buildModel(const QString& name, quint64 seed) {
    if (!m_session || m_busy) return false;
    try {
        m_session->buildModel(name.toStdString(), seed);
    } catch (const std::exception& e) {
        emit failed(tr("Building model %1: %2").arg(name, QString::fromUtf8(e.what())));
        return false;
    }
    emit modelReady();
    return true;
}

bool SessionController::loadWeights(const QString& path) {
    if (!m_session || !m_session->model() || m_busy) return false;
    try {
        io::loadCheckpoint(path.toStdString(), *m_session->model());
    } catch (const std::exception& e) {
        emit failed(tr("Loading weights: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    emit modelReady();
    return true;
}

bool SessionController::waitWhilePaused() {
    std::unique_lock lock(m_pauseMutex);
    m_pauseCondition.wait(lock, [this] { return !m_paused || m_stop; });
    return m_stop;
}

void SessionController::setPaused(bool paused) {
    {
        std::lock_guard lock(m_pauseMutex);
        m_paused = paused && m_training;
    }
    m_pauseCondition.notify_all();
    if (m_training) emit message(m_paused ? tr("Training paused") : tr("Training resumed"));
}

void SessionController::stop() {
    {
        std::lock_guard lock(m_pauseMutex);
        m_stop = true;
        m_paused = false;
    }
    m_pauseCondition.notify_all();
}

train::TrainCallbacks SessionController::callbacks(int epochs) {
    struct Steps {
        long last = -1;     // latest step of this call
        long perEpoch = 0;  // known after the first epoch
    };
    auto steps = std::make_shared<Steps>();
    train::TrainCallbacks cb;
    cb.cancelled = [this] { return waitWhilePaused(); };
    cb.onBatch = [this, epochs, steps](const train::BatchStats& b) {
        steps->last = b.step;
        const qint64 now = m_clock.elapsed();
        if (now - m_lastReport < kReportIntervalMs) return;
        m_lastReport = now;
        TrainingProgress p;
        p.epoch = b.epoch;
        p.epochs = epochs;
        p.step = b.step;
        p.loss = b.loss;
        p.learningRate = b.learningRate;
        if (steps->perEpoch > 0) {
            p.fraction = std::min(1.0, double(b.step + 1) / double(steps->perEpoch * epochs));
            p.secondsLeft = double(now) / 1000.0 * (1.0 - p.fraction) / p.fraction;
        } else {
            p.fraction = double(b.epoch) / epochs;
        }
        emit trainingProgress(p);
    };
    cb.onEpoch = [this, epochs, steps](const train::EpochStats& e) {
        {
            std::lock_guard lock(m_statsMutex);
            m_layerStats = e.layers;
        }
        if (steps->perEpoch == 0 && steps->last >= 0) steps->perEpoch = steps->last + 1;
        emit epochFinished(e.epoch, e.trainLoss, e.validationLoss, e.learningRate, e.best, e.metric);
        TrainingProgress p;
        p.epoch = e.epoch;
        p.epochs = epochs;
        p.step = steps->last;
        p.loss = e.trainLoss;
        p.learningRate = e.learningRate;
        p.fraction = double(e.epoch + 1) / epochs;
        p.secondsLeft = double(m_clock.elapsed()) / 1000.0 * (1.0 - p.fraction) / p.fraction;
        emit trainingProgress(p);
    };
    return cb;
}

void SessionController::train(const train::TrainSettings& settings, bool fromScratch) {
    if (!m_session || m_busy) return;
    if (!m_session->hasDataset()) {
        emit failed(tr("Generate or open a dataset before training."));
        return;
    }
    if (!m_session->model() || fromScratch) {
        // Rebuild from the seed but keep the precisions the user chose.
        const quant::PrecisionMap kept = m_session->precisions();
        const QString name = QString::fromStdString(
            m_session->modelName().empty() ? m_session->modelNames().front() : m_session->modelName());
        if (!buildModel(name, settings.seed)) return;
        m_session->setPrecisions(kept);
        emit modelReady();
    }
    m_settings = settings;
    train::setThreads(0);  // idle cores only, measured now (see thread_control.h)
    m_clock.start();
    m_lastReport = -kReportIntervalMs;
    auto result = std::make_shared<train::TrainResult>();
    auto cb = callbacks(settings.epochs);
    m_training = true;  // before busyChanged, so listeners see a training job
    const bool started = startJob(
        fromScratch ? tr("Training from scratch (seed %1)").arg(settings.seed)
                    : tr("Training from the current weights"),
        [this, settings, cb, result] { *result = m_session->train(settings, cb); },
        [this, result] {
            m_result = *result;
            emit trainingFinished(result->ok, result->cancelled, QString::fromStdString(result->error));
        });
    if (!started) {
        m_training = false;
        return;
    }
    emit trainingStarted(fromScratch);
}

void SessionController::evaluate() {
    auto evaluation = std::make_shared<tasks::SessionEvaluation>();
    tasks::BatchProgress progress;
    progress.log = [this](const std::string& line) { emit message(QString::fromStdString(line)); };
    startJob(
        tr("Evaluating"), [this, evaluation, progress] { *evaluation = m_session->evaluate(progress); },
        [this, evaluation] {
            m_evaluation = *evaluation;
            emit evaluationReady();
        });
}

}  // namespace bithep::app
