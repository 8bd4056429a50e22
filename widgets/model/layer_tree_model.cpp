#include "widgets/model/layer_tree_model.h"

#include <QUndoStack>

#include <algorithm>

namespace bithep::widgets {

struct LayerTreeModel::Node {
    QString name;
    std::string path;
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    int layer = -1;  // index into m_layers; -1 for a group
    int row() const {
        if (!parent) return 0;
        for (std::size_t i = 0; i < parent->children.size(); ++i)
            if (parent->children[i].get() == this) return static_cast<int>(i);
        return 0;
    }
};

namespace {

const QStringList kPrecisions{QStringLiteral("fp32"), QStringLiteral("ternary"), QStringLiteral("binary")};
const QStringList kActivationBits{QStringLiteral("fp32"), QStringLiteral("int8")};

// One undoable precision change: the whole map before and after, so undo is exact.
class PrecisionCommand : public QUndoCommand {
public:
    PrecisionCommand(LayerTreeModel* model, quant::PrecisionMap before, quant::PrecisionMap after, const QString& text)
        : QUndoCommand(text), m_model(model), m_before(std::move(before)), m_after(std::move(after)) {}
    void redo() override { m_model->setPrecisions(m_after); }
    void undo() override { m_model->setPrecisions(m_before); }

private:
    LayerTreeModel* m_model;
    quant::PrecisionMap m_before, m_after;
};

QString percent(double v) { return QString::number(100.0 * v, 'f', 1) + QStringLiteral(" %"); }

}  // namespace

LayerTreeModel::LayerTreeModel(QUndoStack* undo, QObject* parent)
    : QAbstractItemModel(parent), m_undo(undo), m_root(std::make_unique<Node>()) {}

LayerTreeModel::~LayerTreeModel() = default;

void LayerTreeModel::setSession(tasks::TaskSession* session) {
    beginResetModel();
    m_session = session;
    m_root = std::make_unique<Node>();
    m_layers.clear();
    m_stats.clear();
    m_totalMacs = 0;
    if (session) {
        const tasks::NetworkListing listing = session->networkListing();
        const quant::PrecisionMap now = session->precisions();
        m_totalMacs = listing.totalMacsPerSample;
        for (const tasks::NetworkLayer& l : listing.layers)
            m_layers.push_back({l, now.contains(l.path) ? now.at(l.path) : quant::LayerPrecision{}});
        for (int i = 0; i < static_cast<int>(m_layers.size()); ++i) {
            Node* node = m_root.get();
            std::string prefix;
            const QStringList parts = QString::fromStdString(m_layers[std::size_t(i)].info.path).split(QLatin1Char('.'));
            for (const QString& part : parts) {
                if (!prefix.empty()) prefix += '.';
                prefix.append(part.toStdString());
                auto it = std::find_if(node->children.begin(), node->children.end(),
                                       [&](const auto& c) { return c->name == part; });
                if (it == node->children.end()) {
                    node->children.push_back(std::make_unique<Node>(Node{part, prefix, node, {}, -1}));
                    it = std::prev(node->children.end());
                }
                node = it->get();
            }
            node->layer = i;
        }
    }
    endResetModel();
    refreshStats();
}

void LayerTreeModel::setEditable(bool editable) {
    if (editable == m_editable) return;
    m_editable = editable;
    emitAllChanged();
}

quant::PrecisionMap LayerTreeModel::precisions() const {
    return m_session ? m_session->precisions() : quant::PrecisionMap();
}

bool LayerTreeModel::changePrecisions(const quant::PrecisionMap& target, const QString& text) {
    const quant::PrecisionMap before = precisions();
    const quant::PrecisionMap after = before.updatedWith(target);
    if (after == before || !m_editable) return false;
    m_undo->push(new PrecisionCommand(this, before, after, text));
    return true;
}

bool LayerTreeModel::applyPlan(const quant::QuantPlan& plan) {
    return changePrecisions(precisions().withPlan(plan), tr("Apply plan %1").arg(QString::fromStdString(plan.name())));
}

void LayerTreeModel::setPrecisions(const quant::PrecisionMap& target) {
    if (!m_session) return;
    m_session->setPrecisions(target);
    const quant::PrecisionMap now = m_session->precisions();
    for (auto& l : m_layers)
        if (now.contains(l.info.path)) l.precision = now.at(l.info.path);
    refreshStats();
    emit precisionsChanged();
}

void LayerTreeModel::setStats(const std::vector<quant::LayerQuantStats>& stats) {
    for (const auto& s : stats) m_stats[s.path] = s;
    emitAllChanged();
}

void LayerTreeModel::refreshStats() {
    m_stats.clear();
    if (m_session) {
        for (const auto& s : m_session->layerStats()) m_stats[s.path] = s;
    }
    emitAllChanged();
}

void LayerTreeModel::emitAllChanged() {
    // Column-wide refresh of every row, parents before children (cheap: tens of layers).
    std::vector<QModelIndex> stack{QModelIndex()};
    while (!stack.empty()) {
        const QModelIndex parent = stack.back();
        stack.pop_back();
        const int rows = rowCount(parent);
        if (rows == 0) continue;
        emit dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
        for (int r = 0; r < rows; ++r) stack.push_back(index(r, 0, parent));
    }
}

LayerTreeModel::Node* LayerTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex LayerTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0)) return {};
    const Node* p = nodeOf(parent);
    if (row >= static_cast<int>(p->children.size())) return {};
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex LayerTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    const Node* p = nodeOf(child)->parent;
    if (!p || p == m_root.get()) return {};
    return createIndex(p->row(), 0, const_cast<Node*>(p));
}

int LayerTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int LayerTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

