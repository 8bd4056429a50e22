#pragma once
// Program start-up shared by the executable and the tests: chooses between the window and the
// headless batch mode and turns every escaping error into a message and an exit code.
namespace bithep::app {

// argv is scanned before Qt starts so that headless work (--batch, --help, --version) never
// needs a display.
int runApplication(int argc, char** argv);

}  // namespace bithep::app
