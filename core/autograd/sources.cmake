bithep_core_part(autograd DEPENDS tensor kernels)
target_sources(bithep_autograd PRIVATE
  autograd/var.cpp
  autograd/ops_arith.cpp
  autograd/ops_nn.cpp
  autograd/ops_shape.cpp
  autograd/losses.cpp
  autograd/flow_ops.cpp)
