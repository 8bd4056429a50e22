target_sources(bithep_core PRIVATE
  train/optimizer.cpp
  train/lr_schedule.cpp
  train/trainer.cpp
  train/thread_control.cpp)
