bithep_core_part(platform)
target_sources(bithep_platform PRIVATE
  platform/cpu_features.cpp
  platform/build_info.cpp
  platform/atomic_file.cpp
  platform/parallel.cpp
  platform/system_load.cpp)
# build_info.cpp reports the versions of the libraries the program was built with.
target_link_libraries(bithep_platform PRIVATE ${HDF5_C_LIBRARIES} FastJet::FastJet pugixml::pugixml PkgConfig::libzip)
target_include_directories(bithep_platform SYSTEM PRIVATE ${HDF5_INCLUDE_DIRS})
