// Every autograd op against central finite differences, plus forward values and shape errors.
#include <QtTest>

#include <map>
#include <stdexcept>

#include "core/autograd/ops.h"
#include "core/train/thread_control.h"
#include "grad_check.h"

namespace ag = bithep::autograd;
using ag::Matrix;
using ag::Var;
using bithep::testing::checkGradients;
using bithep::testing::OpUnderTest;

namespace {

struct Case {
    OpUnderTest op;
    std::vector<Matrix> inputs;
};

Matrix rnd(Eigen::Index r, Eigen::Index c, unsigned seed, float lo = -1.5f, float hi = 1.5f) {
    bithep::tensor::Rng rng(seed);
    return bithep::tensor::uniform(r, c, lo, hi, rng);
}

// Keeps every entry at least 0.1 away from the kinks of non-smooth ops (0, ±1).
Matrix smoothSide(Matrix m) {
    for (Eigen::Index i = 0; i < m.size(); ++i) {
        float& v = m.data()[i];
        for (float kink : {-1.0f, 0.0f, 1.0f}) {
            if (std::abs(v - kink) < 0.1f) v = kink + (v < kink ? -0.1f : 0.1f);
        }
    }
    return m;
}

// Distinct values 0.13 apart in a seeded order, so max ops have no near-ties.
Matrix distinct(Eigen::Index r, Eigen::Index c, unsigned seed) {
    std::vector<float> v(static_cast<size_t>(r * c));
    for (size_t i = 0; i < v.size(); ++i) v[i] = 0.13f * static_cast<float>(i) - 1.0f;
    bithep::tensor::Rng rng(seed);
    for (size_t i = v.size() - 1; i > 0; --i) std::swap(v[i], v[rng() % (i + 1)]);
    return Eigen::Map<Matrix>(v.data(), r, c);
}

ag::SetMask twoSetsOfThree() {
    ag::SetMask m;
    m.setSize = 3;
    m.valid = {1, 1, 0, 1, 1, 1};
    return m;
}

ag::SetMask withEmptySet() {
    ag::SetMask m;
    m.setSize = 2;
    m.valid = {1, 1, 0, 0, 1, 0};
    return m;
}

Matrix targets01() {
    Matrix t(4, 1);
    t << 1, 0, 1, 0;
    return t;
}

std::map<std::string, Case> cases() {
    using V = const std::vector<Var>&;
    std::map<std::string, Case> c;
    c["matmul"] = {[](V v) { return ag::matmul(v[0], v[1]); }, {rnd(3, 4, 1), rnd(4, 2, 2)}};
    c["linear"] = {[](V v) { return ag::linear(v[0], v[1], v[2]); }, {rnd(3, 4, 1), rnd(2, 4, 2), rnd(1, 2, 3)}};
    c["linear_nobias"] = {[](V v) { return ag::linear(v[0], v[1]); }, {rnd(3, 4, 1), rnd(2, 4, 2)}};
    c["add"] = {[](V v) { return ag::add(v[0], v[1]); }, {rnd(3, 4, 1), rnd(3, 4, 2)}};
    c["add_rowbroadcast"] = {[](V v) { return ag::add(v[0], v[1]); }, {rnd(3, 4, 1), rnd(1, 4, 2)}};
    c["add_colbroadcast"] = {[](V v) { return ag::add(v[1], v[0]); }, {rnd(3, 4, 1), rnd(3, 1, 2)}};
    c["add_scalarbroadcast"] = {[](V v) { return ag::add(v[0], v[1]); }, {rnd(3, 4, 1), rnd(1, 1, 2)}};
    c["sub_rowbroadcast"] = {[](V v) { return ag::sub(v[1], v[0]); }, {rnd(3, 4, 1), rnd(1, 4, 2)}};
    c["mul_colbroadcast"] = {[](V v) { return ag::mul(v[0], v[1]); }, {rnd(3, 4, 1), rnd(3, 1, 2)}};
    c["mul_outer"] = {[](V v) { return ag::mul(v[0], v[1]); }, {rnd(3, 1, 1), rnd(1, 4, 2)}};
    c["div"] = {[](V v) { return ag::div(v[0], v[1]); }, {rnd(3, 4, 1), rnd(3, 4, 2, 0.5f, 2.0f)}};
    c["div_rowbroadcast"] = {[](V v) { return ag::div(v[0], v[1]); }, {rnd(3, 4, 1), rnd(1, 4, 2, 0.5f, 2.0f)}};
    c["addScalar"] = {[](V v) { return ag::addScalar(v[0], 0.7f); }, {rnd(3, 4, 1)}};
    c["mulScalar"] = {[](V v) { return ag::mulScalar(v[0], -1.3f); }, {rnd(3, 4, 1)}};
    c["neg"] = {[](V v) { return ag::neg(v[0]); }, {rnd(3, 4, 1)}};
    c["exp"] = {[](V v) { return ag::exp(v[0]); }, {rnd(3, 4, 1)}};
    c["log"] = {[](V v) { return ag::log(v[0]); }, {rnd(3, 4, 1, 0.5f, 2.0f)}};
    c["sqrt"] = {[](V v) { return ag::sqrt(v[0]); }, {rnd(3, 4, 1, 0.5f, 2.0f)}};
    c["pow"] = {[](V v) { return ag::pow(v[0], 2.5f); }, {rnd(3, 4, 1, 0.5f, 2.0f)}};
    c["abs"] = {[](V v) { return ag::abs(v[0]); }, {smoothSide(rnd(3, 4, 1))}};
    c["clamp"] = {[](V v) { return ag::clamp(v[0], -1.0f, 1.0f); }, {smoothSide(rnd(3, 4, 1))}};
    c["sin"] = {[](V v) { return ag::sin(v[0]); }, {rnd(3, 4, 1)}};
    c["cos"] = {[](V v) { return ag::cos(v[0]); }, {rnd(3, 4, 1)}};
    c["relu"] = {[](V v) { return ag::relu(v[0]); }, {smoothSide(rnd(3, 4, 1))}};
    c["leakyRelu"] = {[](V v) { return ag::leakyRelu(v[0], 0.1f); }, {smoothSide(rnd(3, 4, 1))}};
    c["gelu"] = {[](V v) { return ag::gelu(v[0]); }, {rnd(3, 4, 1)}};
    c["silu"] = {[](V v) { return ag::silu(v[0]); }, {rnd(3, 4, 1)}};
    c["tanh"] = {[](V v) { return ag::tanh(v[0]); }, {rnd(3, 4, 1)}};
    c["sigmoid"] = {[](V v) { return ag::sigmoid(v[0]); }, {rnd(3, 4, 1)}};
    c["softplus"] = {[](V v) { return ag::softplus(v[0]); }, {rnd(3, 4, 1)}};
    c["softmaxRows"] = {[](V v) { return ag::softmaxRows(v[0]); }, {rnd(3, 4, 1)}};
    c["logSoftmaxRows"] = {[](V v) { return ag::logSoftmaxRows(v[0]); }, {rnd(3, 4, 1)}};
    // 2 sets x 2 heads x 3 queries = 12 score rows of 3 keys; the third particle of set 0 is padding.
    c["setSoftmax"] = {[](V v) { return ag::setSoftmax(v[0], twoSetsOfThree(), 2); }, {rnd(12, 3, 1)}};
    c["setScores"] = {[](V v) { return ag::setScores(v[0], v[1], 3, 2); }, {rnd(6, 4, 1), rnd(6, 4, 2)}};
    c["setApply"] = {[](V v) { return ag::setApply(v[0], v[1], 3, 2); }, {rnd(12, 3, 1), rnd(6, 4, 2)}};
    c["layerNorm"] = {[](V v) { return ag::layerNorm(v[0], v[1], v[2]); }, {rnd(3, 5, 1), rnd(1, 5, 2), rnd(1, 5, 3)}};
    c["layerNorm_noaffine"] = {[](V v) { return ag::layerNorm(v[0], Var(), Var()); }, {rnd(3, 5, 1)}};
    c["batchNorm_train"] = {[](V v) {
                                Matrix rm = Matrix::Zero(1, 3), rv = Matrix::Ones(1, 3);
                                return ag::batchNorm(v[0], v[1], v[2], rm, rv, true);
                            },
                            {rnd(5, 3, 1), rnd(1, 3, 2), rnd(1, 3, 3)}};
    c["batchNorm_eval"] = {[](V v) {
                               Matrix rm = rnd(1, 3, 4), rv = rnd(1, 3, 5, 0.5f, 2.0f);
                               return ag::batchNorm(v[0], v[1], v[2], rm, rv, false);
                           },
                           {rnd(5, 3, 1), rnd(1, 3, 2), rnd(1, 3, 3)}};
    c["dropout"] = {[](V v) {
                        bithep::tensor::Rng rng(5);
                        return ag::dropout(v[0], 0.4f, rng, true);
                    },
                    {rnd(4, 5, 1)}};
    c["concatCols"] = {[](V v) { return ag::concatCols({v[0], v[1]}); }, {rnd(3, 2, 1), rnd(3, 4, 2)}};
    c["concatRows"] = {[](V v) { return ag::concatRows({v[0], v[1]}); }, {rnd(2, 3, 1), rnd(4, 3, 2)}};
    c["sliceCols"] = {[](V v) { return ag::sliceCols(v[0], 1, 2); }, {rnd(3, 4, 1)}};
    c["sliceRows"] = {[](V v) { return ag::sliceRows(v[0], 1, 2); }, {rnd(3, 4, 1)}};
    c["reshape"] = {[](V v) { return ag::mul(ag::reshape(v[0], 2, 6), v[1]); }, {rnd(3, 4, 1), rnd(2, 6, 2)}};
    c["transpose"] = {[](V v) { return ag::transpose(v[0]); }, {rnd(3, 4, 1)}};
    c["gatherRows"] = {[](V v) { return ag::gatherRows(v[0], {2, 0, 2, 1}); }, {rnd(3, 4, 1)}};
    c["pickCols"] = {[](V v) { return ag::pickCols(v[0], {3, 0, 3}); }, {rnd(3, 4, 1)}};
    c["cumsumCols"] = {[](V v) { return ag::cumsumCols(v[0]); }, {rnd(3, 4, 1)}};
    c["sum"] = {[](V v) { return ag::sum(v[0]); }, {rnd(3, 4, 1)}};
    c["mean"] = {[](V v) { return ag::mean(v[0]); }, {rnd(3, 4, 1)}};
    c["sumOverRows"] = {[](V v) { return ag::sumOverRows(v[0]); }, {rnd(3, 4, 1)}};
    c["meanOverRows"] = {[](V v) { return ag::meanOverRows(v[0]); }, {rnd(3, 4, 1)}};
    c["sumOverCols"] = {[](V v) { return ag::sumOverCols(v[0]); }, {rnd(3, 4, 1)}};
    c["meanOverCols"] = {[](V v) { return ag::meanOverCols(v[0]); }, {rnd(3, 4, 1)}};
    c["maxOverRows"] = {[](V v) { return ag::maxOverRows(v[0]); }, {distinct(3, 4, 1)}};
    c["maxOverCols"] = {[](V v) { return ag::maxOverCols(v[0]); }, {distinct(3, 4, 1)}};
    c["setSum"] = {[](V v) { return ag::setSum(v[0], withEmptySet()); }, {rnd(6, 3, 1)}};
    c["setMean"] = {[](V v) { return ag::setMean(v[0], twoSetsOfThree()); }, {rnd(6, 3, 1)}};
    c["setMax"] = {[](V v) { return ag::setMax(v[0], withEmptySet()); }, {distinct(6, 3, 1)}};
    c["bceWithLogits"] = {[](V v) { return ag::bceWithLogits(v[0], targets01()); }, {rnd(4, 1, 1, -3.0f, 3.0f)}};
    c["softmaxCrossEntropy"] = {[](V v) { return ag::softmaxCrossEntropy(v[0], {2, 0, 1}); }, {rnd(3, 4, 1)}};
    c["mse"] = {[](V v) { return ag::mse(v[0], v[1]); }, {rnd(3, 2, 1), rnd(3, 2, 2)}};
    c["gaussianNll"] = {[](V v) { return ag::gaussianNll(v[0], v[1], v[2]); },
                        {rnd(3, 2, 1), rnd(3, 2, 2), rnd(3, 2, 3)}};
    c["angleLoss"] = {[](V v) { return ag::angleLoss(v[0], v[1]); }, {rnd(4, 1, 1), rnd(4, 1, 2)}};
    return c;
}

}  // namespace

