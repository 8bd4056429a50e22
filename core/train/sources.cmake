bithep_core_part(train DEPENDS autograd io kernels nn platform quant)
target_sources(bithep_train PRIVATE
  train/optimizer.cpp
  train/lr_schedule.cpp
  train/trainer.cpp
  train/train_settings.cpp
  train/thread_control.cpp)
