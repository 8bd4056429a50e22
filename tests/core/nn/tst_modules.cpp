// Modules: finite-difference gradients w.r.t. inputs and every parameter, path names, listings.
#include <QtTest>

#include <functional>
#include <sstream>

#include "../autograd/grad_check.h"
#include "core/nn/batch_norm.h"
#include "core/nn/embedding.h"
#include "core/nn/layer_norm.h"
#include "core/nn/mlp.h"
#include "core/nn/sequential.h"
#include "core/nn/transformer_block.h"

namespace ag = bithep::autograd;
namespace nn = bithep::nn;
using ag::Matrix;
using ag::Var;
using bithep::testing::kGradStep;
using bithep::testing::kGradTolerance;

namespace {

Matrix rnd(Eigen::Index r, Eigen::Index c, unsigned seed) {
    bithep::tensor::Rng rng(seed);
    return bithep::tensor::uniform(r, c, -1.0f, 1.0f, rng);
}

// Gradient of sum(forward(x) ⊙ P) w.r.t. x and every parameter, against central differences
// that perturb the parameters in place.
std::string checkModule(nn::Module& m, const std::function<Var(const Var&)>& forward, const Matrix& x0,
                        float tolerance = kGradTolerance) {
    Var x(x0, true);
    m.zeroGrad();
    const Var out = forward(x);
    const Matrix proj = rnd(out.rows(), out.cols(), 99);
    ag::sum(ag::mul(out, ag::constant(proj))).backward();
    auto loss = [&](const Matrix& xv) {
        ag::NoGradGuard guard;
        const Matrix o = forward(ag::constant(xv)).value();
        double t = 0.0;
        for (Eigen::Index i = 0; i < o.size(); ++i) t += double(o.data()[i]) * proj.data()[i];
        return t;
    };
    std::vector<std::pair<std::string, Var>> targets{{"input", x}};
    for (auto& p : m.namedParameters()) targets.push_back(p);
    for (auto& [name, v] : targets) {
        const Matrix analytic = v.grad();
        Matrix& value = v.mutableValue();
        for (Eigen::Index i = 0; i < value.size(); ++i) {
            const float keep = value.data()[i];
            value.data()[i] = keep + kGradStep;
            const double up = loss(x.value());
            value.data()[i] = keep - kGradStep;
            const double down = loss(x.value());
            value.data()[i] = keep;
            const double numeric = (up - down) / (2.0 * kGradStep);
            if (std::abs(analytic.data()[i] - numeric) > tolerance * (1.0 + std::abs(numeric))) {
                std::ostringstream os;
                os << name << " entry " << i << ": analytic " << analytic.data()[i] << ", numeric " << numeric;
                return os.str();
            }
        }
    }
    return {};
}

ag::SetMask paddedMask() {
    ag::SetMask m;
    m.setSize = 4;
    m.valid = {1, 1, 1, 0, 1, 1, 1, 1};
    return m;
}

}  // namespace

