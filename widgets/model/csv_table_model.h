#pragma once
// A read-only table model over a metrics::CsvTable: the numbers a batch job writes as CSV,
// shown in a QTableView with the same columns. Numbers are displayed with four significant
// digits (the full value in the tooltip and under Qt::UserRole), NaN as an empty cell.
#include <QAbstractTableModel>
#include <optional>

#include "core/metrics/csv_table.h"

namespace bithep::widgets {

class CsvTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit CsvTableModel(QObject* parent = nullptr);
    void setTable(const metrics::CsvTable& table);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<metrics::CsvTable> m_table;  // none before the first setTable
};

}  // namespace bithep::widgets
