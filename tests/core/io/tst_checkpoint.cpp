// Checkpoints: save → load restores identical outputs, precision settings and optimizer state;
// truncated, foreign, missing and mismatched files give errors naming the file and the problem.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/autograd/ops.h"
#include "core/io/checkpoint.h"
#include "core/nn/batch_norm.h"
#include "core/nn/mlp.h"
#include "core/nn/sequential.h"

namespace ag = bithep::autograd;
namespace nn = bithep::nn;
namespace q = bithep::quant;
namespace tr = bithep::train;
namespace fs = std::filesystem;
using ag::Matrix;
using nn::Index;

namespace {

// BatchNorm (buffers) + a quantized MLP: everything a checkpoint must carry.
std::shared_ptr<nn::Sequential> makeModel(std::uint64_t seed, Index hidden = 8) {
    bithep::tensor::Rng rng(seed);
    auto s = std::make_shared<nn::Sequential>();
    s->add(std::make_shared<nn::BatchNorm>(3));
    s->add(std::make_shared<nn::Mlp>(std::vector<Index>{3, hidden, 2}, nn::Activation::SiLU, rng));
    return s;
}

Matrix input() {
    bithep::tensor::Rng rng(42);
    return bithep::tensor::uniform(6, 3, -1, 1, rng);
}

void trainSteps(nn::UnaryModule& m, tr::Optimizer& opt, int steps) {
    for (int i = 0; i < steps; ++i) {
        opt.zeroGrad();
        ag::mean(m.forward(ag::constant(input()))).backward();
        opt.step();
    }
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

class TstCheckpoint : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path path(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

private slots:
    void roundTripRestoresOutputsAndState() {
        auto model = makeModel(1);
        const q::QuantPlan plan("mixed", {{"1.fc0", q::Precision::Ternary, q::ActivationBits::Int8}});
        plan.apply(*model);
        tr::Adam opt(model->namedParameters(), 0.01f);
        trainSteps(*model, opt, 3);  // moves BatchNorm statistics and Adam moments away from their start
        model->setTraining(false);
        const Matrix before = model->forward(ag::constant(input())).value();
        bithep::io::saveCheckpoint(path("a.h5"), *model, R"({"hidden": 8})", &plan, &opt);

        auto loaded = makeModel(99);  // different initial weights
        tr::Adam opt2(loaded->namedParameters(), 0.01f);
        const auto info = bithep::io::loadCheckpoint(path("a.h5"), *loaded, &opt2);
        loaded->setTraining(false);
        QCOMPARE(info.modelConfigJson, std::string(R"({"hidden": 8})"));
        QVERIFY(info.plan.has_value());
        QCOMPARE(info.plan->rules()[0].pattern, std::string("1.fc0"));
        QCOMPARE(info.optimizerType, std::string("Adam"));
        QCOMPARE(opt2.stepCount(), 3L);
        QCOMPARE(loaded->forward(ag::constant(input())).value(), before);
        QVERIFY(loaded->modulesOfType<nn::BitLinear>()[0].second->precision() == q::Precision::Ternary);

        // Training continues from where it was: one more step is identical on both.
        model->setTraining(true);
        loaded->setTraining(true);
        trainSteps(*model, opt, 1);
        trainSteps(*loaded, opt2, 1);
        QCOMPARE(loaded->parameters()[2].value(), model->parameters()[2].value());
        QCOMPARE(bithep::io::readCheckpointInfo(path("a.h5")).modelConfigJson, info.modelConfigJson);
    }
    void truncatedFileIsReported() {
        auto model = makeModel(1);
        bithep::io::saveCheckpoint(path("b.h5"), *model, "{}");
        const auto size = fs::file_size(path("b.h5"));
        fs::copy_file(path("b.h5"), path("cut.h5"));
        fs::resize_file(path("cut.h5"), size / 2);
        auto other = makeModel(2);
        const Matrix w = other->parameters()[2].value();
        const std::string err = errorOf([&] { bithep::io::loadCheckpoint(path("cut.h5"), *other); });
        QVERIFY2(err.find("cut.h5") != std::string::npos, err.c_str());
        QVERIFY2(err.find("corrupt or truncated") != std::string::npos || err.find("not an HDF5") != std::string::npos, err.c_str());
        QCOMPARE(other->parameters()[2].value(), w);  // untouched
    }
    void wrongShapeIsReported() {
        auto wide = makeModel(1, 16);
        bithep::io::saveCheckpoint(path("wide.h5"), *wide, "{}");
        auto narrow = makeModel(1, 8);
        const Matrix w = narrow->parameters()[2].value();
        const std::string err = errorOf([&] { bithep::io::loadCheckpoint(path("wide.h5"), *narrow); });
        QVERIFY2(err.find("wide.h5") != std::string::npos, err.c_str());
        QVERIFY2(err.find("parameters/1.fc0.weight has shape (16 x 3), the model expects (8 x 3)") != std::string::npos, err.c_str());
        QCOMPARE(narrow->parameters()[2].value(), w);
    }
    void foreignAndMissingFiles() {
        {
            std::ofstream out(path("text.h5"));
            out << "not hdf5 at all";
        }
        auto model = makeModel(1);
        QVERIFY(errorOf([&] { bithep::io::loadCheckpoint(path("text.h5"), *model); }).find("not an HDF5 file") != std::string::npos);
        QVERIFY(errorOf([&] { bithep::io::loadCheckpoint(path("none.h5"), *model); }).find("does not exist") != std::string::npos);
        tr::Sgd sgd(model->namedParameters(), 0.1f);
        bithep::io::saveCheckpoint(path("sgd.h5"), *model, "{}", nullptr, &sgd);
        tr::Adam adam(model->namedParameters(), 0.1f);
        const std::string err = errorOf([&] { bithep::io::loadCheckpoint(path("sgd.h5"), *model, &adam); });
        QVERIFY2(err.find("optimizer state is for SGD, not Adam") != std::string::npos, err.c_str());
    }
    void failedSaveKeepsOldFile() {
        auto model = makeModel(1);
        bithep::io::saveCheckpoint(path("keep.h5"), *model, R"({"v": 1})");
        const auto blocked = path("missing-dir") / "x.h5";
        QVERIFY(errorOf([&] { bithep::io::saveCheckpoint(blocked, *model, "{}"); }) != "no error");
        QCOMPARE(bithep::io::readCheckpointInfo(path("keep.h5")).modelConfigJson, std::string(R"({"v": 1})"));
    }
};

QTEST_APPLESS_MAIN(TstCheckpoint)
#include "tst_checkpoint.moc"
