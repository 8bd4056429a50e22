// costReport, the `--batch cost` job made in core: a registered task's model under a plan against
// fp32 — the energy comparison for every table, per-layer tables and bars that match each other,
// the settings that made them, and clear errors for a task without models or an unknown model.
#include <QtTest>

#include "core/cost/cost_model.h"
#include "core/tasks/cost_report.h"

namespace tasks = bithep::tasks;

namespace {

const tasks::TaskDescriptor& qg() {
    const tasks::TaskDescriptor* task = tasks::builtinTasks().find("qg");
    if (!task) throw std::runtime_error("qg task not registered");
    return *task;
}

}  // namespace

class TstCostReport : public QObject {
    Q_OBJECT
private slots:
    void planAgainstFp32() {
        const tasks::BatchOutput out = tasks::costReport(qg(), "teaching", "p-dat-bit", 3, 2);
        const auto& comparisons = out.metrics.at("comparisons");
        QCOMPARE(comparisons.size(), bithep::cost::EnergyTable::presets().size());
        // Every layer of the table is a bar, in the same order, for both figures.
        const auto& plan = out.tables.at("cost_plan");
        for (const char* id : {"cost_energy", "cost_memory"}) {
            const auto it = std::find_if(out.figures.begin(), out.figures.end(), [&](const auto& f) { return f.id == id; });
            QVERIFY2(it != out.figures.end(), id);
            const auto& bars = std::get<tasks::BarFigure>(it->content);
            QCOMPARE(bars.series.size(), std::size_t(2));
            QVERIFY(!bars.categories.empty());
            QVERIFY(plan.rows().size() >= bars.categories.size());
            for (std::size_t i = 0; i < bars.categories.size(); ++i)
                QVERIFY(bars.series[1].values[i] <= bars.series[0].values[i]);  // the plan never costs more
        }
        QCOMPARE(out.settings.at("task"), "qg");
        QCOMPARE(out.settings.at("model"), "teaching");
        QCOMPARE(out.settings.at("seed"), 3);
        QCOMPARE(out.settings.at("plan").at("name"), "p-dat-bit");
        QVERIFY(out.metrics.at("timing").at("kernel_layers").get<int>() > 0);
        QVERIFY(out.summary.find("qg / teaching / plan p-dat-bit") == 0);
    }

    void fp32ByDefaultCostsTheSame() {
        const tasks::BatchOutput out = tasks::costReport(qg(), "", "", 1, 1);
        QCOMPARE(out.settings.at("model"), qg().models.at(0));
        const auto& main = out.metrics.at("comparisons").at(0);
        QCOMPARE(main.at("energy_ratio_fp32_over_plan").get<double>(), 1.0);
        QCOMPARE(out.metrics.at("timing").at("kernel_layers").get<int>(), 0);
    }

    void errorsNameTheProblem() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tasks::costReport(qg(), "no-such-model", "", 1, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tasks::costReport(qg(), "", "no-such-plan", 1, 1));
        tasks::TaskDescriptor bare;
        bare.id = "bare";
        try {
            (void)tasks::costReport(bare, "", "", 1, 1);
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()), std::string("cost: task 'bare' has no models"));
        }
    }
};

QTEST_GUILESS_MAIN(TstCostReport)
#include "tst_cost_report.moc"
