# File formats shared by every task. The plain formats (npy/npz, HDF5 images and attributes,
# bounded JSON, size limits) depend on nothing above platform, so physics can read its settings
# with them; the model files (checkpoints, packed quantized weights) need the networks.
bithep_core_part(io DEPENDS platform)
target_sources(bithep_io PRIVATE
  io/npy_array.cpp
  io/hdf5_image.cpp
  io/json_fields.cpp
  io/npz_reader.cpp
  io/size_limits.cpp)
target_link_libraries(bithep_io PUBLIC ${HDF5_CXX_LIBRARIES} ${HDF5_C_LIBRARIES} PRIVATE PkgConfig::libzip)
target_include_directories(bithep_io SYSTEM PUBLIC ${HDF5_INCLUDE_DIRS})

bithep_core_part(model_io FOLDER io STEMS_ONLY DEPENDS io nn quant train platform)
target_sources(bithep_model_io PRIVATE
  io/checkpoint.cpp
  io/quantized_export.cpp)
