#include "widgets/model/runs_table_model.h"

#include "core/io/json_fields.h"
#include "core/tasks/figure_json.h"

namespace bithep::widgets {

void RunsTableModel::addRun(RunRecord run) {
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_runs.push_back(std::move(run));
    endInsertRows();
    emit shownRunsChanged();
}

void RunsTableModel::clear() {
    beginResetModel();
    m_runs.clear();
    endResetModel();
    emit shownRunsChanged();
}

std::vector<const RunRecord*> RunsTableModel::shownRuns() const {
    std::vector<const RunRecord*> out;
    for (const auto& r : m_runs)
        if (r.shown) out.push_back(&r);
    return out;
}

void RunsTableModel::setShown(int row, bool shown) {
    setData(index(row, Shown), shown ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

metrics::CsvTable RunsTableModel::toCsv() const {
    std::vector<std::string> metricKeys;
    for (const auto& r : m_runs)
        for (const auto& [key, value] : r.metrics.items())
            if (value.is_number() && std::find(metricKeys.begin(), metricKeys.end(), key) == metricKeys.end())
                metricKeys.push_back(key);
    std::vector<std::string> header{"run",
                                    "model",
                                    "precisions",
                                    "seed",
                                    "epochs",
                                    "quantized_parameter_share",
                                    "quantized_mac_share",
                                    "energy_ratio_vs_fp32"};
    header.insert(header.end(), metricKeys.begin(), metricKeys.end());
    metrics::CsvTable t(header);
    for (const auto& r : m_runs) {
        std::vector<metrics::CsvCell> row{r.label.toStdString(),
                                          r.model.toStdString(),
                                          r.precisions.toStdString(),
                                          static_cast<std::int64_t>(r.seed),
                                          r.epochs,
                                          r.quantizedParameterShare,
                                          r.quantizedMacShare,
                                          r.energyRatio};
        for (const auto& key : metricKeys)
            row.emplace_back(r.metrics.contains(key) && r.metrics[key].is_number()
                                 ? r.metrics[key].get<double>()
                                 : std::numeric_limits<double>::quiet_NaN());
        t.addRow(std::move(row));
    }
    return t;
}

void RunsTableModel::updateResults(int row, double metric, nlohmann::json metrics,
                                   std::vector<tasks::FigureData> figures, nlohmann::json state) {
    if (row < 0 || row >= rowCount()) return;
    RunRecord& r = m_runs[std::size_t(row)];
    r.metric = metric;
    r.metrics = std::move(metrics);
    r.figures = std::move(figures);
    r.state = std::move(state);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

nlohmann::json RunsTableModel::toJson() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : m_runs) {
        nlohmann::json figures = nlohmann::json::array();
        for (const auto& f : r.figures) figures.push_back(tasks::figureToJson(f));
        out.push_back({{"label", r.label.toStdString()},
                       {"model", r.model.toStdString()},
                       {"precisions", r.precisions.toStdString()},
                       {"seed", r.seed},
                       {"epochs", r.epochs},
                       {"metric_name", r.metricName.toStdString()},
                       {"metric", r.metric},
                       {"quantized_parameter_share", r.quantizedParameterShare},
                       {"quantized_mac_share", r.quantizedMacShare},
                       {"energy_ratio", r.energyRatio},
                       {"metrics", r.metrics},
                       {"settings", r.settings},
                       {"figures", figures},
                       {"state", r.state},
                       {"shown", r.shown}});
    }
    return out;
}

void RunsTableModel::fromJson(const nlohmann::json& runs) {
    if (!runs.is_array()) throw std::invalid_argument("runs: expected a list");
    std::vector<RunRecord> loaded;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& j = runs[i];
        try {
            RunRecord r;
            r.label = QString::fromStdString(j.at("label").get<std::string>());
            r.model = QString::fromStdString(j.at("model").get<std::string>());
            r.precisions = QString::fromStdString(j.at("precisions").get<std::string>());
            r.seed = io::jsonInteger<quint64>(j.at("seed"), 0, ~quint64(0), "'seed'");
            r.epochs = io::jsonInteger<int>(j.at("epochs"), 0, 1000000, "'epochs'");
            r.metricName = QString::fromStdString(j.at("metric_name").get<std::string>());
            r.metric = j.at("metric").get<double>();
            r.quantizedParameterShare = j.at("quantized_parameter_share").get<double>();
            r.quantizedMacShare = j.at("quantized_mac_share").get<double>();
            r.energyRatio = j.at("energy_ratio").get<double>();
            r.metrics = j.at("metrics");
            r.settings = j.at("settings");
            for (const auto& f : j.at("figures")) r.figures.push_back(tasks::figureFromJson(f));
            r.state = j.value("state", nlohmann::json());  // absent in projects of older versions
            r.shown = j.at("shown").get<bool>();
            loaded.push_back(std::move(r));
        } catch (const std::exception& e) {
            throw std::invalid_argument("run " + std::to_string(i + 1) + ": " + e.what());
        }
    }
    beginResetModel();
    m_runs = std::move(loaded);
    endResetModel();
    emit shownRunsChanged();
}

int RunsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}
int RunsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const RunRecord& r = m_runs[std::size_t(index.row())];
    const int c = index.column();
    if (role == Qt::CheckStateRole && c == Shown) return r.shown ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole && c == Shown) return tr("Overlay this run on the result plots");
    if (role == Qt::TextAlignmentRole && c >= Seed) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (c) {
        case Label:
            return r.label;
        case Model:
            return r.model;
        case Precisions:
            return r.precisions;
        case Seed:
            return QString::number(r.seed);
        case Epochs:
            return r.epochs;
        case Metric:
            return QStringLiteral("%1 %2").arg(r.metricName).arg(r.metric, 0, 'f', 4);
        case ParameterShare:
            return QString::number(100 * r.quantizedParameterShare, 'f', 1) + QStringLiteral(" %");
        case MacShare:
            return QString::number(100 * r.quantizedMacShare, 'f', 1) + QStringLiteral(" %");
        case EnergyRatio:
            return QStringLiteral("×%1").arg(r.energyRatio, 0, 'f', 2);
        default:
            return {};
    }
}

bool RunsTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Shown || role != Qt::CheckStateRole) return false;
    const bool shown = value.toInt() == Qt::Checked;
    RunRecord& r = m_runs[std::size_t(index.row())];
    if (r.shown == shown) return true;
    r.shown = shown;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit shownRunsChanged();
    return true;
}

Qt::ItemFlags RunsTableModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() == Shown ? f | Qt::ItemIsUserCheckable : f;
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    static const char* names[] = {"Show",   "Run",    "Network",          "Precisions",     "Seed",
                                  "Epochs", "Metric", "Quantized params", "Quantized MACs", "Energy saving"};
    static const char* tips[] = {
        "Overlay on the plots",
        "Order of training",
        "Network preset",
        "The plan, or the per-layer mix",
        "Training seed",
        "Epochs of this training",
        "The task's headline metric on held-out data",
        "Share of parameters with ternary/binary weights",
        "Share of multiply-accumulates (attention included) with ternary/binary weights",
        "Energy per inference of the fp32 model divided by this one's"};
    static_assert(sizeof(names) / sizeof(names[0]) == ColumnCount);
    if (role == Qt::DisplayRole) return tr(names[section]);
    if (role == Qt::ToolTipRole) return tr(tips[section]);
    return {};
}

}  // namespace bithep::widgets
