target_sources(bithep_core PRIVATE
  physics/parton_shower.cpp
  physics/particle_data.cpp
  physics/fragmentation.cpp
  physics/jet_generator.cpp
  physics/jet_generator_config.cpp
  physics/jet_observables.cpp
  physics/jet_substructure.cpp
  physics/heavy_flavour.cpp
  physics/flavour_jet_generator.cpp)
