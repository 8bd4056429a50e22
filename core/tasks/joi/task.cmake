target_sources(bithep_core PRIVATE
  tasks/joi/byte_tokens.cpp
  tasks/joi/joi_dataset.cpp
  tasks/joi/joi_features.cpp
  tasks/joi/joi_metrics.cpp
  tasks/joi/joi_model.cpp
  tasks/joi/joi_training.cpp
  tasks/joi/joi_task.cpp)
