bithep_core_part(task_qg FOLDER tasks/qg DEPENDS autograd cost io jet_common kernels metrics model_io nn physics platform quant tasks tensor train)
target_sources(bithep_task_qg PRIVATE
  tasks/qg/deep_sets_model.cpp
  tasks/qg/generator_validation.cpp
  tasks/qg/generator_validation_batch.cpp
  tasks/qg/observable_demo.cpp
  tasks/qg/pdat_model.cpp
  tasks/qg/qg_kernel_check.cpp
  tasks/qg/qg_model.cpp
  tasks/qg/qg_model_instance.cpp
  tasks/qg/qg_batch.cpp
  tasks/qg/qg_report.cpp
  tasks/qg/qg_run_config.cpp
  tasks/qg/qg_session.cpp
  tasks/qg/qg_task.cpp
  tasks/qg/qg_training.cpp)
