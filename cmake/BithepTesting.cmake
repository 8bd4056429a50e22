# bithep_add_test(<name> SOURCES a.cpp ... LIBS lib ... LABELS unit|kernel|gui|slow ... [TIMEOUT s])
# One QTest executable = one CTest test. GUI tests get QT_QPA_PLATFORM=offscreen.
# Golden data is found through BITHEP_TEST_DATA_DIR (tests/data) and BITHEP_SHARED_DATA_DIR.
function(bithep_add_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT T_LABELS)
    message(FATAL_ERROR "bithep_add_test(${name}): give at least one label (unit, kernel, gui, slow)")
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} Qt6::Test)
  target_compile_definitions(${name} PRIVATE
    BITHEP_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    BITHEP_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  bithep_set_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  # One OpenMP thread by default: CTest runs tests side by side, and two processes each running
  # Eigen's spinning GEMM barrier on two threads over two cores run several times slower. Tests
  # that check two-thread behaviour ask for it explicitly (train::setThreads, setKernelThreads).
  set(env "QT_QPA_PLATFORM=offscreen" "OMP_NUM_THREADS=1")
  if(BITHEP_SANITIZE)
    list(APPEND env "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1" "UBSAN_OPTIONS=print_stacktrace=1")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" ENVIRONMENT "${env}" TIMEOUT ${T_TIMEOUT})
endfunction()

# Google Benchmark executables: built, never part of the default test run.
function(bithep_add_bench name)
  cmake_parse_arguments(B "" "" "SOURCES;LIBS" ${ARGN})
  if(NOT BITHEP_BUILD_BENCH)
    return()
  endif()
  add_executable(${name} ${B_SOURCES})
  target_link_libraries(${name} PRIVATE ${B_LIBS} benchmark::benchmark)
  bithep_set_warnings(${name})
endfunction()
