# Read by cpack (CPACK_PROJECT_CONFIG_FILE): a package must run on any x86-64 CPU.
if(CPACK_BITHEP_NATIVE)
  message(FATAL_ERROR "This build is native (-march=native): its package would run only on CPUs like this one. "
                      "Package the portable preset instead: cmake --preset portable && cmake --build --preset portable "
                      "&& cpack --config build/portable/CPackConfig.cmake (or scripts/setup.sh package).")
endif()
