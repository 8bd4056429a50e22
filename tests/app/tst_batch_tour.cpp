// `--batch tour` drives the window headlessly: on the task the explorer opens on by default (the
// registry's first task with a session, not a name written into the app), with that task's tour
// sizes unless samples=/epochs= are given, and real=FILE only where the task carries a tagger to
// real data.
#include <QtTest>

#include <QDir>
#include <QTemporaryDir>

#include "app/batch_runner.h"
#include "core/tasks/task_registry.h"

using bithep::app::BatchOptions;
using bithep::app::BatchRunner;

class TstBatchTour : public QObject {
    Q_OBJECT
private:
    static int run(BatchOptions options, QString* outText, QString* errText) {
        QTextStream out(outText), err(errText);
        const int rc = BatchRunner().run(options, out, err);
        out.flush();
        err.flush();
        return rc;
    }
private slots:
    void defaultTaskIsTheFirstWithASession() {
        QTemporaryDir dir;
        BatchOptions options;
        options.job = QStringLiteral("tour");
        options.outDir = dir.filePath(QStringLiteral("tour"));
        options.arguments = {QStringLiteral("samples=300"), QStringLiteral("epochs=1")};
        QString out, err;
        QCOMPARE(run(options, &out, &err), 0);
        std::string first;
        for (const auto& id : bithep::tasks::builtinTasks().ids())
            if (first.empty() && bithep::tasks::builtinTasks().find(id)->newSession) first = id;
        QVERIFY2(out.contains(QStringLiteral("Task %1: 300 samples").arg(QString::fromStdString(first))),
                 qPrintable(out + err));
        const QString shot = QStringLiteral("tour/explorer_%1_results.png").arg(QString::fromStdString(first));
        QVERIFY2(QFileInfo::exists(dir.filePath(shot)), qPrintable(out));
    }
    void realDataOnlyWhereTheTaskCarriesATagger() {
        for (const auto& id : bithep::tasks::builtinTasks().ids()) {
            const auto* task = bithep::tasks::builtinTasks().find(id);
            if (!task->newSession || task->tour.carriesToRealData) continue;
            QTemporaryDir dir;
            BatchOptions options;
            options.job = QStringLiteral("tour");
            options.task = QString::fromStdString(id);
            options.outDir = dir.filePath(QStringLiteral("tour"));
            options.arguments = {QStringLiteral("real=jets.npz")};
            QString out, err;
            QCOMPARE(run(options, &out, &err), 2);
            QVERIFY2(err.contains(QStringLiteral("'real=jets.npz' is not samples=N, epochs=N")), qPrintable(err));
            QVERIFY2(!err.contains(QStringLiteral("real=FILE")), qPrintable(err));
        }
    }
};

QTEST_MAIN(TstBatchTour)
#include "tst_batch_tour.moc"
