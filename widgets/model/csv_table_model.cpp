#include "widgets/model/csv_table_model.h"

#include <cmath>

namespace bithep::widgets {

CsvTableModel::CsvTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void CsvTableModel::setTable(const metrics::CsvTable& table) {
    beginResetModel();
    m_table = table;
    endResetModel();
}

void CsvTableModel::clear() {
    beginResetModel();
    m_table.reset();
    endResetModel();
}

int CsvTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_table ? 0 : static_cast<int>(m_table->rows().size());
}

int CsvTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_table ? 0 : static_cast<int>(m_table->header().size());
}

QVariant CsvTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const auto& cell = m_table->rows()[static_cast<std::size_t>(index.row())][static_cast<std::size_t>(index.column())];
    const auto& value = cell.value();
    if (const auto* text = std::get_if<std::string>(&value)) {
        if (role == Qt::DisplayRole || role == Qt::UserRole || role == Qt::ToolTipRole) return QString::fromStdString(*text);
        return {};
    }
    const double x = std::holds_alternative<double>(value) ? std::get<double>(value)
                                                            : static_cast<double>(std::get<std::int64_t>(value));
    switch (role) {
    case Qt::DisplayRole:
        return std::isnan(x) ? QString() : QString::number(x, 'g', 4);
    case Qt::ToolTipRole:
        return QString::fromStdString(cell.toField());
    case Qt::UserRole:
        return x;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant CsvTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || section < 0) return {};
    if (orientation == Qt::Vertical) return section + 1;
    if (section >= columnCount()) return {};
    return QString::fromStdString(m_table->header()[static_cast<std::size_t>(section)]).replace(QLatin1Char('_'), QLatin1Char(' '));
}

}  // namespace bithep::widgets
