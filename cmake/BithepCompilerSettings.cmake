# Per-target warnings, sanitizers and ccache. Nothing here touches global compile flags
# except the sanitizer, which must be on every object and the link to be meaningful.

if(BITHEP_USE_CCACHE)
  find_program(BITHEP_CCACHE ccache)
  if(BITHEP_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${BITHEP_CCACHE}")
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
  if(BITHEP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
