// CaloChallenge HDF5 files: verbatim layout (keys, shapes, MeV), round trip, and a clear error
// for every kind of bad file (missing key, voxel count, NaN, negative energy, truncation).
#include <QtTest>

#include <H5Cpp.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "core/tasks/calo/calo_dataset.h"

using bithep::tasks::calo::CaloDataset;
namespace fs = std::filesystem;

namespace {

CaloDataset smallDataset() {
    CaloDataset d;
    d.voxels = 3;
    d.incidentEnergies = {256.0f, 1024.0f};
    d.showers = {1.0f, 0.0f, 2.5f, 100.0f, 50.0f, 0.0f};
    return d;
}

// Writes arbitrary arrays with the challenge's key names, bypassing validation.
void writeRaw(const fs::path& path, const std::vector<hsize_t>& eDims, const std::vector<float>& e,
              const std::vector<hsize_t>& sDims, const std::vector<float>& s, bool withEnergies = true) {
    H5::H5File file(path.string(), H5F_ACC_TRUNC);
    if (withEnergies) {
        H5::DataSet ds = file.createDataSet("incident_energies", H5::PredType::IEEE_F64LE,
                                            H5::DataSpace(static_cast<int>(eDims.size()), eDims.data()));
        ds.write(e.data(), H5::PredType::NATIVE_FLOAT);
    }
    H5::DataSet ss = file.createDataSet("showers", H5::PredType::IEEE_F32LE,
                                        H5::DataSpace(static_cast<int>(sDims.size()), sDims.data()));
    ss.write(s.data(), H5::PredType::NATIVE_FLOAT);
}

void expectError(const fs::path& path, std::size_t voxels, const QString& message) {
    try {
        CaloDataset::readHdf5(path, voxels);
        QFAIL("no exception");
    } catch (const std::runtime_error& e) {
        const QString what = e.what();
        QVERIFY2(what.contains(message) && what.contains(QString::fromStdString(path.filename().string())), e.what());
    }
}

}  // namespace

class TstCaloDataset : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path file(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }
private slots:
    void roundTripIsVerbatim() {
        const CaloDataset d = smallDataset();
        const fs::path path = file("round.h5");
        d.writeHdf5(path);
        const CaloDataset back = CaloDataset::readHdf5(path, 3);
        QCOMPARE(back.voxels, std::size_t{3});
        QCOMPARE(back.incidentEnergies, d.incidentEnergies);
        QCOMPARE(back.showers, d.showers);
        // The challenge's keys and shapes, nothing else at the root.
        const H5::H5File h(path.string(), H5F_ACC_RDONLY);
        QCOMPARE(static_cast<int>(h.getNumObjs()), 2);
        hsize_t dims[2] = {0, 0};
        h.openDataSet("incident_energies").getSpace().getSimpleExtentDims(dims);
        QCOMPARE(dims[0], hsize_t{2});
        QCOMPARE(dims[1], hsize_t{1});
        h.openDataSet("showers").getSpace().getSimpleExtentDims(dims);
        QCOMPARE(dims[1], hsize_t{3});
        QCOMPARE(d.shower(1)[0], 100.0f);
    }
    void readsFloat64Energies() {
        const fs::path path = file("f64.h5");
        writeRaw(path, {2, 1}, {512.0f, 2048.0f}, {2, 3}, {0, 1, 2, 3, 4, 5});
        const CaloDataset d = CaloDataset::readHdf5(path);
        QCOMPARE(d.incidentEnergies[1], 2048.0f);
    }
    void badFiles_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("expectedVoxels");
        QTest::addColumn<QString>("message");
        QTest::addRow("voxel count") << 0 << 368 << "the chosen geometry has 368";
        QTest::addRow("missing key") << 1 << 3 << "'incident_energies' missing";
        QTest::addRow("nan") << 2 << 3 << "NaN";
        QTest::addRow("negative") << 3 << 3 << "negative energy";
        QTest::addRow("count mismatch") << 4 << 3 << "3 showers but 2 incident energies";
        QTest::addRow("energy shape") << 5 << 3 << "(N, 1)";
        QTest::addRow("zero incident energy") << 6 << 3 << "incident energy of shower 0";
    }
    void badFiles() {
        QFETCH(int, kind);
        QFETCH(int, expectedVoxels);
        QFETCH(QString, message);
        const fs::path path = file("bad.h5");
        std::vector<float> showers{0, 1, 2, 3, 4, 5};
        const std::vector<float> energies{256, 512};
        if (kind == 0 || kind == 1) writeRaw(path, {2, 1}, energies, {2, 3}, showers, kind != 1);
        if (kind == 2 || kind == 3) {
            showers[4] = kind == 2 ? std::numeric_limits<float>::quiet_NaN() : -1.0f;
            writeRaw(path, {2, 1}, energies, {2, 3}, showers);
        }
        if (kind == 4) writeRaw(path, {2, 1}, energies, {3, 2}, showers);
        if (kind == 5) writeRaw(path, {1, 2}, energies, {1, 6}, showers);
        if (kind == 6) writeRaw(path, {2, 1}, {0.0f, 1.0f}, {2, 3}, showers);
        expectError(path, static_cast<std::size_t>(expectedVoxels), message);
    }
    void truncatedAndMissingFiles() {
        CaloDataset big;
        big.voxels = 368;
        big.incidentEnergies.assign(200, 1000.0f);
        big.showers.assign(200 * 368, 0.5f);
        const fs::path path = file("truncated.h5");
        big.writeHdf5(path);
        fs::resize_file(path, fs::file_size(path) / 2);
        expectError(path, 368, "truncated");
        expectError(file("absent.h5"), 368, "does not exist");
        {
            std::FILE* f = std::fopen(file("text.h5").string().c_str(), "w");
            std::fputs("not hdf5", f);
            std::fclose(f);
        }
        expectError(file("text.h5"), 368, "not a readable HDF5 file");
    }
    void writeRefusesBadDataAndKeepsOldFile() {
        const fs::path path = file("keep.h5");
        smallDataset().writeHdf5(path);
        CaloDataset bad = smallDataset();
        bad.showers[0] = -2.0f;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, bad.writeHdf5(path));
        QCOMPARE(CaloDataset::readHdf5(path).showers[0], 1.0f);
    }
};

QTEST_GUILESS_MAIN(TstCaloDataset)
#include "tst_calo_dataset.moc"
