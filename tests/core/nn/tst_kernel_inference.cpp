// Integer inference on the ternary kernels agrees with the fake-quantized training forward on
// every kernel path, leaves layers without an integer form alone, and detaches when done.
#include <QtTest>

#include "core/kernels/kernel_path.h"
#include "core/nn/kernel_inference.h"
#include "core/nn/mlp.h"

using namespace bithep;

namespace {
tensor::Matrix forwardValue(nn::Mlp& mlp, const tensor::Matrix& x) {
    autograd::NoGradGuard noGrad;
    return mlp.forward(autograd::constant(x)).value();
}
}  // namespace

class TstKernelInference : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { kernels::forceKernelPath(std::nullopt); }

    void matchesFakeQuantizedForward_data() {
        QTest::addColumn<QString>("path");
        for (auto p : kernels::supportedKernelPaths())
            QTest::newRow(std::string(kernels::kernelPathName(p)).c_str()) << QString::fromLatin1(kernels::kernelPathName(p).data(), int(kernels::kernelPathName(p).size()));
    }
    void matchesFakeQuantizedForward() {
        QFETCH(QString, path);
        kernels::forceKernelPath(kernels::parseKernelPath(path.toStdString()));
        tensor::Rng rng(21);
        nn::Mlp mlp({33, 17, 17, 5}, nn::Activation::GELU, rng);
        mlp.layers()[0]->setPrecision(quant::Precision::Ternary);
        mlp.layers()[0]->setActivationBits(quant::ActivationBits::Int8);
        mlp.layers()[1]->setPrecision(quant::Precision::Binary);
        mlp.layers()[1]->setActivationBits(quant::ActivationBits::Int8);
        mlp.layers()[2]->setPrecision(quant::Precision::Ternary);  // fp32 activations: no integer form
        mlp.setTraining(false);
        tensor::Matrix x = tensor::normal(50, 33, 0.0f, 2.0f, rng);
        x.row(3).setZero();  // an all-zero token gives exactly the bias downstream
        const tensor::Matrix reference = forwardValue(mlp, x);
        tensor::Matrix fast;
        {
            nn::KernelInference inference(mlp);
            QCOMPARE(inference.kernelLayers(), 2);
            QVERIFY(mlp.layers()[0]->kernelAttached());
            QVERIFY(!mlp.layers()[2]->kernelAttached());
            fast = forwardValue(mlp, x);
        }
        QVERIFY(!mlp.layers()[0]->kernelAttached());
        const float scale = reference.cwiseAbs().maxCoeff() + 1.0f;
        const float maxDiff = (fast - reference).cwiseAbs().maxCoeff();
        QVERIFY2(maxDiff <= 33 * nn::kKernelAgreement * scale,
                 qPrintable(QString("max |kernel - fake| = %1 (scale %2)").arg(maxDiff).arg(scale)));
        QCOMPARE(forwardValue(mlp, x), reference);  // detached again: the float path, bit for bit
    }
};

QTEST_APPLESS_MAIN(TstKernelInference)
#include "tst_kernel_inference.moc"