class TstOps : public QObject {
    Q_OBJECT
private slots:
    void gradients_data() {
        QTest::addColumn<QString>("name");
        for (const auto& [name, c] : cases()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }
    void gradients() {
        QFETCH(QString, name);
        const auto all = cases();
        const Case& c = all.at(name.toStdString());
        const std::string err = checkGradients(c.op, c.inputs);
        QVERIFY2(err.empty(), err.c_str());
    }

    void softmaxForwardValues() {
        Matrix x(1, 3);
        x << 1000.0f, 1000.0f, 1000.0f - std::log(2.0f);  // exp(1000) overflows float; the 1e-4 tolerance is the ulp of 1000
        const Matrix y = ag::softmaxRows(ag::constant(x)).value();
        QVERIFY(std::abs(y(0, 0) - 0.4f) < 1e-4f);
        QVERIFY(std::abs(y(0, 2) - 0.2f) < 1e-4f);
    }
    void setSoftmaxIgnoresPadding() {
        const Matrix y = ag::setSoftmax(ag::constant(rnd(12, 3, 1)), twoSetsOfThree(), 2).value();
        for (int r = 0; r < 6; ++r) QCOMPARE(y(r, 2), 0.0f);
        for (int r = 0; r < 12; ++r) QVERIFY(std::abs(y.row(r).sum() - 1.0f) < 1e-6f);
    }
    void setMeanAndMaxHandleEmptySets() {
        Matrix x = distinct(6, 3, 3);
        const Matrix m = ag::setMean(ag::constant(x), withEmptySet()).value();
        QVERIFY((m.row(0) - 0.5f * (x.row(0) + x.row(1))).norm() < 1e-6f);
        QCOMPARE(m.row(1).norm(), 0.0f);
        QVERIFY((m.row(2) - x.row(4)).norm() < 1e-6f);
        QCOMPARE(ag::setMax(ag::constant(x), withEmptySet()).value().row(1).norm(), 0.0f);
    }
    void bceIsStableForLargeLogits() {
        Matrix l(2, 1);
        l << 200.0f, -200.0f;
        Matrix t(2, 1);
        t << 0.0f, 1.0f;
        QVERIFY(std::abs(ag::bceWithLogits(ag::constant(l), t).item() - 200.0f) < 1e-3f);
    }
    void angleLossIsPiPeriodic() {
        const Matrix p = rnd(5, 1, 4);
        const Matrix shifted = p.array() + static_cast<float>(M_PI);
        const float a = ag::angleLoss(ag::constant(p), ag::constant(rnd(5, 1, 5))).item();
        const float b = ag::angleLoss(ag::constant(shifted), ag::constant(rnd(5, 1, 5))).item();
        QVERIFY(std::abs(a - b) < 1e-5f);
    }
    // The attention ops split their loop over sets across threads (train::setThreads); each set
    // is computed by one thread either way, so values and gradients must be bitwise equal.
    void setAttentionOpsAreIdenticalOnTwoThreads() {
        const Eigen::Index sets = 64, n = 24, heads = 4, d = 32;  // large enough to be split
        ag::SetMask mask = ag::SetMask::allValid(sets, n);
        for (Eigen::Index b = 0; b < sets; ++b) mask.valid[size_t(b * n + n - 1 - b % 5)] = 0;
        auto run = [&](int threads) {
            bithep::train::setThreads(threads);
            Var q(rnd(sets * n, d, 1), true), k(rnd(sets * n, d, 2), true), v(rnd(sets * n, d, 3), true);
            const Var out = ag::setApply(ag::setSoftmax(ag::setScores(q, k, n, heads), mask, heads), v, n, heads);
            ag::sum(ag::mul(out, ag::constant(rnd(sets * n, d, 4)))).backward();
            bithep::train::setThreads(1);
            return std::vector<Matrix>{out.value(), q.grad(), k.grad(), v.grad()};
        };
        const auto one = run(1), two = run(2);
        for (size_t i = 0; i < one.size(); ++i) QVERIFY(one[i] == two[i]);
    }
    void shapeErrorsThrow() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ag::matmul(ag::constant(rnd(2, 3, 1)), ag::constant(rnd(2, 3, 1))));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ag::add(ag::constant(rnd(2, 3, 1)), ag::constant(rnd(3, 2, 1))));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ag::setScores(ag::constant(rnd(5, 4, 1)), ag::constant(rnd(5, 4, 1)), 3, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ag::gatherRows(ag::constant(rnd(2, 3, 1)), {2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ag::softmaxCrossEntropy(ag::constant(rnd(2, 3, 1)), {0, 3}));
    }
    void noGradGuardRecordsNothing() {
        Var w(rnd(2, 2, 1), true);
        ag::NoGradGuard guard;
        const Var y = ag::matmul(w, w);
        QVERIFY(!y.requiresGrad());
    }
    void gradientsAccumulateAcrossBackwardCalls() {
        Var w(rnd(2, 2, 1), true);
        ag::sum(w).backward();
        ag::sum(w).backward();
        QVERIFY((w.grad().array() - 2.0f).abs().maxCoeff() < 1e-7f);
        w.zeroGrad();
        QCOMPARE(w.grad().norm(), 0.0f);
    }
};

QTEST_APPLESS_MAIN(TstOps)
#include "tst_ops.moc"
