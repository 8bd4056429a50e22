#include "app/views/cost_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "core/cost/cost_model.h"
#include "core/tasks/figure_table.h"
#include "widgets/charts/bar_chart.h"
#include "widgets/model/cost_table_model.h"

namespace bithep::app {

CostView::CostView(QWidget* parent) : QWidget(parent) {
    setObjectName("costView");
    m_model = new widgets::CostTableModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName("costTable");
    m_table->setAccessibleName(tr("Cost per layer"));
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_chart = new widgets::BarChart(this);
    m_chart->setObjectName("costChart");
    m_chart->setProperty("bithepFigure", true);
    m_quantity = new QComboBox(this);
    m_quantity->setObjectName("costQuantity");
    m_quantity->addItems({tr("Energy per inference"), tr("Weight memory")});
    m_quantity->setAccessibleName(tr("Quantity shown in the bar chart"));
    m_summary = new QLabel(this);
    m_summary->setObjectName("costSummary");
    m_summary->setWordWrap(true);
    m_summary->setToolTip(
        tr("Parameter share and MAC share differ: attention products and normalisations stay fp32, "
           "so quantizing most parameters may still leave most operations in fp32"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_quantity);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    // A network with many layers makes the chart taller than the window: it scrolls instead of
    // forcing the window's minimum height up.
    auto* chartArea = new QScrollArea(this);
    chartArea->setWidgetResizable(true);
    chartArea->setFrameShape(QFrame::NoFrame);
    chartArea->setWidget(m_chart);
    splitter->addWidget(chartArea);
    splitter->addWidget(m_table);
    // The chart asks for the height its layer names need (BarChart); the table scrolls.
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({3000, 2000});  // the scroll area's size hint is tiny: start at 3 : 2
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    connect(m_quantity, &QComboBox::currentIndexChanged, this, &CostView::redrawChart);
}

void CostView::update(nn::Module* model, tensor::Index rowsPerSample) {
    if (!model) {
        m_model->setComparison({});
        m_summary->setText(tr("Build a network to see what it costs."));
    } else {
        const auto inputs = cost::costInputsFromModel(*model, rowsPerSample);
        m_model->setComparison(
            cost::compareWithFp32(inputs, cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram));
        m_summary->setText(m_model->summary());
    }
    redrawChart();
}

QString CostView::summary() const {
    return m_summary->text();
}

void CostView::redrawChart() {
    const bool energy = m_quantity->currentIndex() == 0;
    const tasks::BarFigure figure = m_model->barFigure(energy ? widgets::CostTableModel::Quantity::Energy
                                                              : widgets::CostTableModel::Quantity::Memory);
    m_chart->setFigure(figure);
    m_chart->setTitle(energy ? tr("Energy per inference by layer: fp32 vs current precisions")
                             : tr("Weight memory by layer: fp32 vs current precisions"));
    m_chart->setProperty("bithepFigureCsv",
                         QString::fromStdString(tasks::figureTable({"cost", "cost", figure}).toString()));
}

}  // namespace bithep::app
