#pragma once
// The run list: every finished training is a run (network, precisions, seed, epochs, headline
// metric, all metrics, its figures and the settings that made it). Ticked runs are overlaid on
// the result plots; the same model is the comparison table and exports as CSV.
#include <nlohmann/json.hpp>
#include <vector>

#include <QAbstractTableModel>

#include "core/metrics/csv_table.h"
#include "core/tasks/figure_data.h"

namespace bithep::widgets {

struct RunRecord {
    QString label;       // "#3"
    QString model;       // "teaching"
    QString precisions;  // plan name or "custom (7 ternary layers)"
    quint64 seed = 0;
    int epochs = 0;
    QString metricName;
    double metric = 0;
    double quantizedParameterShare = 0, quantizedMacShare = 0, energyRatio = 1;
    nlohmann::json metrics;
    nlohmann::json settings;  // task, dataset, model config, precisions, training settings
    std::vector<tasks::FigureData> figures;
    nlohmann::json state;  // what the task redraws the run from when a result slider moves
    bool shown = true;
};

class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Shown,
        Label,
        Model,
        Precisions,
        Seed,
        Epochs,
        Metric,
        ParameterShare,
        MacShare,
        EnergyRatio,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void addRun(RunRecord run);
    void clear();
    const std::vector<RunRecord>& runs() const { return m_runs; }
    std::vector<const RunRecord*> shownRuns() const;
    void setShown(int row, bool shown);
    // Replaces a run's headline metric, metrics, figures and state (a result slider moved, or the
    // current model was sampled again). The caller redraws the plots once after all updates.
    void updateResults(int row, double metric, nlohmann::json metrics, std::vector<tasks::FigureData> figures,
                       nlohmann::json state);
    metrics::CsvTable toCsv() const;
    nlohmann::json toJson() const;  // every run with its figures, for project files
    // Replaces the runs; throws std::invalid_argument naming the run and what is wrong (the
    // list is unchanged then).
    void fromJson(const nlohmann::json& runs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void shownRunsChanged();

private:
    std::vector<RunRecord> m_runs;
};

}  // namespace bithep::widgets
