// The one size rule and the bounded JSON reading, and the reproducers of the loader crashes they
// fixed: npy/npz shape products that wrapped, a header declaring data that is not there, a zip
// bomb, HDF5 datasets never written, array attributes read as scalars, hostile JSON.
#include <H5Cpp.h>

#include <QTest>
#include <filesystem>
#include <fstream>

#include "core/io/hdf5_attributes.h"
#include "core/io/hdf5_image.h"
#include "core/io/json_fields.h"
#include "core/io/npz_reader.h"
#include "core/io/size_limits.h"
#include "core/tasks/jet_common/jet_dataset.h"
#include "tests/core/expect_error.h"
#include "tst_npz_writer.h"

using namespace bithep;
namespace fs = std::filesystem;

namespace {

using testing::expectError;

// 120 labels, valid.
std::string labels120() { return testing::npyBytes("<f8", "(120,)", testing::rawBytes(std::vector<double>(120, 1.0))); }

}  // namespace

class TestSizeLimits : public QObject {
    Q_OBJECT
    fs::path m_dir;

private slots:
    void init() {
        m_dir = fs::temp_directory_path() / ("bithep_sizes_" + std::to_string(QCoreApplication::applicationPid()));
        fs::create_directories(m_dir);
    }
    void cleanup() { fs::remove_all(m_dir); }

    void checkedProduct_data() {
        QTest::addColumn<QList<quint64>>("dims");
        QTest::addColumn<quint64>("bound");
        QTest::addColumn<qint64>("expected");  // -1 = refused
        QTest::newRow("plain") << QList<quint64>{2, 3, 4} << quint64(100) << qint64(24);
        QTest::newRow("at the bound") << QList<quint64>{10, 10} << quint64(100) << qint64(100);
        QTest::newRow("over the bound") << QList<quint64>{10, 11} << quint64(100) << qint64(-1);
        QTest::newRow("wraps 2^64") << QList<quint64>{120, 4611686018427387905ull, 4} << (quint64(1) << 31)
                                     << qint64(-1);
        QTest::newRow("zero extent") << QList<quint64>{0, 5} << quint64(100) << qint64(0);
        QTest::newRow("zero beside a huge one") << QList<quint64>{0, quint64(1) << 40} << quint64(100) << qint64(-1);
        QTest::newRow("scalar") << QList<quint64>{} << quint64(100) << qint64(1);
    }
    void checkedProduct() {
        QFETCH(QList<quint64>, dims);
        QFETCH(quint64, bound);
        QFETCH(qint64, expected);
        const std::vector<std::uint64_t> d(dims.begin(), dims.end());
        if (expected < 0) {
            expectError([&] { io::checkedProduct(d, bound, "file 'f'", "array"); }, "more than");
        } else {
            QCOMPARE(io::checkedProduct(d, bound, "file 'f'", "array"), std::uint64_t(expected));
        }
    }

    void storedBytes() {
        io::checkStoredBytes(1000, 0, "f", "x");  // small: never checked
        io::checkStoredBytes(std::uint64_t(64) << 20, std::uint64_t(1) << 20, "f", "x");  // 64x: fine
        expectError([] { io::checkStoredBytes(std::uint64_t(1) << 30, std::uint64_t(1) << 20, "f", "x"); },
                    "more than 256x expansion");
        expectError([] { io::checkStoredBytes(std::uint64_t(1) << 30, 0, "file 'a.h5'", "dataset"); }, "never written");
    }

    void jsonDepthIsBounded() {
        std::string deep(200000, '[');
        deep += std::string(200000, ']');
        expectError([&] { io::parseJsonBounded(deep, "p.json"); }, "nested deeper than 64");
        QCOMPARE(io::parseJsonBounded("[[[1]]]", "p.json")[0][0][0].get<int>(), 1);
    }

    void jsonNumberOverflowNamesTheFile() {
        expectError([] { io::parseJsonBounded(R"({"a": 1e400})", "p.json"); }, "p.json: not valid JSON");
    }

