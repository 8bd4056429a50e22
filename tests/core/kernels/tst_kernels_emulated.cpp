// The AVX-512 VNNI and AVX-VNNI kernel files compiled once more on SIMDe's portable intrinsics
// (simde_avx512_shim.h) and checked against the scalar reference: the same int8 activations,
// absmax, sums, output scales, int32 accumulators and float outputs, bit for bit, over awkward
// shapes, adversarial data, the row/token ranges of the two-thread split and the largest
// accumulators each kernel variant can produce. Runs on any x86-64, so these files are checked
// even on a CPU that cannot run them (tst_ternary_kernels covers them natively where it can).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include <QtTest>

#include "core/kernels/ternary_gemm.h"
#include "core/kernels/ternary_matrix.h"

using namespace bithep::kernels;

namespace {

struct Quantized {
    int stride = 0;
    std::vector<std::int8_t> q;
    std::vector<float> absmax, outScale;
    std::vector<std::int32_t> sums;
    int bad = -1;
};

Quantized quantize(detail::QuantizeFn fn, const std::vector<float>& x, int n, int cols, float beta) {
    Quantized r;
    r.stride = (cols + 15) / 16 * 16;
    r.q.assign(std::size_t(n) * r.stride, std::int8_t(99));  // padding must be overwritten with 0
    r.absmax.assign(n, -1.0f);
    r.outScale.assign(n, -1.0f);
    r.sums.assign(n, -1);
    r.bad =
        fn(x.data(), n, cols, r.stride, r.q.data(), r.absmax.data(), r.sums.data(), beta, r.outScale.data());
    return r;
}

bool sameBits(const float* a, const float* b, std::size_t n) {
    return std::memcmp(a, b, n * sizeof(float)) == 0;
}

// Tokens [0, upTo) of two quantizations agree bit for bit.
void compareQuantized(const Quantized& ref, const Quantized& got, int upTo) {
    QCOMPARE(got.bad, ref.bad);
    const auto bytes = std::size_t(upTo) * ref.stride;
    QVERIFY(std::memcmp(got.q.data(), ref.q.data(), bytes) == 0);
    QVERIFY(sameBits(got.absmax.data(), ref.absmax.data(), upTo));
    QVERIFY(sameBits(got.outScale.data(), ref.outScale.data(), upTo));
    QVERIFY(std::memcmp(got.sums.data(), ref.sums.data(), upTo * sizeof(std::int32_t)) == 0);
}

std::vector<float> activations(int n, int k, const QString& kind, std::mt19937& gen) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_real_distribution<float> decade(-3.0f, 3.0f);
    std::vector<float> x(std::size_t(n) * k);
    for (int t = 0; t < n; ++t) {
        const float magnitude = std::pow(10.0f, decade(gen));
        for (int j = 0; j < k; ++j) {
            float& v = x[std::size_t(t) * k + j];
            v = magnitude * normal(gen);
            if (kind == "zeroTokens" && t % 3 == 0) v = 0.0f;
            if (kind == "huge") v *= 1e27f;
            if (kind == "tiny") v *= 1e-33f;
            if (kind == "denormal") v = float(j % 3 - 1) * 1e-40f * float(t + 1);
            if (kind == "ties") v = (j == 0) ? 127.0f : float(int(gen() % 255) - 127) + 0.5f;
        }
    }
    return x;
}

TernaryMatrix randomMatrix(int m, int k, std::mt19937& gen, bool binary) {
    std::vector<std::int8_t> w(std::size_t(m) * k);
    for (auto& v : w) v = binary ? std::int8_t(gen() % 2 ? 1 : -1) : std::int8_t(int(gen() % 3) - 1);
    return TernaryMatrix::fromTernary(m, k, w, 0.03125f + float(gen() % 1000) * 1e-3f);
}

detail::GemmArgs gemmArgs(const TernaryMatrix& w, const Quantized& xq, const float* bias) {
    detail::GemmArgs a;
    a.tiles = w.packedTiles().data();
    a.rows = w.rows();
    a.rowBlocks = w.rowBlocks();
    a.kTiles = w.kTiles();
    a.xq = xq.q.data();
    a.xStride = xq.stride;
    a.xSums = xq.sums.data();
    a.outScale = xq.outScale.data();
    a.bias = bias;
    return a;
}

