// The jet-origin task in the explorer, offscreen: it can be selected, generates flavour jets,
// trains its default model, and its results view shows the confusion matrix, the per-class
// and merged ROCs (tab names are the figure ids with spaces); after a second training on a
// larger sample, the scaling plot.
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/panels/training_panel.h"
#include "app/session_controller.h"
#include "app/views/results_view.h"

using bithep::app::MainWindow;

namespace {

constexpr int kTimeoutMs = 120000;  // generous: the machine is shared

bool generate(MainWindow& w, int jets) {
    w.datasetPanel()->setSettings(jets, 3);
    QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
    w.datasetPanel()->generate();
    return ready.wait(kTimeoutMs);
}

bool trainAndEvaluate(MainWindow& w) {
    auto s = w.trainingPanel()->settings();
    s.epochs = 1;
    s.batchSize = 32;
    w.trainingPanel()->setSettings(s);
    QSignalSpy evaluated(w.controller(), &bithep::app::SessionController::evaluationReady);
    w.trainingPanel()->trainFromScratch();
    return evaluated.wait(kTimeoutMs);
}

QStringList tabs(MainWindow& w) {
    QStringList out;
    for (int i = 0; i < w.resultsView()->figureTabs()->count(); ++i)
        out << w.resultsView()->figureTabs()->tabText(i);
    return out;
}

}  // namespace

class TstExplorerJoi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("BitHEP-test");
        QCoreApplication::setApplicationName("Explorer-joi-test");
    }
    void showsConfusionRocAndScaling() {
        MainWindow w;
        QVERIFY(w.selectTask("joi"));
        QCOMPARE(w.controller()->taskId(), QString("joi"));
        QVERIFY(generate(w, 330));
        QVERIFY(trainAndEvaluate(w));
        const QStringList first = tabs(w);
        for (const char* id : {"confusion", "roc classes", "roc merged"})
            QVERIFY2(first.contains(id), qPrintable(first.join(", ")));
        QVERIFY(!first.contains("scaling"));
        QVERIFY(generate(w, 495));
        QVERIFY(trainAndEvaluate(w));
        QVERIFY2(tabs(w).contains("scaling"), qPrintable(tabs(w).join(", ")));
    }
};

QTEST_MAIN(TstExplorerJoi)
#include "tst_explorer_joi.moc"