    void jsonInteger_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected");  // -1 = refused; range [0, 2^31)
        QTest::newRow("integer") << "5" << qint64(5);
        QTest::newRow("integral float") << "1e3" << qint64(1000);
        QTest::newRow("negative") << "-1" << qint64(-1);
        QTest::newRow("2^32+5") << "4294967301" << qint64(-1);
        QTest::newRow("1e300") << "1e300" << qint64(-1);
        QTest::newRow("fraction") << "0.7" << qint64(-1);
        QTest::newRow("string") << "\"3\"" << qint64(-1);
        QTest::newRow("2^64-1") << "18446744073709551615" << qint64(-1);
    }
    void jsonInteger() {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto j = nlohmann::json::parse(text.toStdString());
        if (expected < 0)
            expectError([&] { io::jsonInteger<int>(j, 0, std::numeric_limits<int>::max(), "'epochs'"); }, "'epochs' must be");
        else
            QCOMPARE(io::jsonInteger<int>(j, 0, std::numeric_limits<int>::max(), "'epochs'"), int(expected));
    }

    // Crash 1 of the report: shape (120, 2^62+1, 4) wrapped to 480 and passed validation.
    void npzShapeProductOverflow() {
        const fs::path file = m_dir / "wrap.npz";
        const std::string x = testing::npyBytes("<f4", "(120, 4611686018427387905, 4)",
                                                testing::rawBytes(std::vector<float>(480, 1.0f)));
        testing::writeZip(file, {{"X.npy", x}, {"y.npy", labels120()}}, false);
        expectError([&] { tasks::jet_common::JetDataset::readNpz(file); }, "more than");
    }

    // 2^33 floats declared, none there: refused before anything is allocated.
    void npyDeclaresMissingData() {
        const fs::path file = m_dir / "empty.npy";
        std::ofstream(file, std::ios::binary) << testing::npyBytes("<f4", "(8589934592,)", "");
        expectError([&] { io::readNpyFile<float>(file); }, "has more than 2147483648 elements");
        std::ofstream(file, std::ios::binary) << testing::npyBytes("<f4", "(1048576,)", "");
        expectError([&] { io::readNpyFile<float>(file); }, "the source holds 0");
        std::ofstream(file, std::ios::binary) << testing::npyBytes("<f4", "(3,)", testing::rawBytes(std::vector<float>(4, 1.0f)));
        expectError([&] { io::readNpyFile<float>(file); }, "12 bytes of data");
    }

    void npzBombIsRefused() {
        const fs::path file = m_dir / "bomb.npz";
        const std::size_t n = std::size_t(5) << 20;  // 20 MiB of zeros deflate to ~20 kB
        std::string shape("(");  // appended, not "(" + ...: GCC 12 reports a false -Wrestrict
        shape.append(std::to_string(n)).append(",)");
        const std::string x = testing::npyBytes("<f4", shape, std::string(n * 4, '\0'));
        testing::writeZip(file, {{"X.npy", x}}, true);
        const io::NpzReader reader(file);
        expectError([&] { reader.read<float>("X"); }, "decompression bomb");
    }

    void npzFromMemory() {
        const fs::path file = m_dir / "ok.npz";
        testing::writeZip(file, {{"a.npy", testing::npyBytes("<f8", "(2,)", testing::rawBytes(std::vector<double>{1, 2}))}},
                          true);
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const auto reader = io::NpzReader::fromMemory(bytes, "mem.npz");
        QCOMPARE(reader.read<double>("a").values, (std::vector<double>{1, 2}));
        expectError([] { io::NpzReader::fromMemory("not a zip", "mem.npz"); }, "mem.npz");
    }

    // An attribute holding many values read as one used to write past the value.
    void arrayAttributeReadAsScalar() {
        const fs::path file = m_dir / "attr.h5";
        {
            H5::H5File f(file.string(), H5F_ACC_TRUNC);
            const hsize_t n[1] = {1000};
            const std::vector<int> values(1000, 1);
            f.createAttribute("version", H5::PredType::NATIVE_INT, H5::DataSpace(1, n))
                .write(H5::PredType::NATIVE_INT, values.data());
        }
        const H5::H5File f(file.string(), H5F_ACC_RDONLY);
        expectError([&] { io::h5::readScalar<int>(f, "version", H5::PredType::NATIVE_INT, "checkpoint", file); },
                    "must hold one value, not 1000");
    }

    void hdf5ImageAndUnwrittenData() {
        // A chunked dataset of 2^31 floats with nothing written: a few kB on disk.
        const fs::path file = m_dir / "unwritten.h5";
        {
            H5::H5File f(file.string(), H5F_ACC_TRUNC);
            const hsize_t dims[3] = {hsize_t(1) << 21, 128, 4}, chunk[3] = {256, 128, 4};
            H5::DSetCreatPropList props;
            props.setChunk(3, chunk);
            f.createDataSet("particles", H5::PredType::IEEE_F32LE, H5::DataSpace(3, dims), props);
        }
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const H5::H5File image = io::h5::openImage(bytes);
        const H5::DataSet ds = image.openDataSet("particles");
        QCOMPARE(io::h5::dims(ds), (std::vector<std::uint64_t>{std::uint64_t(1) << 21, 128, 4}));
        expectError([&] { io::h5::checkedCount(ds, io::SizeBounds::kArrayElements, 4, "qg dataset 'u.h5'", "particles"); },
                    "never written");
    }
};

QTEST_GUILESS_MAIN(TestSizeLimits)
#include "tst_size_limits.moc"
