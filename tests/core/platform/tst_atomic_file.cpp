// Atomic writes: a failed write leaves the previous file intact and no temporary behind.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/platform/atomic_file.h"

namespace fs = std::filesystem;
using bithep::platform::writeAtomically;
using bithep::platform::writeFileAtomically;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
size_t filesIn(const fs::path& dir) {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}
}  // namespace

class TstAtomicFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path dir() const { return fs::path(m_dir.path().toStdString()); }
private slots:
    void writesAndReplaces() {
        const auto target = dir() / "a.json";
        writeFileAtomically(target, "first");
        QCOMPARE(slurp(target), std::string("first"));
        writeFileAtomically(target, "second");
        QCOMPARE(slurp(target), std::string("second"));
        QCOMPARE(filesIn(dir()), size_t(1));
    }
    void failedWriteKeepsPreviousFile() {
        const auto target = dir() / "b.json";
        writeFileAtomically(target, "good");
        bool threw = false;
        try {
            writeAtomically(target, [](const fs::path& tmp) {
                std::ofstream(tmp) << "half-writ";
                throw std::runtime_error("simulated crash");
            });
        } catch (const std::runtime_error&) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(slurp(target), std::string("good"));
        QCOMPARE(filesIn(dir()), size_t(2));  // a.json from the first test and b.json
    }
    void missingDirectoryIsNamed() {
        const auto target = dir() / "no-such-dir" / "c.json";
        try {
            writeFileAtomically(target, "x");
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            QVERIFY(QString(e.what()).contains("no-such-dir"));
        }
    }
};

QTEST_APPLESS_MAIN(TstAtomicFile)
#include "tst_atomic_file.moc"
