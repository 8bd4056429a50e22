# Every dependency is a Debian 12 package; a missing one stops configuration with the package name.
# scripts/setup.sh installs all of them; this list and the one there must agree.

macro(bithep_require name debian_package)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "BitHEP Explorer needs ${name}. Install it with:\n"
                        "  sudo apt-get install ${debian_package}\n"
                        "or run scripts/setup.sh, which installs every missing package.")
  endif()
endmacro()

find_package(Threads REQUIRED)
# OpenMP comes with GCC (libgomp); Eigen uses it for multi-threaded GEMM, the kernels for their
# second thread (a persistent pool, so a fork/join costs ~1 us instead of a thread start).
find_package(OpenMP QUIET COMPONENTS CXX)
bithep_require(OpenMP_CXX "libgomp1 (part of g++)")
find_package(Eigen3 3.4 QUIET NO_MODULE)
bithep_require(Eigen3 libeigen3-dev)
set(HDF5_PREFER_PARALLEL OFF)
find_package(HDF5 QUIET COMPONENTS C CXX)
bithep_require(HDF5 libhdf5-dev)
find_package(FastJet QUIET)
bithep_require(FastJet libfastjet-dev)
# libzip's CMake config insists on its command-line tools (separate Debian packages); pkg-config
# needs only the library.
find_package(PkgConfig QUIET)
bithep_require(PkgConfig pkg-config)
pkg_check_modules(libzip QUIET IMPORTED_TARGET libzip)
bithep_require(libzip libzip-dev)
find_package(nlohmann_json 3.10 QUIET CONFIG)
bithep_require(nlohmann_json nlohmann-json3-dev)
find_package(pugixml QUIET CONFIG)
bithep_require(pugixml libpugixml-dev)

if(BITHEP_BUILD_GUI OR BITHEP_BUILD_TESTS)
  find_package(Qt6 6.4 QUIET COMPONENTS Core Gui Widgets Charts Svg SvgWidgets Concurrent Test)
  bithep_require(Qt6 "qt6-base-dev qt6-charts-dev qt6-svg-dev")
endif()
if(BITHEP_BUILD_TESTS AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
  # SIMDe (headers only) lets the AVX-512 / AVX-VNNI kernel files be checked on a CPU without
  # those instructions (tests/core/kernels/tst_kernels_emulated).
  find_path(BITHEP_SIMDE_INCLUDE_DIR simde/x86/avx512.h)
  if(BITHEP_SIMDE_INCLUDE_DIR)
    set(SIMDe_FOUND TRUE)
  endif()
  bithep_require(SIMDe libsimde-dev)
endif()
if(BITHEP_BUILD_BENCH)
  find_package(benchmark QUIET CONFIG)
  bithep_require(benchmark libbenchmark-dev)
endif()
