# Strict warnings on our own targets only; third-party headers live under /usr/include
# and are treated as system headers.
add_library(tvbot_options INTERFACE)
target_compile_options(tvbot_options INTERFACE -Wall -Wextra -Werror)
target_include_directories(tvbot_options INTERFACE ${PROJECT_SOURCE_DIR})
if(TVBOT_SANITIZE)
  target_compile_options(tvbot_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(tvbot_options INTERFACE -fsanitize=address,undefined)
endif()

# One library per top-level folder; dependencies point inward (events depends on nothing of ours).
function(tvbot_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC tvbot_options ${ARG_DEPS})
endfunction()
