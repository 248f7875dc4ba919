// What the commands share after parsing: exit codes, loading a model (errors and warnings as one line each),
// opening the Vulkan device, and ending with the validation verdict. Messages go to stderr.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/memory_budget.h"
#include "exit_codes.h"
#include "gpu/device.h"
#include "scene/batching.h"
#include "scene/scene.h"

namespace ct::app {

// Prints "error: <message>" and returns kExitBadInput (for option errors).
int badInput(const std::string& message);

struct LoadedModel {
  scene::Scene scene;
  scene::BatchStats batched;
  std::vector<std::string> warnings;
  double loadMs = 0.0;  // parse, checks and merging
};
struct LoadOptions {
  bool batch = true;           // merge small instances into spatial batches
  bool printWarnings = true;   // "warning: FILE: ..." per load warning
  uint64_t maxMemoryBytes = MemoryBudget::defaultLimit();
};
// Loads a .gltf/.glb/.b3dm; nullopt after printing "error: FILE: ..." (exit with kExitBadInput).
std::optional<LoadedModel> loadModel(const std::string& path, const LoadOptions& options);

// Opens device `deviceIndex` (-1: the best); nullptr after printing the error (exit with kExitFailure).
gpu::ContextPtr openDevice(int deviceIndex, bool verbose);
// Releases the device (whose teardown can report messages too) and returns `code`, or kExitValidation (with a
// message) if the validation layers reported anything.
int closeDevice(gpu::ContextPtr& device, int code);

}  // namespace ct::app
