// Every SIMD path the CPU supports gives bit-identical int8 activations, int32 accumulators and
// float outputs to the scalar reference, over awkward shapes and adversarial data; the
// reference itself is checked against a hand-computed case and a naive product of unpack().
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <QtTest>

#include "core/kernels/kernel_path.h"
#include "core/kernels/quantized_activations.h"
#include "core/kernels/ternary_linear.h"
#include "core/kernels/ternary_matrix.h"

using namespace bithep::kernels;

namespace {

// Forces a path and a thread count for one scope.
struct ForcedPath {
    ForcedPath(KernelPath p, int threads) {
        forceKernelPath(p);
        setKernelThreads(threads);
    }
    ~ForcedPath() {
        forceKernelPath(std::nullopt);
        setKernelThreads(0);
    }
};

struct Results {
    QuantizedActivations xq;
    std::vector<std::int32_t> acc;
    std::vector<float> y;       // from pre-quantized activations
    std::vector<float> yFused;  // quantize + multiply in one call
};

Results run(KernelPath path, int threads, const TernaryMatrix& w, const std::vector<float>& x, int n,
            const std::vector<float>& bias) {
    ForcedPath forced(path, threads);
    Results r;
    r.xq = quantizeActivations(x.data(), n, w.cols());
    r.acc.assign(static_cast<std::size_t>(n) * w.rows(), -1);
    ternaryAccumulators(w, r.xq, r.acc.data());
    r.y.assign(r.acc.size(), -1.0f);
    ternaryLinear(w, r.xq, bias.empty() ? nullptr : bias.data(), r.y.data());
    r.yFused.assign(r.acc.size(), -1.0f);
    ternaryLinear(w, x.data(), n, bias.empty() ? nullptr : bias.data(), r.yFused.data());
    return r;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

int firstDifference(const std::vector<float>& a, const std::vector<float>& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::memcmp(&a[i], &b[i], sizeof(float)) != 0) return static_cast<int>(i);
    return -1;
}

void compareResults(const Results& ref, const Results& got) {
    QCOMPARE(got.xq.stride, ref.xq.stride);
    QVERIFY(got.xq.values == ref.xq.values);
    QVERIFY(got.xq.sums == ref.xq.sums);
    QVERIFY(sameBits(got.xq.absmax, ref.xq.absmax));
    QVERIFY(got.acc == ref.acc);
    QVERIFY2(sameBits(got.y, ref.y),
             qPrintable(QString("first differing output %1").arg(firstDifference(got.y, ref.y))));
    QVERIFY(sameBits(got.yFused, ref.y));
}

// The reference's accumulators against a naive product of the unpacked weights.
void checkReferenceAgainstUnpack(const TernaryMatrix& w, const Results& ref) {
    const auto wu = w.unpack();
    const int n = ref.xq.tokens;
    for (int t = 0; t < n; ++t)
        for (int m = 0; m < w.rows(); ++m) {
            std::int64_t acc = 0;
            for (int k = 0; k < w.cols(); ++k)
                acc += std::int64_t{wu[std::size_t(m) * w.cols() + k]} * ref.xq.at(t, k);
            QCOMPARE(std::int64_t{ref.acc[std::size_t(t) * w.rows() + m]}, acc);
        }
}

std::vector<float> randomActivations(int n, int k, std::mt19937& gen) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_real_distribution<float> decade(-3.0f, 3.0f);
    std::vector<float> x(static_cast<std::size_t>(n) * k);
    for (int t = 0; t < n; ++t) {
        const float magnitude = std::pow(10.0f, decade(gen));  // tokens of very different size
        for (int j = 0; j < k; ++j) x[std::size_t(t) * k + j] = magnitude * normal(gen);
    }
    return x;
}

TernaryMatrix randomMatrix(int m, int k, std::mt19937& gen, bool binary = false) {
    std::vector<std::int8_t> w(static_cast<std::size_t>(m) * k);
    for (auto& v : w)
        v = binary ? static_cast<std::int8_t>(gen() % 2 ? 1 : -1)
                   : static_cast<std::int8_t>(int(gen() % 3) - 1);
    return TernaryMatrix::fromTernary(m, k, w, 0.03125f + float(gen() % 1000) * 1e-3f);
}

void addPathRows(const char* shape, int m, int k, int n) {
    for (KernelPath p : supportedKernelPaths()) {
        if (p == KernelPath::Ref) continue;
        const QByteArray name(kernelPathName(p).data(), qsizetype(kernelPathName(p).size()));
        QTest::addRow("%s/%s", name.constData(), shape) << int(p) << m << k << n;
    }
}

