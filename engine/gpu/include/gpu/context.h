// Vulkan instance, device and queue; submission on a timeline semaphore; deferred destruction of GPU objects.
// For gpu and render sources only: everything else uses the Vulkan-free gpu/device.h.
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "gpu/device.h"

namespace ct::gpu {

// Aborts with the VkResult's name: for failures that leave no sane way to continue.
void check(VkResult result, const char* what);
const char* resultName(VkResult result);

class Context {
 public:
  static Result<std::unique_ptr<Context>> create(const ContextOptions& options);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  VkInstance instance() const { return mInstance; }
  VkPhysicalDevice physicalDevice() const { return mPhysical; }
  VkDevice device() const { return mDevice; }
  VkQueue queue() const { return mQueue; }
  uint32_t queueFamily() const { return mQueueFamily; }
  const DeviceInfo& info() const { return mInfo; }
  const VkPhysicalDeviceProperties& properties() const { return mProperties; }
  bool validationEnabled() const { return mValidation; }
  bool presentation() const { return mPresentation; }  // VK_KHR_swapchain enabled (ContextOptions::instanceExtensions)
  // Whether one indirect draw call may issue many draws (multiDrawIndirect), and how many at most.
  bool multiDrawIndirect() const { return mMultiDrawIndirect; }
  uint32_t maxDrawIndirectCount() const { return mMultiDrawIndirect ? mProperties.limits.maxDrawIndirectCount : 1; }
  // Warnings and errors reported by the validation layers so far.
  static uint32_t validationMessageCount();

  uint32_t findMemoryType(uint32_t typeBits, VkMemoryPropertyFlags flags) const;
  VkSampleCountFlagBits maxSampleCount(VkSampleCountFlagBits wanted) const;

  // Submits a recorded command buffer; returns the timeline value that marks its completion.
  uint64_t submit(VkCommandBuffer cmd);
  // The same, also waiting on and signalling binary semaphores (a swapchain's acquire and present; either may be
  // VK_NULL_HANDLE).
  uint64_t submit(VkCommandBuffer cmd, VkSemaphore waitBinary, VkSemaphore signalBinary);
  void waitFor(uint64_t value);
  uint64_t completedValue() const;
  // Records and runs commands now, waiting for them (uploads, readbacks).
  void runOnce(const std::function<void(VkCommandBuffer)>& record);
  VkCommandBuffer allocateCommandBuffer();
  void freeCommandBuffer(VkCommandBuffer cmd);

  // Runs `destroy` once all work submitted so far has finished: GPU objects die after their last use.
  void deferDestroy(std::function<void()> destroy);
  // Runs the deferred destructions whose work has completed.
  void collect();
  // Bytes of device-local memory allocated through this context.
  uint64_t allocatedBytes() const { return mAllocated; }
  void trackAllocation(int64_t bytes) { mAllocated += bytes; }

 private:
  Context() = default;
  Result<bool> init(const ContextOptions& options);

  VkInstance mInstance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT mMessenger = VK_NULL_HANDLE;
  VkPhysicalDevice mPhysical = VK_NULL_HANDLE;
  VkDevice mDevice = VK_NULL_HANDLE;
  VkQueue mQueue = VK_NULL_HANDLE;
  uint32_t mQueueFamily = 0;
  VkCommandPool mPool = VK_NULL_HANDLE;
  VkSemaphore mTimeline = VK_NULL_HANDLE;
  uint64_t mSubmitted = 0;
  bool mValidation = false;
  bool mPresentation = false;
  bool mMultiDrawIndirect = false;
  DeviceInfo mInfo;
  VkPhysicalDeviceProperties mProperties{};
  VkPhysicalDeviceMemoryProperties mMemory{};
  struct Deferred {
    uint64_t after;
    std::function<void()> destroy;
  };
  std::deque<Deferred> mDeferred;
  uint64_t mAllocated = 0;
};

}  // namespace ct::gpu
