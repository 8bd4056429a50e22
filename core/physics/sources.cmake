bithep_core_part(physics DEPENDS io)
target_sources(bithep_physics PRIVATE
  physics/parton_shower.cpp
  physics/particle_data.cpp
  physics/fragmentation.cpp
  physics/jet_generator.cpp
  physics/jet_generator_config.cpp
  physics/jet_observables.cpp
  physics/jet_substructure.cpp
  physics/heavy_flavour.cpp
  physics/flavour_jet_generator.cpp)
target_link_libraries(bithep_physics PRIVATE FastJet::FastJet)
