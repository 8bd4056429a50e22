// BitLinear against a hand-computed 3x4 example (ternary and binary weights, an all-zero token,
// ties at ±0.5 rounding to even), the straight-through gradient, and switching precision.
#include <QtTest>

#include "core/autograd/ops.h"
#include "core/nn/bit_linear.h"

namespace ag = bithep::autograd;
namespace nn = bithep::nn;
namespace q = bithep::quant;
using ag::Matrix;
using ag::Var;

namespace {

// mean|W| = 12/12 = 1 = β; W/β has ties at ±0.5 (→ 0) and ±2.5 (→ ∓2, clipped to ∓1).
Matrix exampleWeights() {
    Matrix w(3, 4);
    w << 0.5f, -0.5f, 1.5f, -2.5f,
         1.0f, -1.0f, 0.0f, 2.0f,
         0.25f, -0.25f, 1.5f, -1.0f;
    return w;
}

Matrix exampleBias() {
    Matrix b(1, 3);
    b << 0.1f, -0.2f, 0.3f;
    return b;
}

// Token 0: max|x| = 4, s = 31.75, x·s = 31.75, −63.5 (tie → −64), 15.875, 127.
// Token 1: all zero. Token 2: max 127, s = 1, with ties 0.5 → 0, −2.5 → −2, 1.5 → 2.
Matrix exampleInput() {
    Matrix x(3, 4);
    x << 1.0f, -2.0f, 0.5f, 4.0f,
         0.0f, 0.0f, 0.0f, 0.0f,
         127.0f, 0.5f, -2.5f, 1.5f;
    return x;
}

Matrix expectedQuantizedInput() {
    Matrix xq(3, 4);
    xq << 32.0f / 31.75f, -64.0f / 31.75f, 16.0f / 31.75f, 127.0f / 31.75f,
          0.0f, 0.0f, 0.0f, 0.0f,
          127.0f, 0.0f, -2.0f, 2.0f;
    return xq;
}

Matrix ternaryCodes() {
    Matrix c(3, 4);
    c << 0, 0, 1, -1,
         1, -1, 0, 1,
         0, 0, 1, -1;
    return c;
}

// α = mean(W) = 1.5/12 = 0.125; code = sign(W − α).
Matrix binaryCodes() {
    Matrix c(3, 4);
    c << 1, -1, 1, -1,
         1, -1, -1, 1,
         1, -1, 1, -1;
    return c;
}

std::unique_ptr<nn::BitLinear> exampleLayer(q::Precision p, q::ActivationBits a) {
    bithep::tensor::Rng rng(1);
    auto l = std::make_unique<nn::BitLinear>(4, 3, rng);
    l->weight().node()->value = exampleWeights();
    l->bias().node()->value = exampleBias();
    l->setPrecision(p);
    l->setActivationBits(a);
    return l;
}

float maxDiff(const Matrix& a, const Matrix& b) { return (a - b).cwiseAbs().maxCoeff(); }

}  // namespace

