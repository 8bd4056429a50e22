// The generator-vs-data window as a user drives it, offscreen: a comparison runs in the
// background and fills the table (checked with QAbstractItemModelTester) and the two class
// histograms of the selected observable; export writes the batch job's files; cancel and a
// missing file keep the previous comparison. The main window opens it on the Pythia sample, and
// opening data without particle types makes the dataset panel offer PID-free generation.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "app/main_window.h"
#include "app/panels/dataset_panel.h"
#include "app/session_controller.h"
#include "app/views/generator_validation_view.h"
#include "core/physics/jet_generator.h"
#include "core/tasks/qg/qg_session.h"
#include "widgets/model/csv_table_model.h"

using bithep::app::GeneratorValidationView;

namespace {

constexpr int kTimeoutMs = 120000;

// Jets from the generator written as a file of "real" jets without PID (no generator record).
QString writeRealJets(const QTemporaryDir& dir, std::size_t jets) {
    bithep::physics::JetGeneratorConfig config;
    config.threads = 1;
    auto data = bithep::tasks::jet_common::JetDataset::fromJets(bithep::physics::JetGenerator(config, 99).generate(jets),
                                                        config.toJson(), 99);
    data.dropPid();
    data.generatorConfig.clear();
    data.source = "real.h5";
    const QString file = dir.filePath("real.h5");
    data.writeHdf5(file.toStdString());
    return file;
}

int figureWidgets(const QWidget& w) {
    int n = 0;
    for (const QWidget* child : w.findChildren<QWidget*>())
        if (child->property("bithepFigure").toBool()) ++n;
    return n;
}

}  // namespace

class TstGeneratorValidationView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("BitHEP-test");
        QCoreApplication::setApplicationName("Explorer-test");
    }

    void compareExportCancel() {
        QTemporaryDir dir;
        GeneratorValidationView view;
        QAbstractItemModelTester tester(view.table(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setDataFile(writeRealJets(dir, 200));
        view.setJets(300);
        QSignalSpy finished(&view, &GeneratorValidationView::finished);
        view.compare();
        QVERIFY(view.isRunning());
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(finished.takeFirst().at(0).toBool(), true);
        QCOMPARE(view.table()->rowCount(), 8);
        QCOMPARE(view.table()->index(0, 0).data(Qt::UserRole).toString(), QString("multiplicity"));
        QCOMPARE(figureWidgets(view), 2);  // quark and gluon histograms of the selected row
        QVERIFY(view.exportTo(dir.filePath("out")));
        for (const char* f : {"validation.csv", "metrics.json", "project.json", "validation_mass_gluon.svg"})
            QVERIFY2(QFile::exists(dir.filePath(QString("out/") + f)), f);

        // Cancelled: the previous comparison stays.
        view.setJets(2'000'000);
        view.compare();
        view.cancel();
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(finished.takeFirst().at(0).toBool(), false);
        QCOMPARE(view.table()->rowCount(), 8);
        QCOMPARE(view.output().settings["generated_jets"].get<int>(), 300);

        // A missing file: an error naming it, the previous comparison stays.
        view.setJets(200);
        view.setDataFile(dir.filePath("missing.npz"));
        view.compare();
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(finished.takeFirst().at(0).toBool(), false);
        QVERIFY(view.findChild<QLabel*>("validationStatus")->text().contains("missing.npz"));
        QCOMPARE(view.table()->rowCount(), 8);
    }

    void mainWindowOpensItOnTheSample() {
        bithep::app::MainWindow w;
        GeneratorValidationView* view = w.showGeneratorValidation();
        QVERIFY(view && view->isVisible());
        QVERIFY(view->dataFile().endsWith("qg_pythia/qg_pythia_calibration_1000.npz"));
        QVERIFY(QFile::exists(view->dataFile()));
        QCOMPARE(w.showGeneratorValidation(), view);  // one window, raised again
    }

    void pidFreeDataOffersPidFreeGeneration() {
        QTemporaryDir dir;
        bithep::app::MainWindow w;
        auto* pid = w.datasetPanel()->findChild<QCheckBox*>("datasetParticleIds");
        QVERIFY(pid && pid->isChecked());
        QSignalSpy ready(w.controller(), &bithep::app::SessionController::datasetReady);
        w.datasetPanel()->openFile(writeRealJets(dir, 90));
        QVERIFY(ready.wait(kTimeoutMs));
        QVERIFY(!pid->isChecked());
        QVERIFY(!w.datasetPanel()->particleIds());
        w.datasetPanel()->setSettings(90, 5, w.datasetPanel()->particleIds());
        w.datasetPanel()->generate();
        QVERIFY(ready.wait(kTimeoutMs));
        auto* session = dynamic_cast<bithep::tasks::qg::QgSession*>(w.controller()->session());
        QVERIFY(session);
        QVERIFY(!session->dataset().pidKnown);
        QVERIFY(!session->dataset().generatorConfig.empty());
        QCOMPARE(w.controller()->datasetSettings().particleIds, false);  // saved with the project
    }
};

QTEST_MAIN(TstGeneratorValidationView)
#include "tst_generator_validation_view.moc"
