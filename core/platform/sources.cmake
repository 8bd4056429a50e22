target_sources(bithep_core PRIVATE
  platform/cpu_features.cpp
  platform/build_info.cpp
  platform/atomic_file.cpp
  platform/parallel.cpp
  platform/system_load.cpp)
