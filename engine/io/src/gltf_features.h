// Features from glTF: EXT_structural_metadata property tables, EXT_mesh_features feature ids, and the
// fallback of one feature per mesh node (keyed by name, with the node's extras as properties).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "scene/scene.h"

namespace tinygltf {
class Model;
struct Primitive;
struct Node;
}

namespace ct::io::detail {

// What one feature row is charged against the load's memory budget (key, columns, bookkeeping).
constexpr uint64_t kFeatureRowBytes = 96;
// Feature rows a scene may hold: the id image names row + 1 in 24 bits, so row 2^24 - 1 would read as "none".
constexpr int64_t kMaxFeatureRows = (1 << 24) - 1;

// Where each property table's rows start in the scene's feature table.
struct FeatureContext {
  std::vector<uint32_t> tableBase;
  std::vector<uint32_t> tableCount;
  std::vector<std::string> tableName;  // key prefix ("" when there is one table)
  bool anyFeatureIds = false;          // some primitive had EXT_mesh_features
  uint32_t batchLength = 0;            // b3dm: rows 0..batchLength-1 are the batch; _BATCHID tags vertices
  // Feature id textures already scanned, by image, table, null id and channels.
  struct TextureIds {
    int64_t firstId = -1;
    uint32_t firstRow = 0;
    bool contiguous = true;
  };
  std::map<std::string, TextureIds> textureIds;
};

// Reads the property tables of EXT_structural_metadata into `out.features`.
void convertMetadata(const tinygltf::Model& model, scene::Scene& out, FeatureContext& ctx, Diagnostics& diag);
// Sets Vertex::feature from the primitive's first EXT_mesh_features feature id set (attribute or implicit);
// feature id textures add their features to the table and are sampled by the id image. In b3dm
// content (ctx.batchLength > 0) the _BATCHID attribute (BATCHID in older files) names the batch row instead.
// A feature id texture comes back in `texture` (texture < 0: none) for the caller to put on the primitive's material.
void readFeatureIds(const tinygltf::Model& model, const tinygltf::Primitive& prim, std::vector<scene::Vertex>& verts,
                    scene::Scene& out, FeatureContext& ctx, Diagnostics& diag, const std::string& where,
                    scene::FeatureIdTextureRef& texture);
// The fallback: the node's feature row (+1), adding the row with its extras as properties.
uint32_t nodeFeature(const tinygltf::Node& node, int nodeIndex, scene::FeatureTable& table);

}  // namespace ct::io::detail
