// The `--batch bench` report from hand-made benchmark rows: one table row per measurement, the
// ratio figure from the last path only (1- and 2-thread series), and the settings naming the
// fp32 contender and the CPU.
#include <QtTest>

#include "core/tasks/kernel_bench_report.h"

namespace k = bithep::kernels;

class TstKernelBenchReport : public QObject {
    Q_OBJECT
private slots:
    void tableFigureAndSettings() {
        k::KernelBenchConfig config;
        config.shapes = {{64, 64, 64}, {256, 256, 64}};
        config.paths = {k::KernelPath::Ref, k::KernelPath::Avx2};
        std::vector<k::BenchRow> rows;
        double ratio = 1.0;
        for (const auto path : config.paths)
            for (const auto& shape : config.shapes)
                for (int threads : {1, 2}) rows.push_back({shape, path, threads, 10.0 * ratio, 10.0, ratio}), ratio += 0.5;
        const auto out = bithep::tasks::kernelBenchReport(rows, config, true);
        const auto& table = out.tables.at("bench");
        QCOMPARE(table.rows().size(), rows.size());
        QCOMPARE(table.header().back(), std::string("ratio"));
        QCOMPARE(out.figures.size(), std::size_t(1));
        const auto& bars = std::get<bithep::tasks::BarFigure>(out.figures.front().content);
        // Only the last path (avx2): its two shapes, 1 and 2 threads.
        QCOMPARE(bars.categories, (std::vector<std::string>{"M=64 K=64 N=64", "M=256 K=256 N=64"}));
        QCOMPARE(bars.series.size(), std::size_t(2));
        QCOMPARE(bars.series[0].values, (std::vector<double>{3.0, 4.0}));
        QCOMPARE(bars.series[1].values, (std::vector<double>{3.5, 4.5}));
        QCOMPARE(out.settings.at("paths").get<std::string>(), std::string("all supported"));
        QVERIFY(out.settings.at("fp32_contender").get<std::string>().rfind("Eigen, ", 0) == 0);
        QVERIFY(!out.settings.at("cpu").get<std::string>().empty());
        QVERIFY(!out.summary.empty());
    }
    void oneThreadGivesOneSeries() {
        k::KernelBenchConfig config;
        config.shapes = {{32, 32, 1}};
        config.paths = {k::KernelPath::Ref};
        config.threads = {1};
        const std::vector<k::BenchRow> rows{{config.shapes[0], k::KernelPath::Ref, 1, 5.0, 2.5, 2.0}};
        const auto out = bithep::tasks::kernelBenchReport(rows, config, false);
        const auto& bars = std::get<bithep::tasks::BarFigure>(out.figures.front().content);
        QCOMPARE(bars.series.size(), std::size_t(1));
        QCOMPARE(bars.series[0].values, std::vector<double>{2.0});
        QCOMPARE(out.settings.at("paths").get<std::string>(), std::string("best"));
    }
};

QTEST_APPLESS_MAIN(TstKernelBenchReport)
#include "tst_kernel_bench_report.moc"
