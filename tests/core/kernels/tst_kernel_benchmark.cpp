// The benchmark driver behind `--batch bench`: the fp32 contender computes the right product on
// 1 and 2 threads, and runKernelBenchmark returns one consistent row per (shape, threads, path)
// and leaves the kernel settings as it found them. (Speed itself is measured in tests/bench.)
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <vector>

#include "core/kernels/kernel_benchmark.h"
#include "core/kernels/kernel_path.h"

using namespace bithep::kernels;

class TstKernelBenchmark : public QObject {
    Q_OBJECT
private slots:
    void fp32ContenderMatchesNaiveProduct_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("threads");
        for (int threads : {1, 2}) {
            QTest::addRow("gemv/%d", threads) << 33 << 20 << 1 << threads;      // split by rows
            QTest::addRow("gemm/%d", threads) << 17 << 40 << 37 << threads;     // split by tokens
        }
    }
    void fp32ContenderMatchesNaiveProduct() {
        QFETCH(int, m);
        QFETCH(int, k);
        QFETCH(int, n);
        QFETCH(int, threads);
        std::mt19937 gen(11);
        std::uniform_real_distribution<float> u(-1.0f, 1.0f);
        std::vector<float> x(std::size_t(n) * k), w(std::size_t(m) * k), b(m), y(std::size_t(n) * m);
        for (auto* v : {&x, &w, &b})
            for (float& f : *v) f = u(gen);
        fp32Linear(x.data(), w.data(), b.data(), y.data(), n, k, m, threads);
        for (int t = 0; t < n; ++t)
            for (int j = 0; j < m; ++j) {
                double ref = b[j];
                for (int c = 0; c < k; ++c) ref += double(x[std::size_t(t) * k + c]) * w[std::size_t(j) * k + c];
                QVERIFY(std::abs(y[std::size_t(t) * m + j] - ref) < 1e-4);
            }
    }

    void driverReturnsOneRowPerCombination() {
        KernelBenchConfig config;
        config.shapes = {{16, 32, 1}, {20, 40, 17}};
        config.paths = supportedKernelPaths();
        config.threads = {1, 2};
        config.minSeconds = 1e-4;
        int seen = 0;
        config.onRow = [&](const BenchRow&) { ++seen; };
        const auto rows = runKernelBenchmark(config);
        QCOMPARE(int(rows.size()), int(config.shapes.size() * config.threads.size() * config.paths.size()));
        QCOMPARE(seen, int(rows.size()));
        for (const BenchRow& r : rows) {
            QVERIFY(r.ternaryGflops > 0.0 && r.fp32Gflops > 0.0);
            QCOMPARE(r.ratio, r.ternaryGflops / r.fp32Gflops);
        }
        QCOMPARE(kernelThreads(), 0);
        QCOMPARE(int(activeKernelPath()), int(bestKernelPathOrEnvironment()));
        const std::string table = formatBenchTable(rows);
        // The contender line, a blank line, the header, the rule, one line per row.
        QCOMPARE(int(std::count(table.begin(), table.end(), '\n')), int(rows.size()) + 4);
        QVERIFY(table.find("fp32 contender: Eigen, " + activeFp32Variant()) == 0);
    }

    void driverStopsWhenCancelled() {
        KernelBenchConfig config;
        config.shapes = defaultBenchShapes();
        config.paths = {KernelPath::Ref};
        config.cancelled = [] { return true; };
        QVERIFY(runKernelBenchmark(config).empty());
        config.fp32 = nullptr;
        config.cancelled = nullptr;
        config.shapes = {{4, 4, 1}};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runKernelBenchmark(config));
    }

private:
    static KernelPath bestKernelPathOrEnvironment() {
        const char* env = std::getenv("BITHEP_KERNEL");
        return env ? parseKernelPath(env) : bestKernelPath();
    }
};

QTEST_APPLESS_MAIN(TstKernelBenchmark)
#include "tst_kernel_benchmark.moc"
