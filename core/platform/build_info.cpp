#include "core/platform/build_info.h"

#include <Eigen/Core>
#include <H5public.h>
#include <fastjet/JetDefinition.hh>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <zip.h>

namespace bithep::platform {

namespace {
// fastjet_version_string() reads "FastJet version 3.4.0"; keep the number.
std::string fastJetVersion() {
    const std::string full = fastjet::fastjet_version_string();
    const auto space = full.find_last_of(' ');
    return space == std::string::npos ? full : full.substr(space + 1);
}
}  // namespace

std::string projectVersion() { return BITHEP_VERSION; }

std::string compilerVersion() {
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "GCC " __VERSION__;
#else
    return "unknown compiler";
#endif
}

std::vector<std::pair<std::string, std::string>> libraryVersions() {
    using std::to_string;
    unsigned maj = 0, min = 0, rel = 0;
    H5get_libversion(&maj, &min, &rel);
    const int pugi = PUGIXML_VERSION;  // e.g. 1130 for 1.13
    return {
        {"Eigen", to_string(EIGEN_WORLD_VERSION) + "." + to_string(EIGEN_MAJOR_VERSION) + "." +
                      to_string(EIGEN_MINOR_VERSION)},
        {"HDF5", to_string(maj) + "." + to_string(min) + "." + to_string(rel)},
        {"FastJet", fastJetVersion()},
        {"libzip", zip_libzip_version()},
        {"nlohmann-json", to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                              to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                              to_string(NLOHMANN_JSON_VERSION_PATCH)},
        {"pugixml", to_string(pugi / 1000) + "." + to_string(pugi % 1000 / 10)},
    };
}

}  // namespace bithep::platform
