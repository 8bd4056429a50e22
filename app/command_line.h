#pragma once
// The explorer's command line (QCommandLineParser): --help, --version, and --batch JOB for
// headless work with the options batch jobs share. Parsing never exits the process, so the
// result can be tested and errors are reported the same way as every other batch failure.
#include <QString>
#include <QStringList>

namespace bithep::app {

struct BatchOptions {
    QString job;           // "info", "list", "demo", "bench" or a task id
    QString outDir = QStringLiteral("bithep-output");
    QString task;
    QString model;
    QString plan;
    quint64 seed = 1;
    int seeds = 1;
    int threads = 0;       // 0 = all cores
    QStringList arguments; // positional arguments after the options
};

struct CommandLine {
    enum class Mode { Gui, Batch, Help, Version, Error };
    Mode mode = Mode::Gui;
    BatchOptions batch;
    QString projectFile;   // GUI: a project to open
    QString message;       // help text, version text or the error
};

// args includes the program name as args[0].
CommandLine parseCommandLine(const QStringList& args);

// True when argv asks for headless work, checked before any Qt application object exists.
bool wantsHeadless(int argc, char** argv);

}  // namespace bithep::app
