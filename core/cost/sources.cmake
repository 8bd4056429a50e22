bithep_core_part(cost DEPENDS kernels metrics nn platform)
target_sources(bithep_cost PRIVATE
  cost/cost_export.cpp
  cost/cost_model.cpp
  cost/energy_table.cpp
  cost/inference_timer.cpp)
