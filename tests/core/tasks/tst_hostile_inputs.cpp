// Regression tests built from the hostile-input report: every file and setting that crashed a
// loader, allocated without bound or was silently accepted now gives a clear error naming the
// file (or setting), the field and the bound. Each case makes its small file itself.
#include <H5Cpp.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <QTest>
#include <filesystem>
#include <fstream>

#include "core/platform/atomic_file.h"
#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/calo_run_config.h"
#include "core/tasks/calo/shower_geometry.h"
#include "core/tasks/project_state.h"
#include "core/tasks/jet_common/jet_dataset.h"
#include "core/tasks/qg/qg_model.h"
#include "core/tasks/qg/qg_run_config.h"
#include "core/tasks/smeft/lhe_reader.h"
#include "core/tasks/smeft/smeft_run_config.h"
#include "tests/core/expect_error.h"

using namespace bithep;
using namespace bithep::tasks;
namespace fs = std::filesystem;

namespace {

using testing::expectError;

BatchRequest request(std::vector<std::string> arguments) {
    BatchRequest r;
    r.arguments = std::move(arguments);
    return r;
}

void writeText(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

void writeGzip(const fs::path& file, const std::string& text) {
    gzFile gz = gzopen(file.c_str(), "wb9");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
}

// A quark/gluon HDF5 file with the usual attributes and a particles dataset of the given shape;
// chunked and left unwritten, so any shape costs a few kB.
void writeQgShell(const fs::path& file, const std::vector<hsize_t>& dims) {
    H5::H5File f(file.string(), H5F_ACC_TRUNC);
    H5::DSetCreatPropList props;
    const hsize_t chunk[3] = {1, 1, 4};
    props.setChunk(3, chunk);
    f.createDataSet("particles", H5::PredType::IEEE_F32LE, H5::DataSpace(3, dims.data()), props);
    const hsize_t n[1] = {dims[0]};
    f.createDataSet("labels", H5::PredType::STD_U8LE, H5::DataSpace(1, n));
    H5::Group root = f.openGroup("/");
    const H5::StrType str(H5::PredType::C_S1, 16);
    for (const char* name : {"format", "generator_config", "source"})
        root.createAttribute(name, str, H5::DataSpace(H5S_SCALAR)).write(str, std::string("bithep-qg-1"));
    const std::uint8_t pid = 1;
    const std::uint64_t seed = 1;
    root.createAttribute("pid_known", H5::PredType::STD_U8LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_UINT8, &pid);
    root.createAttribute("seed", H5::PredType::STD_U64LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_UINT64, &seed);
}

std::string lheEvent(const std::string& vLine, const std::string& weight = "0.24") {
    return "<event>\n 3 1 1.0 91.0 0.0078 0.12\n" + vLine +
           "  2 1 1 1 501 0 350.0 40.0 60.0 360.0 0.0\n"
           " -2 1 1 1 0 501 250.0 -40.0 40.0 255.0 0.0\n"
           "<rwgt>\n<wgt id='SM'> " + weight + " </wgt>\n<wgt id='cW_1'> 0.26 </wgt>\n<wgt id='cW_m1'> 0.23 </wgt>\n"
           "</rwgt>\n</event>\n";
}
const std::string kGoodV = " 23 2 0 0 0 0 600.0 0.0 100.0 615.0 91.2\n";

}  // namespace

class TestHostileInputs : public QObject {
    Q_OBJECT
    fs::path m_dir;

    fs::path file(const std::string& name) const { return m_dir / name; }
    smeft::SmeftDataset lhe(const fs::path& path) {
        return smeft::lheToDataset(smeft::readLhe(path), {"SM", "cW_1", "cW_m1"}, true, 1.0, path.string());
    }

private slots:
    void init() {
        m_dir = fs::temp_directory_path() / ("bithep_hostile_" + std::to_string(QCoreApplication::applicationPid()));
        fs::create_directories(m_dir);
    }
    void cleanup() { fs::remove_all(m_dir); }