void addColumns() {
    QTest::addColumn<int>("path");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("n");
}

}  // namespace

class TstTernaryKernels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // BITHEP_KERNEL may name a path this CPU lacks (CTest runs every value): activeKernelPath()
        // then throws, which environmentSelectsPath checks; every other test forces its path.
        try {
            qInfo("supported paths: %d, active: %s", int(supportedKernelPaths().size()),
                  kernelPathName(activeKernelPath()).data());
        } catch (const std::runtime_error& e) {
            qInfo("%s", e.what());
        }
    }

    void environmentSelectsPath() {
        const char* env = std::getenv("BITHEP_KERNEL");
        if (env == nullptr) QSKIP("BITHEP_KERNEL not set");
        const KernelPath wanted = parseKernelPath(env);
        if (!kernelPathSupported(wanted)) {
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, activeKernelPath());
            QSKIP("this CPU does not support the requested path");
        }
        QCOMPARE(int(activeKernelPath()), int(wanted));
    }

    void pathNamesAndOverride() {
        for (KernelPath p : {KernelPath::Ref, KernelPath::Avx2, KernelPath::AvxVnni, KernelPath::Avx512Vnni})
            QCOMPARE(int(parseKernelPath(kernelPathName(p))), int(p));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseKernelPath("sse9"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, setKernelThreads(3));
        for (KernelPath p : supportedKernelPaths()) {
            ForcedPath forced(p, 1);
            QCOMPARE(int(activeKernelPath()), int(p));
        }
        QCOMPARE(int(supportedKernelPaths().front()), int(KernelPath::Ref));
    }

    // Hand-computed: x = (1, -2, 0.5): m = 2, s = 63.5, q = (round(63.5), -127, round(31.75)) =
    // (64, -127, 32) -- 63.5 rounds to the even 64. Second token: s = 1, ties 2.5 -> 2, -3.5 -> -4,
    // 0.5 -> 0 (half to even, not away from zero).
    void referenceHandComputed() {
        ForcedPath forced(KernelPath::Ref, 1);
        const std::vector<std::int8_t> wv = {1, 0, -1, 0, -1, 1, 1, 1, 0, 1, -1, 0};
        const auto w = TernaryMatrix::fromTernary(3, 4, wv, 0.5f);
        const std::vector<float> x = {1.0f, -2.0f, 0.5f, 0.0f, 127.0f, 2.5f, -3.5f, 0.5f};
        const auto xq = quantizeActivations(x.data(), 2, 4);
        const std::vector<int> q0 = {64, -127, 32, 0}, q1 = {127, 2, -4, 0};
        for (int k = 0; k < 4; ++k) {
            QCOMPARE(int(xq.at(0, k)), q0[k]);
            QCOMPARE(int(xq.at(1, k)), q1[k]);
        }
        QCOMPARE(xq.absmax[0], 2.0f);
        QCOMPARE(xq.sums[0], -31);
        std::vector<std::int32_t> acc(6);
        ternaryAccumulators(w, xq, acc.data());
        // rows (1,0,-1,0), (-1,1,1,1), (0,1,-1,0)
        const std::vector<std::int32_t> expected = {32, -159, -159, 127 + 4, -127 + 2 - 4, 2 + 4};
        QVERIFY(acc == expected);
        const std::vector<float> bias = {0.25f, -1.0f, 0.0f};
        std::vector<float> y(6);
        ternaryLinear(w, xq, bias.data(), y.data());
        QCOMPARE(y[0], (0.5f * 2.0f) / 127.0f * 32.0f + 0.25f);
        QCOMPARE(y[4], (0.5f * 127.0f) / 127.0f * -129.0f - 1.0f);
    }

    void matchesReference_data() {
        addColumns();
        const int sizes[] = {1, 15, 16, 17, 33, 100, 129, 257};
        for (int m : sizes)
            for (int k : sizes)
                for (int n : {1, 17})
                    addPathRows(qPrintable(QString("%1x%2x%3").arg(m).arg(k).arg(n)), m, k, n);
        for (int n : sizes) {
            addPathRows(qPrintable(QString("33x100x%1").arg(n)), 33, 100, n);
            addPathRows(qPrintable(QString("129x257x%1").arg(n)), 129, 257, n);
        }
        addPathRows("1024x1024x1", 1024, 1024, 1);
        addPathRows("40x2048x3", 40, 2048, 3);
        addPathRows("300x520x64", 300, 520, 64);
        addPathRows("48x64x1000", 48, 64, 1000);
        addPathRows("64x64x64", 64, 64, 64);  // the small-layer benchmark shapes
        addPathRows("128x128x40", 128, 128, 40);
    }
    void matchesReference() {
        QFETCH(int, path);
        QFETCH(int, m);
        QFETCH(int, k);
        QFETCH(int, n);
        std::mt19937 gen(static_cast<unsigned>(m * 7919 + k * 31 + n));
        const auto w = randomMatrix(m, k, gen, (m + k) % 5 == 0);  // some layers binary
        const auto x = randomActivations(n, k, gen);
        std::vector<float> bias;
        if (n % 2 == 1) bias = randomActivations(1, m, gen);
        const Results ref = run(KernelPath::Ref, 1, w, x, n, bias);
        if (m * k <= 257 * 257 && n <= 17) checkReferenceAgainstUnpack(w, ref);
        for (int threads : {1, 2}) compareResults(ref, run(KernelPath(path), threads, w, x, n, bias));
    }

    void adversarialMatchesReference_data() {
        QTest::addColumn<int>("path");
        QTest::addColumn<QString>("kind");
        for (KernelPath p : supportedKernelPaths())
            for (const char* kind : {"zeroTokens", "huge", "tiny", "mixed", "denormal", "ties", "binary"})
                QTest::addRow("%s/%s", kernelPathName(p).data(), kind) << int(p) << QString(kind);
    }
    void adversarialMatchesReference() {
        QFETCH(int, path);
        QFETCH(QString, kind);
        const int m = 37, k = 131, n = 9;
        std::mt19937 gen(99);
        const auto w = randomMatrix(m, k, gen, kind == "binary");
        std::vector<float> x = randomActivations(n, k, gen);
        for (int t = 0; t < n; ++t)
            for (int j = 0; j < k; ++j) {
                float& v = x[std::size_t(t) * k + j];
                if (kind == "zeroTokens" && t % 2 == 0) v = 0.0f;
                if (kind == "huge") v *= 1e27f;
                if (kind == "tiny") v *= 1e-33f;
                if (kind == "mixed") v *= (t % 2 ? 1e30f : 1e-30f) / 1000.0f;
                if (kind == "denormal") v = (j % 3 - 1) * 1e-40f * float(t + 1);
                if (kind == "ties") v = (j == 0) ? 127.0f : float(int(gen() % 255) - 127) + 0.5f;
            }
        const std::vector<float> bias(m, 0.5f);
        const Results ref = run(KernelPath::Ref, 1, w, x, n, bias);
        checkReferenceAgainstUnpack(w, ref);
        if (kind == "zeroTokens") {
            for (int j = 0; j < m; ++j) QCOMPARE(ref.y[j], 0.5f);  // token 0 is all zero: y = bias
            QCOMPARE(ref.xq.absmax[0], 1e-8f);
        }
        for (int threads : {1, 2}) compareResults(ref, run(KernelPath(path), threads, w, x, n, bias));
    }

    // All-+1 / all--1 weights against the extreme int8 codes +127 and -128 over a long K: the
    // largest accumulators the format can produce, checked against the closed form. One token
    // at K = 2^20 - 16 and 2^20: the AVX-512 GEMV kernel's 16x-scaled codes just under their
    // limit, and its plain kernel just past it.
    void extremeAccumulators_data() {
        QTest::addColumn<int>("path");
        QTest::addColumn<int>("weight");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        for (KernelPath p : supportedKernelPaths())
            for (int wv : {1, -1})
                for (int code : {127, -128}) {
                    const char* name = kernelPathName(p).data();
                    QTest::addRow("%s/w%+d/q%d", name, wv, code) << int(p) << wv << code << 65537 << 3;
                    QTest::addRow("%s/gemvScaled/w%+d/q%d", name, wv, code)
                        << int(p) << wv << code << (1 << 20) - 16 << 1;
                    QTest::addRow("%s/gemvPlain/w%+d/q%d", name, wv, code)
                        << int(p) << wv << code << (1 << 20) << 1;
                }
    }
    void extremeAccumulators() {
        QFETCH(int, path);
        QFETCH(int, weight);
        QFETCH(int, code);
        QFETCH(int, k);
        QFETCH(int, n);
        const int m = 19;
        const auto w = TernaryMatrix::fromTernary(
            m, k, std::vector<std::int8_t>(std::size_t(m) * k, std::int8_t(weight)), 1.0f);
        QuantizedActivations xq;
        xq.tokens = n;
        xq.cols = k;
        xq.stride = w.kTiles() * kTileCols;
        xq.values.assign(std::size_t(n) * xq.stride, 0);
        for (int t = 0; t < n; ++t)
            for (int j = 0; j < k; ++j) xq.values[std::size_t(t) * xq.stride + j] = std::int8_t(code);
        xq.absmax.assign(n, 1.0f);
        xq.sums.assign(n, code * k);
        ForcedPath forced(KernelPath(path), 1);
        std::vector<std::int32_t> acc(std::size_t(n) * m);
        ternaryAccumulators(w, xq, acc.data());
        for (auto a : acc) QCOMPARE(a, weight * code * k);
    }

    void rejectsNonFinite_data() {
        QTest::addColumn<int>("path");
        QTest::addColumn<float>("bad");
        for (KernelPath p : supportedKernelPaths()) {
            QTest::addRow("%s/nan", kernelPathName(p).data())
                << int(p) << std::numeric_limits<float>::quiet_NaN();
            QTest::addRow("%s/inf", kernelPathName(p).data())
                << int(p) << -std::numeric_limits<float>::infinity();
        }
    }
    void rejectsNonFinite() {
        QFETCH(int, path);
        QFETCH(float, bad);
        // Token 21 of 30 falls in the per-token tail of the AVX-512 quantizer (batches of 16),
        // of 48 inside a batch (and inside a batch of 8 for AVX2 either way); token 100 of 150 in
        // the second 64-token chunk of the fused layer.
        for (const auto& [n, badToken] : {std::pair{30, 21}, std::pair{48, 21}, std::pair{150, 100}}) {
            const int m = 20, k = 40;
            std::mt19937 gen(5);
            const auto w = randomMatrix(m, k, gen);
            auto x = randomActivations(n, k, gen);
            x[std::size_t(badToken) * k + 7] = bad;
            x[std::size_t(badToken + 3) * k + 3] = bad;  // only the first bad token is named
            std::vector<float> y(std::size_t(n) * m);
            for (int threads : {1, 2}) {
                ForcedPath forced(KernelPath(path), threads);
                try {
                    ternaryLinear(w, x.data(), n, nullptr, y.data());
                    QFAIL("a non-finite input was accepted");
                } catch (const std::invalid_argument& e) {
                    QVERIFY2(QString(e.what()).contains(QString("token %1, column 7").arg(badToken)),
                             e.what());
                }
                QVERIFY_THROWS_EXCEPTION(std::invalid_argument, quantizeActivations(x.data(), n, k));
            }
        }
    }

    // Two threads calling the layer at once (as the inference graph may) each get their own
    // scratch and the reference result.
    void concurrentCallsAgree() {
        std::mt19937 gen(8);
        const auto w = randomMatrix(70, 90, gen);
        const auto x = randomActivations(40, 90, gen);
        const std::vector<float> bias(70, -0.25f);
        const Results ref = run(KernelPath::Ref, 1, w, x, 40, bias);
        ForcedPath best(bestKernelPath(), 0);  // not the environment's: it may name a missing path
        std::vector<float> y1(ref.y.size()), y2(ref.y.size());
        auto call = [&](std::vector<float>* y) {
            for (int i = 0; i < 50; ++i) ternaryLinear(w, x.data(), 40, bias.data(), y->data());
        };
        std::thread other(call, &y2);
        call(&y1);
        other.join();
        QVERIFY(sameBits(y1, ref.y));
        QVERIFY(sameBits(y2, ref.y));
    }

    void rejectsShapeMismatch() {
        ForcedPath best(bestKernelPath(), 0);
        std::mt19937 gen(6);
        const auto w = randomMatrix(4, 10, gen);
        const auto x = randomActivations(2, 11, gen);
        const auto xq = quantizeActivations(x.data(), 2, 11);
        std::vector<float> y(8);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ternaryLinear(w, xq, nullptr, y.data()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ternaryLinear(w, x.data(), -1, nullptr, y.data()));
        ternaryLinear(w, x.data(), 0, nullptr, y.data());  // zero tokens is a valid no-op
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ternaryLinear(w, x.data(), 2, nullptr, nullptr));
        auto good = quantizeActivations(x.data(), 2, 10);
        good.sums.pop_back();  // hand-built activations with a missing per-token sum
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ternaryLinear(w, good, nullptr, y.data()));
    }
};

QTEST_APPLESS_MAIN(TstTernaryKernels)
#include "tst_ternary_kernels.moc"
