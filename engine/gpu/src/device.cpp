// The Vulkan-free entry points of device.h, over Context.
#include "gpu/device.h"

#include "gpu/context.h"

namespace ct::gpu {

void ContextDeleter::operator()(Context* context) const { delete context; }

Result<ContextPtr> createContext(const ContextOptions& options) {
  auto created = Context::create(options);
  if (!created) return Result<ContextPtr>::fail(created.firstError(), created.warnings());
  return Result<ContextPtr>::ok(ContextPtr(created.value().release()), created.warnings());
}

const DeviceInfo& deviceInfo(const Context& context) { return context.info(); }
uint64_t allocatedBytes(const Context& context) { return context.allocatedBytes(); }
uint32_t validationMessageCount() { return Context::validationMessageCount(); }

}  // namespace ct::gpu
