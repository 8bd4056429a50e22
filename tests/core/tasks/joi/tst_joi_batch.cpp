// `--batch joi` on tiny sizes: the scan trains every encoding at every size, writes the scan
// table, power-law fits, confusion matrices and figures as data; bad settings name themselves;
// the scaling fit matches a hand-computed power law.
#include <cmath>

#include <QTemporaryDir>
#include <QtTest>

#include "core/tasks/joi/joi_report.h"
#include "core/tasks/task_registry.h"

namespace joi = bithep::tasks::joi;
namespace tasks = bithep::tasks;

namespace {

tasks::BatchRequest tinyRequest(const std::filesystem::path& out) {
    tasks::BatchRequest r;
    r.outDir = out;
    r.seed = 3;
    r.threads = 1;
    r.arguments = {"scan-sizes=220,110",
                   "encodings=float,bytes-float32",
                   "test-jets=110",
                   "epochs=1",
                   "min-steps=0",
                   "dim=8",
                   "heads=2",
                   "blocks=1",
                   "ff-hidden=16",
                   "pair-hidden=4",
                   "max-particles=8",
                   "token-dim=2",
                   "batch=32",
                   "data-seed=5"};
    return r;
}

const tasks::FigureData* figure(const tasks::BatchOutput& out, const std::string& id) {
    for (const auto& f : out.figures)
        if (f.id == id) return &f;
    return nullptr;
}

}  // namespace

class TstJoiBatch : public QObject {
    Q_OBJECT
private slots:
    void scanOnTinySizes() {
        const auto* task = tasks::builtinTasks().find("joi");
        QVERIFY(task && task->batch && task->newSession);
        QTemporaryDir dir;
        const auto out = task->batch(tinyRequest(dir.path().toStdString()), {});
        QCOMPARE(out.tables.at("scan").rows().size(), std::size_t(4));  // 2 encodings × 2 sizes
        QCOMPARE(out.settings["task"], "joi");
        QCOMPARE(out.settings["scan_sizes"], nlohmann::json({110, 220}));
        for (const char* s : {"float fp32", "bytes-float32 fp32"}) {
            const auto& series = out.metrics["series"][s];
            QCOMPARE(series["runs"].size(), std::size_t(2));
            QVERIFY(series["runs"][0]["accuracy"].get<double>() >= 0.0);
            QCOMPARE(series["runs"][0]["kernel_layers"].get<int>(), 0);  // fp32: floats only
            QVERIFY(series.contains("power_law_fit"));  // two sizes: a fit without error bars
        }
        const auto* confusion = figure(out, "confusion_float_fp32");
        QVERIFY(confusion);
        const auto& map = std::get<tasks::MapFigure>(confusion->content);
        QCOMPARE(map.values.size(), std::size_t(121));
        for (int row = 0; row < 11; ++row) {
            double sum = 0.0;
            for (int col = 0; col < 11; ++col) sum += map.values[static_cast<std::size_t>(row * 11 + col)];
            QVERIFY(std::abs(sum - 1.0) < 1e-9 || sum == 0.0);
        }
        const auto* roc = figure(out, "roc_classes_bytes_float32_fp32");
        QVERIFY(roc);
        QCOMPARE(std::get<tasks::RocFigure>(roc->content).curves.size(), std::size_t(11));
        QVERIFY(figure(out, "roc_merged"));
        const auto* scaling = figure(out, "scaling");
        QVERIFY(scaling);
        const auto& line = std::get<tasks::LineFigure>(scaling->content);
        QVERIFY(line.logX);
        QCOMPARE(line.lines.size(), std::size_t(4));  // points + fit per series
        QCOMPARE(line.lines[0].x, (std::vector<double>{110, 220}));
        QVERIFY(out.tables.count("power_law_fits") && out.tables.count("confusion_float_fp32"));
        QVERIFY(out.summary.find("accuracy") != std::string::npos);
    }
    // A quantized plan is scored on the integer kernels, with the largest probability change
    // against the fake-quantized floats beside it (both compute the same integer products).
    void quantizedPlanScoresOnTheKernels() {
        QTemporaryDir dir;
        tasks::BatchRequest r = tinyRequest(dir.path().toStdString());
        r.plan = "p-dat-bit";
        r.arguments[0] = "scan-sizes=110";
        r.arguments[1] = "encodings=float";
        const auto out = tasks::builtinTasks().find("joi")->batch(r, {});
        const auto& run = out.metrics["series"]["float p-dat-bit"]["runs"][0];
        QVERIFY(run["kernel_layers"].get<int>() > 0);
        const double difference = run["kernel_max_difference"].get<double>();
        QVERIFY2(difference >= 0.0 && difference < 1e-2, std::to_string(difference).c_str());
        const auto& row = out.tables.at("scan").rows().front();
        QCOMPARE(std::get<std::int64_t>(row[row.size() - 2].value()), run["kernel_layers"].get<std::int64_t>());
    }
    void badSettingsNameThemselves_data() {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("unknown key") << "sizes=3"
                                     << "sizes";
        QTest::addRow("bad number") << "scan-sizes=100,x"
                                    << "scan-sizes";
        QTest::addRow("too small") << "scan-sizes=10"
                                   << "at least 50";
        QTest::addRow("encoding") << "encodings=float,bytes-float64"
                                  << "bytes-float64";
    }
    void badSettingsNameThemselves() {
        QFETCH(QString, argument);
        QFETCH(QString, mentions);
        tasks::BatchRequest r;
        r.outDir = std::filesystem::temp_directory_path();
        r.arguments = {argument.toStdString()};
        try {
            tasks::builtinTasks().find("joi")->batch(r, {});
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
        }
    }
    void scalingFitByHand() {
        // 1 − accuracy = 0.5 at n = 100 and 0.25 at n = 1000: b = log10 2, a = 0.5·100^b = 2.
        const joi::ScalingSeries s{"x", {100, 1000}, {0.5, 0.75}};
        const auto fit = joi::fitScaling(s);
        QVERIFY(fit);
        QVERIFY(std::abs(fit->b - std::log10(2.0)) < 1e-12);
        QVERIFY(std::abs(fit->a - 2.0) < 1e-9);
        QVERIFY(!joi::fitScaling({"y", {100, 100}, {0.5, 0.6}}));  // one distinct size
        const auto f = joi::scalingFigure({s});
        const auto& line = std::get<tasks::LineFigure>(f.content);
        QCOMPARE(line.lines.size(), std::size_t(2));
        QVERIFY(std::abs(line.lines[1].y.back() - 0.75) < 1e-9);  // the fit passes through both points
    }
};

QTEST_APPLESS_MAIN(TstJoiBatch)
#include "tst_joi_batch.moc"
