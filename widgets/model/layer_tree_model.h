#pragma once
// The layer tree of the model panel: one item model over a network's module hierarchy (dotted
// paths become a tree: blocks → 0 → attn → q), with per layer its type, shape, parameters and
// share of the model's multiply-accumulates, an editable weight precision (fp32 / ternary /
// binary) and activation bits (fp32 / int8), and the live ternary statistics (fractions of
// −1/0/+1, scale β, flip ratio). Editing a group node sets every quantizable layer below it.
// Every change goes through the QUndoStack, so Ctrl+Z / Ctrl+Shift+Z walk back and forth. The
// network is never touched here: the tree reads the listing and the precisions from the task
// session and changes them only through TaskSession::setPrecisions (in setPrecisions()).
#include <QAbstractItemModel>
#include <QStringList>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/quant/precision_map.h"
#include "core/quant/quant_plan.h"
#include "core/tasks/task_session.h"

class QUndoStack;

namespace bithep::widgets {

class LayerTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Precision, ActivationBits, Shape, Parameters, MacShare, Minus, Zero, Plus, Beta, FlipRatio, Type, ColumnCount };
    static constexpr int kChoicesRole = Qt::UserRole + 1;  // QStringList of allowed values
    static constexpr int kPathRole = Qt::UserRole + 2;     // dotted path of the item

    explicit LayerTreeModel(QUndoStack* undo, QObject* parent = nullptr);
    ~LayerTreeModel() override;

    // Shows the network of `session` (not owned; nullptr, or a session without a model, clears).
    // Call again after the session builds or loads another model.
    void setSession(tasks::TaskSession* session);
    // False while training runs: the tree stays readable but refuses edits.
    void setEditable(bool editable);
    bool editable() const { return m_editable; }

    quant::PrecisionMap precisions() const;
    // Applies `target` to the network as one undoable step named `text`; false if nothing changes.
    bool changePrecisions(const quant::PrecisionMap& target, const QString& text);
    // The plan's precision for every quantizable layer (unmatched layers fp32), as one step.
    bool applyPlan(const quant::QuantPlan& plan);
    // Sets the session's precisions directly, without the undo stack (used by the undo commands).
    void setPrecisions(const quant::PrecisionMap& target);
    // Latest statistics (from the trainer's epoch callback, or read from the network).
    void setStats(const std::vector<quant::LayerQuantStats>& stats);
    void refreshStats();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void precisionsChanged();

private:
    struct Node;
    Node* nodeOf(const QModelIndex& index) const;
    void collectLayers(const Node* node, std::vector<const Node*>& out) const;
    QVariant displayValue(const Node* node, int column) const;
    QVariant groupPrecision(const Node* node, int column) const;
    void emitAllChanged();

    struct Layer {
        tasks::NetworkLayer info;
        quant::LayerPrecision precision;
    };

    QUndoStack* m_undo;
    tasks::TaskSession* m_session = nullptr;
    std::unique_ptr<Node> m_root;
    std::vector<Layer> m_layers;
    std::map<std::string, quant::LayerQuantStats> m_stats;
    double m_totalMacs = 0;
    bool m_editable = true;
};

}  // namespace bithep::widgets
