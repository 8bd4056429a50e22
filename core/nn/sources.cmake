bithep_core_part(nn DEPENDS autograd kernels quantizer)
target_sources(bithep_nn PRIVATE
  nn/module.cpp
  nn/linear.cpp
  nn/bit_linear.cpp
  nn/activation.cpp
  nn/layer_norm.cpp
  nn/batch_norm.cpp
  nn/embedding.cpp
  nn/sequential.cpp
  nn/mlp.cpp
  nn/multi_head_attention.cpp
  nn/transformer_block.cpp
  nn/kernel_inference.cpp)