void LayerTreeModel::collectLayers(const Node* node, std::vector<const Node*>& out) const {
    if (node->layer >= 0) out.push_back(node);
    for (const auto& c : node->children) collectLayers(c.get(), out);
}

QVariant LayerTreeModel::groupPrecision(const Node* node, int column) const {
    std::vector<const Node*> layers;
    collectLayers(node, layers);
    QString common;
    for (const Node* n : layers) {
        const Layer& l = m_layers[std::size_t(n->layer)];
        if (!l.info.quantizable()) continue;
        const QString v = QString::fromStdString(column == Precision ? quant::toString(l.precision.weights)
                                                                     : quant::toString(l.precision.activations));
        if (common.isEmpty()) common = v;
        else if (common != v) return tr("mixed");
    }
    return common;
}

QVariant LayerTreeModel::displayValue(const Node* node, int column) const {
    std::vector<const Node*> layers;
    collectLayers(node, layers);
    double params = 0, macs = 0;
    for (const Node* n : layers) {
        params += double(m_layers[std::size_t(n->layer)].info.parameters);
        macs += m_layers[std::size_t(n->layer)].info.macsPerSample;
    }
    switch (column) {
    case Name: return node->name;
    case Parameters: return QString::number(params, 'f', 0);
    case MacShare: return m_totalMacs > 0 ? percent(macs / m_totalMacs) : QVariant();
    default: break;
    }
    if (node->layer < 0) return column == Precision || column == ActivationBits ? groupPrecision(node, column) : QVariant();
    const Layer& l = m_layers[std::size_t(node->layer)];
    const auto st = m_stats.find(l.info.path);
    const bool quantized = l.precision.weights != quant::Precision::Fp32 && st != m_stats.end();
    switch (column) {
    case Type: return QString::fromStdString(l.info.type);
    case Shape: return QStringLiteral("%1 → %2").arg(l.info.in).arg(l.info.out);
    case Precision: return QString::fromStdString(quant::toString(l.precision.weights));
    case ActivationBits: return QString::fromStdString(quant::toString(l.precision.activations));
    case Minus: return quantized ? percent(st->second.stats.fractionMinus) : QVariant();
    case Zero: return quantized ? percent(st->second.stats.fractionZero) : QVariant();
    case Plus: return quantized ? percent(st->second.stats.fractionPlus) : QVariant();
    case Beta: return quantized ? QString::number(double(st->second.stats.beta), 'g', 4) : QVariant();
    case FlipRatio: return quantized ? percent(st->second.stats.flipRatio) : QVariant();
    default: return {};
    }
}

QVariant LayerTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const Node* node = nodeOf(index);
    const int column = index.column();
    if (role == Qt::DisplayRole || role == Qt::EditRole) return displayValue(node, column);
    if (role == kPathRole) return QString::fromStdString(node->path);
    if (role == kChoicesRole) return column == Precision ? kPrecisions : column == ActivationBits ? kActivationBits : QStringList();
    if (role == Qt::TextAlignmentRole && column >= Parameters && column != Type)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && node->layer >= 0 && !m_layers[std::size_t(node->layer)].info.quantizable())
        return tr("%1 is a plain linear layer: it always runs in fp32.").arg(QString::fromStdString(node->path));
    if (role == Qt::ToolTipRole) return headerData(column, Qt::Horizontal, Qt::ToolTipRole);
    return {};
}

bool LayerTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) return false;
    const QString text = value.toString();
    const int column = index.column();
    if (!data(index, kChoicesRole).toStringList().contains(text)) return false;
    std::vector<const Node*> layers;
    collectLayers(nodeOf(index), layers);
    quant::PrecisionMap target = precisions();
    for (const Node* n : layers) {
        if (!target.contains(n->path)) continue;  // plain Linear
        quant::LayerPrecision layer = target.at(n->path);
        if (column == Precision) layer.weights = quant::precisionFromString(text.toStdString());
        else layer.activations = quant::activationBitsFromString(text.toStdString());
        target.set(n->path, layer);
    }
    return changePrecisions(target, tr("Set %1 to %2").arg(QString::fromStdString(nodeOf(index)->path), text));
}

Qt::ItemFlags LayerTreeModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!m_editable || (index.column() != Precision && index.column() != ActivationBits)) return f;
    std::vector<const Node*> layers;
    collectLayers(nodeOf(index), layers);
    const bool any = std::any_of(layers.begin(), layers.end(),
                                 [&](const Node* n) { return m_layers[std::size_t(n->layer)].info.quantizable(); });
    return any ? f | Qt::ItemIsEditable : f;
}

QVariant LayerTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    static const char* names[] = {"Layer", "Weights", "Activations", "Shape", "Parameters", "MAC share",
                                  "−1", "0", "+1", "β", "Flips", "Type"};
    static const char* tips[] = {
        "Dotted path of the layer in the network",
        "Weight precision: fp32, ternary {−1, 0, +1}·β or binary {−1, +1}·β. Editing a group sets every layer in it",
        "Activation precision: fp32, or int8 per token (absmax scaling)",
        "Inputs → outputs",
        "Weights and biases",
        "Share of all multiply-accumulates per sample, attention products included",
        "Fraction of weights quantized to −1",
        "Fraction of weights quantized to 0 (skipped multiplications)",
        "Fraction of weights quantized to +1",
        "Per-tensor scale β = mean |W| (ternary) that multiplies the integer weights",
        "Fraction of ternary codes that changed in the last optimizer step: high values mean the "
        "quantized network is still reorganising",
        "BitLinear layers can be quantized; plain Linear layers stay fp32"};
    static_assert(sizeof(names) / sizeof(names[0]) == ColumnCount);
    if (section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return tr(names[section]);
    if (role == Qt::ToolTipRole) return tr(tips[section]);
    return {};
}

}  // namespace bithep::widgets
