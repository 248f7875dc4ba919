# Runs the boundary check on fixture/ (a tree with one violation of each kind) and fails unless the check fails
# and names every one of them: a check that cannot fail counts for nothing.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${FIXTURE} -DLINKS=${FIXTURE}/links.txt -P ${CHECK}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(out "${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "the boundary check passed a tree full of violations:\n${out}")
endif()
set(expected
  "engine/io/src/reader.cpp: includes \"render/renderer.h\""
  "engine/io/src/reader.cpp: includes <vulkan/vulkan.h>"
  "engine/render/include/render/renderer.h: includes <gpu/context.h>"
  "engine/gpu/include/gpu/device.h: includes <vulkan/vulkan.h>"
  "engine/scene/src/scene.cpp: includes \"common/shared.h\""
  "engine/core/src/log.cpp: includes \"../../tools/citygen/include/citygen/city_generator.h\""
  "tests/support/support.cpp: includes <gpu/resources.h>"
  "engine/widgets: a module DESIGN.md's table"
  "ct_io links ct_render"
  "ct_export links Vulkan"
  "ct_app links ct_shader_types"
  "io_tests reaches ct_gpu"
  "ct_test_support reaches Vulkan::Vulkan")
foreach(e IN LISTS expected)
  string(FIND "${out}" "${e}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the boundary check did not report: ${e}\nit said:\n${out}")
  endif()
endforeach()
# And nothing that is allowed.
foreach(e "engine/render/src/" "engine/gpu/src/" "engine/gpu/include/gpu/context.h" "ct_render links")
  string(FIND "${out}" "${e}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "the boundary check reported an allowed use (${e}):\n${out}")
  endif()
endforeach()
message("the boundary check fails on each kind of violation and passes what is allowed")
