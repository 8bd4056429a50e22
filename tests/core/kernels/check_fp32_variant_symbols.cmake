# Every symbol an fp32 variant object shares with the rest of the program must carry that
# variant's name (fp32_gemm_variant.inc renames Eigen to Eigen_fp32_<variant> and puts the entry
# point in namespace fp32_<variant>). A template instantiated there under a plain name -- a std::
# helper, say -- would be merged by the linker with the baseline copy, and an AVX-512 body could
# then run on a CPU without AVX-512.
# Usage: cmake -DNM=nm -DOBJECTS="a.o;b.o" -P check_fp32_variant_symbols.cmake
set(checked 0)
foreach(object IN LISTS OBJECTS)
  if(NOT object MATCHES "fp32_gemm_(baseline|avx2|avx512)\\.cpp\\.o$")
    continue()
  endif()
  set(tag "fp32_${CMAKE_MATCH_1}")
  execute_process(COMMAND "${NM}" --defined-only --extern-only --format=posix "${object}"
                  OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${object}")
  endif()
  string(REPLACE "\n" ";" lines "${listing}")
  set(symbols 0)
  foreach(line IN LISTS lines)
    if(line STREQUAL "")
      continue()
    endif()
    string(REGEX REPLACE " .*" "" symbol "${line}")
    math(EXPR symbols "${symbols} + 1")
    # Allowed without the name, because none holds vector code:
    # DW.ref.__gxx_personality_v0, the exception-handling personality pointer; _ZTI/_ZTS, type
    # information objects and names (UBSan's function checks emit them for plain function types);
    # std::bad_alloc's constructor, which Eigen's throw_std_bad_alloc instantiates out of line in
    # the sanitizer build and which is one store of the vtable pointer; clang's
    # __clang_call_terminate (two calls, begin_catch and terminate).
    if(NOT symbol MATCHES "${tag}" AND NOT symbol MATCHES "^DW\\.ref\\." AND NOT symbol MATCHES "^_ZT[IS]"
       AND NOT symbol MATCHES "^_ZNSt9bad_allocC[12]Ev$" AND NOT symbol STREQUAL "__clang_call_terminate")
      message(FATAL_ERROR "${object}: exported symbol without the variant's name ${tag}: ${symbol}")
    endif()
  endforeach()
  if(symbols EQUAL 0)
    message(FATAL_ERROR "${object}: no exported symbols at all (the entry point is missing)")
  endif()
  message(STATUS "${tag}: ${symbols} exported symbols, all renamed")
  math(EXPR checked "${checked} + 1")
endforeach()
if(checked EQUAL 0)
  message(FATAL_ERROR "no fp32 variant object among: ${OBJECTS}")
endif()