    // Crash 2: (200, 2^62 + 1, 4) float32, 6 kB of file.
    void qgHdf5ShapeOverflow() {
        writeQgShell(file("wrap.h5"), {200, (hsize_t(1) << 62) + 1, 4});
        expectError([&] { jet_common::JetDataset::readHdf5(file("wrap.h5")); }, "more than the bound of 1024");
        writeQgShell(file("wide.h5"), {(hsize_t(1) << 40), 16, 4});
        expectError([&] { jet_common::JetDataset::readHdf5(file("wide.h5")); }, "more than 2147483648 elements");
    }

    // (2^21, 128, 4) chunked, nothing written: once 4.2 GB, then accepted as empty jets.
    void qgHdf5NeverWritten() {
        writeQgShell(file("unwritten.h5"), {hsize_t(1) << 21, 128, 4});
        expectError([&] { jet_common::JetDataset::readHdf5(file("unwritten.h5")); }, "never written");
        writeQgShell(file("small.h5"), {4, 8, 4});
        expectError([&] { jet_common::JetDataset::readHdf5(file("small.h5")); }, "has no particles");
    }

    void caloHdf5NeverWritten() {
        H5::H5File f(file("calo.h5").string(), H5F_ACC_TRUNC);
        H5::DSetCreatPropList props;
        const hsize_t chunk[2] = {1, 368}, dims[2] = {hsize_t(1) << 20, 368}, e[2] = {hsize_t(1) << 20, 1};
        props.setChunk(2, chunk);
        f.createDataSet("showers", H5::PredType::IEEE_F32LE, H5::DataSpace(2, dims), props);
        const hsize_t echunk[2] = {1, 1};
        H5::DSetCreatPropList eprops;
        eprops.setChunk(2, echunk);
        f.createDataSet("incident_energies", H5::PredType::IEEE_F32LE, H5::DataSpace(2, e), eprops);
        f.close();
        expectError([&] { calo::CaloDataset::readHdf5(file("calo.h5")); }, "never written");
    }

    // Crash 3, on the command line and inside a checkpoint's model_config.
    void maxParticlesOverflow() {
        expectError([] { qg::QgRunConfig::fromRequest(request({"max-particles=4611686018427387904"})); },
                    "max_particles");
        jet_common::JetModelConfig c;
        c.maxParticles = 4611686018427387904ull;
        expectError([&] { jet_common::JetModelConfig::fromJson(c.toJson()); }, "max_particles");
    }

    // blocks = 1e8 ran 35 s and 7.9 GB before std::bad_alloc; now refused before building.
    void checkpointNetworkTooLarge() {
        auto j = nlohmann::json::parse(jet_common::JetModelConfig().toJson());
        j["blocks"] = 1e8;
        expectError([&] { jet_common::JetModelConfig::fromJson(j.dump()); }, "'blocks' must be an integer in [0, 64]");
        j["blocks"] = 64;
        j["dim"] = 4096;
        j["ff_hidden"] = 4096;
        expectError([&] { jet_common::JetModelConfig::fromJson(j.dump()); }, "more than 20000000 parameters");
    }

    // Crash 4: a plan of 200 000 nested arrays overflowed the stack when copied.
    void deeplyNestedProject() {
        ProjectState p;
        p.task = "qg";
        p.dataset = {9000, 1};
        p.model = "pdat";
        std::string text = p.toJson().dump();
        const std::string deep = std::string(200000, '[') + std::string(200000, ']');
        text.replace(text.find("\"plan\":{}"), 9, "\"plan\":" + deep);
        expectError([&] { ProjectState::parse(text, "deep.json"); }, "deep.json: JSON nested deeper than 64");
    }