// Runs gemm over the whole output as one call or in the two pieces of a thread split.
enum class Split { None, Tokens, Rows };
void runSplit(detail::GemmFn gemm, const detail::GemmArgs& a, int n, Split split) {
    if (split == Split::Tokens) {
        gemm(a, 0, a.rowBlocks, 0, n / 2);
        gemm(a, 0, a.rowBlocks, n / 2, n);
    } else if (split == Split::Rows) {
        gemm(a, 0, a.rowBlocks / 2, 0, n);
        gemm(a, a.rowBlocks / 2, a.rowBlocks, 0, n);
    } else {
        gemm(a, 0, a.rowBlocks, 0, n);
    }
}

struct Outputs {
    std::vector<std::int32_t> acc;
    std::vector<float> y;
};

Outputs gemmOutputs(detail::GemmFn gemm, const TernaryMatrix& w, const Quantized& xq, int n,
                    const std::vector<float>& bias, Split split) {
    Outputs o;
    detail::GemmArgs a = gemmArgs(w, xq, bias.empty() ? nullptr : bias.data());
    o.acc.assign(std::size_t(n) * w.rows(), -7);
    a.acc = o.acc.data();
    runSplit(gemm, a, n, split);
    o.y.assign(o.acc.size(), -7.0f);
    a.acc = nullptr;
    a.y = o.y.data();
    runSplit(gemm, a, n, split);
    return o;
}

struct Emulated {
    const char* name;
    detail::GemmFn gemm;
};
const Emulated kGemms[] = {{"avx512vnni", emulated::ternaryGemmAvx512Vnni},
                           {"avxvnni", emulated::ternaryGemmAvxVnni}};

}  // namespace

