bithep_core_part(tensor)
target_sources(bithep_tensor PRIVATE tensor/tensor.cpp)
