// The cost and CSV table models under QAbstractItemModelTester: shapes, resets, values and roles
// against hand-made inputs.
#include <QAbstractItemModelTester>
#include <QtTest>

#include <cmath>
#include <limits>

#include "core/cost/cost_model.h"
#include "core/nn/mlp.h"
#include "core/quant/quant_plan.h"
#include "widgets/model/cost_table_model.h"
#include "widgets/model/csv_table_model.h"

using bithep::widgets::CostTableModel;
using bithep::widgets::CsvTableModel;
namespace cost = bithep::cost;
namespace q = bithep::quant;

class TstTableModels : public QObject {
    Q_OBJECT
private slots:
    void csvTable() {
        CsvTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
        bithep::metrics::CsvTable table({"plan", "auc_mean", "runs"});
        table.addRow({"fp32", 0.812345678, 5});
        table.addRow({"p-dat-bit", std::numeric_limits<double>::quiet_NaN(), 0});
        model.setTable(table);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("auc mean"));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("fp32"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("0.8123"));  // four significant digits
        QCOMPARE(model.index(0, 1).data(Qt::UserRole).toDouble(), 0.812345678);
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("5"));
        QCOMPARE(model.index(1, 1).data().toString(), QString());  // NaN shows empty
        QVERIFY(std::isnan(model.index(1, 1).data(Qt::UserRole).toDouble()));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
    void costTable() {
        bithep::tensor::Rng rng(5);
        bithep::nn::Mlp mlp({16, 32, 1}, bithep::nn::Activation::ReLU, rng);
        q::QuantPlan("hidden", {{"fc0", q::Precision::Ternary, q::ActivationBits::Int8}}).apply(mlp);
        const auto inputs = cost::costInputsFromModel(mlp, 1);
        const auto cmp = cost::compareWithFp32(inputs, cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
        CostTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.empty());
        model.setComparison(cmp);
        QVERIFY(!model.empty());
        QCOMPARE(model.columnCount(), int(CostTableModel::ColumnCount));
        int fc0 = -1;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.index(r, CostTableModel::Layer).data().toString() == "fc0") fc0 = r;
        QVERIFY(fc0 >= 0);
        QCOMPARE(model.index(fc0, CostTableModel::Precision).data().toString(), QStringLiteral("ternary × int8"));
        QCOMPARE(model.index(fc0, CostTableModel::Parameters).data(Qt::EditRole).toDouble(), 16.0 * 32 + 32);
        const int last = model.rowCount() - 1;
        QCOMPARE(model.index(last, CostTableModel::Layer).data().toString(), QStringLiteral("Total"));
        QCOMPARE(model.index(last, CostTableModel::Parameters).data(Qt::EditRole).toDouble(),
                 16.0 * 32 + 32 + 32 + 1);
        // fp32 weights take 32 bits; the ternary layer fewer, so the plan's memory is smaller.
        QVERIFY(model.index(last, CostTableModel::MemoryPlan).data(Qt::EditRole).toDouble() <
                model.index(last, CostTableModel::MemoryFp32).data(Qt::EditRole).toDouble());
        QVERIFY(model.summary().contains(QString::number(cmp.memoryRatio(), 'f', 2)));
        const auto bars = model.barFigure(CostTableModel::Quantity::Memory);
        QCOMPARE(int(bars.categories.size()), model.rowCount() - 1);  // the total is not a bar
    }
};

QTEST_MAIN(TstTableModels)
#include "tst_table_models.moc"
