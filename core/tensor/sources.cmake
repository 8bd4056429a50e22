target_sources(bithep_core PRIVATE tensor/tensor.cpp)
