// CPU feature detection agrees with what the kernel reports in /proc/cpuinfo.
#include <QtTest>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "core/platform/build_info.h"
#include "core/platform/cpu_features.h"

using bithep::platform::cpuFeatures;

namespace {
std::set<std::string> procCpuFlags() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("flags", 0) != 0) continue;
        std::istringstream words(line.substr(line.find(':') + 1));
        std::set<std::string> flags;
        for (std::string w; words >> w;) flags.insert(w);
        return flags;
    }
    return {};
}
}  // namespace

class TstCpuFeatures : public QObject {
    Q_OBJECT
private slots:
    void agreesWithProcCpuinfo_data() {
        QTest::addColumn<QString>("procFlag");
        QTest::addColumn<bool>("detected");
        const auto& f = cpuFeatures();
        QTest::newRow("avx2") << "avx2" << f.avx2;
        QTest::newRow("fma") << "fma" << f.fma;
        QTest::newRow("avx512f") << "avx512f" << f.avx512f;
        QTest::newRow("avx512bw") << "avx512bw" << f.avx512bw;
        QTest::newRow("avx512vnni") << "avx512_vnni" << f.avx512vnni;
        QTest::newRow("avxvnni") << "avx_vnni" << f.avxvnni;
    }
    void agreesWithProcCpuinfo() {
        QFETCH(QString, procFlag);
        QFETCH(bool, detected);
        const auto flags = procCpuFlags();
        if (flags.empty()) QSKIP("/proc/cpuinfo has no flags line on this system");
        QCOMPARE(detected, flags.count(procFlag.toStdString()) == 1);
    }
    void summaryNamesWhatWasDetected() {
        const auto& f = cpuFeatures();
        const QString s = QString::fromStdString(f.summary());
        QCOMPARE(s.contains("AVX2"), f.avx2);
        QCOMPARE(s.contains("AVX-512-VNNI"), f.avx512vnni);
        QCOMPARE(s.contains("AVX-VNNI"), f.avxvnni);
        QVERIFY(!f.brand.empty());
        QVERIFY(f.logicalCores >= 1);
    }
    void libraryVersionsAreReported() {
        const auto libs = bithep::platform::libraryVersions();
        QCOMPARE(libs.size(), size_t(6));
        QCOMPARE(libs[0].first, std::string("Eigen"));
        QCOMPARE(libs[0].second, std::string("3.4.0"));
        for (const auto& [name, version] : libs) {
            QVERIFY2(!version.empty() && std::isdigit(static_cast<unsigned char>(version[0])),
                     (name + " has version '" + version + "'").c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TstCpuFeatures)
#include "tst_cpu_features.moc"
