# File formats shared by every task: checkpoints, packed quantized weights, npy/npz.
target_sources(bithep_core PRIVATE
  io/checkpoint.cpp
  io/npy_array.cpp
  io/npz_reader.cpp
  io/quantized_export.cpp)