class TstKernelsEmulated : public QObject {
    Q_OBJECT
private slots:
    void quantizeMatchesReference_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<QString>("kind");
        for (int k : {1, 15, 16, 17, 33, 64, 100, 129, 257})
            for (int n : {1, 15, 16, 17, 33, 48}) QTest::addRow("%dx%d", n, k) << n << k << QString("normal");
        for (const char* kind : {"zeroTokens", "huge", "tiny", "denormal", "ties"})
            for (int n : {5, 40}) QTest::addRow("%s/%d", kind, n) << n << 131 << QString(kind);
    }
    void quantizeMatchesReference() {
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(QString, kind);
        std::mt19937 gen(unsigned(n * 1009 + k));
        const auto x = activations(n, k, kind, gen);
        const Quantized ref = quantize(detail::quantizeRowsRef, x, n, k, 0.0625f);
        QCOMPARE(ref.bad, -1);
        compareQuantized(ref, quantize(emulated::quantizeRowsAvx512, x, n, k, 0.0625f), n);
        // Without an outScale array nothing is written there and the rest is the same.
        Quantized noScale = ref;
        noScale.outScale.assign(n, -1.0f);
        noScale.bad =
            emulated::quantizeRowsAvx512(x.data(), n, k, noScale.stride, noScale.q.data(),
                                         noScale.absmax.data(), noScale.sums.data(), 0.0625f, nullptr);
        QCOMPARE(noScale.bad, -1);
        QVERIFY(noScale.q == ref.q && noScale.sums == ref.sums);
        for (float s : noScale.outScale) QCOMPARE(s, -1.0f);
    }

    // A NaN/inf anywhere in a batch of 16 or in the per-token tail: the first bad token is named,
    // and every token before it is already quantized as the reference does.
    void nonFiniteStopsAtFirstBadToken_data() {
        QTest::addColumn<int>("bad");
        QTest::addColumn<float>("value");
        for (int bad : {0, 5, 15, 16, 21, 31, 32, 38})
            for (float v : {std::numeric_limits<float>::quiet_NaN(), -std::numeric_limits<float>::infinity()})
                QTest::addRow("token%d/%s", bad, std::isnan(v) ? "nan" : "inf") << bad << v;
    }
    void nonFiniteStopsAtFirstBadToken() {
        QFETCH(int, bad);
        QFETCH(float, value);
        const int n = 39, k = 40;
        std::mt19937 gen(3);
        auto x = activations(n, k, "normal", gen);
        x[std::size_t(bad) * k + 7] = value;
        if (bad + 3 < n) x[std::size_t(bad + 3) * k] = value;  // a later bad token does not matter
        const Quantized ref = quantize(detail::quantizeRowsRef, x, n, k, 1.0f);
        QCOMPARE(ref.bad, bad);
        compareQuantized(ref, quantize(emulated::quantizeRowsAvx512, x, n, k, 1.0f), bad);
    }

    void gemmMatchesReference_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        const int sizes[] = {1, 15, 16, 17, 33, 100, 129, 257};
        for (int m : sizes)
            for (int k : sizes)
                for (int n : {1, 9, 17}) QTest::addRow("%dx%dx%d", m, k, n) << m << k << n;
        QTest::addRow("gemv8blocks") << 300 << 64 << 1;
        QTest::addRow("smallK") << 64 << 64 << 64;
        QTest::addRow("k128") << 128 << 128 << 40;
    }
    void gemmMatchesReference() {
        QFETCH(int, m);
        QFETCH(int, k);
        QFETCH(int, n);
        std::mt19937 gen(unsigned(m * 7919 + k * 31 + n));
        const auto w = randomMatrix(m, k, gen, (m + k) % 5 == 0);
        const auto x = activations(n, k, "normal", gen);
        std::vector<float> bias;
        if (n % 2 == 1) bias = activations(1, m, "normal", gen);
        const Quantized xq = quantize(detail::quantizeRowsRef, x, n, k, w.scale());
        const Outputs ref = gemmOutputs(detail::ternaryGemmRef, w, xq, n, bias, Split::None);
        for (const Emulated& e : kGemms)
            for (Split split : {Split::None, Split::Tokens, Split::Rows}) {
                const Outputs got = gemmOutputs(e.gemm, w, xq, n, bias, split);
                QVERIFY2(got.acc == ref.acc, e.name);
                QVERIFY2(sameBits(got.y.data(), ref.y.data(), ref.y.size()), e.name);
            }
    }

    // All-+1 / all--1 weights against +127 / -128 over long rows: the largest accumulators, for
    // the GEMM kernels, the GEMV kernel with 16x-scaled codes (K just under its 2^20 limit, where
    // that accumulator comes within 2^15 of 2^31) and the plain GEMV kernel beyond it.
    void extremeAccumulators_data() {
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("weight");
        QTest::addColumn<int>("code");
        for (int wv : {1, -1})
            for (int code : {127, -128}) {
                QTest::addRow("gemm/w%+d/q%d", wv, code) << 65537 << 3 << wv << code;
                QTest::addRow("gemvScaled/w%+d/q%d", wv, code) << (1 << 20) - 16 << 1 << wv << code;
                QTest::addRow("gemvPlain/w%+d/q%d", wv, code) << (1 << 20) << 1 << wv << code;
            }
    }
    void extremeAccumulators() {
        QFETCH(int, k);
        QFETCH(int, n);
        QFETCH(int, weight);
        QFETCH(int, code);
        const int m = 17;
        const auto w = TernaryMatrix::fromTernary(
            m, k, std::vector<std::int8_t>(std::size_t(m) * k, std::int8_t(weight)), 1.0f);
        Quantized xq;
        xq.stride = w.kTiles() * kTileCols;
        xq.q.assign(std::size_t(n) * xq.stride, 0);
        for (int t = 0; t < n; ++t)
            for (int j = 0; j < k; ++j) xq.q[std::size_t(t) * xq.stride + j] = std::int8_t(code);
        xq.sums.assign(n, code * k);
        xq.outScale.assign(n, 1.0f);
        for (const Emulated& e : kGemms) {
            const Outputs got = gemmOutputs(e.gemm, w, xq, n, {}, Split::None);
            for (std::int32_t a : got.acc) QCOMPARE(a, weight * code * k);
        }
    }
};

QTEST_APPLESS_MAIN(TstKernelsEmulated)
#include "tst_kernels_emulated.moc"
