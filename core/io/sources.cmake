# File formats shared by every task: checkpoints, packed quantized weights, npy/npz.
target_sources(bithep_core PRIVATE
  io/checkpoint.cpp
  io/npy_array.cpp
  io/hdf5_image.cpp
  io/json_fields.cpp
  io/npz_reader.cpp
  io/quantized_export.cpp
  io/size_limits.cpp)
