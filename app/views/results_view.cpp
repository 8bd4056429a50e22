#include "app/views/results_view.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "app/views/result_controls_bar.h"
#include "core/tasks/figure_overlay.h"
#include "core/tasks/figure_table.h"
#include "widgets/charts/figure_view.h"
#include "widgets/model/runs_table_model.h"

namespace bithep::app {

ResultsView::ResultsView(widgets::RunsTableModel* runs, QWidget* parent) : QWidget(parent), m_runs(runs) {
    setObjectName("resultsView");
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("resultTabs");
    m_tabs->setDocumentMode(true);
    m_controls = new ResultControlsBar(this);
    m_table = new QTableView(this);
    m_table->setObjectName("runTable");
    m_table->setAccessibleName(tr("Runs"));
    m_table->setModel(runs);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controls);
    layout->addWidget(splitter, 1);
    connect(runs, &widgets::RunsTableModel::shownRunsChanged, this, &ResultsView::redraw);
    redraw();
}

int ResultsView::figureCount() const {
    return m_tabs->count();
}

void ResultsView::redraw() {
    const int current = m_tabs->currentIndex();
    while (m_tabs->count() > 0) {
        QWidget* w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete w;
    }
    std::vector<tasks::LabelledFigures> shown;
    QJsonArray settings;
    for (const auto* run : m_runs->shownRuns()) {
        shown.push_back({(run->label + QStringLiteral(" ") + run->precisions).toStdString(), run->figures});
        settings.append(QJsonDocument::fromJson(QByteArray::fromStdString(run->settings.dump())).object());
    }
    if (shown.empty()) {
        auto* hint =
            new QLabel(tr("Train a network to see its results here. Tick several runs in the list below to "
                          "compare them on the same plots."));
        hint->setWordWrap(true);
        hint->setAlignment(Qt::AlignCenter);
        m_tabs->addTab(hint, tr("Results"));
        return;
    }
    for (const auto& figure : tasks::overlayFigures(shown)) {
        QWidget* w = widgets::createFigureWidget(figure);
        w->setProperty("bithepProvenance",
                       QJsonObject{{QStringLiteral("runs"), settings}, {QStringLiteral("figure"), QString::fromStdString(figure.id)}});
        w->setProperty("bithepFigureCsv", QString::fromStdString(tasks::figureTable(figure).toString()));
        m_tabs->addTab(w, QString::fromStdString(figure.id).replace(QLatin1Char('_'), QLatin1Char(' ')));
        m_tabs->setTabToolTip(m_tabs->count() - 1, QString::fromStdString(figure.title));
    }
    if (current >= 0 && current < m_tabs->count()) m_tabs->setCurrentIndex(current);
}

}  // namespace bithep::app
