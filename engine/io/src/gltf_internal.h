// Pieces of the glTF loader shared between its source files.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "gltf_features.h"
#include "scene/scene.h"

namespace tinygltf {
class Model;
struct Image;
}

namespace ct::io::detail {

struct GltfDataOptions {
  uint32_t batchLength = 0;  // b3dm content: the batch's rows come first; _BATCHID names them
};
// Loads glTF or GLB bytes; external files are read from `folder` (and nowhere else).
Result<scene::Scene> loadGltfData(const std::vector<uint8_t>& data, const std::filesystem::path& folder,
                                  const GltfDataOptions& options);
// Loads a b3dm tile (3D Tiles 1.0 batched 3D model): feature table (BATCH_LENGTH, RTC_CENTER), batch table
// (properties per feature) and the embedded GLB.
Result<scene::Scene> loadB3dm(const std::vector<uint8_t>& data, const std::filesystem::path& folder);

// Converts meshes (all primitives, morph defaults applied) into `out.meshes`. Errors go to `diag`.
// Feature ids (EXT_mesh_features) become Vertex::feature, adding rows to out.features as needed.
void convertMeshes(const tinygltf::Model& model, scene::Scene& out, FeatureContext& features, Diagnostics& diag);
// Converts materials, textures (with samplers) and images; decoded pixels move from the model into the scene.
void convertMaterials(tinygltf::Model& model, scene::Scene& out, Diagnostics& diag);
// Decodes KHR_draco_mesh_compression primitives into new buffers, views and accessors of the model.
void decodeDraco(tinygltf::Model& model, Diagnostics& diag);
// Checks the references tinygltf itself follows without checking them (bufferViews against their buffers'
// declared lengths, image bufferViews), in the glTF JSON, before tinygltf parses it. When the JSON has Draco
// primitives, `rewritten` is the JSON to parse instead, with them handed to decodeDraco (kDeferredDraco).
// `modelCost` estimates what tinygltf's model of it will take (charged to the budget before it parses).
bool precheckGltfJson(const uint8_t* json, size_t size, std::string& error, std::string& rewritten,
                      uint64_t& modelCost);
// The name under which a Draco primitive's extension (with the primitive's "indices") reaches decodeDraco.
inline constexpr const char* kDeferredDraco = "CITYTWIN_deferred_draco";
// Largest image side read: what every Vulkan 1.3 device can hold (maxImageDimension2D >= 16384 on all we
// support; lavapipe's is 16384); larger images get a neutral texture and a warning.
constexpr int kMaxImageSide = 16384;
// Walks the displayed scene's node tree, composing transforms in doubles; expands GPU instancing.
// With nodeFeatures, every mesh node becomes a feature (keyed by name, extras as properties).
void convertNodes(const tinygltf::Model& model, scene::Scene& out, bool nodeFeatures, Diagnostics& diag);
// tinygltf image callback: decodes PNG/JPEG into RGBA8 with stb; undecodable or oversized images become
// warnings, images past the memory budget errors.
bool decodeImage(tinygltf::Image* image, int index, std::string* err, std::string* warn, int, int,
                 const unsigned char* bytes, int size, void*);
// Checks a GLB container's header and chunk table before tinygltf sees it.
bool validateGlb(const std::vector<uint8_t>& bytes, std::string& error);
// Rejects JSON nested deeper than the parser can safely recurse.
bool checkJsonDepth(const uint8_t* data, size_t size, std::string& error);

}  // namespace ct::io::detail
