// glTF 2.0 (.gltf with external or data: URIs, .glb) → scene::Scene. Bad input comes back as errors, never a crash.
#pragma once
#include <filesystem>

#include "core/memory_budget.h"
#include "core/result.h"
#include "scene/scene.h"

namespace ct::io {

// Extensions the loader understands; a file requiring any other is rejected.
const std::vector<std::string>& supportedGltfExtensions();

struct LoadOptions {
  // Every allocation sized from the file's numbers is charged against this before it is made; a file that
  // would pass it fails with a message naming what needed how much (CLI: --max-memory).
  uint64_t maxMemoryBytes = MemoryBudget::defaultLimit();
};

// Loads a glTF file (or a b3dm tile). Every external file it references must lie inside the file's own folder
// (after resolving symlinks).
Result<scene::Scene> loadGltf(const std::filesystem::path& path, const LoadOptions& options = {});

}  // namespace ct::io