class TstModules : public QObject {
    Q_OBJECT
private slots:
    void linearGradients() {
        bithep::tensor::Rng rng(1);
        nn::Linear l(4, 3, rng);
        const std::string err = checkModule(l, [&](const Var& x) { return l.forward(x); }, rnd(5, 4, 2));
        QVERIFY2(err.empty(), err.c_str());
    }
    void bitLinearFp32Gradients() {
        bithep::tensor::Rng rng(1);
        nn::BitLinear l(4, 3, rng);
        const std::string err = checkModule(l, [&](const Var& x) { return l.forward(x); }, rnd(5, 4, 2));
        QVERIFY2(err.empty(), err.c_str());
    }
    void layerNormGradients() {
        nn::LayerNorm l(5);
        const std::string err = checkModule(l, [&](const Var& x) { return l.forward(x); }, rnd(3, 5, 2));
        QVERIFY2(err.empty(), err.c_str());
    }
    void batchNormGradients() {
        nn::BatchNorm l(3);
        const std::string err = checkModule(l, [&](const Var& x) { return l.forward(x); }, rnd(6, 3, 2));
        QVERIFY2(err.empty(), err.c_str());
        l.setTraining(false);
        const std::string errEval = checkModule(l, [&](const Var& x) { return l.forward(x); }, rnd(6, 3, 3));
        QVERIFY2(errEval.empty(), errEval.c_str());
    }
    void mlpGradients() {
        bithep::tensor::Rng rng(1);
        nn::Mlp m({3, 6, 2}, nn::Activation::Tanh, rng);
        const std::string err = checkModule(m, [&](const Var& x) { return m.forward(x); }, rnd(4, 3, 2));
        QVERIFY2(err.empty(), err.c_str());
    }
    void sequentialGradients() {
        bithep::tensor::Rng rng(1);
        nn::Sequential s;
        s.add(std::make_shared<nn::Linear>(3, 4, rng));
        s.add(std::make_shared<nn::ActivationLayer>(nn::Activation::SiLU));
        s.add(std::make_shared<nn::LayerNorm>(4));
        const std::string err = checkModule(s, [&](const Var& x) { return s.forward(x); }, rnd(4, 3, 2));
        QVERIFY2(err.empty(), err.c_str());
        QCOMPARE(s.namedParameters()[2].first, std::string("2.weight"));
    }
    void embeddingGradients() {
        bithep::tensor::Rng rng(1);
        nn::Embedding e(5, 3, rng);
        const std::string err = checkModule(e, [&](const Var& x) { return ag::mul(e.forward({4, 0, 4}), x); }, rnd(3, 3, 2));
        QVERIFY2(err.empty(), err.c_str());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, e.forward({5}));
    }
    void attentionGradientsWithMaskAndBias() {
        bithep::tensor::Rng rng(1);
        nn::MultiHeadAttention a(4, 2, rng);
        const Var bias(rnd(2 * 2 * 4, 4, 5), false);
        const std::string err =
            checkModule(a, [&](const Var& x) { return a.forward(x, paddedMask(), bias); }, rnd(8, 4, 2));
        QVERIFY2(err.empty(), err.c_str());
    }
    void transformerBlockGradients() {
        bithep::tensor::Rng rng(1);
        nn::TransformerBlock b(4, 2, 8, rng);
        const std::string err = checkModule(b, [&](const Var& x) { return b.forward(x, paddedMask()); }, rnd(8, 4, 2));
        QVERIFY2(err.empty(), err.c_str());
    }
    void paddingDoesNotLeakIntoValidParticles() {
        bithep::tensor::Rng rng(1);
        nn::TransformerBlock b(4, 2, 8, rng);
        Matrix x = rnd(8, 4, 2);
        const Matrix y1 = b.forward(ag::constant(x), paddedMask()).value();
        x.row(3).setConstant(50.0f);  // the padded particle of set 0
        const Matrix y2 = b.forward(ag::constant(x), paddedMask()).value();
        QCOMPARE(Matrix(y1.topRows(3)), Matrix(y2.topRows(3)));
        QCOMPARE(Matrix(y1.bottomRows(4)), Matrix(y2.bottomRows(4)));
    }
    void pathsAndListing() {
        bithep::tensor::Rng rng(1);
        nn::TransformerBlock b(64, 8, 256, rng);
        const auto params = b.namedParameters();
        QCOMPARE(params[2].first, std::string("attn.q.weight"));
        const nn::ModelListing l = nn::describeModel(b, 64);
        QCOMPARE(l.layers.size(), size_t(6));
        QCOMPARE(l.layers[0].path, std::string("attn.q"));
        QCOMPARE(l.layers[0].type, std::string("BitLinear"));
        QCOMPARE(l.layers[0].parameters, nn::Index(64 * 64 + 64));
        QCOMPARE(l.layers[0].macsPerSample, 64.0 * 64 * 64);
        QCOMPARE(l.layers[4].path, std::string("ff.fc0"));
        QCOMPARE(l.layers[4].out, nn::Index(256));
        bool sawQk = false;
        for (const auto& c : l.compute) {
            if (c.label == "attention QK^T") {
                sawQk = true;
                QCOMPARE(c.flopsPerSample, 2.0 * 64 * 64 * 64);
            }
        }
        QVERIFY(sawQk);
        nn::Index total = 0;
        for (const auto& info : l.layers) total += info.parameters;
        QCOMPARE(total + 4 * 64, b.parameterCount());  // plus the two LayerNorms' γ and β
    }
};

QTEST_APPLESS_MAIN(TstModules)
#include "tst_modules.moc"
