# Jet code shared by the quark/gluon and jet-origin tasks (not a task itself: no task.cmake):
# the jet dataset and its files, per-particle and pair features, the P-DAT blocks, the tagger base
# class with its input standardisation, the paper's named plans and the training settings.
bithep_core_part(jet_common FOLDER tasks/jet_common DEPENDS autograd io metrics model_io nn physics platform quant tasks tensor train)
target_sources(bithep_jet_common PRIVATE
  tasks/jet_common/attention_layout.cpp
  tasks/jet_common/jet_dataset.cpp
  tasks/jet_common/jet_features.cpp
  tasks/jet_common/jet_model.cpp
  tasks/jet_common/jet_plans.cpp
  tasks/jet_common/jet_train_settings.cpp
  tasks/jet_common/pdat_block.cpp)
target_link_libraries(bithep_jet_common PRIVATE ${HDF5_CXX_LIBRARIES})
