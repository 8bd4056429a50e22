# Ternary kernels. Each ISA file gets its own flags; the library itself stays baseline x86-64 and
# picks a path at run time (kernel_path.cpp). -ffp-contract=off on every kernel file keeps
# multiply-then-add unfused so all paths round the float rescale identically.
target_sources(bithep_core PRIVATE
  kernels/kernel_path.cpp
  kernels/ternary_matrix.cpp
  kernels/ternary_linear.cpp
  kernels/ternary_gemm_ref.cpp
  kernels/kernel_benchmark.cpp)
set_source_files_properties(kernels/ternary_gemm_ref.cpp kernels/ternary_linear.cpp
  PROPERTIES COMPILE_OPTIONS "-ffp-contract=off")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
  target_sources(bithep_core PRIVATE
    kernels/ternary_gemm_avx2.cpp
    kernels/ternary_gemm_avxvnni.cpp
    kernels/ternary_gemm_avx512vnni.cpp)
  set_source_files_properties(kernels/ternary_gemm_avx2.cpp
    PROPERTIES COMPILE_OPTIONS "-mavx2;-ffp-contract=off")
  set_source_files_properties(kernels/ternary_gemm_avxvnni.cpp
    PROPERTIES COMPILE_OPTIONS "-mavx2;-mavxvnni;-ffp-contract=off")
  set_source_files_properties(kernels/ternary_gemm_avx512vnni.cpp
    PROPERTIES COMPILE_OPTIONS "-mavx512f;-mavx512bw;-mavx512vnni;-ffp-contract=off")
endif()
