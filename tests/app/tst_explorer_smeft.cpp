// The SMEFT task in the explorer window, offscreen: it can be selected, generates events, trains
// and records runs with its scan, residual and map figures, a ternary retraining is compared
// with the fp32 reference, two runs overlay, and a project with its weights round-trips.
#include <algorithm>
#include <cmath>
#include <variant>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/model_panel.h"
#include "app/panels/training_panel.h"
#include "app/session_controller.h"
#include "app/views/cost_view.h"
#include "app/views/result_controls_bar.h"
#include "app/views/results_view.h"
#include "widgets/model/cost_table_model.h"
#include "widgets/model/layer_tree_model.h"
#include "widgets/model/runs_table_model.h"

using bithep::app::MainWindow;

namespace {

constexpr int kTimeoutMs = 120000;  // generous: CI machines are shared
constexpr int kEvents = 300;        // 200 training, 100 test events: well under a second

bool generate(MainWindow& w) {
    w.datasetPanel()->setSettings(kEvents, 3);
    QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
    w.datasetPanel()->generate();
    return ready.wait(kTimeoutMs);
}

void oneQuickEpoch(MainWindow& w) {
    auto s = w.trainingPanel()->settings();
    s.epochs = 1;
    s.batchSize = 32;
    w.trainingPanel()->setSettings(s);
}

double metric(const bithep::widgets::RunRecord& run, const char* name) {
    return run.metrics.at(name).get<double>();
}

std::vector<bithep::tensor::Matrix> weights(MainWindow& w) {
    std::vector<bithep::tensor::Matrix> out;
    for (const auto& [name, p] : w.controller()->session()->model()->namedParameters())
        out.push_back(p.value());
    return out;
}

}  // namespace

class TstExplorerSmeft : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("BitHEP-test");
        QCoreApplication::setApplicationName("Explorer-test");
    }

    void trainsComparesAndOverlays() {
        MainWindow w;
        QVERIFY(w.selectTask("smeft"));
        QCOMPARE(w.controller()->taskId(), QString("smeft"));
        QVERIFY(w.modelPanel()->layers()->rowCount() > 0);
        QVERIFY(!w.costView()->table()->empty());
        QVERIFY(generate(w));
        oneQuickEpoch(w);
        QSignalSpy evaluated(w.controller(), &bithep::app::SessionController::evaluationReady);
        w.trainingPanel()->trainFromScratch();
        QVERIFY(evaluated.wait(kTimeoutMs));
        QCOMPARE(w.runs()->rowCount(), 1);
        const auto& fp32 = w.runs()->runs().front();
        QCOMPARE(fp32.metricName, QString("c_W 68 % width / truth"));
        QVERIFY(std::isfinite(fp32.metric) && fp32.metric > 0.5);
        QVERIFY(fp32.metrics.at("is_fp32_reference").get<bool>());
        QStringList tabs;
        for (int i = 0; i < w.resultsView()->figureTabs()->count(); ++i)
            tabs << w.resultsView()->figureTabs()->tabText(i);
        for (const char* tab : {"likelihood scan", "residuals", "truth vs predicted"})
            QVERIFY2(tabs.contains(tab), qPrintable(tabs.join(", ")));

        QVERIFY(w.modelPanel()->applyPlan("all-ternary"));
        w.trainingPanel()->retrain();
        QVERIFY(evaluated.wait(kTimeoutMs));
        QCOMPARE(w.runs()->rowCount(), 2);
        const auto& ternary = w.runs()->runs().back();
        QCOMPARE(ternary.precisions, QString("all-ternary"));
        QVERIFY(!ternary.metrics.at("is_fp32_reference").get<bool>());
        QVERIFY(ternary.metrics.at("separation_power_vs_fp32").get<double>() > 0.0);
        w.runs()->setShown(0, true);
        QCOMPARE(w.runs()->shownRuns().size(), std::size_t(2));

        // Four times the luminosity redraws every run at once: the Fisher information of the
        // Asimov scan grows exactly fourfold, the 68 % interval shrinks by about two, and the
        // network's width relative to truth stays.
        auto* bar = w.resultsView()->controls();
        QCOMPARE(bar->controlCount(), 2);
        const double lumi = bar->sliderValue("luminosity");
        QVERIFY(lumi > 0);
        std::vector<double> fisher, width, ratio;
        for (const auto& run : w.runs()->runs()) {
            fisher.push_back(metric(run, "network_fisher_information"));
            width.push_back(metric(run, "network_width68"));
            ratio.push_back(run.metric);
        }
        QVERIFY(bar->setSliderValue("luminosity", 4 * lumi));
        for (std::size_t i = 0; i < 2; ++i) {
            const auto& run = w.runs()->runs()[i];
            QVERIFY(std::fabs(metric(run, "network_fisher_information") / fisher[i] - 4.0) < 1e-6);
            QVERIFY(std::fabs(metric(run, "network_width68") / width[i] - 0.5) < 0.05);
            QVERIFY(std::fabs(run.metric / ratio[i] - 1.0) < 0.05);
        }
        QCOMPARE(w.controller()->session()->resultControls().front().value, 4 * lumi);
    }

    void projectRoundTripsWithWeights() {
        QTemporaryDir dir;
        const QString path = dir.filePath("smeft.bithep.json");
        std::vector<bithep::tensor::Matrix> saved;
        {
            MainWindow w;
            QVERIFY(w.selectTask("smeft"));
            QVERIFY(generate(w));
            oneQuickEpoch(w);
            QVERIFY(w.modelPanel()->applyPlan("mp-only"));
            QSignalSpy evaluated(w.controller(), &bithep::app::SessionController::evaluationReady);
            w.trainingPanel()->trainFromScratch();
            QVERIFY(evaluated.wait(kTimeoutMs));
            QVERIFY(w.resultsView()->controls()->setSliderValue("luminosity", 1000));
            QVERIFY(w.saveProject(path));
            saved = weights(w);
        }
        MainWindow w;
        QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
        QVERIFY(w.openProject(path));
        QVERIFY(ready.wait(kTimeoutMs));
        QCOMPARE(w.controller()->taskId(), QString("smeft"));
        QCOMPARE(w.runs()->rowCount(), 1);
        QVERIFY(!w.runs()->runs().front().figures.empty());
        QVERIFY(weights(w) == saved);
        QCOMPARE(w.controller()->datasetSummary().samples, std::size_t(kEvents));
        // The slider comes back where the saved figures were drawn.
        QVERIFY(std::fabs(w.resultsView()->controls()->sliderValue("luminosity") - 1000) < 1e-9);
    }
};

QTEST_MAIN(TstExplorerSmeft)
#include "tst_explorer_smeft.moc"
