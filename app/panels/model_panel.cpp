#include "app/panels/model_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

#include "app/session_controller.h"
#include "widgets/model/layer_tree_model.h"
#include "widgets/model/precision_delegate.h"

namespace bithep::app {

ModelPanel::ModelPanel(SessionController* controller, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    setObjectName("modelPanel");
    m_model = new QComboBox(this);
    m_model->setObjectName("modelChoice");
    m_model->setAccessibleName(tr("Network"));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName("modelSeed");
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setValue(1);
    m_seed->setAccessibleName(tr("Weight seed"));
    m_build = new QPushButton(tr("&Build"), this);
    m_build->setObjectName("buildModelButton");
    m_build->setToolTip(tr("A fresh network with weights drawn from the seed"));
    m_plan = new QComboBox(this);
    m_plan->setObjectName("planChoice");
    m_plan->setAccessibleName(tr("Quantization plan"));
    m_plan->setToolTip(tr("The BitHEP paper's setups; any per-layer mix can then be made in the tree"));
    m_applyPlan = new QPushButton(tr("&Apply plan"), this);
    m_applyPlan->setObjectName("applyPlanButton");

    m_layers = new widgets::LayerTreeModel(undo, this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName("layerTree");
    m_tree->setAccessibleName(tr("Layers and their precision"));
    m_tree->setModel(m_layers);
    m_tree->setItemDelegate(new widgets::PrecisionDelegate(m_tree));
    m_tree->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* form = new QFormLayout;
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_seed);
    modelRow->addWidget(m_build);
    form->addRow(tr("Network"), modelRow);
    auto* planRow = new QHBoxLayout;
    planRow->addWidget(m_plan, 1);
    planRow->addWidget(m_applyPlan);
    form->addRow(tr("Plan"), planRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_tree, 1);

    connect(m_build, &QPushButton::clicked, this, &ModelPanel::build);
    connect(m_applyPlan, &QPushButton::clicked, this, [this] { applyPlan(m_plan->currentText()); });
    connect(m_model, &QComboBox::currentTextChanged, this, &ModelPanel::modelChosen);
    connect(controller, &SessionController::modelReady, this, &ModelPanel::networkChanged);
    connect(controller, &SessionController::busyChanged, this, &ModelPanel::updateEnabled);
    connect(controller, &SessionController::epochFinished, this,
            [this] { m_layers->setStats(m_controller->lastLayerStats()); });
    updateEnabled();
}

void ModelPanel::resetForTask() {
    m_model->clear();
    m_plan->clear();
    m_layers->setSession(nullptr);
    if (auto* s = m_controller->session()) {
        for (const auto& n : s->modelNames()) m_model->addItem(QString::fromStdString(n));
        for (const auto& n : s->planNames()) m_plan->addItem(QString::fromStdString(n));
    }
    updateEnabled();
}

QString ModelPanel::modelName() const {
    return m_model->currentText();
}
quint64 ModelPanel::seed() const {
    return static_cast<quint64>(m_seed->value());
}
void ModelPanel::setModelName(const QString& name) {
    m_model->setCurrentText(name);
}

void ModelPanel::build() {
    m_controller->buildModel(m_model->currentText(), seed());
}

bool ModelPanel::applyPlan(const QString& name) {
    auto* s = m_controller->session();
    if (!s || !s->model()) return false;
    try {
        m_layers->applyPlan(s->plan(name.toStdString()));
    } catch (const std::exception& e) {
        emit m_controller->failed(QString::fromUtf8(e.what()));
        return false;
    }
    m_plan->setCurrentText(name);
    return true;
}

void ModelPanel::networkChanged() {
    auto* s = m_controller->session();
    // Plans belong to the network built (the calorimeter's transformer has `attention`, its
    // flows have none of the flow-matching plans), so the list follows the network.
    const QString current = m_plan->currentText();
    m_plan->clear();
    if (s)
        for (const auto& n : s->planNames()) m_plan->addItem(QString::fromStdString(n));
    if (m_plan->findText(current) >= 0) m_plan->setCurrentText(current);
    m_layers->setSession(s);
    m_tree->expandToDepth(1);
    updateEnabled();
}

void ModelPanel::updateEnabled() {
    const bool idle = m_controller->session() && !m_controller->busy();
    const bool hasModel = idle && m_controller->session()->model();
    m_model->setEnabled(idle);
    m_seed->setEnabled(idle);
    m_build->setEnabled(idle);
    m_plan->setEnabled(hasModel);
    m_applyPlan->setEnabled(hasModel);
    m_layers->setEditable(!m_controller->busy());
}

}  // namespace bithep::app
