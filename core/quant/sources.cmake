# The quantization arithmetic (quantizer.*) sits below nn, which quantizes with it; plans sit
# above nn, which they are applied to.
bithep_core_part(quantizer FOLDER quant STEMS_ONLY DEPENDS tensor)
target_sources(bithep_quantizer PRIVATE quant/quantizer.cpp)
bithep_core_part(quant DEPENDS nn quantizer tensor)
target_sources(bithep_quant PRIVATE quant/quant_plan.cpp quant/precision_map.cpp)
