#pragma once
// Edits the layer tree's precision columns with a combo box of the values the model allows
// (LayerTreeModel::kChoicesRole), committing as soon as the user picks one.
#include <QStyledItemDelegate>

namespace bithep::widgets {

class PrecisionDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

}  // namespace bithep::widgets
