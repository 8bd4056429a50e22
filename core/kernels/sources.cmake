# Ternary kernels. Each ISA file gets its own flags on top of the library's (baseline x86-64 in a
# portable build, -march=native in a native one) and a path is picked at run time (kernel_path.cpp). -ffp-contract=off on every kernel file keeps
# multiply-then-add unfused so all paths round the float rescale identically.
bithep_core_part(kernels DEPENDS platform)
target_sources(bithep_kernels PRIVATE
  kernels/kernel_path.cpp
  kernels/ternary_matrix.cpp
  kernels/ternary_linear.cpp
  kernels/ternary_gemm_ref.cpp
  kernels/kernel_benchmark.cpp
  kernels/fp32_gemm.cpp
  kernels/fp32_gemm_baseline.cpp)
set_source_files_properties(kernels/ternary_gemm_ref.cpp kernels/ternary_linear.cpp
  PROPERTIES COMPILE_OPTIONS "-ffp-contract=off")
bithep_skip_pch(kernels/ternary_gemm_ref.cpp kernels/ternary_linear.cpp kernels/fp32_gemm_baseline.cpp)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
  target_sources(bithep_kernels PRIVATE
    kernels/ternary_gemm_avx2.cpp
    kernels/ternary_gemm_avxvnni.cpp
    kernels/ternary_gemm_avx512vnni.cpp)
  bithep_skip_pch(kernels/ternary_gemm_avx2.cpp kernels/ternary_gemm_avxvnni.cpp kernels/ternary_gemm_avx512vnni.cpp)
  set_source_files_properties(kernels/ternary_gemm_avx2.cpp
    PROPERTIES COMPILE_OPTIONS "-mavx2;-ffp-contract=off")
  set_source_files_properties(kernels/ternary_gemm_avxvnni.cpp
    PROPERTIES COMPILE_OPTIONS "-mavx2;-mavxvnni;-ffp-contract=off")
  set_source_files_properties(kernels/ternary_gemm_avx512vnni.cpp
    PROPERTIES COMPILE_OPTIONS "-mavx512f;-mavx512bw;-mavx512vnni;-ffp-contract=off")
endif()

# fp32 products (fp32_gemm.h): one variant with the library's flags; a portable build adds AVX2
# and AVX-512 variants, each with its own renamed Eigen, chosen at run time.
if(BITHEP_NATIVE)
  set_property(SOURCE kernels/fp32_gemm.cpp APPEND PROPERTY COMPILE_DEFINITIONS BITHEP_NATIVE_BUILD)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
  target_sources(bithep_kernels PRIVATE kernels/fp32_gemm_avx2.cpp kernels/fp32_gemm_avx512.cpp)
  bithep_skip_pch(kernels/fp32_gemm_avx2.cpp kernels/fp32_gemm_avx512.cpp)
  set_property(SOURCE kernels/fp32_gemm.cpp APPEND PROPERTY COMPILE_DEFINITIONS BITHEP_FP32_PORTABLE)
  set_source_files_properties(kernels/fp32_gemm_avx2.cpp PROPERTIES COMPILE_OPTIONS "-mavx2;-mfma")
  # GCC 12's AVX-512 headers trip -Wmaybe-uninitialized inside Eigen's packet code (a header
  # false positive: "undefined" registers built by self-assignment).
  set_source_files_properties(kernels/fp32_gemm_avx512.cpp PROPERTIES COMPILE_OPTIONS
    "-mavx512f;-mavx512bw;-mavx512vl;-mavx512dq;-mavx2;-mfma;-Wno-maybe-uninitialized")
endif()
