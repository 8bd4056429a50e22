// LayerTreeModel over a task session: the dotted paths as a tree, MAC shares, group edits that set
// every layer below, undo/redo through the QUndoStack, plans, refusal while not editable — every
// change reaching the network only through the session — all under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include "core/nn/transformer_block.h"
#include "core/tasks/task_session.h"
#include "widgets/model/layer_tree_model.h"

using bithep::widgets::LayerTreeModel;
namespace q = bithep::quant;
namespace tasks = bithep::tasks;

namespace {

// The least a session needs to own a network: one transformer block (attn.q/k/v/o, ff.fc0/fc1),
// two named plans, 4 rows per sample. Counts its setPrecisions calls.
class BlockSession : public tasks::TaskSession {
public:
    BlockSession() : m_rng(3), m_block(8, 2, 16, m_rng) {}
    int applied = 0;

    std::vector<std::string> modelNames() const override { return {"block"}; }
    std::vector<std::string> planNames() const override { return {"fp32", "attention-ternary"}; }
    q::QuantPlan plan(const std::string& name) const override {
        if (name == "fp32") return q::QuantPlan("fp32", {});
        return q::QuantPlan(name, {{"attn.*", q::Precision::Ternary, q::ActivationBits::Int8}});
    }
    tasks::DatasetSettings defaultDataset() const override { return {}; }
    tasks::DatasetSummary generateDataset(const tasks::DatasetSettings&, const tasks::BatchProgress&) override { return {}; }
    tasks::DatasetSummary openDataset(const std::filesystem::path&) override { return {}; }
    bool hasDataset() const override { return false; }
    void saveDataset(const std::filesystem::path&) const override {}
    void buildModel(const std::string&, std::uint64_t) override {}
    bithep::nn::Module* model() override { return &m_block; }
    std::string modelName() const override { return "block"; }
    std::string modelConfigJson() const override { return "{}"; }
    bithep::tensor::Index rowsPerSample() const override { return 4; }
    bithep::train::TrainSettings defaultTraining(const std::string&) const override { return {}; }
    bithep::train::TrainResult train(const bithep::train::TrainSettings&, const bithep::train::TrainCallbacks&) override {
        return {};
    }
    tasks::SessionEvaluation evaluate(const tasks::BatchProgress&) override { return {}; }

private:
    bithep::tensor::Rng m_rng;
    bithep::nn::TransformerBlock m_block;
};

QModelIndex find(const QAbstractItemModel& m, const QString& path, const QModelIndex& parent = {}) {
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex i = m.index(r, 0, parent);
        if (i.data(LayerTreeModel::kPathRole).toString() == path) return i;
        if (const QModelIndex deeper = find(m, path, i); deeper.isValid()) return deeper;
    }
    return {};
}

QString cell(const QModelIndex& row, int column) { return row.siblingAtColumn(column).data().toString(); }

}  // namespace

class TstLayerTreeModel : public QObject {
    Q_OBJECT
private slots:
    void treeFromSession() {
        BlockSession session;
        QUndoStack undo;
        LayerTreeModel model(&undo);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setSession(&session);
        QCOMPARE(model.rowCount(), 2);  // attn, ff
        const QModelIndex attn = find(model, "attn");
        QCOMPARE(model.rowCount(attn), 4);
        const QModelIndex qLayer = find(model, "attn.q");
        QCOMPARE(cell(qLayer, LayerTreeModel::Shape), QStringLiteral("8 → 8"));
        QCOMPARE(cell(qLayer, LayerTreeModel::Parameters), QStringLiteral("72"));  // 8·8 + 8
        QCOMPARE(cell(qLayer, LayerTreeModel::Precision), QStringLiteral("fp32"));
        QCOMPARE(cell(qLayer, LayerTreeModel::Type), QStringLiteral("BitLinear"));
        // Shares are of everything the block does: each projection 4·64 MACs of the listed total.
        const double total = session.networkListing().totalMacsPerSample;
        QVERIFY(total > 4.0 * (4 * 64 + 2 * 128));
        QCOMPARE(cell(qLayer, LayerTreeModel::MacShare), QString::number(100.0 * 256 / total, 'f', 1) + " %");
        model.setSession(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
    void groupEditUndoRedo() {
        BlockSession session;
        QUndoStack undo;
        LayerTreeModel model(&undo);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(&session);
        QSignalSpy changed(&model, &LayerTreeModel::precisionsChanged);
        const QModelIndex attnWeights = find(model, "attn").siblingAtColumn(LayerTreeModel::Precision);
        QVERIFY(model.flags(attnWeights) & Qt::ItemIsEditable);
        QVERIFY(!model.setData(attnWeights, "quaternary"));
        QVERIFY(model.setData(attnWeights, "ternary"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(session.precisions().count(q::Precision::Ternary), 4);
        QVERIFY(session.precisions().at("ff.fc0").weights == q::Precision::Fp32);
        QCOMPARE(attnWeights.data().toString(), QStringLiteral("ternary"));
        // The top-level groups: attn all ternary, ff all fp32.
        QCOMPARE(find(model, "ff").siblingAtColumn(LayerTreeModel::Precision).data().toString(), QStringLiteral("fp32"));
        QVERIFY(model.setData(find(model, "attn.q").siblingAtColumn(LayerTreeModel::Precision), "binary"));
        QCOMPARE(attnWeights.data().toString(), QStringLiteral("mixed"));
        QCOMPARE(undo.count(), 2);
        undo.undo();
        QVERIFY(session.precisions().at("attn.q").weights == q::Precision::Ternary);
        undo.undo();
        QCOMPARE(session.precisions().count(q::Precision::Ternary), 0);
        undo.redo();
        QCOMPARE(session.precisions().count(q::Precision::Ternary), 4);
        QCOMPARE(changed.count(), 5);
    }
    void plansAndEditability() {
        BlockSession session;
        QUndoStack undo;
        LayerTreeModel model(&undo);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(&session);
        QCOMPARE(session.matchingPlan(), std::string("fp32"));
        QVERIFY(model.applyPlan(session.plan("attention-ternary")));
        QCOMPARE(session.matchingPlan(), std::string("attention-ternary"));
        QCOMPARE(cell(find(model, "attn.v"), LayerTreeModel::ActivationBits), QString::fromStdString(q::toString(q::ActivationBits::Int8)));
        QVERIFY(!model.applyPlan(session.plan("attention-ternary")));  // nothing changes: no undo step
        QCOMPARE(undo.count(), 1);
        // Ternary statistics appear for quantized layers only.
        QVERIFY(!cell(find(model, "attn.k"), LayerTreeModel::Zero).isEmpty());
        QVERIFY(cell(find(model, "ff.fc1"), LayerTreeModel::Zero).isEmpty());
        model.setEditable(false);
        const QModelIndex ffWeights = find(model, "ff").siblingAtColumn(LayerTreeModel::Precision);
        QVERIFY(!(model.flags(ffWeights) & Qt::ItemIsEditable));
        QVERIFY(!model.setData(ffWeights, "binary"));
        QVERIFY(!model.applyPlan(session.plan("fp32")));
        QCOMPARE(session.matchingPlan(), std::string("attention-ternary"));
    }
};

QTEST_MAIN(TstLayerTreeModel)
#include "tst_layer_tree_model.moc"
