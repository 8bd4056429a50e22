// CaloChallenge geometries from the binning XML: voxel counts of the official files, the flat
// voxel order (radial fastest, then angular, then layer), voxel centres, and malformed files.
#include <cmath>
#include <filesystem>
#include <numbers>

#include <QtTest>

#include "core/tasks/calo/shower_geometry.h"

using bithep::tasks::calo::ShowerGeometry;

class TstShowerGeometry : public QObject {
    Q_OBJECT
private slots:
    void officialVoxelCounts_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("voxels");
        QTest::addColumn<int>("layers");
        QTest::addRow("dataset-1-photons") << "dataset-1-photons" << 368 << 5;
        QTest::addRow("dataset-1-pions") << "dataset-1-pions" << 533 << 7;
        QTest::addRow("dataset-2") << "dataset-2" << 6480 << 45;
    }
    void officialVoxelCounts() {
        QFETCH(QString, name);
        QFETCH(int, voxels);
        QFETCH(int, layers);
        const auto g = ShowerGeometry::builtin(name.toStdString());
        QCOMPARE(g.voxelCount(), static_cast<std::size_t>(voxels));
        QCOMPARE(static_cast<int>(g.layers().size()), layers);
        QCOMPARE(g.centers().size(), g.voxelCount());
        QCOMPARE(g.voxelLayer().size(), g.voxelCount());
    }
    void photonLayersAndOffsets() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        QCOMPARE(g.pid(), 22);
        QCOMPARE(g.name(), std::string("photon"));
        const std::vector<int> ids{0, 1, 2, 3, 12};
        const std::vector<std::size_t> offsets{0, 8, 168, 358, 363};  // 8 + 16·10 + 19·10 + 5 + 5
        for (std::size_t i = 0; i < ids.size(); ++i) {
            QCOMPARE(g.layers()[i].id, ids[i]);
            QCOMPARE(g.layers()[i].voxelOffset, offsets[i]);
        }
        QCOMPARE(g.layerIndexOfId(12), 4);
        QCOMPARE(g.layerIndexOfId(5), -1);
    }
    void voxelOrderRadialFastest() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        // Layer 1 (index 1): 16 radial bins, 10 sectors, offset 8.
        QCOMPARE(g.voxelIndex(1, 0, 0), std::size_t{8});
        QCOMPARE(g.voxelIndex(1, 0, 1), std::size_t{9});
        QCOMPARE(g.voxelIndex(1, 1, 0), std::size_t{8 + 16});
        QCOMPARE(g.voxelIndex(1, 9, 15), std::size_t{167});
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, g.voxelIndex(1, 10, 0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, g.voxelIndex(1, 0, 16));
        // Voxel 9: ring [2, 4] mm → r = 3; sector 0 of 10 → α = −π + π/10.
        const auto& c = g.centers()[9];
        QCOMPARE(c.r, 3.0);
        QVERIFY(std::abs(c.alpha - (-std::numbers::pi + std::numbers::pi / 10)) < 1e-12);
        QVERIFY(std::abs(c.eta - 3.0 * std::cos(c.alpha)) < 1e-12);
        QVERIFY(std::abs(c.phi - 3.0 * std::sin(c.alpha)) < 1e-12);
        // Layer 0 has one sector: α = 0, η = r, φ = 0; ring [0, 5] → 2.5.
        QCOMPARE(g.centers()[0].eta, 2.5);
        QCOMPARE(g.centers()[0].phi, 0.0);
        QCOMPARE(g.voxelLayer()[167], 1);
        QCOMPARE(g.voxelLayer()[168], 2);
    }
    void shippedCopyMatchesOfficialFile() {
        // The project's copy in resources/ is the one compiled in; it must parse like the official one.
        const std::filesystem::path file =
            std::filesystem::path(BITHEP_SOURCE_DIR) / "resources/calochallenge/binning_dataset_1_pions.xml";
        const auto g = ShowerGeometry::fromFile(file);
        QCOMPARE(g.voxelCount(), std::size_t{533});
        QCOMPARE(g.pid(), 211);
    }
    void malformedXml_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("message");
        QTest::addRow("not xml") << "<Bins><Bin>"
                                 << "not well-formed";
        QTest::addRow("no bin") << "<Bins/>"
                                << "no <Bins><Bin>";
        QTest::addRow("missing alpha") << R"(<Bins><Bin><Layer id="0" r_edges="0,1"/></Bin></Bins>)"
                                       << "n_bin_alpha";
        QTest::addRow("bad number")
            << R"(<Bins><Bin><Layer id="0" r_edges="0,x" n_bin_alpha="1"/></Bin></Bins>)"
            << "'x' is not a number";
        QTest::addRow("decreasing")
            << R"(<Bins><Bin><Layer id="0" r_edges="0,5,3" n_bin_alpha="1"/></Bin></Bins>)"
            << "strictly increasing";
        QTest::addRow("zero alpha")
            << R"(<Bins><Bin><Layer id="0" r_edges="0,5" n_bin_alpha="0"/></Bin></Bins>)"
            << "n_bin_alpha must be an integer in [1, 4096]";
        QTest::addRow("no voxels") << R"(<Bins><Bin><Layer id="0" r_edges="0" n_bin_alpha="1"/></Bin></Bins>)"
                                   << "no layer has voxels";
    }
    void malformedXml() {
        QFETCH(QString, xml);
        QFETCH(QString, message);
        try {
            ShowerGeometry::fromXml(xml.toStdString(), "test.xml");
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            const QString what = e.what();
            QVERIFY2(what.contains(message) && what.contains("test.xml"), e.what());
        }
    }
    void unknownNamesAndMissingFiles() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ShowerGeometry::builtin("dataset-9"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ShowerGeometry::fromFile("/nonexistent/binning.xml"));
    }
};

QTEST_APPLESS_MAIN(TstShowerGeometry)
#include "tst_shower_geometry.moc"
