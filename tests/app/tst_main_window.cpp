// The main window has the menus and docks later features fill, remembers its layout, and the
// About dialog reports the CPU features the core detects.
#include <QtTest>

#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>

#include "app/about_dialog.h"
#include "app/main_window.h"
#include "core/platform/cpu_features.h"

using bithep::app::AboutDialog;
using bithep::app::MainWindow;

class TstMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // settings go to a test location
        QCoreApplication::setOrganizationName("BitHEP-test");
        QCoreApplication::setApplicationName("Explorer-test");
        QSettings().clear();
    }

    void hasTheSixMenus() {
        MainWindow w;
        QStringList titles;
        for (QAction* a : w.menuBar()->actions()) titles << a->text().remove('&');
        QCOMPARE(titles, (QStringList{"File", "Edit", "View", "Run", "Export", "Help"}));
    }

    void docksHaveObjectNamesForStateSaving() {
        MainWindow w;
        const auto docks = w.findChildren<QDockWidget*>();
        QVERIFY(docks.size() >= 2);
        for (QDockWidget* d : docks) QVERIFY2(!d->objectName().isEmpty(), qPrintable(d->windowTitle()));
    }

    void layoutIsRestoredAfterRestart() {
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            auto* messages = w.findChild<QDockWidget*>("messagesDock");
            QVERIFY(messages);
            QVERIFY(messages->isVisible());
            messages->hide();
            w.resize(1100, 820);
            w.close();
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(again.findChild<QDockWidget*>("messagesDock")->isHidden());
        QCOMPARE(again.size(), QSize(1100, 820));
        QSettings().clear();
    }

    void exportIsDisabledWithoutFigure() {
        MainWindow w;
        auto* exportAction = w.findChild<QAction*>("exportFigureAction");
        QVERIFY(exportAction);
        QCOMPARE(exportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
        QVERIFY(!exportAction->isEnabled());  // the welcome page is not a figure
        auto* figure = new QWidget;
        figure->setProperty("bithepFigure", true);
        w.viewTabs()->setCurrentIndex(w.viewTabs()->addTab(figure, "ROC"));
        QVERIFY(exportAction->isEnabled());
    }

    void aboutDialogListsDetectedCpuFeatures() {
        AboutDialog about;
        const QString report = about.reportText();
        const auto& cpu = bithep::platform::cpuFeatures();
        QVERIFY(report.contains(QString::fromStdString(cpu.brand)));
        const auto line = [&](const QString& name) {
            for (const QString& l : report.split('\n'))
                if (l.trimmed().startsWith(name + " ")) return l.simplified();
            return QString();
        };
        QCOMPARE(line("AVX2"), QString("AVX2 %1").arg(cpu.avx2 ? "yes" : "no"));
        QCOMPARE(line("AVX-512 VNNI"), QString("AVX-512 VNNI %1").arg(cpu.avx512vnni ? "yes" : "no"));
        QCOMPARE(line("AVX-VNNI"), QString("AVX-VNNI %1").arg(cpu.avxvnni ? "yes" : "no"));
        for (const char* lib : {"Qt", "Eigen", "HDF5", "FastJet"})
            QVERIFY2(report.contains(QString(lib) + " "), lib);
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_main_window.moc"
