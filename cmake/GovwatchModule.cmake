# Compile options for every target that is ours (not third-party code).
function(govwatch_strict target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  if(GOVWATCH_SANITIZE)
    # GCC 12's -Wmaybe-uninitialized misfires on libstdc++ (std::regex, std::function) once the
    # sanitizers instrument the code; the plain build keeps the warning.
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -Wno-maybe-uninitialized)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()

# govwatch_module(NAME SOURCES a.cc b.cc DEPS other_module lib...)
# One static library per module, target name govwatch_<NAME>. Headers are included as
# "<module>/<file>.h" from daemon/src.
function(govwatch_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(target govwatch_${name})
  add_library(${target} STATIC ${ARG_SOURCES})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/daemon/src)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  govwatch_strict(${target})
endfunction()

# govwatch_test(NAME SOURCES a_test.cc DEPS govwatch_x LABEL unit)
function(govwatch_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    GOVWATCH_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    GOVWATCH_BINARY_DIR="${PROJECT_BINARY_DIR}")
  govwatch_strict(${name})
  gtest_discover_tests(${name} PROPERTIES LABELS ${ARG_LABEL} DISCOVERY_TIMEOUT 60)
endfunction()
