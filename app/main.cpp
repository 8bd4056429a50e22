// BitHEP Explorer entry point; everything else lives in the bithep_app library.
#include "app/application.h"

int main(int argc, char** argv) { return bithep::app::runApplication(argc, argv); }
