#include "app/application.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <unistd.h>

#include "app/batch_runner.h"
#include "app/command_line.h"
#include "app/main_window.h"
#include "core/train/thread_control.h"

// The .qrc is compiled into the static bithep_app library; without this call the linker may drop it.
static void initResources() { Q_INIT_RESOURCE(resources); }

namespace bithep::app {

void openProjectOnStart(MainWindow& window, const QString& file) {
    // Once the event loop runs, so its errors show as dialogs over a visible window.
    if (!file.isEmpty()) QTimer::singleShot(0, &window, [&window, file] { window.openProject(file); });
}

int runApplication(int argc, char** argv) {
    // Headless work must not need a display: pick the offscreen platform before Qt starts,
    // unless the user chose one. Figures still render with the same chart code.
    if (wantsHeadless(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        // Batch nodes often have no session runtime dir; give Qt the private one it would pick
        // anyway, so batch logs are not polluted by its warning.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            const QByteArray dir = QDir::tempPath().toUtf8() + "/runtime-" + QByteArray::number(getuid());
            QDir().mkpath(QString::fromUtf8(dir));
            QFile::setPermissions(QString::fromUtf8(dir), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            qputenv("XDG_RUNTIME_DIR", dir);
        }
    }
    initResources();
    // Without this Eigen would use every core even on a busy machine (thread_control.h).
    train::setThreads(0);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BitHEP"));
    QApplication::setApplicationName(QStringLiteral("Explorer"));
    QApplication::setApplicationDisplayName(QStringLiteral("BitHEP Explorer"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/bithep/icons/bithep.svg")));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const CommandLine cl = parseCommandLine(QApplication::arguments());
    switch (cl.mode) {
    case CommandLine::Mode::Help:
    case CommandLine::Mode::Version:
        out << cl.message << "\n";
        return 0;
    case CommandLine::Mode::Error:
        err << "bithep-explorer: " << cl.message << "\n";
        return 2;
    case CommandLine::Mode::Batch:
        return BatchRunner().run(cl.batch, out, err);
    case CommandLine::Mode::Gui:
        break;
    }
    MainWindow window;
    window.show();
    openProjectOnStart(window, cl.projectFile);
    return QApplication::exec();
}

}  // namespace bithep::app
