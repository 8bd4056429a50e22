// LHE import for the SMEFT task: weight names and reweighting values from a plain and a gzip
// file, the EFT weights from the ±1 points, the decay-plane angle of a hand-built V decay, the
// truth-level scan on imported events, and errors naming the file and line.
#include <cmath>
#include <fstream>
#include <numbers>
#include <zlib.h>

#include <QtTest>

#include "core/tasks/smeft/eft_scan_analysis.h"
#include "core/tasks/smeft/lhe_reader.h"
#include "core/tasks/smeft/smeft_batch.h"

using namespace bithep;
using namespace bithep::tasks::smeft;
namespace fs = std::filesystem;

namespace {

// A Z along +x (pT 600 GeV, y = 0) decaying to u ū with the u at θ* = 90°, φ = 0.3 in the V
// frame: z′ = x̂, x′ = ẑ (the beam), y′ = z′ × x′ = −ŷ.
std::string particleLines(double phi) {
    const double m = 91.1876, pt = 600.0, e = std::sqrt(pt * pt + m * m);
    const physics::FourVector v{pt, 0.0, 0.0, e};
    const physics::FourVector restU{0.0, -0.5 * m * std::sin(phi), 0.5 * m * std::cos(phi), 0.5 * m};
    const physics::FourVector u = restU.boosted(pt / e, 0, 0);
    const physics::FourVector ubar =
        physics::FourVector{-restU.px, -restU.py, -restU.pz, restU.e}.boosted(pt / e, 0, 0);
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  " 2 -1 0 0 501 0 0 0 700 700 0\n -2 -1 0 0 0 501 0 0 -700 700 0\n"
                  " 23 2 1 2 0 0 %.10f 0 0 %.10f %.4f\n"
                  " 2 1 3 3 502 0 %.10f %.10f %.10f %.10f 0\n -2 1 3 3 0 502 %.10f %.10f %.10f %.10f 0\n",
                  v.px, v.e, m, u.px, u.py, u.pz, u.e, ubar.px, ubar.py, ubar.pz, ubar.e);
    return buf;
}

std::string lheText(bool malformed = false) {
    std::string s =
        "<LesHouchesEvents version=\"3.0\">\n<header>\n<initrwgt>\n<weightgroup name='mg_reweighting'>\n"
        "<weight id='sm'> cW=0 </weight>\n<weight id='cw_p1'> cW=1 </weight>\n<weight id=\"cw_m1\"> cW=-1 "
        "</weight>\n"
        "</weightgroup>\n</initrwgt>\n</header>\n<init>\n2212 2212 6500 6500 0 0 0 0 3 1\n1.0 0.1 1.0 "
        "1\n</init>\n";
    for (double phi : {0.3, 2.0}) {
        s += "<event>\n 5 1 +2.0e-03 9.1e+01 7.8e-03 1.1e-01\n";
        s += malformed && phi > 1.0 ? " 2 -1 0 0 501 0 zero 0 700 700 0\n" + particleLines(phi).substr(34)
                                    : particleLines(phi);
        s += "<rwgt>\n<wgt id='sm'> 2.0e-03 </wgt>\n<wgt id='cw_p1'> 2.6e-03 </wgt>\n"
             "<wgt id='cw_m1'> 1.8e-03 </wgt>\n</rwgt>\n</event>\n";
    }
    return s + "</LesHouchesEvents>\n";
}

}  // namespace

class TstSmeftLhe : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path file(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

private slots:
    void readsPlainAndGzip() {
        std::ofstream(file("plain.lhe")) << lheText();
        gzFile gz = gzopen(file("events.lhe.gz").string().c_str(), "wb");
        const std::string text = lheText();
        gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
        gzclose(gz);
        for (const char* name : {"plain.lhe", "events.lhe.gz"}) {
            const LheFile f = readLhe(file(name));
            QCOMPARE(f.weightIds, (std::vector<std::string>{"sm", "cw_p1", "cw_m1"}));
            QCOMPARE(f.events.size(), std::size_t{2});
            QCOMPARE(f.events[0].particles.size(), std::size_t{5});
            QCOMPARE(f.events[0].weight, 2.0e-3);
            QCOMPARE(f.events[1].reweights.at("cw_p1"), 2.6e-3);
        }
    }

    void eftWeightsAndDecayPlane() {
        std::ofstream(file("a.lhe")) << lheText();
        const SmeftDataset d =
            lheToDataset(readLhe(file("a.lhe")), {"sm", "cw_p1", "cw_m1"}, true, 1000.0, "a.lhe");
        QCOMPARE(d.size(), std::size_t{2});
        const SmeftEvent& e = d.events[0];
        QVERIFY(std::abs(e.phi - 0.3) < 1e-6);
        QVERIFY(std::abs(e.cosThetaStar) < 1e-6);
        QVERIFY(std::abs(d.events[1].phi - 2.0) < 1e-6);
        QVERIFY(std::abs(e.ptV - 600.0) < 1e-6);
        QVERIFY(std::abs(e.w0 - 2.0) < 1e-9);  // 1000 · 2.0e-3
        QVERIFY(std::abs(e.w1 - 0.4) < 1e-9);  // 1000 · (2.6e-3 − 1.8e-3)/2
        QVERIFY(std::abs(e.w2 - 0.2) < 1e-9);  // 1000 · ((2.6e-3 + 1.8e-3)/2 − 2.0e-3)
        QCOMPARE(lheToDataset(readLhe(file("a.lhe")), {"sm", "cw_p1", "cw_m1"}, false, 1.0, "a").size(),
                 std::size_t{0});  // no leptonic V in these events
        // Truth-level scan on the imported events: φ = 0.3 and 2.0 sit in different φ bins.
        EftScanSettings s;
        s.cMax = 2.0;
        const auto scan = EftScanAnalysis(d, {0, 1}, s).truth();
        QVERIFY(std::abs(scan.fisherInformation - 300.0 * (0.4 * 0.4 / 2.0) * 2.0) < 1e-6);
    }

    void batchRunsTheTruthLevelScan() {
        std::ofstream(file("run.lhe")) << lheText();
        tasks::BatchRequest r;
        r.outDir = m_dir.path().toStdString();
        r.arguments = {"lhe=" + file("run.lhe").string(), "lhe-scale=1000", "c-max=2"};
        const auto out = runSmeftBatch(r, {});
        QCOMPARE(out.metrics["lhe_events"].get<int>(), 2);
        QVERIFY(out.metrics["scans"].contains("truth φ"));
        QVERIFY(out.tables.count("intervals") == 1);
        r.arguments = {"lhe=" + file("run.lhe").string(), "lhe-weights=sm,cw_p1"};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSmeftBatch(r, {}));
    }

    void errorsNameFileAndLine() {
        std::ofstream(file("bad.lhe")) << lheText(true);
        try {
            readLhe(file("bad.lhe"));
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("bad.lhe") != std::string::npos && what.find("line 30") != std::string::npos,
                     what.c_str());
        }
        std::ofstream(file("a.lhe")) << lheText();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, lheToDataset(readLhe(file("a.lhe")),
                                                                  {"sm", "cw_p2", "cw_m1"}, true, 1.0, "a"));
        std::ofstream(file("text.lhe")) << "hello\n<event>\n";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readLhe(file("text.lhe")));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readLhe(file("missing.lhe")));
    }
};

QTEST_APPLESS_MAIN(TstSmeftLhe)
#include "tst_smeft_lhe.moc"
