// Writes a CPU scene as a binary glTF 2.0 file (GLB): nodes (or EXT_mesh_gpu_instancing), PBR materials with
// their textures (images embedded as PNG), the feature table.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.h"
#include "scene/scene.h"

namespace ct::io {

struct GlbWriteOptions {
  bool vertexColors = false;  // write COLOR_0 (otherwise vertex colours are dropped)
  bool texcoords = false;     // write TEXCOORD_0 everywhere (always written where the material is textured)
  size_t instancingMinCopies = 16;  // a mesh drawn this often is written once with EXT_mesh_gpu_instancing
                                   // (0: a node per copy)
  bool features = true;       // write the feature table (EXT_structural_metadata) and vertex feature ids
                              // (EXT_mesh_features) of primitives whose every vertex names a feature
};

// Encodes the scene in memory (KHR_texture_transform is not written).
std::vector<uint8_t> encodeGlb(const scene::Scene& scene, const GlbWriteOptions& options = {});
// Encodes and writes atomically.
Result<bool> writeGlb(const scene::Scene& scene, const std::filesystem::path& path, const GlbWriteOptions& options = {});

}  // namespace ct::io
