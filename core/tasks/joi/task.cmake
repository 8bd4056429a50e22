bithep_core_part(task_joi FOLDER tasks/joi DEPENDS autograd cost io kernels metrics model_io nn physics platform quant tasks tensor train jet_common)
target_sources(bithep_task_joi PRIVATE
  tasks/joi/byte_tokens.cpp
  tasks/joi/joi_batch.cpp
  tasks/joi/joi_dataset.cpp
  tasks/joi/joi_features.cpp
  tasks/joi/joi_metrics.cpp
  tasks/joi/joi_model.cpp
  tasks/joi/joi_report.cpp
  tasks/joi/joi_run_config.cpp
  tasks/joi/joi_session.cpp
  tasks/joi/joi_task.cpp
  tasks/joi/joi_training.cpp)
