// Command-line parsing and the batch runner's handling of unknown jobs and failures.
#include <stdexcept>

#include <QtTest>

#include <QDir>
#include <QTemporaryDir>

#include "app/batch_runner.h"
#include "app/command_line.h"

using bithep::app::BatchOptions;
using bithep::app::BatchRunner;
using bithep::app::CommandLine;
using bithep::app::parseCommandLine;

class TstCommandLine : public QObject {
    Q_OBJECT
private slots:
    void modes_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("mode");
        using M = CommandLine::Mode;
        QTest::newRow("gui") << QStringList{"x"} << int(M::Gui);
        QTest::newRow("help") << QStringList{"x", "--help"} << int(M::Help);
        QTest::newRow("version") << QStringList{"x", "--version"} << int(M::Version);
        QTest::newRow("batch") << QStringList{"x", "--batch", "info"} << int(M::Batch);
        QTest::newRow("unknown option") << QStringList{"x", "--frobnicate"} << int(M::Error);
        QTest::newRow("bad seed") << QStringList{"x", "--batch", "demo", "--seed", "-3"} << int(M::Error);
        QTest::newRow("zero seeds") << QStringList{"x", "--batch", "demo", "--seeds", "0"} << int(M::Error);
        QTest::newRow("two projects") << QStringList{"x", "a.json", "b.json"} << int(M::Error);
    }
    void modes() {
        QFETCH(QStringList, args);
        QFETCH(int, mode);
        const CommandLine cl = parseCommandLine(args);
        QCOMPARE(int(cl.mode), mode);
        if (cl.mode == CommandLine::Mode::Error) QVERIFY(!cl.message.isEmpty());
    }

    void batchOptionsAreRead() {
        const auto cl = parseCommandLine({"x", "--batch", "qg", "--plan", "p-dat-bit", "--seeds", "3",
                                          "--seed", "42", "--out", "res", "--threads", "2"});
        QCOMPARE(cl.batch.job, QString("qg"));
        QCOMPARE(cl.batch.plan, QString("p-dat-bit"));
        QCOMPARE(cl.batch.seeds, 3);
        const auto scan =
            parseCommandLine({"x", "--batch", "joi", "--scan-sizes", "1000,3162", "encodings=float"});
        QCOMPARE(scan.batch.arguments, (QStringList{"encodings=float", "scan-sizes=1000,3162"}));
        QCOMPARE(cl.batch.seed, quint64(42));
        QCOMPARE(cl.batch.outDir, QString("res"));
        QCOMPARE(cl.batch.threads, 2);
    }

    void unknownJobIsAClearError() {
        BatchRunner runner;
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        BatchOptions options;
        options.job = "no-such-task";
        QCOMPARE(runner.run(options, out, err), 2);
        err.flush();
        QVERIFY(errText.contains("unknown batch job or task 'no-such-task'"));
        QVERIFY(errText.contains("info"));
    }

    void infoPrintsVersions() {
        BatchRunner runner;
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        BatchOptions options;
        options.job = "info";
        QCOMPARE(runner.run(options, out, err), 0);
        out.flush();
        QVERIFY(outText.contains("FastJet"));
        QVERIFY(outText.contains("AVX2"));
    }

    void throwingJobBecomesExitCodeOne() {
        BatchRunner runner;
        runner.addJob({"boom", "fails", [](const BatchOptions&, QTextStream&, QTextStream&) -> int {
                           throw std::runtime_error("file 'x.h5' is truncated");
                       }});
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        BatchOptions options;
        options.job = "boom";
        QCOMPARE(runner.run(options, out, err), 1);
        err.flush();
        QVERIFY(errText.contains("x.h5"));
    }

    void unknownArgumentsAreRefused_data() {
        QTest::addColumn<QString>("job");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("bench") << "bench" << "bench: unknown argument 'frob=1' (known: all-paths)";
        QTest::newRow("demo") << "demo" << "demo: unknown setting 'frob' (the demo takes only --seed and --threads)";
        QTest::newRow("info") << "info" << "info: unknown argument 'frob=1'";
        QTest::newRow("qg") << "qg" << "unknown setting 'frob'";
    }
    void unknownArgumentsAreRefused() {
        QFETCH(QString, job);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        BatchRunner runner;
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        BatchOptions options;
        options.job = job;
        options.outDir = dir.filePath("out/nested");
        options.arguments = {"frob=1"};
        QCOMPARE(runner.run(options, out, err), 1);
        err.flush();
        QVERIFY2(errText.contains(mentions), qPrintable(errText));
        // The refused run leaves no output folder behind, nor the parent it created.
        QVERIFY(!QDir(dir.filePath("out")).exists());
    }

    void unwritableOutputIsFoundBeforeWork() {
        BatchRunner runner;
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        BatchOptions options;
        options.job = "qg";
        options.outDir = "/proc/1";  // exists, and not even root may create files there
        options.arguments = {"jets=200", "test-jets=20", "epochs=1"};
        QCOMPARE(runner.run(options, out, err), 1);
        err.flush();
        QVERIFY2(errText.contains("output directory '/proc/1' is not writable"), qPrintable(errText));
        QVERIFY(!errText.contains("Generating"));
    }
};

QTEST_MAIN(TstCommandLine)
#include "tst_command_line.moc"
