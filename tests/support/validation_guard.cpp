// Linked into every test binary that drives Vulkan (see the top-level CMakeLists.txt): a validation-layer message
// fails the test during which it was reported. The layers call back on the thread making the Vulkan call, so the
// failure lands in the test that made it, even though ctest runs each test in a process of its own. A message
// outside any test (a leak reported when a static context is destroyed at exit) ends the process with exit code 1.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "gpu/validation.h"

namespace {

void failCurrentTest(const char* message) {
  if (::testing::UnitTest::GetInstance()->current_test_info() == nullptr) {
    std::fprintf(stderr, "Vulkan validation message outside any test: %s\n", message);
    std::fflush(stderr);
    std::_Exit(1);
  }
  ADD_FAILURE() << "Vulkan validation message: " << message;
}

[[maybe_unused]] const bool kInstalled = (ct::gpu::setValidationHook(&failCurrentTest), true);

}  // namespace
