#include "app/panels/dataset_panel.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/session_controller.h"

namespace bithep::app {

namespace {
constexpr int kFactWidth = 190;  // pixels of a dataset fact before it is elided
}  // namespace

DatasetPanel::DatasetPanel(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    setObjectName("datasetPanel");
    m_samples = new QSpinBox(this);
    m_samples->setObjectName("datasetSamples");
    m_samples->setRange(60, 2'000'000);
    m_samples->setSingleStep(1000);
    m_samples->setGroupSeparatorShown(true);
    m_samples->setAccessibleName(tr("Number of samples to generate"));
    m_samples->setToolTip(
        tr("Jets, events or showers to generate: two thirds train the model, one third is held out "
           "for the ROC and the other metrics"));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName("datasetSeed");
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setAccessibleName(tr("Generator seed"));
    m_seed->setToolTip(tr("Same seed, same sample: every figure records it"));
    m_generate = new QPushButton(tr("&Generate"), this);
    m_generate->setObjectName("generateButton");
    m_open = new QPushButton(tr("Open file…"), this);
    m_open->setObjectName("openDatasetButton");
    m_open->setToolTip(tr("energyflow QG_jets*.npz, or an HDF5 file in the task's layout"));

    m_particleIds = new QCheckBox(tr("Particle types (PID)"), this);
    m_particleIds->setObjectName("datasetParticleIds");
    m_particleIds->setChecked(true);
    m_particleIds->setToolTip(
        tr("Generate jets with particle types (charge, photon, hadron...). Untick it to train a tagger on "
           "kinematics alone, which can then score data without PID such as the Pythia sample"));

    auto* form = new QFormLayout;
    form->addRow(tr("Samples"), m_samples);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(m_particleIds);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_generate);
    buttons->addWidget(m_open);
    m_facts = new QFormLayout;
    m_notices = new QLabel(this);
    m_notices->setObjectName("datasetNotices");
    m_notices->setWordWrap(true);
    m_notices->setStyleSheet(QStringLiteral("color: #D55E00"));  // Okabe-Ito vermillion: readable for colour-blind users
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addLayout(m_facts);
    layout->addWidget(m_notices);
    m_citation = new QLabel(this);
    m_citation->setObjectName("datasetCitation");
    m_citation->setWordWrap(true);
    m_citation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_citation);
    layout->addStretch();

    connect(m_generate, &QPushButton::clicked, this, &DatasetPanel::generate);
    connect(m_open, &QPushButton::clicked, this, [this] { openFile(); });
    connect(controller, &SessionController::datasetReady, this, &DatasetPanel::showSummary);
    connect(controller, &SessionController::busyChanged, this, &DatasetPanel::updateEnabled);
    updateEnabled();
}

void DatasetPanel::resetForTask() {
    if (auto* s = m_controller->session()) {
        const auto d = s->defaultDataset();
        setSettings(static_cast<int>(d.samples), d.seed);
    }
    while (m_facts->rowCount() > 0) m_facts->removeRow(0);
    m_notices->clear();
    m_citation->clear();
    m_particleIds->setChecked(true);
    updateEnabled();
}

void DatasetPanel::setSettings(int samples, quint64 seed, bool particleIds) {
    m_samples->setValue(samples);
    m_seed->setValue(static_cast<int>(seed));
    m_particleIds->setChecked(particleIds);
}

bool DatasetPanel::particleIds() const {
    return !m_particleIds->isVisibleTo(this) || m_particleIds->isChecked();
}

int DatasetPanel::samples() const {
    return m_samples->value();
}
quint64 DatasetPanel::seed() const {
    return static_cast<quint64>(m_seed->value());
}

void DatasetPanel::generate() {
    m_controller->generateDataset({static_cast<std::size_t>(m_samples->value()), seed(), particleIds()});
}

void DatasetPanel::openFile(const QString& path) {
    QString file = path;
    if (file.isEmpty())
        file = QFileDialog::getOpenFileName(
            this, tr("Open dataset"), {},
            QString::fromStdString(m_controller->session()
                                       ? m_controller->session()->datasetFileFilter() + ";;"
                                       : std::string()) +
                tr("All files (*)"));
    if (!file.isEmpty()) m_controller->openDataset(file);
}

void DatasetPanel::showSummary() {
    while (m_facts->rowCount() > 0) m_facts->removeRow(0);
    const auto& s = m_controller->datasetSummary();
    // A long value (a geometry, a file name) is elided, whole in its tooltip, instead of widening
    // the dock (wrapping would need height the stacked docks do not have).
    const auto value = [this](const std::string& text) {
        const QString full = QString::fromStdString(text);
        auto* l = new QLabel(this);
        l->setText(l->fontMetrics().elidedText(full, Qt::ElideMiddle, kFactWidth));
        if (l->text() != full) l->setToolTip(full);
        return l;
    };
    m_facts->addRow(tr("Source"), value(s.source));
    for (const auto& [label, text] : s.facts) m_facts->addRow(QString::fromStdString(label), value(text));
    QStringList notices;
    for (const auto& n : s.notices) notices << QString::fromStdString(n);
    // Data without particle types: the next generated sample drops them too (the user can tick
    // it again), so a tagger trained on it can score this data.
    if (s.particleIdsMissing) {
        m_particleIds->setChecked(false);
        notices << tr("Generated jets will be made without particle types, so a tagger trained on them can "
                      "score this data (tick \"Particle types\" to keep them).");
    }
    m_notices->setText(notices.join(QStringLiteral("\n")));
    m_citation->setText(s.citation.empty() ? QString()
                                           : tr("Data: %1").arg(QString::fromStdString(s.citation)));
}

void DatasetPanel::updateEnabled() {
    const bool ready = m_controller->session() && !m_controller->busy();
    for (QWidget* w : {static_cast<QWidget*>(m_samples), static_cast<QWidget*>(m_seed),
                       static_cast<QWidget*>(m_generate), static_cast<QWidget*>(m_open),
                       static_cast<QWidget*>(m_particleIds)})
        w->setEnabled(ready);
    m_particleIds->setVisible(m_controller->session() && m_controller->session()->offersParticleIdChoice());
}

}  // namespace bithep::app
