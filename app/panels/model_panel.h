#pragma once
// The model dock: which network (the task's presets) with which weight seed, the paper's named
// plans in a drop-down, and the layer tree where every layer's weight precision and activation
// bits can be set, one layer or a whole sub-tree at a time, with undo and redo.
#include <QWidget>

class QComboBox;
class QPushButton;
class QSpinBox;
class QTreeView;
class QUndoStack;

namespace bithep::widgets {
class LayerTreeModel;
}

namespace bithep::app {

class SessionController;

class ModelPanel : public QWidget {
    Q_OBJECT
public:
    ModelPanel(SessionController* controller, QUndoStack* undo, QWidget* parent = nullptr);
    void resetForTask();
    widgets::LayerTreeModel* layers() const { return m_layers; }
    QTreeView* tree() const { return m_tree; }
    QString modelName() const;
    quint64 seed() const;
    void setModelName(const QString& name);
    // Applies the named plan to the layer tree (one undo step); false for an unknown name.
    bool applyPlan(const QString& name);

public slots:
    void build();

signals:
    void modelChosen(const QString& name);

private:
    void networkChanged();
    void updateEnabled();

    SessionController* m_controller;
    QComboBox* m_model;
    QSpinBox* m_seed;
    QPushButton* m_build;
    QComboBox* m_plan;
    QPushButton* m_applyPlan;
    QTreeView* m_tree;
    widgets::LayerTreeModel* m_layers;
};

}  // namespace bithep::app
