target_sources(bithep_core PRIVATE
  cost/cost_export.cpp
  cost/cost_model.cpp
  cost/energy_table.cpp
  cost/inference_timer.cpp)
