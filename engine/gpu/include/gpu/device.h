// The Vulkan-free face of the gpu module: opening a device and asking what it is, for code that must not see
// Vulkan (app, export, tests of other modules). The Vulkan-heavy headers (context.h, resources.h, pipeline.h, swapchain.h)
// are for gpu and render sources only; tests/boundaries enforces that.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace ct::gpu {

// Frames that may be recorded while earlier ones still execute.
inline constexpr uint32_t kFramesInFlight = 2;

struct ContextOptions {
  int deviceIndex = -1;     // -1: best device (discrete, integrated, virtual, then CPU)
  bool validation = false;  // also forced on by CITYTWIN_VALIDATION=1 and by debug builds
  bool verbose = false;     // print the device list and the choice
  // For a window: the instance extensions the window system needs (glfwGetRequiredInstanceExtensions); when
  // any are given, the device also enables VK_KHR_swapchain.
  std::vector<std::string> instanceExtensions;
};

struct DeviceInfo {
  std::string name;
  std::string type;  // "discrete", "integrated", "virtual", "cpu", "other"
  uint32_t apiVersion = 0;
};

class Context;  // gpu/context.h
struct ContextDeleter {
  void operator()(Context* context) const;
};
using ContextPtr = std::unique_ptr<Context, ContextDeleter>;

// Instance, device and queue on the chosen device; fails with a message when there is none.
Result<ContextPtr> createContext(const ContextOptions& options);
const DeviceInfo& deviceInfo(const Context& context);
// Bytes of device memory allocated through the context.
uint64_t allocatedBytes(const Context& context);
// Warnings and errors reported by the validation layers so far, in this process.
uint32_t validationMessageCount();

}  // namespace ct::gpu
