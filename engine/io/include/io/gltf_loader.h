// glTF 2.0 (.gltf with external or data: URIs, .glb) → scene::Scene. Bad input comes back as errors, never a crash.
#pragma once
#include <filesystem>

#include "core/result.h"
#include "scene/scene.h"

namespace ct::io {

// Extensions the loader understands; a file requiring any other is rejected.
const std::vector<std::string>& supportedGltfExtensions();

// Loads a glTF file. Every external file it references must lie inside the file's own folder.
Result<scene::Scene> loadGltf(const std::filesystem::path& path);

}  // namespace ct::io
