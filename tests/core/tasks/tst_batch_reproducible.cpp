// Every task's batch run on a small configuration with a quantized plan: the same seed gives the
// same numbers (every metric except timings, bit for bit, kernel scoring included), and another
// seed gives other numbers, so a change that made a run depend on anything but its settings —
// thread scheduling, uninitialised memory, a stray global generator — fails here.
#include <QTemporaryDir>
#include <QtTest>

#include "core/tasks/task_registry.h"

namespace tasks = bithep::tasks;

namespace {

struct Tiny {
    const char* task;
    const char* model;
    const char* plan;
    std::vector<std::string> arguments;
};

std::vector<Tiny> tinyRuns() {
    return {
        {"qg", "", "p-dat-bit",
         {"jets=240", "test-jets=80", "epochs=1", "deepsets=0", "dim=8", "heads=2", "blocks=1", "ff-hidden=16",
          "pair-hidden=4", "max-particles=16", "batch=32"}},
        {"smeft", "small", "all-ternary", {"events=200", "test-events=100", "epochs=1", "batch=64"}},
        {"joi", "", "p-dat-bit",
         {"scan-sizes=110", "encodings=float", "test-jets=110", "epochs=1", "min-steps=0", "dim=8", "heads=2",
          "blocks=1", "ff-hidden=16", "pair-hidden=4", "max-particles=8", "batch=32"}},
        {"calo", "cfm", "full",
         {"showers=120", "test-showers=60", "epochs=1", "classifier-epochs=1", "hidden=16", "layers=1",
          "ode-steps=2"}},
    };
}

// Wall times, throughputs and the load they were measured under change from run to run.
bool isTiming(const std::string& key) {
    for (const char* part : {"second", "timing", "load", "busy", "threads"})
        if (key.find(part) != std::string::npos) return true;
    return false;
}

nlohmann::json withoutTimings(const nlohmann::json& j) {
    if (j.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, value] : j.items())
            if (!isTiming(key)) out[key] = withoutTimings(value);
        return out;
    }
    if (j.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& value : j) out.push_back(withoutTimings(value));
        return out;
    }
    return j;
}

std::size_t numbersIn(const nlohmann::json& j) {
    if (j.is_number()) return 1;
    std::size_t n = 0;
    if (j.is_structured())
        for (const auto& value : j) n += numbersIn(value);
    return n;
}

nlohmann::json run(const Tiny& t, std::uint64_t seed) {
    QTemporaryDir dir;
    tasks::BatchRequest r;
    r.outDir = dir.path().toStdString();
    r.model = t.model;
    r.plan = t.plan;
    r.seed = seed;
    r.threads = 1;
    r.arguments = t.arguments;
    const tasks::TaskDescriptor* task = tasks::builtinTasks().find(t.task);
    if (!task || !task->batch) throw std::runtime_error(std::string("no batch for task ") + t.task);
    return withoutTimings(task->batch(r, {}).metrics);
}

}  // namespace

class TstBatchReproducible : public QObject {
    Q_OBJECT
private slots:
    void sameSeedSameNumbers_data() {
        QTest::addColumn<int>("index");
        const auto runs = tinyRuns();
        for (std::size_t i = 0; i < runs.size(); ++i) QTest::newRow(runs[i].task) << static_cast<int>(i);
    }
    void sameSeedSameNumbers() {
        QFETCH(int, index);
        const Tiny t = tinyRuns()[static_cast<std::size_t>(index)];
        const nlohmann::json first = run(t, 7);
        // The runs trained and scored: their metrics hold many numbers (AUCs, intervals, distances).
        QVERIFY2(numbersIn(first) >= 20, std::to_string(numbersIn(first)).c_str());
        const nlohmann::json again = run(t, 7);
        QVERIFY2(first == again, nlohmann::json::diff(first, again).dump().substr(0, 400).c_str());
        QVERIFY2(first != run(t, 8), "another seed gave the same numbers");
    }
};

QTEST_GUILESS_MAIN(TstBatchReproducible)
#include "tst_batch_reproducible.moc"
