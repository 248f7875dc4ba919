// Instance and device creation, device choice, validation messenger, timeline-semaphore submission.
#include "gpu/context.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/log.h"
#include "gpu/validation.h"

namespace ct::gpu {
namespace {

std::atomic<uint32_t> gValidationMessages{0};
std::atomic<ValidationHook> gValidationHook{nullptr};

// Only the validation layer's findings count as validation messages. The loader and other layers speak through
// the same messenger (with VK_INSTANCE_LAYERS set the loader says "env var 'VK_INSTANCE_LAYERS' defined ..."):
// those are logged as warnings and fail nothing.
VKAPI_ATTR VkBool32 VKAPI_CALL onMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                         VkDebugUtilsMessageTypeFlagsEXT types,
                                         const VkDebugUtilsMessengerCallbackDataEXT* data, void*) {
  if (severity < VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) return VK_FALSE;
  const char* text = data && data->pMessage ? data->pMessage : "(no message)";
  const bool fromLoader = data && data->pMessageIdName && std::strcmp(data->pMessageIdName, "Loader Message") == 0;
  if ((types & VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT) && !fromLoader) {
    ++gValidationMessages;
    std::fprintf(stderr, "vulkan validation: %s\n", text);
    if (ValidationHook hook = gValidationHook.load()) hook(text);
  } else {
    log::warn(std::string("vulkan: ") + text);
  }
  return VK_FALSE;
}

const char* typeName(VkPhysicalDeviceType t) {
  switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
    default: return "other";
  }
}

int typeRank(VkPhysicalDeviceType t) {
  switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 0;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 1;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 3;
    default: return 4;
  }
}

bool layerAvailable(const char* name) {
  uint32_t n = 0;
  vkEnumerateInstanceLayerProperties(&n, nullptr);
  std::vector<VkLayerProperties> layers(n);
  vkEnumerateInstanceLayerProperties(&n, layers.data());
  return std::any_of(layers.begin(), layers.end(), [&](const VkLayerProperties& l) { return std::strcmp(l.layerName, name) == 0; });
}

bool envFlag(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::strcmp(v, "0") != 0;
}

}  // namespace

const char* resultName(VkResult r) {
  switch (r) {
#define CT_CASE(x) case x: return #x;
    CT_CASE(VK_SUCCESS) CT_CASE(VK_NOT_READY) CT_CASE(VK_TIMEOUT) CT_CASE(VK_INCOMPLETE)
    CT_CASE(VK_ERROR_OUT_OF_HOST_MEMORY) CT_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY) CT_CASE(VK_ERROR_INITIALIZATION_FAILED)
    CT_CASE(VK_ERROR_DEVICE_LOST) CT_CASE(VK_ERROR_MEMORY_MAP_FAILED) CT_CASE(VK_ERROR_LAYER_NOT_PRESENT)
    CT_CASE(VK_ERROR_EXTENSION_NOT_PRESENT) CT_CASE(VK_ERROR_FEATURE_NOT_PRESENT) CT_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    CT_CASE(VK_ERROR_TOO_MANY_OBJECTS) CT_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED) CT_CASE(VK_ERROR_FRAGMENTED_POOL)
    CT_CASE(VK_ERROR_OUT_OF_POOL_MEMORY) CT_CASE(VK_ERROR_SURFACE_LOST_KHR) CT_CASE(VK_SUBOPTIMAL_KHR)
    CT_CASE(VK_ERROR_OUT_OF_DATE_KHR)
#undef CT_CASE
    default: return "VK_ERROR_UNKNOWN";
  }
}

void check(VkResult result, const char* what) {
  if (result == VK_SUCCESS) return;
  std::fprintf(stderr, "fatal: %s failed: %s\n", what, resultName(result));
  std::abort();
}

Result<std::unique_ptr<Context>> Context::create(const ContextOptions& options) {
  std::unique_ptr<Context> ctx(new Context());
  auto r = ctx->init(options);
  if (!r) return Result<std::unique_ptr<Context>>::fail(r.firstError());
  return Result<std::unique_ptr<Context>>::ok(std::move(ctx));
}

