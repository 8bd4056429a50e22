// The quark/gluon models through the generic model hook: the P-DAT tagger under p-dat-bit
// quantizes a larger share of its parameters than of its MACs (attention products stay fp32),
// as in the reference study, and the kernel path runs every attention linear.
#include <QtTest>

#include "core/cost/cost_model.h"
#include "core/nn/kernel_inference.h"
#include "core/quant/quant_plan.h"
#include "core/tasks/task_registry.h"

using namespace bithep;

class TstQgCost : public QObject {
    Q_OBJECT
private slots:
    void pdatBitParameterShareExceedsMacShare() {
        const auto* task = tasks::builtinTasks().find("qg");
        QVERIFY(task && task->buildModel);
        auto inst = task->buildModel("teaching", 3);
        quant::QuantPlanRegistry::instance().find("p-dat-bit").apply(*inst.model);
        const auto r = cost::computeCost(cost::costInputsFromModel(*inst.model, inst.rowsPerSample),
                                         cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
        QVERIFY2(r.quantizedParameterShare > r.quantizedMacShare + 0.05,
                 qPrintable(QString("params %1 vs MACs %2").arg(r.quantizedParameterShare).arg(r.quantizedMacShare)));
        QVERIFY(r.quantizedMacShare > 0.0);
        nn::KernelInference inference(*inst.model);
        QCOMPARE(inference.kernelLayers(), 16);  // q, k, v, o of both attentions in both blocks
    }
    void allLinearTernaryWithInt8RunsOnKernels() {
        auto inst = tasks::builtinTasks().find("qg")->buildModel("teaching", 3);
        quant::QuantPlan plan("all-int8", {{"*", quant::Precision::Ternary, quant::ActivationBits::Int8}});
        const int layers = plan.apply(*inst.model);
        nn::KernelInference inference(*inst.model);
        QCOMPARE(inference.kernelLayers(), layers);
        inst.forward(8);  // runs end to end on the kernels
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tasks::builtinTasks().find("qg")->buildModel("huge", 1));
    }
};

QTEST_APPLESS_MAIN(TstQgCost)
#include "tst_qg_cost.moc"
