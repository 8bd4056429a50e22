// QG dataset files: HDF5 round trip of generated jets, energyflow npz import (PID known and
// unknown), and clear errors for every malformed input.
#include <QtTest>

#include <H5Cpp.h>

#include <fstream>

#include "core/tasks/jet_common/jet_dataset.h"
#include "tst_npz_writer.h"

using namespace bithep;
using namespace bithep::tasks::jet_common;
using namespace bithep::testing;
namespace fs = std::filesystem;

namespace {
// N jets of M = 3 rows: (pT, y, φ, pid), the last row padding.
std::vector<double> jetsArray(std::size_t n, bool withPid) {
    std::vector<double> x;
    for (std::size_t j = 0; j < n; ++j) {
        const double base = 100.0 + static_cast<double>(j);
        for (double v : {base, 0.1, 1.0, withPid ? 211.0 : 0.0, 0.5 * base, -0.1, 1.2, withPid ? 22.0 : 0.0,
                         0.0, 0.0, 0.0, 0.0})
            x.push_back(v);
    }
    return x;
}
}  // namespace

class TstQgDataset : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path file(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

    void writeNpz(const fs::path& path, const std::string& xNpy, const std::string& yNpy, bool deflate = true) {
        std::map<std::string, std::string> members;
        if (!xNpy.empty()) members["X.npy"] = xNpy;
        if (!yNpy.empty()) members["y.npy"] = yNpy;
        writeZip(path, members, deflate);
    }
    template <typename F>
    void expectError(F&& f, const QString& mentions) {
        try {
            f();
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
        }
    }

private slots:
    void hdf5RoundTrip() {
        physics::JetGeneratorConfig config;
        config.threads = 1;
        const auto jets = physics::JetGenerator(config, 5).generate(20);
        const auto d = JetDataset::fromJets(jets, config.toJson(), 5);
        QCOMPARE(d.multiplicity(3), jets[3].particles.size());
        const auto path = file("qg.h5");
        d.writeHdf5(path);
        const auto back = JetDataset::readHdf5(path);
        QCOMPARE(back.jets, size_t(20));
        QCOMPARE(back.maxParticles, d.maxParticles);
        QCOMPARE(back.particles, d.particles);
        QCOMPARE(back.labels, d.labels);
        QCOMPARE(back.seed, std::uint64_t(5));
        QCOMPARE(back.generatorConfig, config.toJson());
        QCOMPARE(back.source, std::string("generator"));
        QVERIFY(back.pidKnown);
        QVERIFY(back.pidNotice().empty());
        // The stored configuration regenerates the same jets.
        const auto again = physics::JetGenerator(physics::JetGeneratorConfig::fromJson(back.generatorConfig), back.seed).generate(20);
        QCOMPARE(JetDataset::fromJets(again, "", 0).particles, d.particles);
    }
    void emptyAndLegacyTextAttributes() {
        physics::JetGeneratorConfig config;
        config.threads = 1;
        auto d = JetDataset::fromJets(physics::JetGenerator(config, 2).generate(4), "", 2);
        d.source.clear();
        const auto path = file("empty_text.h5");
        d.writeHdf5(path);
        {
            // Attributes are variable-length strings, as core/io/hdf5_attributes.h writes them.
            H5::H5File f(path.string(), H5F_ACC_RDONLY);
            const H5::Attribute a = f.openGroup("/").openAttribute("source");
            QVERIFY(a.getStrType().isVariableStr());
        }
        QCOMPARE(JetDataset::readHdf5(path).source, std::string());
        QCOMPARE(JetDataset::readHdf5(path).generatorConfig, std::string());
        {
            // Files written before that stored an empty text as the fixed-length string " ".
            H5::H5File f(path.string(), H5F_ACC_RDWR);
            H5::Group root = f.openGroup("/");
            root.removeAttr("source");
            const H5::StrType fixed(H5::PredType::C_S1, 1);
            root.createAttribute("source", fixed, H5::DataSpace(H5S_SCALAR)).write(fixed, std::string(" "));
        }
        QCOMPARE(JetDataset::readHdf5(path).source, std::string());
    }
    void hdf5Errors() {
        expectError([&] { JetDataset::readHdf5(file("none.h5")); }, "does not exist");
        std::ofstream(file("text.h5")) << "not hdf5";
        expectError([&] { JetDataset::readHdf5(file("text.h5")); }, "not a readable HDF5 file");
        {
            H5::H5File f(file("other.h5").string(), H5F_ACC_TRUNC);
            const hsize_t dims[1] = {3};
            f.createDataSet("labels", H5::PredType::STD_U8LE, H5::DataSpace(1, dims));
        }
        expectError([&] { JetDataset::readHdf5(file("other.h5")); }, "missing attribute 'format'");
    }
    void failedWriteKeepsOldFile() {
        JetDataset d = JetDataset::fromJets({}, "", 0);
        const auto path = file("keep.h5");
        d.writeHdf5(path);
        d.labels.push_back(1);  // inconsistent: 1 label for 0 jets
        expectError([&] { d.writeHdf5(path); }, "1 labels for 0 jets");
        QCOMPARE(JetDataset::readHdf5(path).jets, size_t(0));
    }
    void readsEnergyflowNpz_data() {
        QTest::addColumn<bool>("withPid");
        QTest::addColumn<bool>("single");
        QTest::addColumn<bool>("deflate");
        QTest::addRow("pid f8 deflated") << true << false << true;
        QTest::addRow("pid f4 stored") << true << true << false;
        QTest::addRow("no pid f8 stored") << false << false << false;
    }
    void readsEnergyflowNpz() {
        QFETCH(bool, withPid);
        QFETCH(bool, single);
        QFETCH(bool, deflate);
        const auto x = jetsArray(4, withPid);
        const std::string xBytes = single ? rawBytes(std::vector<float>(x.begin(), x.end())) : rawBytes(x);
        const auto path = file("QG_jets_test.npz");
        writeNpz(path, npyBytes(single ? "<f4" : "<f8", "(4, 3, 4)", xBytes),
                 npyBytes("<f8", "(4,)", rawBytes(std::vector<double>{1, 0, 0, 1})), deflate);
        const auto d = JetDataset::readNpz(path);
        QCOMPARE(d.jets, size_t(4));
        QCOMPARE(d.maxParticles, size_t(3));
        QCOMPARE(d.labels, (std::vector<std::uint8_t>{1, 0, 0, 1}));
        QCOMPARE(d.multiplicity(2), size_t(2));
        QCOMPARE(d.particle(1, 1)[0], 50.5f);
        QCOMPARE(d.pidKnown, withPid);
        QCOMPARE(d.pidNotice().find("PID unknown") != std::string::npos, !withPid);
        QCOMPARE(JetDataset::readNpz(path, 2).jets, size_t(2));
    }
    void readsNumpyLayoutGoldenFiles_data() {
        QTest::addColumn<QString>("name");
        QTest::addRow("savez") << "qg_tiny_savez.npz";
        QTest::addRow("savez_compressed") << "qg_tiny_savez_compressed.npz";
    }
    void readsNumpyLayoutGoldenFiles() {
        QFETCH(QString, name);
        const auto d = JetDataset::readNpz(fs::path(BITHEP_TEST_DATA_DIR) / name.toStdString());
        QCOMPARE(d.jets, size_t(3));
        QCOMPARE(d.maxParticles, size_t(4));
        QCOMPARE(d.labels, (std::vector<std::uint8_t>{1, 0, 1}));
        QCOMPARE(d.multiplicity(0), size_t(3));
        QCOMPARE(d.multiplicity(1), size_t(4));
        QCOMPARE(d.multiplicity(2), size_t(1));
        QCOMPARE(d.particle(0, 0)[0], 310.5f);
        QCOMPARE(d.particle(1, 3)[3], 2112.0f);
        QCOMPARE(d.particle(0, 2)[3], -321.0f);
        QVERIFY(d.pidKnown);
    }
    void npzErrors_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("missing X") << "noX" << "array 'X' missing";
        QTest::addRow("missing y") << "noY" << "array 'y' missing";
        QTest::addRow("wrong dims") << "dims" << "shape (N, M, 4)";
        QTest::addRow("N mismatch") << "count" << "N = 4";
        QTest::addRow("bad label") << "label" << "not 0 (gluon) or 1 (quark)";
        QTest::addRow("NaN") << "nan" << "non-finite";
        QTest::addRow("truncated") << "truncated" << "384 bytes of data, but the source holds 100";
        QTest::addRow("dtype") << "dtype" << "unsupported dtype";
    }
    void npzErrors() {
        QFETCH(QString, kind);
        QFETCH(QString, mentions);
        auto x = jetsArray(4, true);
        std::string xNpy = npyBytes("<f8", "(4, 3, 4)", rawBytes(x));
        std::string yNpy = npyBytes("<f8", "(4,)", rawBytes(std::vector<double>{1, 0, 0, 1}));
        if (kind == "noX") xNpy.clear();
        if (kind == "noY") yNpy.clear();
        if (kind == "dims") xNpy = npyBytes("<f8", "(4, 12)", rawBytes(x));
        if (kind == "count") yNpy = npyBytes("<f8", "(3,)", rawBytes(std::vector<double>{1, 0, 0}));
        if (kind == "label") yNpy = npyBytes("<f8", "(4,)", rawBytes(std::vector<double>{1, 0, 2, 1}));
        if (kind == "nan") { x[5] = std::nan(""); xNpy = npyBytes("<f8", "(4, 3, 4)", rawBytes(x)); }
        if (kind == "truncated") xNpy = npyBytes("<f8", "(4, 3, 4)", rawBytes(x).substr(0, 100));
        if (kind == "dtype") yNpy = npyBytes("<i8", "(4,)", rawBytes(std::vector<std::int64_t>{1, 0, 0, 1}));
        const auto path = file("bad.npz");
        writeNpz(path, xNpy, yNpy);
        expectError([&] { JetDataset::readNpz(path); }, mentions);
        expectError([&] { JetDataset::readNpz(path); }, "bad.npz");
    }
};

QTEST_APPLESS_MAIN(TstQgDataset)
#include "tst_qg_dataset.moc"
