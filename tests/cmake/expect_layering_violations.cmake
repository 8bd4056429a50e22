# Runs cmake/check_layering.cmake on the small tree in tests/data/layering/ (tests/data/README.md)
# and checks that it fails and names each planted violation, and nothing that is allowed.
# Usage: cmake -DSOURCE_DIR=<repo> -P expect_layering_violations.cmake
set(fixture "${SOURCE_DIR}/tests/data/layering")
execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${fixture} -DMANIFEST=${fixture}/parts.txt
                        -P ${SOURCE_DIR}/cmake/check_layering.cmake
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(out "${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "the layering check passed a tree with planted violations:\n${out}")
endif()
set(expected
  "core/low/low.cpp: #include \"core/high/high.h\": low does not depend on high"
  "core/high/high.cpp: #include <QString>: core never includes Qt"
  "core/high/high.cpp: #include \"tests/helper.h\": the product never includes from tests/"
  "core/high/high.cpp: #include \"core/high/missing.h\": no such file"
  "core/physics/shower.cpp: #include \"core/nn/net.h\": physics never includes nn"
  "core/stray/stray.h: belongs to no library"
  "widgets/view.cpp: #include \"app/main_window.h\": widgets never include app"
  "core/tasks/b/b.cpp: #include \"core/tasks/a/a.h\": a task never includes another task"
  "core/kernels/pack.cpp: #include <core/nn/net.h>: kernels never includes nn"
  "core/kernels/pack.cpp: #include \"widgets/view.h\": core never includes widgets or app"
  "widgets/model.cpp: #include \"core/nn/net.h\": widgets never include nn"
  "widgets/model.cpp: #include \"../app/other.h\": relative includes hide which part"
  "12 include\\(s\\) break the layers")
foreach(line IN LISTS expected)
  if(NOT out MATCHES "${line}")
    message(FATAL_ERROR "expected \"${line}\" in the layering check's output:\n${out}")
  endif()
endforeach()
foreach(allowed "shower.cpp: #include \"core/high/high.h\"" "layering: core/nn/" "layering: core/tasks/a/" "orphan_dir_file" "view.cpp: #include \"core/low")
  if(out MATCHES "${allowed}")
    message(FATAL_ERROR "an allowed include was reported (${allowed}):\n${out}")
  endif()
endforeach()
