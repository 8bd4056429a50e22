# Finds FastJet (Debian: libfastjet-dev), which ships neither a CMake config nor a pkg-config file.
# Defines the imported target FastJet::FastJet and FastJet_VERSION.
find_path(FastJet_INCLUDE_DIR fastjet/ClusterSequence.hh)
find_library(FastJet_LIBRARY NAMES fastjet)
if(FastJet_INCLUDE_DIR AND EXISTS "${FastJet_INCLUDE_DIR}/fastjet/config_auto.h")
  file(STRINGS "${FastJet_INCLUDE_DIR}/fastjet/config_auto.h" _fj_line REGEX "define FASTJET_VERSION +\"")
  string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" FastJet_VERSION "${_fj_line}")
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(FastJet REQUIRED_VARS FastJet_LIBRARY FastJet_INCLUDE_DIR
                                  VERSION_VAR FastJet_VERSION)
if(FastJet_FOUND AND NOT TARGET FastJet::FastJet)
  add_library(FastJet::FastJet UNKNOWN IMPORTED)
  set_target_properties(FastJet::FastJet PROPERTIES IMPORTED_LOCATION "${FastJet_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${FastJet_INCLUDE_DIR}")
endif()
mark_as_advanced(FastJet_INCLUDE_DIR FastJet_LIBRARY)
