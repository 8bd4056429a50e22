// The calorimeter task in the explorer window, offscreen: a short training records a run with
// its polar layer maps, and "Sample again" evaluates the same network with the next sampling
// seed, updating that run in place instead of adding one; the plan list follows the network built.
#include <variant>

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/model_panel.h"
#include "app/panels/training_panel.h"
#include "app/session_controller.h"
#include "app/views/result_controls_bar.h"
#include "app/views/results_view.h"
#include "widgets/model/runs_table_model.h"

using bithep::app::MainWindow;

namespace {
constexpr int kTimeoutMs = 120000;  // generous: CI machines are shared
constexpr int kShowers = 300;

const bithep::tasks::MapFigure* singleMap(const bithep::widgets::RunRecord& run) {
    for (const auto& f : run.figures)
        if (f.id.rfind("single_layer", 0) == 0) return std::get_if<bithep::tasks::MapFigure>(&f.content);
    return nullptr;
}
}  // namespace

class TstExplorerCalo : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("BitHEP-test");
        QCoreApplication::setApplicationName("Explorer-test");
    }

    void planListFollowsTheNetwork() {
        MainWindow w;
        QVERIFY(w.selectTask("calo"));
        auto* plans = w.modelPanel()->findChild<QComboBox*>("planChoice");
        QVERIFY(plans);
        const auto items = [plans] {
            QStringList l;
            for (int i = 0; i < plans->count(); ++i) l << plans->itemText(i);
            return l;
        };
        w.modelPanel()->setModelName("cfm-transformer");
        w.modelPanel()->build();
        QCOMPARE(items(), (QStringList{"fp32", "mlp", "attention", "full", "aggressive"}));
        QVERIFY(w.modelPanel()->applyPlan("attention"));
        QCOMPARE(plans->currentText(), QString("attention"));  // the list shows what was applied
        w.modelPanel()->setModelName("flow-spline");
        w.modelPanel()->build();
        QCOMPARE(items(), (QStringList{"default", "nn-central", "block-central", "all"}));
    }

    void sampleAgainUpdatesTheRunInPlace() {
        MainWindow w;
        QVERIFY(w.selectTask("calo"));
        w.datasetPanel()->setSettings(kShowers, 5);
        QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
        w.datasetPanel()->generate();
        QVERIFY(ready.wait(kTimeoutMs));
        auto s = w.trainingPanel()->settings();
        s.epochs = 1;
        s.batchSize = 64;
        w.trainingPanel()->setSettings(s);
        QSignalSpy evaluated(w.controller(), &bithep::app::SessionController::evaluationReady);
        w.trainingPanel()->trainFromScratch();
        QVERIFY(evaluated.wait(kTimeoutMs));
        QCOMPARE(w.runs()->rowCount(), 1);
        const auto* before = singleMap(w.runs()->runs().front());
        QVERIFY(before && before->polar);
        const std::vector<double> first = before->values, reference = before->besideValues;
        const double seed = w.runs()->runs().front().metrics.at("sampling_seed").get<double>();

        auto* button = w.resultsView()->controls()->findChild<QPushButton*>("resample");
        QVERIFY(button);
        QVERIFY(button->isEnabled());
        button->click();
        QVERIFY(evaluated.wait(kTimeoutMs));
        QCOMPARE(w.runs()->rowCount(), 1);  // the same network: its run is updated, not repeated
        const auto& run = w.runs()->runs().front();
        QVERIFY(run.metrics.at("sampling_seed").get<double>() != seed);
        QVERIFY(singleMap(run)->values != first);
        QVERIFY(singleMap(run)->besideValues == reference);  // the reference shower stays
    }
};

QTEST_MAIN(TstExplorerCalo)
#include "tst_explorer_calo.moc"