    void projectNumbers_data() {
        QTest::addColumn<QString>("path");  // JSON pointer of the field
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("samples -1") << "/dataset/samples" << "-1" << "'samples' must be an integer";
        QTest::newRow("epochs 2^32+5") << "/training/epochs" << "4294967301" << "'epochs' must be an integer";
        QTest::newRow("epochs 1e300") << "/training/epochs" << "1e300" << "'epochs' must be an integer";
        QTest::newRow("batch 1e300") << "/training/batch_size" << "1e300" << "'batch_size' must be an integer";
        QTest::newRow("lr 1e300") << "/training/learning_rate" << "1e300" << "'learning_rate' must be";
        QTest::newRow("1e400") << "/model_seed" << "1e400" << "p.json: not valid JSON";
        QTest::newRow("seed -3") << "/model_seed" << "-3" << "'model_seed' must be an integer";
    }
    void projectNumbers() {
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        ProjectState p;
        p.task = "qg";
        p.dataset = {9000, 1};
        p.model = "pdat";
        auto j = p.toJson();
        j[nlohmann::json::json_pointer(path.toStdString())] = "PLACEHOLDER";
        std::string text = j.dump();
        text.replace(text.find("\"PLACEHOLDER\""), 13, value.toStdString());
        expectError([&] { ProjectState::parse(text, "p.json"); }, mentions);
    }

    void lheGzipBomb() {
        std::string text = "<LesHouchesEvents version=\"3.0\">\n";
        const std::string line = std::string(1000, ' ') + "\n";
        while (text.size() < (std::size_t(40) << 20)) text += line;  // 40 MiB of blanks: ~40 kB gzipped
        writeGzip(file("bomb.lhe.gz"), text);
        QVERIFY(fs::file_size(file("bomb.lhe.gz")) < (std::size_t(1) << 20));
        expectError([&] { smeft::readLhe(file("bomb.lhe.gz")); }, "decompression bomb");
    }

    void lheOverlongLine() {
        // Appended, not "literal" + std::string(...): GCC 12 reports a false -Warray-bounds there.
        std::string text = "<LesHouchesEvents version=\"3.0\">\n";
        text.append(3 << 20, 'x').append("\n");
        writeText(file("line.lhe"), text);
        expectError([&] { smeft::readLhe(file("line.lhe")); }, "line 2: line longer than 1048576 bytes");
    }

    void lheFields_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("weight 0.6abc") << QString::fromStdString(lheEvent(kGoodV, "0.6abc"))
                                       << "weight 'SM' is not a finite number";
        QTest::newRow("missing </event>")
            << QString::fromStdString(lheEvent(kGoodV).substr(0, lheEvent(kGoodV).size() - 9) + lheEvent(kGoodV))
            << "<event> opened before the event of line 2 closed";
        QTest::newRow("momentum nan") << QString::fromStdString(lheEvent(" 23 2 0 0 0 0 nan 0.0 100.0 615.0 91.2\n"))
                                      << "bad particle line";
    }
    void lheFields() {
        QFETCH(QString, body);
        QFETCH(QString, mentions);
        writeText(file("f.lhe"), "<LesHouchesEvents version=\"3.0\">\n" + body.toStdString() + "</LesHouchesEvents>\n");
        expectError([&] { lhe(file("f.lhe")); }, mentions);
    }

    void lheUnphysicalV_data() {
        QTest::addColumn<QString>("vLine");
        QTest::newRow("E = 0") << " 23 2 0 0 0 0 0.0 0.0 0.0 0.0 91.2\n";
        QTest::newRow("p = 1e300") << " 23 2 0 0 0 0 1e300 0.0 0.0 1e300 91.2\n";
        QTest::newRow("spacelike") << " 23 2 0 0 0 0 600.0 0.0 100.0 300.0 91.2\n";
    }
    void lheUnphysicalV() {
        QFETCH(QString, vLine);
        writeText(file("v.lhe"), "<LesHouchesEvents version=\"3.0\">\n" + lheEvent(vLine.toStdString()) +
                                     "</LesHouchesEvents>\n");
        expectError([&] { lhe(file("v.lhe")); }, "has an unphysical momentum");
        writeText(file("ok.lhe"), "<LesHouchesEvents version=\"3.0\">\n" + lheEvent(kGoodV) + "</LesHouchesEvents>\n");
        QCOMPARE(lhe(file("ok.lhe")).size(), std::size_t(1));
    }

