# bithep_core is a set of static libraries, one per part of core (docs/ARCHITECTURE.md §1), each
# linking only the parts it may use. Every part is declared with bithep_core_part(); the
# declarations are written to a manifest that cmake/check_layering.cmake reads on every build, so
# an #include of a part that is not among a file's declared dependencies fails the build, not a
# review.
#
#   bithep_core_part(<name> [FOLDER <dir>] [STEMS_ONLY] [DEPENDS <part>...])
#
# <name>      the part; the library is bithep_<name>
# FOLDER      folder under core/ whose files belong to the part (default: <name>)
# STEMS_ONLY  the part owns only the files named like its sources (quant/quantizer.h for
#             quant/quantizer.cpp); the folder's other files belong to the folder's main part
# DEPENDS     parts whose headers this part's headers and sources include (linked PUBLIC)

add_library(bithep_core_base INTERFACE)
target_include_directories(bithep_core_base INTERFACE "${PROJECT_SOURCE_DIR}")
target_link_libraries(bithep_core_base INTERFACE Eigen3::Eigen Threads::Threads OpenMP::OpenMP_CXX
                      nlohmann_json::nlohmann_json)

# One precompiled header for every part: they share compile options and definitions, so GCC
# accepts it everywhere, and it is compiled once instead of once per part.
if(BITHEP_PCH)
  file(WRITE "${CMAKE_BINARY_DIR}/bithep_core_pch.cpp" "// Holder of core's precompiled header.\n")
  add_library(bithep_core_pch OBJECT "${CMAKE_BINARY_DIR}/bithep_core_pch.cpp")
  target_link_libraries(bithep_core_pch PRIVATE bithep_core_base)
  bithep_set_warnings(bithep_core_pch)
  bithep_use_pch(bithep_core_pch CORE)
endif()

function(bithep_core_part name)
  cmake_parse_arguments(PART "STEMS_ONLY" "FOLDER" "DEPENDS" ${ARGN})
  if(NOT PART_FOLDER)
    set(PART_FOLDER "${name}")
  endif()
  set(target bithep_${name})
  add_library(${target} STATIC)
  target_link_libraries(${target} PUBLIC bithep_core_base)
  foreach(dep IN LISTS PART_DEPENDS)
    target_link_libraries(${target} PUBLIC bithep_${dep})
  endforeach()
  bithep_set_warnings(${target})
  if(BITHEP_PCH)
    target_precompile_headers(${target} REUSE_FROM bithep_core_pch)
  endif()
  set_property(GLOBAL APPEND PROPERTY BITHEP_CORE_PARTS ${name})
  set_property(GLOBAL PROPERTY BITHEP_CORE_PART_${name}
               "${name}|${PART_FOLDER}|${PART_STEMS_ONLY}|${PART_DEPENDS}")
endfunction()

# Writes the manifest (one line per part: name|folder|stems-only|dependencies|sources) and the
# build step that checks every include of core/, widgets/ and app/ against it.
function(bithep_core_layering_check)
  get_property(parts GLOBAL PROPERTY BITHEP_CORE_PARTS)
  set(manifest "")
  foreach(part IN LISTS parts)
    get_property(line GLOBAL PROPERTY BITHEP_CORE_PART_${part})
    get_target_property(sources bithep_${part} SOURCES)
    set(relative "")
    foreach(source IN LISTS sources)
      if(NOT IS_ABSOLUTE "${source}")
        set(source "${CMAKE_CURRENT_SOURCE_DIR}/${source}")
      endif()
      cmake_path(IS_PREFIX PROJECT_SOURCE_DIR "${source}" NORMALIZE inside)
      if(inside)
        file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${source}")
        list(APPEND relative "${rel}")
      endif()
    endforeach()
    string(REPLACE ";" "," line "${line}")
    string(REPLACE ";" "," relative "${relative}")
    string(APPEND manifest "${line}|${relative}\n")
  endforeach()
  set(manifest_file "${CMAKE_BINARY_DIR}/bithep_core_parts.txt")
  file(WRITE "${manifest_file}.tmp" "${manifest}")
  file(COPY_FILE "${manifest_file}.tmp" "${manifest_file}" ONLY_IF_DIFFERENT)

  file(GLOB_RECURSE checked CONFIGURE_DEPENDS
       "${PROJECT_SOURCE_DIR}/core/*.h" "${PROJECT_SOURCE_DIR}/core/*.cpp" "${PROJECT_SOURCE_DIR}/core/*.inc"
       "${PROJECT_SOURCE_DIR}/widgets/*.h" "${PROJECT_SOURCE_DIR}/widgets/*.cpp"
       "${PROJECT_SOURCE_DIR}/app/*.h" "${PROJECT_SOURCE_DIR}/app/*.cpp")
  set(stamp "${CMAKE_BINARY_DIR}/bithep_layering.stamp")
  add_custom_command(OUTPUT "${stamp}"
    COMMAND ${CMAKE_COMMAND} "-DROOT=${PROJECT_SOURCE_DIR}" "-DMANIFEST=${manifest_file}"
            -P "${PROJECT_SOURCE_DIR}/cmake/check_layering.cmake"
    COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
    DEPENDS ${checked} "${manifest_file}" "${PROJECT_SOURCE_DIR}/cmake/check_layering.cmake"
    COMMENT "Checking that every #include follows the layers of core/, widgets/ and app/"
    VERBATIM)
  add_custom_target(bithep_check_layering ALL DEPENDS "${stamp}")
endfunction()