Result<bool> Context::init(const ContextOptions& options) {
#ifdef NDEBUG
  mValidation = options.validation || envFlag("CITYTWIN_VALIDATION");
#else
  mValidation = true;
#endif
  const char* kLayer = "VK_LAYER_KHRONOS_validation";
  if (mValidation && !layerAvailable(kLayer)) {
    log::warn("validation requested but VK_LAYER_KHRONOS_validation is not installed");
    mValidation = false;
  }
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "citytwin";
  app.pEngineName = "citytwin";
  app.apiVersion = VK_API_VERSION_1_3;
  std::vector<const char*> layers, extensions;
  if (mValidation) {
    layers.push_back(kLayer);
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  for (const std::string& e : options.instanceExtensions) extensions.push_back(e.c_str());
  mPresentation = !options.instanceExtensions.empty();
  VkDebugUtilsMessengerCreateInfoEXT dbg{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  dbg.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  dbg.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT;
  dbg.pfnUserCallback = &onMessage;
  VkInstanceCreateInfo ici{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  ici.pApplicationInfo = &app;
  ici.enabledLayerCount = static_cast<uint32_t>(layers.size());
  ici.ppEnabledLayerNames = layers.data();
  ici.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  ici.ppEnabledExtensionNames = extensions.data();
  if (mValidation) ici.pNext = &dbg;
  VkResult res = vkCreateInstance(&ici, nullptr, &mInstance);
  if (res != VK_SUCCESS) return Result<bool>::fail(std::string("cannot create a Vulkan 1.3 instance: ") + resultName(res));
  if (mValidation) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(mInstance, "vkCreateDebugUtilsMessengerEXT"));
    if (create) create(mInstance, &dbg, nullptr, &mMessenger);
  }

  uint32_t count = 0;
  vkEnumeratePhysicalDevices(mInstance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(mInstance, &count, devices.data());
  if (devices.empty()) return Result<bool>::fail("no Vulkan device found (install mesa-vulkan-drivers for lavapipe)");
  int chosen = -1;
  for (uint32_t i = 0; i < count; ++i) {
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(devices[i], &p);
    if (options.verbose)
      std::fprintf(stderr, "device %u: %s (%s, Vulkan %u.%u)\n", i, p.deviceName, typeName(p.deviceType),
                   VK_API_VERSION_MAJOR(p.apiVersion), VK_API_VERSION_MINOR(p.apiVersion));
    if (p.apiVersion < VK_API_VERSION_1_3) continue;
    if (options.deviceIndex >= 0) continue;
    if (chosen < 0) {
      chosen = static_cast<int>(i);
    } else {
      VkPhysicalDeviceProperties best;
      vkGetPhysicalDeviceProperties(devices[chosen], &best);
      if (typeRank(p.deviceType) < typeRank(best.deviceType)) chosen = static_cast<int>(i);
    }
  }
  if (options.deviceIndex >= 0) {
    if (options.deviceIndex >= static_cast<int>(count))
      return Result<bool>::fail("--device " + std::to_string(options.deviceIndex) + ": only " + std::to_string(count) +
                                " Vulkan device(s) present");
    chosen = options.deviceIndex;
  }
  if (chosen < 0) return Result<bool>::fail("no Vulkan 1.3 device found");
  mPhysical = devices[chosen];
  vkGetPhysicalDeviceProperties(mPhysical, &mProperties);
  if (mProperties.apiVersion < VK_API_VERSION_1_3) return Result<bool>::fail("the chosen device does not support Vulkan 1.3");
  vkGetPhysicalDeviceMemoryProperties(mPhysical, &mMemory);
  mInfo = {mProperties.deviceName, typeName(mProperties.deviceType), mProperties.apiVersion};
  if (options.verbose) std::fprintf(stderr, "using device %d: %s (%s)\n", chosen, mInfo.name.c_str(), mInfo.type.c_str());

  uint32_t qCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(mPhysical, &qCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(qCount);
  vkGetPhysicalDeviceQueueFamilyProperties(mPhysical, &qCount, families.data());
  bool found = false;
  for (uint32_t i = 0; i < qCount && !found; ++i)
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
      mQueueFamily = i;
      found = true;
    }
  if (!found) return Result<bool>::fail("the Vulkan device has no graphics queue");

  VkPhysicalDeviceFeatures supported{};
  vkGetPhysicalDeviceFeatures(mPhysical, &supported);
  float priority = 1.0f;
  VkDeviceQueueCreateInfo qci{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  qci.queueFamilyIndex = mQueueFamily;
  qci.queueCount = 1;
  qci.pQueuePriorities = &priority;
  VkPhysicalDeviceVulkan13Features f13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  f13.dynamicRendering = VK_TRUE;
  f13.synchronization2 = VK_TRUE;
  VkPhysicalDeviceVulkan12Features f12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  f12.timelineSemaphore = VK_TRUE;
  f12.pNext = &f13;
  VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  f2.pNext = &f12;
  f2.features.samplerAnisotropy = supported.samplerAnisotropy;
  f2.features.multiDrawIndirect = supported.multiDrawIndirect;
  mMultiDrawIndirect = supported.multiDrawIndirect == VK_TRUE;
  f2.features.largePoints = supported.largePoints;
  VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  dci.pNext = &f2;
  dci.queueCreateInfoCount = 1;
  dci.pQueueCreateInfos = &qci;
  const char* swapchainExtension = VK_KHR_SWAPCHAIN_EXTENSION_NAME;
  if (mPresentation) {
    dci.enabledExtensionCount = 1;
    dci.ppEnabledExtensionNames = &swapchainExtension;
  }
  res = vkCreateDevice(mPhysical, &dci, nullptr, &mDevice);
  if (res != VK_SUCCESS) return Result<bool>::fail(std::string("cannot create the Vulkan device: ") + resultName(res));
  vkGetDeviceQueue(mDevice, mQueueFamily, 0, &mQueue);

  VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pci.queueFamilyIndex = mQueueFamily;
  check(vkCreateCommandPool(mDevice, &pci, nullptr, &mPool), "vkCreateCommandPool");
  VkSemaphoreTypeCreateInfo sti{VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO};
  sti.semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE;
  VkSemaphoreCreateInfo sci{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  sci.pNext = &sti;
  check(vkCreateSemaphore(mDevice, &sci, nullptr, &mTimeline), "vkCreateSemaphore");
  return Result<bool>::ok(true);
}

Context::~Context() {
  if (mDevice) {
    vkDeviceWaitIdle(mDevice);
    for (auto& d : mDeferred) d.destroy();
    mDeferred.clear();
    vkDestroySemaphore(mDevice, mTimeline, nullptr);
    vkDestroyCommandPool(mDevice, mPool, nullptr);
    vkDestroyDevice(mDevice, nullptr);
  }
  if (mMessenger) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(mInstance, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy) destroy(mInstance, mMessenger, nullptr);
  }
  if (mInstance) vkDestroyInstance(mInstance, nullptr);
}

uint32_t Context::validationMessageCount() { return gValidationMessages.load(); }

ValidationHook setValidationHook(ValidationHook hook) { return gValidationHook.exchange(hook); }

uint32_t Context::findMemoryType(uint32_t typeBits, VkMemoryPropertyFlags flags) const {
  for (uint32_t i = 0; i < mMemory.memoryTypeCount; ++i)
    if ((typeBits & (1u << i)) && (mMemory.memoryTypes[i].propertyFlags & flags) == flags) return i;
  std::fprintf(stderr, "fatal: no Vulkan memory type with flags 0x%x\n", flags);
  std::abort();
}

VkSampleCountFlagBits Context::maxSampleCount(VkSampleCountFlagBits wanted) const {
  VkSampleCountFlags ok = mProperties.limits.framebufferColorSampleCounts & mProperties.limits.framebufferDepthSampleCounts;
  for (auto s : {VK_SAMPLE_COUNT_8_BIT, VK_SAMPLE_COUNT_4_BIT, VK_SAMPLE_COUNT_2_BIT})
    if (s <= wanted && (ok & s)) return s;
  return VK_SAMPLE_COUNT_1_BIT;
}

VkCommandBuffer Context::allocateCommandBuffer() {
  VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  ai.commandPool = mPool;
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  VkCommandBuffer cmd;
  check(vkAllocateCommandBuffers(mDevice, &ai, &cmd), "vkAllocateCommandBuffers");
  return cmd;
}

void Context::freeCommandBuffer(VkCommandBuffer cmd) { vkFreeCommandBuffers(mDevice, mPool, 1, &cmd); }

uint64_t Context::submit(VkCommandBuffer cmd) { return submit(cmd, VK_NULL_HANDLE, VK_NULL_HANDLE); }

uint64_t Context::submit(VkCommandBuffer cmd, VkSemaphore waitBinary, VkSemaphore signalBinary) {
  uint64_t value = ++mSubmitted;
  VkCommandBufferSubmitInfo cbi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
  cbi.commandBuffer = cmd;
  VkSemaphoreSubmitInfo ssi{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  ssi.semaphore = mTimeline;
  ssi.value = value;
  ssi.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
  VkSubmitInfo2 si{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
  si.commandBufferInfoCount = 1;
  si.pCommandBufferInfos = &cbi;
  VkSemaphoreSubmitInfo signals[2] = {ssi, ssi};
  signals[1].semaphore = signalBinary;
  signals[1].value = 0;
  si.signalSemaphoreInfoCount = signalBinary ? 2 : 1;
  si.pSignalSemaphoreInfos = signals;
  VkSemaphoreSubmitInfo wait{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  wait.semaphore = waitBinary;
  wait.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
  if (waitBinary) {
    si.waitSemaphoreInfoCount = 1;
    si.pWaitSemaphoreInfos = &wait;
  }
  check(vkQueueSubmit2(mQueue, 1, &si, VK_NULL_HANDLE), "vkQueueSubmit2");
  return value;
}

void Context::waitFor(uint64_t value) {
  VkSemaphoreWaitInfo wi{VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO};
  wi.semaphoreCount = 1;
  wi.pSemaphores = &mTimeline;
  wi.pValues = &value;
  check(vkWaitSemaphores(mDevice, &wi, UINT64_MAX), "vkWaitSemaphores");
  collect();
}

uint64_t Context::completedValue() const {
  uint64_t v = 0;
  check(vkGetSemaphoreCounterValue(mDevice, mTimeline, &v), "vkGetSemaphoreCounterValue");
  return v;
}

void Context::runOnce(const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBuffer cmd = allocateCommandBuffer();
  VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  check(vkBeginCommandBuffer(cmd, &bi), "vkBeginCommandBuffer");
  record(cmd);
  check(vkEndCommandBuffer(cmd), "vkEndCommandBuffer");
  waitFor(submit(cmd));
  freeCommandBuffer(cmd);
}

void Context::deferDestroy(std::function<void()> destroy) { mDeferred.push_back({mSubmitted, std::move(destroy)}); }

void Context::collect() {
  uint64_t done = completedValue();
  while (!mDeferred.empty() && mDeferred.front().after <= done) {
    mDeferred.front().destroy();
    mDeferred.pop_front();
  }
}

}  // namespace ct::gpu
