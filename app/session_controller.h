#pragma once
// Runs a task session's long work (dataset generation and loading, training, evaluation) on a
// worker thread, one job at a time, and reports back to the UI through queued signals: progress
// at most ~10 times a second, epochs, errors as messages. Training can be paused, resumed, run
// one epoch at a time and stopped; a stop or a failure keeps the best weights seen (the session
// guarantees it). The session itself may be touched from the UI thread only while !busy().
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>

#include "core/tasks/task_session.h"

namespace bithep::app {

struct TrainingProgress {
    int epoch = 0;  // 0-based, of this call
    int epochs = 0;
    long step = 0;
    float loss = 0, learningRate = 0;
    double fraction = 0;      // of the whole call, 0..1
    double secondsLeft = -1;  // −1 until an estimate exists
};

class SessionController : public QObject {
    Q_OBJECT
public:
    explicit SessionController(QObject* parent = nullptr);
    ~SessionController() override;  // stops a running job and waits for it

    // Replaces the session with a new one of task `id`; false (and a message) when busy or the
    // task has no interactive session.
    bool setTask(const QString& id);
    QString taskId() const { return m_taskId; }
    tasks::TaskSession* session() const { return m_session.get(); }
    bool busy() const { return m_busy; }
    bool training() const { return m_training; }
    bool paused() const { return m_paused; }

    void generateDataset(const tasks::DatasetSettings& settings);
    void openDataset(const QString& path);
    void saveDataset(const QString& path);
    // Synchronous (building is fast); needs !busy(). Emits modelReady.
    bool buildModel(const QString& name, quint64 seed);
    // fromScratch: new weights from settings.seed with the current precisions kept; otherwise
    // quantization-aware training continues from the current weights.
    void train(const train::TrainSettings& settings, bool fromScratch);
    void evaluate();
    // Loads trained weights (and their per-layer precisions) into the current model; needs
    // !busy(). Emits modelReady, or failed naming the file and the problem.
    bool loadWeights(const QString& path);
    void setPaused(bool paused);
    void stop();

    const tasks::DatasetSummary& datasetSummary() const { return m_dataset; }
    // How the current dataset was made: generator settings, or the file it came from.
    bool datasetFromFile() const { return m_datasetFromFile; }
    const tasks::DatasetSettings& datasetSettings() const { return m_datasetSettings; }
    const QString& datasetFile() const { return m_datasetFile; }
    const tasks::SessionEvaluation& lastEvaluation() const { return m_evaluation; }
    const train::TrainResult& lastTraining() const { return m_result; }
    const train::TrainSettings& lastSettings() const { return m_settings; }
    // Per-layer ternary statistics of the latest epoch (a copy: the worker may be writing).
    std::vector<quant::LayerQuantStats> lastLayerStats() const;

signals:
    void busyChanged(bool busy);
    void message(const QString& text);
    void failed(const QString& text);
    void datasetReady();
    void modelReady();
    void trainingStarted(bool fromScratch);
    void trainingProgress(const bithep::app::TrainingProgress& progress);
    // metric: the task's epoch metric on the validation samples, NaN when it reports none.
    void epochFinished(int epoch, float trainLoss, float validationLoss, float learningRate, bool best,
                       double metric);
    void trainingFinished(bool ok, bool cancelled, const QString& error);
    void evaluationReady();

private:
    // Runs `job` on the pool; `done` runs on the UI thread afterwards unless the job threw.
    bool startJob(const QString& what, std::function<void()> job, std::function<void()> done);
    bool waitWhilePaused();  // the trainer's cancel hook: blocks while paused, true = stop
    train::TrainCallbacks callbacks(int epochs);

    QString m_taskId;
    std::unique_ptr<tasks::TaskSession> m_session;
    QFutureWatcher<void> m_watcher;
    bool m_busy = false;
    bool m_training = false;
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_stop{false};
    std::mutex m_pauseMutex;
    std::condition_variable m_pauseCondition;
    QString m_jobError;
    std::function<void()> m_onDone;

    tasks::DatasetSummary m_dataset;
    bool m_datasetFromFile = false;
    tasks::DatasetSettings m_datasetSettings;
    QString m_datasetFile;
    tasks::SessionEvaluation m_evaluation;
    train::TrainResult m_result;
    train::TrainSettings m_settings;
    mutable std::mutex m_statsMutex;
    std::vector<quant::LayerQuantStats> m_layerStats;
    QElapsedTimer m_clock;
    qint64 m_lastReport = 0;
};

}  // namespace bithep::app

Q_DECLARE_METATYPE(bithep::app::TrainingProgress)