    void lheDamagedGzip() {
        std::string text = "<LesHouchesEvents version=\"3.0\">\n";
        for (int i = 0; i < 200; ++i) text += lheEvent(kGoodV);
        text += "</LesHouchesEvents>\n";
        writeGzip(file("ok.lhe.gz"), text);
        std::ifstream in(file("ok.lhe.gz"), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(smeft::readLhe(file("ok.lhe.gz")).events.size(), std::size_t(200));
        std::string zeroed = bytes;
        std::fill(zeroed.end() - 8, zeroed.end(), '\0');  // CRC and length trailer
        writeText(file("zeroed.lhe.gz"), zeroed);
        expectError([&] { smeft::readLhe(file("zeroed.lhe.gz")); }, "corrupt or truncated gzip data");
        writeText(file("cut.lhe.gz"), bytes.substr(0, bytes.size() / 2));
        expectError([&] { smeft::readLhe(file("cut.lhe.gz")); }, "corrupt or truncated gzip data");
    }

    void binningXml_data() {
        QTest::addColumn<QString>("layers");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("2^31-1 angular bins") << R"(<Layer id="0" r_edges="0,1,2" n_bin_alpha="2147483647"/>)"
                                             << "n_bin_alpha must be an integer in [1, 4096]";
        QTest::newRow("id 0.7") << R"(<Layer id="0.7" r_edges="0,1" n_bin_alpha="1"/>)" << "id must be an integer";
        QTest::newRow("id 1e300") << R"(<Layer id="1e300" r_edges="0,1" n_bin_alpha="1"/>)" << "id must be an integer";
        QTest::newRow("alpha 1e300") << R"(<Layer id="0" r_edges="0,1" n_bin_alpha="1e300"/>)" << "n_bin_alpha must";
        QTest::newRow("duplicate id") << R"(<Layer id="3" r_edges="0,1" n_bin_alpha="1"/><Layer id="3" r_edges="0,1" n_bin_alpha="1"/>)"
                                      << "layer id 3 appears twice";
        QTest::newRow("too many voxels") << R"(<Layer id="0" r_edges="0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33" n_bin_alpha="4096"/>)"
                                         << "more than 131072 voxels";
    }
    void binningXml() {
        QFETCH(QString, layers);
        QFETCH(QString, mentions);
        const std::string xml = "<Bins><Bin name=\"x\" pid=\"22\">" + layers.toStdString() + "</Bin></Bins>";
        expectError([&] { calo::ShowerGeometry::fromXml(xml, "b.xml"); }, mentions);
    }

    void batchSettings_data() {
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("calo hidden=0") << "calo" << "hidden=0" << "hidden=0 is outside 1-4096";
        QTest::newRow("calo layers=-1") << "calo" << "layers=-1" << "layers=-1 is outside 1-64";
        QTest::newRow("qg lr=inf") << "qg" << "lr=inf" << "is not a finite number";
        QTest::newRow("smeft lhe-scale=nan") << "smeft" << "lhe-scale=nan" << "is not a finite number";
        QTest::newRow("qg jets=10^12") << "qg" << "jets=1000000000000" << "at most 10000000";
    }
    void batchSettings() {
        QFETCH(QString, task);
        QFETCH(QString, argument);
        QFETCH(QString, mentions);
        const BatchRequest r = request({argument.toStdString()});
        expectError([&] {
            if (task == "calo") calo::CaloRunConfig::fromRequest(r);
            if (task == "qg") qg::QgRunConfig::fromRequest(r);
            if (task == "smeft") smeft::SmeftRunConfig::fromRequest(r);
        }, mentions);
    }

    // A killed save leaves ".NAME.tmp-PID-N"; the next save into that folder removes it, unless
    // its writer still runs.
    void staleTemporariesAreCleaned() {
        pid_t dead = fork();
        if (dead == 0) _exit(0);
        QVERIFY(dead > 0);
        waitpid(dead, nullptr, 0);
        const std::string gone = ".project.json.tmp-" + std::to_string(dead) + "-3";
        const std::string alive = ".project.json.tmp-" + std::to_string(getppid()) + "-0";
        writeText(file(gone), "half");
        writeText(file(alive), "being written");
        writeText(file(".notes.tmp-x"), "not ours");
        platform::writeFileAtomically(file("project.json"), "{}");
        QVERIFY(!fs::exists(file(gone)));
        QVERIFY(fs::exists(file(alive)));
        QVERIFY(fs::exists(file(".notes.tmp-x")));
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "tst_hostile_inputs.moc"
