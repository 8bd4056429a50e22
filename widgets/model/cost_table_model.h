#pragma once
// The cost view's one table model: per linear layer, the fp32-only attention/norm work and the
// total, with parameters, packed weight memory and energy per inference for the all-fp32 model
// and for the current precisions, and MACs (skipped ones for zero ternary weights). The table
// shows it and the bar chart is drawn from the same rows (barFigure), so they never disagree.
#include <QAbstractTableModel>

#include "core/cost/cost_model.h"
#include "core/metrics/csv_table.h"
#include "core/tasks/figure_data.h"

namespace bithep::widgets {

class CostTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Layer, Precision, Parameters, MemoryFp32, MemoryPlan, Macs, MacsSkipped, EnergyFp32, EnergyPlan, ColumnCount };
    enum class Quantity { Memory, Energy };

    using QAbstractTableModel::QAbstractTableModel;

    void setComparison(const cost::CostComparison& comparison);
    const cost::CostComparison& comparison() const { return m_cmp; }
    bool empty() const { return m_rows.empty(); }

    // Grouped bars fp32 vs current precisions, one group per layer row (total excluded).
    tasks::BarFigure barFigure(Quantity quantity) const;
    metrics::CsvTable toCsv() const;
    QString summary() const;  // one line: memory and energy ratios, quantized shares

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString layer, precision;
        double values[ColumnCount] = {};  // numeric columns only
        bool total = false;
    };
    std::vector<Row> m_rows;
    cost::CostComparison m_cmp;
};

}  // namespace bithep::widgets
