#pragma once
// Versions of the project and of the libraries bithep_core was built against, for the About
// dialog, `--version`, and the provenance block written beside every export.
#include <string>
#include <utility>
#include <vector>

namespace bithep::platform {

std::string projectVersion();
std::string compilerVersion();

// (name, version) of Eigen, HDF5, FastJet, libzip, nlohmann-json and pugixml, in that order.
// HDF5's and libzip's are read at run time from the loaded library, the others are compile time.
std::vector<std::pair<std::string, std::string>> libraryVersions();

}  // namespace bithep::platform
