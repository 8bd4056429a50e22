#include "widgets/model/cost_table_model.h"

#include <QFont>

namespace bithep::widgets {

void CostTableModel::setComparison(const cost::CostComparison& comparison) {
    beginResetModel();
    m_cmp = comparison;
    m_rows.clear();
    const auto& fp = comparison.fp32;
    const auto& plan = comparison.plan;
    for (std::size_t i = 0; i < plan.layers.size() && i < fp.layers.size(); ++i) {
        const auto& a = fp.layers[i];
        const auto& b = plan.layers[i];
        Row r;
        r.layer = QString::fromStdString(b.path);
        r.precision = QString::fromStdString(b.precision + " × " + b.activationBits);
        r.values[Parameters] = b.parameters;
        r.values[MemoryFp32] = a.memoryBits / 8.0;
        r.values[MemoryPlan] = b.memoryBits / 8.0;
        r.values[Macs] = b.macs;
        r.values[MacsSkipped] = b.macsSkipped;
        r.values[EnergyFp32] = a.arithmeticPj + a.memoryPj;
        r.values[EnergyPlan] = b.arithmeticPj + b.memoryPj;
        m_rows.push_back(r);
    }
    if (!plan.compute.empty()) {
        Row r;
        r.layer = tr("attention, norms, softmax");
        r.precision = QStringLiteral("fp32");
        for (std::size_t i = 0; i < plan.compute.size(); ++i) {
            r.values[Macs] += plan.compute[i].flops / 2;
            r.values[EnergyFp32] += fp.compute[i].arithmeticPj;
            r.values[EnergyPlan] += plan.compute[i].arithmeticPj;
        }
        m_rows.push_back(r);
    }
    Row t;
    t.layer = tr("Total");
    t.total = true;
    t.values[Parameters] = plan.parameters;
    t.values[MemoryFp32] = fp.memoryBits / 8.0;
    t.values[MemoryPlan] = plan.memoryBits / 8.0;
    t.values[Macs] = plan.macs;
    t.values[MacsSkipped] = plan.macsSkipped;
    t.values[EnergyFp32] = fp.energyPj();
    t.values[EnergyPlan] = plan.energyPj();
    m_rows.push_back(t);
    endResetModel();
}

tasks::BarFigure CostTableModel::barFigure(Quantity quantity) const {
    tasks::BarFigure f;
    f.logY = true;
    f.yLabel = quantity == Quantity::Energy ? "Energy per inference [pJ]" : "Weight memory [bytes]";
    const int a = quantity == Quantity::Energy ? EnergyFp32 : MemoryFp32;
    const int b = quantity == Quantity::Energy ? EnergyPlan : MemoryPlan;
    f.series = {{"fp32", {}}, {"current precisions", {}}};
    for (int r = 0; r < rowCount(); ++r) {
        if (m_rows[std::size_t(r)].total || data(index(r, a), Qt::EditRole).toDouble() <= 0) continue;
        f.categories.push_back(data(index(r, Layer)).toString().toStdString());
        f.series[0].values.push_back(data(index(r, a), Qt::EditRole).toDouble());
        f.series[1].values.push_back(data(index(r, b), Qt::EditRole).toDouble());
    }
    return f;
}

metrics::CsvTable CostTableModel::toCsv() const {
    metrics::CsvTable t({"layer", "precision", "parameters", "memory_fp32_bytes", "memory_plan_bytes", "macs",
                         "macs_skipped", "energy_fp32_pj", "energy_plan_pj"});
    for (const Row& r : m_rows)
        t.addRow({r.layer.toStdString(), r.precision.toStdString(), r.values[Parameters], r.values[MemoryFp32],
                  r.values[MemoryPlan], r.values[Macs], r.values[MacsSkipped], r.values[EnergyFp32],
                  r.values[EnergyPlan]});
    return t;
}

QString CostTableModel::summary() const {
    if (m_rows.empty()) return {};
    const auto& p = m_cmp.plan;
    return tr("Quantized: %1 % of parameters, %2 % of MACs · weights %3 kB → %4 kB (×%5) · energy ×%6 lower (%7)")
        .arg(100 * p.quantizedParameterShare, 0, 'f', 1)
        .arg(100 * p.quantizedMacShare, 0, 'f', 1)
        .arg(m_cmp.fp32.memoryBits / 8000, 0, 'f', 1)
        .arg(p.memoryBits / 8000, 0, 'f', 1)
        .arg(m_cmp.memoryRatio(), 0, 'f', 2)
        .arg(m_cmp.energyRatio(), 0, 'f', 2)
        .arg(QString::fromStdString(m_cmp.table.name));
}

int CostTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CostTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CostTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& r = m_rows[std::size_t(index.row())];
    const int c = index.column();
    if (role == Qt::FontRole && r.total) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && c >= Parameters) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::EditRole) return c == Layer ? QVariant(r.layer) : c == Precision ? QVariant(r.precision) : QVariant(r.values[c]);
    if (role != Qt::DisplayRole) return {};
    if (c == Layer) return r.layer;
    if (c == Precision) return r.precision;
    const double v = r.values[c];
    if (c == EnergyFp32 || c == EnergyPlan) return QString::number(v, 'g', 4);
    return QString::number(v, 'f', 0);
}

QVariant CostTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    static const char* names[] = {"Layer", "Weights × activations", "Parameters", "Memory fp32 [B]", "Memory now [B]",
                                  "MACs / sample", "MACs skipped", "Energy fp32 [pJ]", "Energy now [pJ]"};
    static_assert(sizeof(names) / sizeof(names[0]) == ColumnCount);
    if (role == Qt::DisplayRole) return tr(names[section]);
    if (role == Qt::ToolTipRole && (section == EnergyFp32 || section == EnergyPlan))
        return tr("Energy per inference from the per-operation table (arithmetic + weight reads)");
    if (role == Qt::ToolTipRole && section == MacsSkipped)
        return tr("Multiplications with a zero ternary weight, which an integer kernel can skip");
    return {};
}

}  // namespace bithep::widgets
