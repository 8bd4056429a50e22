bithep_core_part(task_smeft FOLDER tasks/smeft DEPENDS autograd cost io kernels metrics model_io nn physics platform quant tasks tensor train)
target_link_libraries(bithep_task_smeft PRIVATE pugixml::pugixml FastJet::FastJet)
target_sources(bithep_task_smeft PRIVATE
  tasks/smeft/decay_plane_model.cpp
  tasks/smeft/eft_scan_analysis.cpp
  tasks/smeft/regression_quality.cpp
  tasks/smeft/smeft_dataset.cpp
  tasks/smeft/smeft_batch.cpp
  tasks/smeft/smeft_evaluation_state.cpp
  tasks/smeft/smeft_event_generator.cpp
  tasks/smeft/smeft_features.cpp
  tasks/smeft/smeft_generator_config.cpp
  tasks/smeft/smeft_model.cpp
  tasks/smeft/smeft_model_instance.cpp
  tasks/smeft/smeft_plans.cpp
  tasks/smeft/smeft_report.cpp
  tasks/smeft/smeft_run_config.cpp
  tasks/smeft/smeft_session.cpp
  tasks/smeft/smeft_task.cpp
  tasks/smeft/smeft_training.cpp)
target_sources(bithep_task_smeft PRIVATE tasks/smeft/lhe_reader.cpp)
# gzip-compressed LHE files; zlib is already a dependency of HDF5 and libzip.
find_package(ZLIB REQUIRED)
target_link_libraries(bithep_task_smeft PRIVATE ZLIB::ZLIB)
