# Precompiled headers: Eigen, nlohmann-json and the standard library for bithep_core; Qt Widgets
# and Charts for the widgets and app libraries; QtTest for the tests, which share three prebuilt
# headers (core-only tests, widgets tests, app tests) instead of one per test.
# Parsing these headers was most of a typical file's compile time (QtTest alone ~3 s, QtWidgets
# and QtCharts more, json ~1.5 s). Files with their own flags (per-ISA kernels, the fp32 variants
# that rename Eigen, SIMDe copies) skip them: see bithep_skip_pch.
option(BITHEP_PCH "Precompiled headers (Eigen, nlohmann-json, Qt, the standard library)" ON)

set(BITHEP_PCH_STD <algorithm> <array> <cmath> <cstdint> <cstring> <functional> <map> <memory>
                   <optional> <stdexcept> <string> <string_view> <utility> <vector>)
set(BITHEP_PCH_CORE <Eigen/Core> <nlohmann/json.hpp> ${BITHEP_PCH_STD})
set(BITHEP_PCH_QT <QtWidgets> <QtCharts>)

function(bithep_use_pch target)  # bithep_use_pch(<target> CORE|GUI)
  if(NOT BITHEP_PCH)
    return()
  endif()
  if(ARGV1 STREQUAL "GUI")
    target_precompile_headers(${target} PRIVATE ${BITHEP_PCH_CORE} ${BITHEP_PCH_QT})
  else()
    target_precompile_headers(${target} PRIVATE ${BITHEP_PCH_CORE})
  endif()
endfunction()

# Sources compiled with flags of their own must not use the target's precompiled header (GCC
# rejects a header built for other target flags, and the fp32 variants must include Eigen under
# another name).
function(bithep_skip_pch)
  set_source_files_properties(${ARGN} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
endfunction()

# The tests' shared precompiled headers: one object library per kind of test (core only, widgets,
# the app), compiled like a test of that kind, whose header every test of the kind reuses. GCC
# accepts a precompiled header only where the same macros are defined (QT_WIDGETS_LIB,
# QT_CONCURRENT_LIB, ...), hence one per set of linked libraries.
function(bithep_test_pch_target out kind)  # kind: core, widgets or app
  set(name bithep_test_pch_${kind})
  if(BITHEP_PCH AND NOT TARGET ${name})
    set(source "${CMAKE_BINARY_DIR}/${name}.cpp")
    file(WRITE "${source}" "// Holder of the tests' precompiled header (cmake/BithepPrecompiledHeaders.cmake).\n")
    add_library(${name} OBJECT "${source}")
    target_link_libraries(${name} PRIVATE bithep_${kind} Qt6::Test)
    bithep_set_warnings(${name})
    bithep_test_common_flags(${name})
    if(kind STREQUAL "core")
      target_precompile_headers(${name} PRIVATE <QtTest> ${BITHEP_PCH_CORE})
    else()
      target_precompile_headers(${name} PRIVATE <QtTest> ${BITHEP_PCH_CORE} ${BITHEP_PCH_QT})
    endif()
  endif()
  set(${out} ${name} PARENT_SCOPE)
endfunction()

# What every test and the tests' precompiled headers share. Qt6::Test defines
# QT_TESTCASE_SOURCEDIR/BUILDDIR per test folder (for QFINDTESTDATA, which no test uses: test data
# is found through BITHEP_TEST_DATA_DIR), and QtTest's headers read them, so one precompiled
# header could not serve two folders; they are undefined after Qt's -D options.
function(bithep_test_common_flags target)
  target_compile_definitions(${target} PRIVATE
    BITHEP_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    BITHEP_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_compile_options(${target} PRIVATE -UQT_TESTCASE_SOURCEDIR -UQT_TESTCASE_BUILDDIR)
endfunction()
