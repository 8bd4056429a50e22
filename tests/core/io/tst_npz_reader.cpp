// npy/npz reader: dtypes, stored and deflated members, header versions, and every malformed case.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <limits>

#include "core/io/npz_reader.h"
#include "tst_npz_writer.h"

using namespace bithep::io;
using namespace bithep::testing;
namespace fs = std::filesystem;

class TstNpzReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path file(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

    void expectError(const fs::path& path, const std::string& array, const QString& mentions) {
        try {
            NpzReader reader(path);
            reader.read<double>(array);
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(path.filename().string())), e.what());
        }
    }

private slots:
    void readsFloatArrays_data() {
        QTest::addColumn<bool>("deflate");
        QTest::addColumn<bool>("single");
        QTest::addColumn<int>("version");
        for (bool deflate : {false, true})
            for (bool single : {false, true})
                for (int version : {1, 2})
                    QTest::addRow("%s %s v%d", deflate ? "deflated" : "stored", single ? "f4" : "f8", version)
                        << deflate << single << version;
    }
    void readsFloatArrays() {
        QFETCH(bool, deflate);
        QFETCH(bool, single);
        QFETCH(int, version);
        std::vector<double> x(2 * 3 * 4);
        for (size_t i = 0; i < x.size(); ++i) x[i] = 0.25 * static_cast<double>(i) - 1.0;
        const std::string data = single ? rawBytes(std::vector<float>(x.begin(), x.end())) : rawBytes(x);
        const auto path = file("a.npz");
        writeZip(path, {{"X.npy", npyBytes(single ? "<f4" : "<f8", "(2, 3, 4)", data, false, version)},
                        {"y.npy", npyBytes("<f8", "(2,)", rawBytes(std::vector<double>{1.0, 0.0}))}}, deflate);
        const NpzReader reader(path);
        QCOMPARE(reader.names(), (std::vector<std::string>{"X", "y"}));
        const auto header = reader.header("X");
        QCOMPARE(header.dtype, std::string(single ? "<f4" : "<f8"));
        const auto a = reader.read<double>("X");
        QCOMPARE(a.shape, (std::vector<size_t>{2, 3, 4}));
        for (size_t i = 0; i < x.size(); ++i) QCOMPARE(a.values[i], x[i]);
        const auto f = reader.read<float>("X");
        QCOMPARE(f.values[5], 0.25f);
        QCOMPARE(reader.read<float>("y").values, (std::vector<float>{1.0f, 0.0f}));
    }
    void readsScalarAndEmpty() {
        const auto path = file("s.npz");
        writeZip(path, {{"s.npy", npyBytes("<f8", "()", rawBytes(std::vector<double>{3.5}))},
                        {"e.npy", npyBytes("<f4", "(0, 4)", "")}}, false);
        const NpzReader reader(path);
        QCOMPARE(reader.read<double>("s").values, std::vector<double>{3.5});
        QCOMPARE(reader.read<float>("e").shape, (std::vector<size_t>{0, 4}));
    }
    void readsPlainNpyFile() {
        const auto path = file("a.npy");
        std::ofstream(path, std::ios::binary) << npyBytes("<f4", "(3,)", rawBytes(std::vector<float>{1, 2, 3}));
        QCOMPARE(readNpyFile<double>(path).values, (std::vector<double>{1, 2, 3}));
    }
    void allowsNaNWhenAsked() {
        const auto path = file("n.npz");
        writeZip(path, {{"v.npy", npyBytes("<f8", "(2,)", rawBytes(std::vector<double>{1.0, std::nan("")}))}}, true);
        QVERIFY(std::isnan(NpzReader(path).read<double>("v", true).values[1]));
    }
    void malformed_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("missing array") << "missing" << "no such array";
        QTest::addRow("unsupported dtype") << "int" << "unsupported dtype '<i8'";
        QTest::addRow("big endian") << "bigendian" << "unsupported dtype '>f8'";
        QTest::addRow("fortran order") << "fortran" << "Fortran";
        QTest::addRow("truncated data") << "truncated" << "= 40 bytes of data, but the source holds 32";
        QTest::addRow("trailing bytes") << "trailing" << "= 24 bytes of data, but the source holds 32";
        QTest::addRow("NaN") << "nan" << "non-finite value";
        QTest::addRow("bad magic") << "magic" << "bad magic";
        QTest::addRow("bad shape") << "shape" << "shape";
        QTest::addRow("short header") << "header" << "truncated npy header";
    }
    void malformed() {
        QFETCH(QString, kind);
        QFETCH(QString, mentions);
        const std::string four = rawBytes(std::vector<double>{1, 2, 3, 4});
        std::string npy;
        if (kind == "missing") npy = npyBytes("<f8", "(4,)", four);
        if (kind == "int") npy = npyBytes("<i8", "(4,)", four);
        if (kind == "bigendian") npy = npyBytes(">f8", "(4,)", four);
        if (kind == "fortran") npy = npyBytes("<f8", "(2, 2)", four, true);
        if (kind == "truncated") npy = npyBytes("<f8", "(5,)", four);
        if (kind == "trailing") npy = npyBytes("<f8", "(3,)", four);
        if (kind == "nan") npy = npyBytes("<f8", "(2,)", rawBytes(std::vector<double>{1, std::numeric_limits<double>::infinity()}));
        if (kind == "magic") npy = "NOTNUMPY" + four;
        if (kind == "shape") npy = npyBytes("<f8", "(2, x)", four);
        if (kind == "header") npy = npyBytes("<f8", "(4,)", four).substr(0, 30);
        const auto path = file("bad.npz");
        writeZip(path, {{kind == "missing" ? "other.npy" : "v.npy", npy}}, true);
        expectError(path, "v", mentions);
    }
    void notAZip() {
        const auto path = file("text.npz");
        std::ofstream(path) << "this is not a zip archive at all";
        expectError(path, "X", "not a zip");
        expectError(file("absent.npz"), "X", "absent.npz");
    }
};

QTEST_APPLESS_MAIN(TstNpzReader)
#include "tst_npz_reader.moc"
