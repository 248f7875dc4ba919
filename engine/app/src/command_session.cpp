// Loading, device choice and the exit-code verdict shared by the commands.
#include "command_session.h"

#include <chrono>
#include <cstdio>

#include "io/gltf_loader.h"

namespace ct::app {

int badInput(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return kExitBadInput;
}

std::optional<LoadedModel> loadModel(const std::string& path, const LoadOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  auto loaded = io::loadGltf(path, {.maxMemoryBytes = options.maxMemoryBytes});
  if (!loaded) {
    std::fprintf(stderr, "error: %s: %s\n", path.c_str(), loaded.firstError().c_str());
    return std::nullopt;
  }
  if (options.printWarnings)
    for (const auto& w : loaded.warnings()) std::fprintf(stderr, "warning: %s: %s\n", path.c_str(), w.c_str());
  LoadedModel model;
  model.warnings = loaded.warnings();
  model.scene = std::move(loaded.value());
  if (options.batch) model.batched = scene::batchSmallInstances(model.scene);
  model.loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return model;
}

gpu::ContextPtr openDevice(int deviceIndex, bool verbose) {
  auto ctx = gpu::createContext({deviceIndex, false, verbose});
  if (!ctx) {
    std::fprintf(stderr, "error: %s\n", ctx.firstError().c_str());
    return nullptr;
  }
  return std::move(ctx.value());
}

int closeDevice(gpu::ContextPtr& device, int code) {
  device.reset();
  const uint32_t messages = gpu::validationMessageCount();
  if (messages == 0) return code;
  std::fprintf(stderr, "error: %u Vulkan validation message(s)\n", messages);
  return kExitValidation;
}

}  // namespace ct::app
