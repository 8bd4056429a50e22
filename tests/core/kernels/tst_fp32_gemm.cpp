// The fp32 products every variant of this build and CPU runs: a hand-computed case, all four
// transpose combinations with strides, accumulation and bias against a double-precision product
// on awkward sizes, bit-identical repeats at a fixed variant and thread count, layer norm forward
// and input gradient against double precision, and the errors.
#include <cmath>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <vector>

#include <QtTest>

#include "core/kernels/fp32_gemm.h"
#include "core/kernels/layer_norm_rows.h"

using namespace bithep::kernels;

namespace {

// Forces one variant for a scope.
struct ForcedVariant {
    explicit ForcedVariant(const std::string& name) { forceFp32Variant(name); }
    ~ForcedVariant() { forceFp32Variant(""); }
};

std::vector<float> randomValues(std::size_t count, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    std::vector<float> v(count);
    for (float& f : v) f = u(gen);
    return v;
}

struct Problem {
    int m, n, k;
    bool transA, transB, accumulate, bias;
    int pad;  // extra columns in every stored row, so leading dimensions exceed the widths
};

struct Buffers {
    std::vector<float> a, b, c, bias;
    int lda, ldb, ldc;
};

Buffers makeBuffers(const Problem& p, unsigned seed) {
    Buffers buf;
    const int aRows = p.transA ? p.k : p.m, aCols = p.transA ? p.m : p.k;
    const int bRows = p.transB ? p.n : p.k, bCols = p.transB ? p.k : p.n;
    buf.lda = aCols + p.pad;
    buf.ldb = bCols + p.pad;
    buf.ldc = p.n + p.pad;
    buf.a = randomValues(std::size_t(aRows) * buf.lda, seed);
    buf.b = randomValues(std::size_t(bRows) * buf.ldb, seed + 1);
    buf.c = randomValues(std::size_t(p.m) * buf.ldc, seed + 2);
    buf.bias = randomValues(std::size_t(p.n), seed + 3);
    return buf;
}

GemmArgs argsFor(const Problem& p, Buffers& buf) {
    GemmArgs g;
    g.m = p.m;
    g.n = p.n;
    g.k = p.k;
    g.a = buf.a.data();
    g.lda = buf.lda;
    g.transA = p.transA;
    g.b = buf.b.data();
    g.ldb = buf.ldb;
    g.transB = p.transB;
    g.c = buf.c.data();
    g.ldc = buf.ldc;
    g.accumulate = p.accumulate;
    g.bias = p.bias ? buf.bias.data() : nullptr;
    return g;
}

// The best supported variant, or the one BITHEP_FP32 names.
std::string automaticVariant() {
    const char* env = std::getenv("BITHEP_FP32");
    return env != nullptr && *env != '\0' ? std::string(env) : supportedFp32Variants().back();
}

}  // namespace

class TstFp32Gemm : public QObject {
    Q_OBJECT

private slots:
    void buildListsItsVariants() {
        const auto built = fp32Variants();
        QVERIFY(!built.empty());
        const auto supported = supportedFp32Variants();
        QVERIFY(!supported.empty());
        QCOMPARE(activeFp32Variant(), automaticVariant());
        QVERIFY(fp32Description().find(activeFp32Variant()) == 0);
        if (!nativeBuild()) QCOMPARE(int(built.size()), 3);
    }

    void handComputedCase() {
        // [1 2 3; 4 5 6] * [1 0; 0 1; 1 1] + [10 20] = [14 25; 20 31]: small integers, exact in fp32.
        const std::vector<float> a{1, 2, 3, 4, 5, 6}, b{1, 0, 0, 1, 1, 1}, bias{10, 20};
        for (const std::string& variant : supportedFp32Variants()) {
            ForcedVariant forced(variant);
            std::vector<float> c(4, -1.0f);
            GemmArgs g;
            g.m = 2;
            g.n = 2;
            g.k = 3;
            g.a = a.data();
            g.lda = 3;
            g.b = b.data();
            g.ldb = 2;
            g.c = c.data();
            g.ldc = 2;
            g.bias = bias.data();
            gemm(g);
            QCOMPARE(c, (std::vector<float>{14, 25, 20, 31}));
            g.accumulate = true;
            g.bias = nullptr;
            gemm(g);  // C += A*B: [18 30; 30 42]
            QCOMPARE(c, (std::vector<float>{18, 30, 30, 42}));
        }
    }

