target_sources(bithep_core PRIVATE
  quant/quantizer.cpp
  quant/quant_plan.cpp)
