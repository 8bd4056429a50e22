target_sources(bithep_core PRIVATE
  tasks/qg/qg_dataset.cpp
  tasks/qg/qg_features.cpp
  tasks/qg/qg_task.cpp)
# The generic npy/npz reader lives in core/io; core/io has no sources.cmake yet, so the task that
# first needs it adds it here (move to core/io/sources.cmake when that file exists).
if(NOT EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/io/sources.cmake")
  target_sources(bithep_core PRIVATE io/npy_array.cpp io/npz_reader.cpp)
endif()
