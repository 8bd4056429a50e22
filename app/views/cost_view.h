#pragma once
// What the current precisions cost: the per-layer table (parameters, packed memory, MACs,
// skipped MACs, energy; fp32 vs now) and a bar chart drawn from the same table model, with a
// one-line summary (quantized parameter share vs MAC share, memory and energy ratios).
#include <QWidget>

#include "core/nn/module.h"

class QComboBox;
class QLabel;
class QTableView;

namespace bithep::widgets {
class BarChart;
class CostTableModel;
}

namespace bithep::app {

class CostView : public QWidget {
    Q_OBJECT
public:
    explicit CostView(QWidget* parent = nullptr);
    // Recomputes for `model` as it is now (nullptr clears). Call only while no training runs.
    void update(nn::Module* model, tensor::Index rowsPerSample);
    widgets::CostTableModel* table() const { return m_model; }
    QString summary() const;

private:
    void redrawChart();

    widgets::CostTableModel* m_model;
    QTableView* m_table;
    widgets::BarChart* m_chart;
    QComboBox* m_quantity;
    QLabel* m_summary;
};

}  // namespace bithep::app
