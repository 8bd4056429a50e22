// MainWindow, continued: recording finished trainings as runs, and the exports (figure with the
// data behind it, run table, packed quantized weights), each carrying its seed and settings.
#include <utility>

#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTabWidget>

#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/model_panel.h"
#include "app/session_controller.h"
#include "app/views/cost_view.h"
#include "app/views/results_view.h"
#include "core/io/quantized_export.h"
#include "core/platform/atomic_file.h"
#include "widgets/charts/figure_exporter.h"
#include "widgets/model/cost_table_model.h"
#include "widgets/model/layer_tree_model.h"
#include "widgets/model/runs_table_model.h"

namespace bithep::app {

namespace {

QJsonObject toQt(const nlohmann::json& j) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(j.dump())).object();
}

}  // namespace

QString MainWindow::precisionsDescription() const {
    auto* s = m_controller->session();
    const quant::PrecisionMap now = s ? s->precisions() : quant::PrecisionMap();
    if (now.empty()) return tr("none");
    const std::string plan = s->matchingPlan();
    if (!plan.empty()) return QString::fromStdString(plan);
    return tr("custom (%1 ternary, %2 binary of %3)")
        .arg(now.count(quant::Precision::Ternary))
        .arg(now.count(quant::Precision::Binary))
        .arg(now.size());
}

void MainWindow::recordRun() {
    auto* s = m_controller->session();
    const auto& e = m_controller->lastEvaluation();
    if (std::exchange(m_reevaluating, false) && m_runOfCurrentModel >= 0) {
        m_runs->updateResults(m_runOfCurrentModel, e.metric, e.metrics, e.figures, e.state);
        m_resultsView->redraw();
        logMessage(tr("Run %1 evaluated again: %2 = %3")
                       .arg(m_runs->runs()[std::size_t(m_runOfCurrentModel)].label,
                            QString::fromStdString(e.metricName))
                       .arg(e.metric, 0, 'f', 4));
        return;
    }
    widgets::RunRecord r;
    r.label = QStringLiteral("#%1").arg(m_runs->rowCount() + 1);
    r.model = QString::fromStdString(s->modelName());
    r.precisions = precisionsDescription();
    r.seed = m_controller->lastSettings().seed;
    r.epochs = m_epochsThisCall;
    r.metricName = QString::fromStdString(e.metricName);
    r.metric = e.metric;
    r.metrics = e.metrics;
    r.figures = e.figures;
    r.state = e.state;
    const auto& cmp = m_costView->table()->comparison();
    r.quantizedParameterShare = cmp.plan.quantizedParameterShare;
    r.quantizedMacShare = cmp.plan.quantizedMacShare;
    r.energyRatio = cmp.plan.energyPj() > 0 ? cmp.energyRatio() : 1.0;
    const auto& d = m_controller->datasetSummary();
    nlohmann::json facts = nlohmann::json::object();
    for (const auto& [label, value] : d.facts) facts[label] = value;
    r.settings = {{"task", m_controller->taskId().toStdString()},
                  {"dataset", {{"source", d.source}, {"samples", d.samples}, {"facts", facts}}},
                  {"model", s->modelName()},
                  {"model_seed", m_modelPanel->seed()},
                  {"model_config", nlohmann::json::parse(s->modelConfigJson(), nullptr, false)},
                  {"precisions", r.precisions.toStdString()},
                  {"plan", nlohmann::json::parse(s->precisions().toPlan("explorer").toJson())},
                  {"training", m_controller->lastSettings().toJson()},
                  {"run", r.label.toStdString()}};
    for (int i = 0; i < m_runs->rowCount(); ++i) m_runs->setShown(i, false);  // tick others to compare
    m_runs->addRun(std::move(r));
    m_runOfCurrentModel = m_runs->rowCount() - 1;
    logMessage(tr("Run %1: %2 = %3")
                   .arg(m_runs->runs().back().label, QString::fromStdString(e.metricName))
                   .arg(e.metric, 0, 'f', 4));
    m_views->setCurrentWidget(m_resultsView);
    updateActions();
}

QWidget* MainWindow::currentFigureWidget() const {
    QWidget* w = m_views->currentWidget();
    while (w) {
        if (w->property("bithepFigure").toBool()) return w;
        if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            w = tabs->currentWidget();
            continue;
        }
        QWidget* next = nullptr;
        if (auto* tabs = w->findChild<QTabWidget*>())
            next = tabs;
        else
            for (QWidget* child : w->findChildren<QWidget*>())
                if (child->property("bithepFigure").toBool()) {
                    next = child;
                    break;
                }
        w = next;
    }
    return nullptr;
}

void MainWindow::exportCurrentFigure(const QString& chosen) {
    QWidget* figure = currentFigureWidget();
    if (!figure) return;
    QString path = chosen;
    if (path.isEmpty())
        path =
            QFileDialog::getSaveFileName(this, tr("Export figure"), figure->objectName() + QStringLiteral(".png"),
                                         tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    widgets::Provenance provenance;
    provenance.settings = figure->property("bithepProvenance").toJsonObject();
    provenance.settings.insert(QStringLiteral("task"), m_controller->taskId());
    provenance.settings.insert(QStringLiteral("precisions"), precisionsDescription());
    if (!m_runs->runs().empty())
        provenance.settings.insert(QStringLiteral("latest_run"), toQt(m_runs->runs().back().settings));
    widgets::FigureExporter exporter(provenance);
    if (!exporter.exportWidget(figure, path)) {
        showError(exporter.errorString());
        return;
    }
    const QString csv = figure->property("bithepFigureCsv").toString();
    if (!csv.isEmpty()) {
        const QFileInfo info(path);
        const QString csvPath = info.dir().filePath(info.completeBaseName() + QStringLiteral(".csv"));
        try {
            platform::writeFileAtomically(csvPath.toStdString(), csv.toStdString());
        } catch (const std::exception& e) {
            showError(QString::fromUtf8(e.what()));
            return;
        }
    }
    logMessage(tr("Exported %1 (with its data as CSV and its settings as JSON)").arg(path));
}

void MainWindow::exportRunTable(const QString& chosen) {
    QString path = chosen;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export run table"), QStringLiteral("runs.csv"), tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    try {
        m_runs->toCsv().write(path.toStdString());
        nlohmann::json settings = nlohmann::json::array();
        for (const auto& r : m_runs->runs()) settings.push_back(r.settings);
        platform::writeFileAtomically((path + QStringLiteral(".json")).toStdString(), settings.dump(2));
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    logMessage(tr("Exported the run table to %1 (settings of every run in %1.json)").arg(path));
}

void MainWindow::exportQuantizedWeights(const QString& chosen) {
    auto* s = m_controller->session();
    if (!s || !s->model() || m_controller->busy()) return;
    QString path = chosen;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export quantized weights"), QStringLiteral("weights.h5"),
                                            tr("HDF5 (*.h5)"));
    if (path.isEmpty()) return;
    const nlohmann::json provenance = {{"task", m_controller->taskId().toStdString()},
                                       {"model", s->modelName()},
                                       {"model_seed", m_modelPanel->seed()},
                                       {"training", m_controller->lastSettings().toJson()},
                                       {"dataset", m_controller->datasetSummary().source}};
    try {
        io::exportQuantizedWeights(path.toStdString(), *s->model(), s->modelConfigJson(),
                                   s->precisions().toPlan("explorer").toJson(), provenance.dump());
    } catch (const std::exception& e) {
        showError(tr("Exporting weights: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    logMessage(tr("Exported packed weights to %1").arg(path));
}

}  // namespace bithep::app
