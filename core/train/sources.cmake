target_sources(bithep_core PRIVATE
  train/optimizer.cpp
  train/lr_schedule.cpp
  train/trainer.cpp
  train/thread_control.cpp
  # Checkpoints live in io/ beside the other file formats; listed here because io/sources.cmake
  # belongs to the I/O module (CMake ignores the duplicate once that file lists it too).
  io/checkpoint.cpp)
