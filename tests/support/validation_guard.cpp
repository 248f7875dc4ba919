// Linked into every test binary that drives Vulkan (see the top-level CMakeLists.txt): a validation-layer message
// fails the test during which it was reported. The layers call back on the thread making the Vulkan call, so the
// failure lands in the test that made it, even though ctest runs each test in a process of its own.
#include <gtest/gtest.h>

#include "gpu/validation.h"

namespace {

void failCurrentTest(const char* message) { ADD_FAILURE() << "Vulkan validation message: " << message; }

[[maybe_unused]] const bool kInstalled = (ct::gpu::setValidationHook(&failCurrentTest), true);

}  // namespace
