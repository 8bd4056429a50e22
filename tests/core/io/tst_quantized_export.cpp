// Packed quantized-weight files: packing round trips, export/read round trip, corrupt files give
// clear errors, and the payload equals the memory the cost model reports.
#include <QtTest>

#include <H5Cpp.h>

#include <filesystem>
#include <fstream>

#include "core/cost/cost_model.h"
#include "core/io/quantized_export.h"
#include "core/nn/mlp.h"

using namespace bithep;
namespace fs = std::filesystem;

namespace {
// Sum of the stored bytes of every dataset in the file (the payload, headers excluded).
hsize_t payloadBytes(const fs::path& file) {
    H5::H5File f(file.string(), H5F_ACC_RDONLY);
    hsize_t total = 0;
    for (const char* groupName : {"layers", "parameters"}) {
        const H5::Group g = f.openGroup(groupName);
        for (hsize_t i = 0; i < g.getNumObjs(); ++i) {
            const std::string name = g.getObjnameByIdx(i);
            if (g.getObjTypeByIdx(i) == H5G_DATASET) {
                total += g.openDataSet(name).getStorageSize();
            } else {
                const H5::Group layer = g.openGroup(name);
                for (hsize_t k = 0; k < layer.getNumObjs(); ++k)
                    total += layer.openDataSet(layer.getObjnameByIdx(k)).getStorageSize();
            }
        }
    }
    return total;
}
}  // namespace

class TstQuantizedExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path path(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

    std::unique_ptr<nn::Mlp> makeModel() {
        tensor::Rng rng(5);
        auto mlp = std::make_unique<nn::Mlp>(std::vector<tensor::Index>{13, 7, 5, 3}, nn::Activation::ReLU, rng);
        mlp->layers()[0]->setPrecision(quant::Precision::Ternary);
        mlp->layers()[0]->setActivationBits(quant::ActivationBits::Int8);
        mlp->layers()[1]->setPrecision(quant::Precision::Binary);
        return mlp;
    }

private slots:
    void packingRoundTrips_data() {
        QTest::addColumn<int>("count");
        for (int n : {1, 3, 4, 5, 8, 9, 91}) QTest::addRow("%d", n) << n;
    }
    void packingRoundTrips() {
        QFETCH(int, count);
        std::vector<std::int8_t> t, b;
        for (int i = 0; i < count; ++i) {
            t.push_back(std::int8_t((i * 7) % 3 - 1));
            b.push_back(i % 3 ? 1 : -1);
        }
        QCOMPARE(io::unpackTernaryCodes(io::packTernaryCodes(t), t.size()), t);
        QCOMPARE(io::unpackBinaryCodes(io::packBinaryCodes(b), b.size()), b);
        QCOMPARE(io::packTernaryCodes(t).size(), size_t((count + 3) / 4));
    }
    void packedLayoutIsAsDocumented() {
        // w = (−1, 0, +1, +1): codes 0, 1, 2, 2 at bits 0, 2, 4, 6 -> 0b10100100.
        QCOMPARE(io::packTernaryCodes({-1, 0, 1, 1}), std::vector<std::uint8_t>{0xA4});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, io::unpackTernaryCodes({0xFF}, 4));  // code 3
    }

    void exportReadsBack() {
        auto model = makeModel();
        io::exportQuantizedWeights(path("w.h5"), *model, R"({"model":"mlp"})", R"({"name":"mixed"})", R"({"seed":5})");
        const auto file = io::readQuantizedWeights(path("w.h5"));
        QCOMPARE(file.layers.size(), size_t(3));
        QCOMPARE(file.planJson, std::string(R"({"name":"mixed"})"));
        const auto& fc0 = file.layers[0];
        QCOMPARE(fc0.path, std::string("fc0"));
        QCOMPARE(fc0.rows, 7);
        QCOMPARE(fc0.cols, 13);
        const auto q = quant::quantizeWeights(model->layers()[0]->weight().value(), quant::Precision::Ternary);
        QCOMPARE(fc0.codes, q.codes);
        QCOMPARE(fc0.scale, q.beta);
        QVERIFY(fc0.activationBits == quant::ActivationBits::Int8);
        QVERIFY(file.layers[1].precision == quant::Precision::Binary);
        const auto& w2 = model->layers()[2]->weight().value();
        QCOMPARE(file.layers[2].weights, std::vector<float>(w2.data(), w2.data() + w2.size()));
        QCOMPARE(file.layers[2].bias.size(), size_t(3));
    }

    void payloadMatchesCostModelMemory() {
        auto model = makeModel();
        io::exportQuantizedWeights(path("m.h5"), *model, "{}", "{}", "{}");
        const auto report = cost::computeCost(cost::costInputsFromModel(*model, 1),
                                              cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
        // Scales live in attributes (file headers): 4 bytes for each of the 2 quantized layers.
        // Packed codes round up to whole bytes: fc0 91 codes -> 23 bytes (182 bits), fc1 35 -> 5 bytes.
        const double roundingBits = (23 * 8 - 91 * 2) + (5 * 8 - 35);
        QCOMPARE(double(payloadBytes(path("m.h5"))) * 8, report.memoryBits - 2 * 32 + roundingBits);
    }

    void corruptFilesAreNamed() {
        auto model = makeModel();
        io::exportQuantizedWeights(path("c.h5"), *model, "{}", "{}", "{}");
        const auto size = fs::file_size(path("c.h5"));
        fs::copy_file(path("c.h5"), path("t.h5"));
        fs::resize_file(path("t.h5"), size / 2);
        for (const char* name : {"t.h5", "missing.h5"}) {
            try {
                io::readQuantizedWeights(path(name));
                QFAIL("expected an error");
            } catch (const std::runtime_error& e) {
                QVERIFY2(QString(e.what()).contains(name), e.what());
            }
        }
        std::ofstream(path("text.h5")) << "not hdf5";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, io::readQuantizedWeights(path("text.h5")));
    }
};

QTEST_APPLESS_MAIN(TstQuantizedExport)
#include "tst_quantized_export.moc"
