// Vulkan validation-layer findings: a hook that lets test binaries fail the test during which one was reported.
#pragma once

namespace ct::gpu {

// Called once per validation-layer warning or error, on the thread that made the offending Vulkan call.
using ValidationHook = void (*)(const char* message);
// Installs `hook` for the whole process (nullptr removes it); returns the one it replaces.
ValidationHook setValidationHook(ValidationHook hook);

}  // namespace ct::gpu
