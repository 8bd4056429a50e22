#pragma once
// Where the sample datasets and projects are: beside an installed explorer
// (<prefix>/share/bithep-explorer/samples, the Debian package) or, for a build run from its own
// tree, the source tree's samples/ folder.
#include <QString>

namespace bithep::app {

// The installed folder when it exists next to the running executable, else the source tree's;
// empty when neither exists (a build copied elsewhere without its samples).
QString sampleDirectory();

}  // namespace bithep::app
