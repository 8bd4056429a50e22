# Per-target warnings, sanitizers, the instruction set and ccache. Nothing here touches global
# compile flags except the sanitizer, which must be on every object and the link to be
# meaningful, and -march=native, which must be on every object that instantiates Eigen: mixed
# flags would let the linker keep one ISA's copy of a template for callers of another.

if(BITHEP_USE_CCACHE)
  find_program(BITHEP_CCACHE ccache)
  if(BITHEP_CCACHE)
    # The sloppiness lets ccache cache files compiled with a precompiled header (BITHEP_PCH): the
    # header's .gch is newer than the compile that uses it starts, which ccache otherwise refuses.
    set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
        CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime ${BITHEP_CCACHE})
  endif()
endif()

if(BITHEP_NATIVE)
  add_compile_options(-march=native)
  # GCC before 13 warns "'__Y' is used uninitialized" inside its own AVX-512 intrinsics (GCC bug
  # 105593: "undefined" registers made by self-assignment), wherever Eigen's packet code inlines
  # them. Only then are the two uninitialized warnings off for GCC; clang keeps them (the
  # sanitizer build).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_FLAGS -march=native)
    check_cxx_source_compiles("#ifndef __AVX512F__\n#error no\n#endif\nint main() { return 0; }"
                              BITHEP_NATIVE_HAS_AVX512)
    unset(CMAKE_REQUIRED_FLAGS)
    set(BITHEP_GCC_AVX512_UNINIT_BUG ${BITHEP_NATIVE_HAS_AVX512})
  endif()
endif()

if(BITHEP_SANITIZE)
  # Applied to everything (including Qt moc output) so ASan sees every allocation we make.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(BITHEP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "BITHEP_FUZZ needs clang (libFuzzer); configure with the `fuzz` preset")
  endif()
  # Coverage feedback from every object the harnesses reach; the harnesses link -fsanitize=fuzzer.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

function(bithep_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  if(BITHEP_GCC_AVX512_UNINIT_BUG)
    target_compile_options(${target} PRIVATE -Wno-uninitialized -Wno-maybe-uninitialized)
  endif()
  if(BITHEP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
