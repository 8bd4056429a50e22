#include "app/command_line.h"

#include <cstring>

#include <QCommandLineParser>

#include "core/platform/build_info.h"

namespace bithep::app {

namespace {

QString versionText() {
    return QStringLiteral("BitHEP Explorer %1").arg(QString::fromStdString(platform::projectVersion()));
}

bool parseNumber(const QString& text, const char* what, qulonglong min, qulonglong* value, QString* error) {
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!ok || v < min) {
        *error = QStringLiteral("--%1 expects a whole number >= %2, got '%3'").arg(QLatin1String(what)).arg(min).arg(text);
        return false;
    }
    *value = v;
    return true;
}

}  // namespace

bool wantsHeadless(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        if (std::strncmp(a, "--batch", 7) == 0 || std::strcmp(a, "--help") == 0 ||
            std::strcmp(a, "-h") == 0 || std::strcmp(a, "--version") == 0 || std::strcmp(a, "-v") == 0)
            return true;
    }
    return false;
}

CommandLine parseCommandLine(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("BitHEP Explorer: low-precision neural networks for high-energy physics.\n"
        "Without --batch it opens the explorer window."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version."));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("Run JOB headless: info, list, demo, bench or a task id "
                                   "(see --batch list)."),
                                   QStringLiteral("JOB"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Directory for batch outputs (default bithep-output)."), QStringLiteral("DIR"));
    const QCommandLineOption task(QStringLiteral("task"), QStringLiteral("Task id for jobs that take one (e.g. cost)."), QStringLiteral("ID"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Model name of the task."), QStringLiteral("NAME"));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("Quantization plan name."), QStringLiteral("NAME"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    const QCommandLineOption seeds(QStringLiteral("seeds"), QStringLiteral("Number of seeds to run (default 1)."), QStringLiteral("N"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N"));
    // A data-size scan (jet origin): the same as the positional setting scan-sizes=LIST.
    const QCommandLineOption scanSizes(QStringLiteral("scan-sizes"), QStringLiteral("Training-set sizes to scan, comma-separated."), QStringLiteral("LIST"));
    parser.addOptions({help, version, batch, out, task, model, plan, seed, seeds, threads, scanSizes});
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A project file to open (GUI)."), QStringLiteral("[project]"));

    CommandLine cl;
    if (!parser.parse(args)) {
        cl.mode = CommandLine::Mode::Error;
        cl.message = parser.errorText() + QStringLiteral("\nTry --help.");
        return cl;
    }
    if (parser.isSet(help)) {
        cl.mode = CommandLine::Mode::Help;
        cl.message = parser.helpText();
        return cl;
    }
    if (parser.isSet(version)) {
        cl.mode = CommandLine::Mode::Version;
        cl.message = versionText();
        return cl;
    }
    auto fail = [&cl](const QString& message) {
        cl.mode = CommandLine::Mode::Error;
        cl.message = message;
        return cl;
    };
    if (!parser.isSet(batch)) {
        if (parser.positionalArguments().size() > 1) return fail(QStringLiteral("give at most one project file"));
        cl.projectFile = parser.positionalArguments().value(0);
        return cl;
    }
    cl.mode = CommandLine::Mode::Batch;
    BatchOptions& b = cl.batch;
    b.job = parser.value(batch).trimmed();
    if (b.job.isEmpty()) return fail(QStringLiteral("--batch needs a job name; try --batch list"));
    if (parser.isSet(out)) b.outDir = parser.value(out);
    b.task = parser.value(task);
    b.model = parser.value(model);
    b.plan = parser.value(plan);
    b.arguments = parser.positionalArguments();
    if (parser.isSet(scanSizes)) b.arguments << QStringLiteral("scan-sizes=") + parser.value(scanSizes);
    QString error;
    qulonglong v = 0;
    if (parser.isSet(seed)) {
        if (!parseNumber(parser.value(seed), "seed", 0, &v, &error)) return fail(error);
        b.seed = v;
    }
    if (parser.isSet(seeds)) {
        if (!parseNumber(parser.value(seeds), "seeds", 1, &v, &error)) return fail(error);
        b.seeds = static_cast<int>(qMin<qulonglong>(v, 1000));
    }
    if (parser.isSet(threads)) {
        if (!parseNumber(parser.value(threads), "threads", 1, &v, &error)) return fail(error);
        b.threads = static_cast<int>(qMin<qulonglong>(v, 256));
    }
    return cl;
}

}  // namespace bithep::app
