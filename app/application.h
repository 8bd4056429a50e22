#pragma once
// Program start-up shared by the executable and the tests: chooses between the window and the
// headless batch mode and turns every escaping error into a message and an exit code.
#include <QString>

namespace bithep::app {

class MainWindow;

// `bithep-explorer FILE`: opens the project FILE in `window` once the event loop runs (nothing
// for an empty name).
void openProjectOnStart(MainWindow& window, const QString& file);

// argv is scanned before Qt starts so that headless work (--batch, --help, --version) never
// needs a display.
int runApplication(int argc, char** argv);

}  // namespace bithep::app
