#include "widgets/model/precision_delegate.h"

#include <QComboBox>

#include "widgets/model/layer_tree_model.h"

namespace bithep::widgets {

QWidget* PrecisionDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                         const QModelIndex& index) const {
    const QStringList choices = index.data(LayerTreeModel::kChoicesRole).toStringList();
    if (choices.isEmpty()) return QStyledItemDelegate::createEditor(parent, option, index);
    auto* combo = new QComboBox(parent);
    combo->addItems(choices);
    combo->setAccessibleName(tr("Precision of %1").arg(index.data(LayerTreeModel::kPathRole).toString()));
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto* self = const_cast<PrecisionDelegate*>(this);
        emit self->commitData(combo);
        emit self->closeEditor(combo);
    });
    return combo;
}

void PrecisionDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentText(index.data(Qt::EditRole).toString());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void PrecisionDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const {
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, combo->currentText(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

}  // namespace bithep::widgets
