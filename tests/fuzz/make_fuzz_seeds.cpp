// Writes the seed corpus of every fuzz harness: one or a few valid files per format, made with
// the project's own writers, so each run starts from inputs that reach deep into the readers.
// Usage: make_fuzz_seeds OUT_DIR LESSON_DIR
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "core/tasks/calo/builtin_binnings.h"
#include "core/tasks/figure_json.h"
#include "core/tasks/project_state.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "tests/core/io/tst_npz_writer.h"

namespace fs = std::filesystem;
using namespace bithep;

namespace {

void writeText(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

// Two jets of three particles (pT, y, phi, pid) and their labels, as energyflow writes them.
void writeNpySeeds(const fs::path& npyDir, const fs::path& npzDir) {
    const std::vector<double> x = {50, 0.1, 1.0, 211, 20, 0.2, 1.1, 22, 5, 0.0, 0.9, -211,
                                   40, -0.3, 2.0, 2212, 30, -0.2, 2.1, 130, 0, 0, 0, 0};
    const std::vector<double> y = {1, 0};
    using testing::npyBytes, testing::rawBytes;
    const std::string xNpy = npyBytes("<f8", "(2, 3, 4)", rawBytes(x));
    const std::string yNpy = npyBytes("<f8", "(2,)", rawBytes(y));
    writeText(npyDir / "x_f8.npy", xNpy);
    writeText(npyDir / "x_f4.npy", npyBytes("<f4", "(2, 3, 4)", rawBytes(std::vector<float>(x.begin(), x.end()))));
    writeText(npyDir / "x_v2.npy", npyBytes("<f8", "(2, 3, 4)", rawBytes(x), false, 2));
    writeText(npyDir / "y_f8.npy", yNpy);
    testing::writeZip(npzDir / "qg_stored.npz", {{"X.npy", xNpy}, {"y.npy", yNpy}}, false);
    testing::writeZip(npzDir / "qg_deflated.npz", {{"X.npy", xNpy}, {"y.npy", yNpy}}, true);
}

// The HDF5 harnesses build their files from the input (hdf5_mutator.h): any bytes are a start;
// a few fixed patterns give the first edits something to choose from.
void writeByteSeeds(const fs::path& dir) {
    std::uint32_t state = 12345;
    for (int seed = 0; seed < 8; ++seed) {
        std::string bytes(64 << (seed % 4), '\0');
        for (char& c : bytes) c = static_cast<char>((state = state * 1664525u + 1013904223u) >> 24);
        writeText(dir / ("bytes-" + std::to_string(seed)), bytes);
    }
}

std::string lheEvent(double weight) {
    // p p > Z > u u~ with the three reweighting points of a cW scan.
    return "<event>\n 5 1 +1.0e+00 9.1e+01 7.5e-03 1.2e-01\n"
           "  2 -1 0 0 501 0 0.0 0.0 500.0 500.0 0.0\n"
           " -2 -1 0 0 0 501 0.0 0.0 -400.0 400.0 0.0\n"
           " 23 2 1 2 0 0 600.0 0.0 100.0 615.0 91.2\n"
           "  2 1 3 3 502 0 350.0 40.0 60.0 360.0 0.0\n"
           " -2 1 3 3 0 502 250.0 -40.0 40.0 255.0 0.0\n"
           "<rwgt>\n<wgt id='SM'> " + std::to_string(weight) + " </wgt>\n<wgt id='cW_1'> " +
           std::to_string(weight * 1.1) + " </wgt>\n<wgt id='cW_m1'> " + std::to_string(weight * 0.95) +
           " </wgt>\n</rwgt>\n</event>\n";
}

void writeLheSeeds(const fs::path& dir) {
    const std::string text = "<LesHouchesEvents version=\"3.0\">\n<header>\n<initrwgt>\n"
                             "<weightgroup name='mg_reweighting'>\n<weight id='SM'> set param_card cw 0 </weight>\n"
                             "<weight id='cW_1'> set param_card cw 1 </weight>\n"
                             "<weight id='cW_m1'> set param_card cw -1 </weight>\n</weightgroup>\n</initrwgt>\n"
                             "</header>\n<init>\n 2212 2212 6.5e+03 6.5e+03 0 0 0 0 3 1\n 2.4e-01 1.0e-03 2.4e-01 1\n"
                             "</init>\n" +
                             lheEvent(0.24) + lheEvent(0.25) + "</LesHouchesEvents>\n";
    writeText(dir / "events.lhe", text);
    gzFile gz = gzopen((dir / "events.lhe.gz").c_str(), "wb");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
}

void writeJsonSeeds(const fs::path& projectDir, const fs::path& lessonDir, const fs::path& lessonsSource) {
    tasks::ProjectState p;
    p.task = "qg";
    p.dataset = {9000, 1};
    p.model = "pdat";
    p.plan = nlohmann::json::parse(tasks::jet_common::resolveJetPlan("p-dat-bit").toJson());
    tasks::LineFigure line;
    line.lines.push_back({"fp32", {0.0, 0.5, 1.0}, {1.0, 0.5, 0.0}});
    line.levels.push_back({"68 %", 1.0});
    p.runs = nlohmann::json::array({{{"label", "run 1"}, {"figures", {tasks::figureToJson({"scan", "A scan", line})}}}});
    p.controls["luminosity"] = 300.0;
    writeText(projectDir / "project.json", p.toJson().dump(1));
    for (const auto& entry : fs::directory_iterator(lessonsSource))
        if (entry.path().extension() == ".json") fs::copy_file(entry.path(), lessonDir / entry.path().filename());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: make_fuzz_seeds OUT_DIR LESSON_DIR\n";
        return 2;
    }
    const fs::path out = argv[1];
    auto dir = [&](const char* name) {
        const fs::path d = out / name;
        fs::remove_all(d);
        fs::create_directories(d);
        return d;
    };
    writeNpySeeds(dir("fuzz_npy"), dir("fuzz_npz"));
    for (const char* name : {"fuzz_qg_hdf5", "fuzz_calo_hdf5", "fuzz_checkpoint", "fuzz_packed_weights"})
        writeByteSeeds(dir(name));
    writeLheSeeds(dir("fuzz_lhe"));
    writeJsonSeeds(dir("fuzz_project_json"), dir("fuzz_lesson_json"), argv[2]);
    const fs::path xml = dir("fuzz_binning_xml");
    for (const auto& b : tasks::calo::builtinBinnings()) writeText(xml / std::string(b.fileName), std::string(b.xml));
    std::cout << "seed corpora written to " << out.string() << "\n";
    return 0;
}
