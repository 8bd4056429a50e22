#pragma once
// Generator vs data, the quark/gluon task's check of its built-in jets against a real sample
// (tasks::qg::runQgValidation, the same code as `--batch qg-validate`): choose a data file
// (energyflow npz or bithep-qg HDF5, with or without PID), a number of generated jets and a
// seed; the comparison runs in the background with progress and cancel. The table lists every
// observable's separation powers, the data's noise floor and both AUCs; selecting a row shows
// that observable's quark and gluon histograms. Export writes figures, CSV and JSON as the
// batch job does, with the settings that made them.
#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <memory>

#include "core/tasks/batch_run.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QHBoxLayout;

namespace bithep::widgets {
class CsvTableModel;
}

namespace bithep::app {

class GeneratorValidationView : public QWidget {
    Q_OBJECT
public:
    explicit GeneratorValidationView(QWidget* parent = nullptr);
    ~GeneratorValidationView() override;
    void setDataFile(const QString& path);
    QString dataFile() const;
    void setJets(int jets);
    bool isRunning() const { return m_watcher.isRunning(); }
    widgets::CsvTableModel* table() const { return m_model; }
    const tasks::BatchOutput& output() const { return m_output; }
    // Writes the last comparison's figures, tables, metrics and settings into `dir`; false
    // (with the reason in the status line) when there is none or writing fails.
    bool exportTo(const QString& dir);

public slots:
    void compare();
    void cancel();

signals:
    void finished(bool ok);

private:
    void showObservable(int row);
    void setRunning(bool running);

    QLineEdit* m_file;
    QSpinBox* m_jets;
    QSpinBox* m_seed;
    QPushButton* m_compare;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_citation;
    QTableView* m_tableView;
    widgets::CsvTableModel* m_model;
    QHBoxLayout* m_figures;
    QFutureWatcher<void> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    std::shared_ptr<tasks::BatchOutput> m_pending;
    std::shared_ptr<std::string> m_error;
    tasks::BatchOutput m_output;
};

}  // namespace bithep::app