class TstBitLinear : public QObject {
    Q_OBJECT
private slots:
    void handComputedForward_data() {
        QTest::addColumn<int>("precision");
        QTest::addColumn<bool>("int8");
        QTest::newRow("ternary-int8") << int(q::Precision::Ternary) << true;
        QTest::newRow("binary-int8") << int(q::Precision::Binary) << true;
        QTest::newRow("ternary-fp32act") << int(q::Precision::Ternary) << false;
        QTest::newRow("fp32-int8") << int(q::Precision::Fp32) << true;
    }
    void handComputedForward() {
        QFETCH(int, precision);
        QFETCH(bool, int8);
        const auto p = static_cast<q::Precision>(precision);
        auto layer = exampleLayer(p, int8 ? q::ActivationBits::Int8 : q::ActivationBits::Fp32);
        const Matrix x = int8 ? expectedQuantizedInput() : exampleInput();
        const Matrix w = p == q::Precision::Ternary ? ternaryCodes()
                         : p == q::Precision::Binary ? binaryCodes()
                                                      : exampleWeights();  // β = 1 for both codes
        const Matrix expected = (x * w.transpose()).rowwise() + exampleBias().row(0);
        const Matrix y = layer->forward(ag::constant(exampleInput())).value();
        QVERIFY2(maxDiff(y, expected) < 1e-4f, "BitLinear output differs from the hand computation");
        QCOMPARE(Matrix(y.row(1)), exampleBias());  // the all-zero token gives exactly the bias
    }
    void integerCodesAndScale() {
        const auto t = q::quantizeWeights(exampleWeights(), q::Precision::Ternary);
        QCOMPARE(t.beta, 1.0f);
        for (int i = 0; i < 12; ++i) QCOMPARE(float(t.codes[size_t(i)]), ternaryCodes().data()[i]);
        const auto b = q::quantizeWeights(exampleWeights(), q::Precision::Binary);
        for (int i = 0; i < 12; ++i) QCOMPARE(float(b.codes[size_t(i)]), binaryCodes().data()[i]);
        std::vector<std::int8_t> codes;
        std::vector<float> scale;
        q::quantizeActivationsInt8(exampleInput(), codes, scale);
        QCOMPARE(int(codes[1]), -64);
        QCOMPARE(int(codes[9]), 0);
        QCOMPARE(int(codes[10]), -2);
        QCOMPARE(scale[0], 4.0f / 127.0f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, q::quantizeWeights(exampleWeights(), q::Precision::Fp32));
    }
    void allZeroWeightsStayFinite() {
        const auto t = q::quantizeWeights(Matrix::Zero(2, 3), q::Precision::Ternary);
        QCOMPARE(t.beta, q::kMinScale);
        for (auto c : t.codes) QCOMPARE(int(c), 0);
    }
    void straightThroughGradient() {
        auto layer = exampleLayer(q::Precision::Ternary, q::ActivationBits::Int8);
        Var x(exampleInput(), true);
        bithep::tensor::Rng rng(3);
        const Matrix proj = bithep::tensor::uniform(3, 3, -1, 1, rng);
        ag::sum(ag::mul(layer->forward(x), ag::constant(proj))).backward();
        // The same loss through a plain linear layer whose inputs are the quantized tensors.
        Var xq(expectedQuantizedInput(), true), wq(ternaryCodes(), true), b(exampleBias(), true);
        ag::sum(ag::mul(ag::linear(xq, wq, b), ag::constant(proj))).backward();
        QVERIFY(maxDiff(layer->weight().grad(), wq.grad()) < 1e-4f);
        QVERIFY(maxDiff(x.grad(), xq.grad()) < 1e-5f);
        QVERIFY(maxDiff(layer->bias().grad(), b.grad()) < 1e-6f);
    }
    void switchingBackToFp32IsExact() {
        auto layer = exampleLayer(q::Precision::Fp32, q::ActivationBits::Fp32);
        const Matrix x = exampleInput();
        const Matrix before = layer->forward(ag::constant(x)).value();
        layer->setPrecision(q::Precision::Binary);
        layer->setActivationBits(q::ActivationBits::Int8);
        QVERIFY(layer->forward(ag::constant(x)).value() != before);
        layer->setPrecision(q::Precision::Fp32);
        layer->setActivationBits(q::ActivationBits::Fp32);
        QCOMPARE(layer->forward(ag::constant(x)).value(), before);
        QCOMPARE(layer->weight().value(), exampleWeights());
    }
    void statsAndFlips() {
        auto layer = exampleLayer(q::Precision::Ternary, q::ActivationBits::Int8);
        nn::QuantStats s = layer->stats();
        QCOMPARE(s.fractionZero, 5.0 / 12.0);
        QCOMPARE(s.fractionPlus, 4.0 / 12.0);
        QCOMPARE(s.fractionMinus, 3.0 / 12.0);
        QCOMPARE(s.beta, 1.0f);
        layer->recordStep();
        layer->weight().node()->value(0, 0) = 0.9f;   // 0 → +1 (β becomes 1.0333)
        layer->weight().node()->value(1, 2) = -0.04f;  // stays 0
        layer->recordStep();
        QCOMPARE(layer->stats().flipRatio, 1.0 / 12.0);
        QCOMPARE(nn::BitLinear(2, 2, *std::make_unique<bithep::tensor::Rng>(1)).stats().beta, 0.0f);
    }
    void bitNetPaperVariant() {
        auto layer = exampleLayer(q::Precision::Ternary, q::ActivationBits::Int8);
        nn::BitLinearConfig c = layer->config();
        c.variant = q::BitLinearVariant::BitNetPaper;
        layer->setConfig(c);
        Matrix x = exampleInput().topRows(1);
        // LayerNorm of token 0, then per-tensor γ = max|x̂|, Q_b = 128.
        const Matrix xhat = ag::layerNorm(ag::constant(x), Var(), Var()).value();
        const float gamma = xhat.cwiseAbs().maxCoeff();
        Matrix xq = xhat;
        for (int i = 0; i < 4; ++i) xq(0, i) = std::clamp(std::nearbyint(xhat(0, i) * 128.0f / gamma), -128.0f, 127.0f) * gamma / 128.0f;
        const Matrix expected = (xq * ternaryCodes().transpose()).rowwise() + exampleBias().row(0);
        QVERIFY(maxDiff(layer->forward(ag::constant(x)).value(), expected) < 1e-5f);
        QVERIFY(q::variantFromString(q::toString(c.variant)) == c.variant);
    }
};

QTEST_APPLESS_MAIN(TstBitLinear)
#include "tst_bit_linear.moc"
