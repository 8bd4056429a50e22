#pragma once
// The dataset dock: generate a sample with the task's generator (size and seed) or open a file
// (energyflow npz, CaloChallenge or the project's own HDF5, as the task reads them), and a short
// summary of what is loaded, with notices such as "PID unknown: features disabled".
#include <QWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace bithep::app {

class SessionController;

class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPanel(SessionController* controller, QWidget* parent = nullptr);
    void resetForTask();  // defaults of the current task, empty summary
    void setSettings(int samples, quint64 seed, bool particleIds = true);
    int samples() const;
    quint64 seed() const;
    bool particleIds() const;  // generate with particle types (tasks that offer the choice)

public slots:
    void generate();
    void openFile(const QString& path = {});

private:
    void showSummary();
    void updateEnabled();

    SessionController* m_controller;
    QSpinBox* m_samples;
    QSpinBox* m_seed;
    QPushButton* m_generate;
    QPushButton* m_open;
    QCheckBox* m_particleIds;
    QFormLayout* m_facts;
    QLabel* m_notices;
    QLabel* m_citation;
};

}  // namespace bithep::app