    void matchesDoublePrecision_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        const int sizes[][3] = {{1, 1, 1}, {1, 17, 5}, {7, 1, 13}, {3, 5, 0}, {15, 33, 17}, {64, 64, 8}, {65, 31, 129}, {256, 96, 64}};
        for (const auto& s : sizes) {
            QTest::addRow("%dx%dx%d", s[0], s[1], s[2]) << s[0] << s[1] << s[2];
        }
    }
    void matchesDoublePrecision() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        for (const std::string& variant : supportedFp32Variants()) {
            ForcedVariant forced(variant);
            for (int mode = 0; mode < 32; ++mode) {
                const Problem p{m, n, k, bool(mode & 1), bool(mode & 2), bool(mode & 4), bool(mode & 8), (mode & 16) ? 3 : 0};
                Buffers buf = makeBuffers(p, unsigned(7 + mode));
                const std::vector<float> before = buf.c;
                gemm(argsFor(p, buf));
                for (int i = 0; i < m; ++i) {
                    for (int j = 0; j < n; ++j) {
                        double ref = p.accumulate ? before[std::size_t(i) * buf.ldc + j] : 0.0;
                        double scale = std::abs(ref);
                        for (int l = 0; l < k; ++l) {
                            const double x = p.transA ? buf.a[std::size_t(l) * buf.lda + i] : buf.a[std::size_t(i) * buf.lda + l];
                            const double y = p.transB ? buf.b[std::size_t(j) * buf.ldb + l] : buf.b[std::size_t(l) * buf.ldb + j];
                            ref += x * y;
                            scale += std::abs(x * y);
                        }
                        if (p.bias) {
                            ref += buf.bias[j];
                            scale += std::abs(buf.bias[j]);
                        }
                        const float got = buf.c[std::size_t(i) * buf.ldc + j];
                        // fp32 summation of k+2 terms: a few ulps of the magnitude summed.
                        if (std::abs(got - ref) > 4e-7 * (k + 2) * (scale + 1e-30))
                            QFAIL(qPrintable(QString("%1 mode %2: C(%3,%4) = %5, double %6")
                                                 .arg(QString::fromStdString(variant)).arg(mode).arg(i).arg(j)
                                                 .arg(double(got), 0, 'g', 9).arg(ref, 0, 'g', 9)));
                    }
                    // The padding beyond column n is never written.
                    for (int j = n; j < buf.ldc; ++j) QCOMPARE(buf.c[std::size_t(i) * buf.ldc + j], before[std::size_t(i) * buf.ldc + j]);
                }
            }
        }
    }

    void repeatsAreBitIdentical() {
        // A fixed variant and thread count gives the same bits every time (training reproducibility).
        const Problem p{300, 200, 150, false, true, false, true, 0};
        for (const std::string& variant : supportedFp32Variants()) {
            ForcedVariant forced(variant);
            for (int threads : {1, 2}) {
                setFp32Threads(threads);
                Buffers first = makeBuffers(p, 3), second = makeBuffers(p, 3);
                gemm(argsFor(p, first));
                gemm(argsFor(p, second));
                QCOMPARE(first.c, second.c);
            }
        }
        setFp32Threads(1);
    }

    void linearContenderSplitsAgree() {
        // fp32Linear on two threads splits tokens or output rows; every element stays within
        // rounding of the single-thread result.
        for (const auto& [tokens, rows] : {std::pair{64, 48}, std::pair{5, 33}}) {
            const int cols = 40;
            const auto x = randomValues(std::size_t(tokens) * cols, 1), w = randomValues(std::size_t(rows) * cols, 2),
                       b = randomValues(std::size_t(rows), 3);
            std::vector<float> one(std::size_t(tokens) * rows), two(one.size());
            fp32Linear(x.data(), w.data(), b.data(), one.data(), tokens, cols, rows, 1);
            fp32Linear(x.data(), w.data(), b.data(), two.data(), tokens, cols, rows, 2);
            for (std::size_t i = 0; i < one.size(); ++i) QVERIFY(std::abs(one[i] - two[i]) <= 1e-5f);
        }
    }

    void eigenOverloadWorksOnBlocks() {
        // Attention multiplies per-head blocks of larger matrices: strides must be honoured.
        Fp32Matrix q = Fp32Matrix::Random(6, 8), k = Fp32Matrix::Random(6, 8), s = Fp32Matrix::Zero(6, 6);
        gemm(s.block(1, 2, 3, 3), q.block(0, 4, 3, 4), false, k.block(3, 4, 3, 4), true);
        const Fp32Matrix ref = q.block(0, 4, 3, 4) * k.block(3, 4, 3, 4).transpose();
        QVERIFY((s.block(1, 2, 3, 3) - ref).cwiseAbs().maxCoeff() < 1e-5f);
        QCOMPARE(s.block(0, 0, 1, 6).cwiseAbs().sum(), 0.0f);  // outside the block untouched
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gemm(s, q, false, k, false));
    }

    void layerNormMatchesDoublePrecision() {
        const int rows = 7, cols = 37;
        const auto x = randomValues(std::size_t(rows) * cols, 21), g = randomValues(std::size_t(rows) * cols, 22),
                   gamma = randomValues(cols, 23), beta = randomValues(cols, 24);
        for (const std::string& variant : supportedFp32Variants()) {
            ForcedVariant forced(variant);
            std::vector<float> xhat(x.size()), y(x.size()), gx(x.size()), invStd(rows);
            LayerNormArgs args;
            args.rows = rows;
            args.cols = cols;
            args.eps = 1e-5f;
            args.x = x.data();
            args.gamma = gamma.data();
            args.beta = beta.data();
            args.xhat = xhat.data();
            args.invStd = invStd.data();
            args.y = y.data();
            args.grad = g.data();
            args.gradX = gx.data();
            args.savedXhat = xhat.data();
            args.savedInvStd = invStd.data();
            layerNormForward(args);
            layerNormBackward(args);
            for (int r = 0; r < rows; ++r) {
                const float* xr = x.data() + std::size_t(r) * cols;
                double mean = 0, var = 0;
                for (int c = 0; c < cols; ++c) mean += xr[c];
                mean /= cols;
                for (int c = 0; c < cols; ++c) var += (xr[c] - mean) * (xr[c] - mean);
                const double inv = 1.0 / std::sqrt(var / cols + 1e-5);
                double m1 = 0, m2 = 0;
                std::vector<double> h(cols), gh(cols);
                for (int c = 0; c < cols; ++c) {
                    h[c] = (xr[c] - mean) * inv;
                    gh[c] = g[std::size_t(r) * cols + c] * double(gamma[c]);
                    m1 += gh[c] / cols;
                    m2 += gh[c] * h[c] / cols;
                }
                for (int c = 0; c < cols; ++c) {
                    const std::size_t i = std::size_t(r) * cols + c;
                    QVERIFY(std::abs(y[i] - (h[c] * gamma[c] + beta[c])) < 1e-5);
                    QVERIFY(std::abs(gx[i] - inv * (gh[c] - m1 - h[c] * m2)) < 1e-4 * inv);
                }
            }
        }
        LayerNormArgs empty;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, layerNormForward(empty));  // no columns
    }

    void refusesUnknownVariantsAndBadSizes() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, forceFp32Variant("avx9000"));
        QCOMPARE(activeFp32Variant(), automaticVariant());
        GemmArgs g;
        g.m = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gemm(g));
    }
};

QTEST_APPLESS_MAIN(TstFp32Gemm)
#include "tst_fp32_gemm.moc"
