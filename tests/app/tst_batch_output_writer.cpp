// A batch run's outputs land as PNG/SVG figures, CSV tables, metrics.json and project.json
// carrying the settings and seed.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "app/batch_output_writer.h"

using namespace bithep;

class TstBatchOutputWriter : public QObject {
    Q_OBJECT
private slots:
    void writesEverythingWithProvenance() {
        QTemporaryDir dir;
        tasks::BatchOutput out;
        out.settings = {{"task", "qg"}, {"seed", 42}, {"plan", "p-dat-bit"}};
        out.metrics = {{"auc", 0.9}};
        metrics::CsvTable t({"a", "b"});
        t.addRow({1, 2.5});
        out.tables.emplace("table", t);
        tasks::LineFigure f;
        f.lines.push_back({"loss", {1, 2, 3}, {0.7, 0.5, 0.4}, false, false});
        out.figures.push_back({"loss", "Loss", f});
        const QStringList files = app::writeBatchOutput(out, dir.path());
        for (const char* name : {"loss.png", "loss.svg", "table.csv", "metrics.json", "project.json"}) {
            QVERIFY2(files.contains(name), name);
            QVERIFY2(QFile::exists(QDir(dir.path()).filePath(name)), name);
        }
        QFile project(QDir(dir.path()).filePath("project.json"));
        QVERIFY(project.open(QIODevice::ReadOnly));
        const auto json = QJsonDocument::fromJson(project.readAll()).object();
        QCOMPARE(json.value("seed").toInt(), 42);
        QCOMPARE(json.value("plan").toString(), QString("p-dat-bit"));
        QVERIFY(json.value("outputs").toArray().contains("loss.png"));
        QFile csv(QDir(dir.path()).filePath("table.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(), QByteArray("a,b\n1,2.5\n"));
    }
    void unwritableDirectoryIsAnError() {
        tasks::BatchOutput out;
        out.metrics = {{"x", 1}};
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, app::writeBatchOutput(out, "/nonexistent-dir/sub"));
    }
};

QTEST_MAIN(TstBatchOutputWriter)
#include "tst_batch_output_writer.moc"
