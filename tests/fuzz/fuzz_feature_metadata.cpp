// Fuzz target: feature metadata (EXT_structural_metadata property tables and EXT_mesh_features ids). The input
// is "<metadata JSON>\0<binary>": the JSON becomes the extension's value in a GLB whose BIN chunk is the binary,
// split into four bufferViews, with a triangle whose feature ids (implicit, from an attribute in view 3 and from
// property table 0) are read against it.
#include <cstring>
#include <string>

#include "fuzz_support.h"
#include "gltf_internal.h"
#include "load_budget.h"

namespace {

void put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

std::vector<uint8_t> glbWith(const std::string& metadata, const uint8_t* bin, size_t binSize) {
  // 36 bytes of positions come first; the fuzzer's binary follows and is split into four views.
  std::vector<uint8_t> body(36, 0);
  const float tri[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  std::memcpy(body.data(), tri, sizeof tri);
  body.insert(body.end(), bin, bin + binSize);
  while (body.size() % 4) body.push_back(0);
  const size_t quarter = binSize / 4;
  std::string views = "{\"buffer\":0,\"byteOffset\":0,\"byteLength\":36}";
  for (int v = 0; v < 4; ++v)
    views += ",{\"buffer\":0,\"byteOffset\":" + std::to_string(36 + v * quarter) +
             ",\"byteLength\":" + std::to_string(v == 3 ? binSize - 3 * quarter : quarter) + "}";
  std::string json =
      "{\"asset\":{\"version\":\"2.0\"},\"extensionsUsed\":[\"EXT_structural_metadata\",\"EXT_mesh_features\"],"
      "\"buffers\":[{\"byteLength\":" + std::to_string(body.size()) + "}],\"bufferViews\":[" + views + "],"
      "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\"},"
      "{\"bufferView\":4,\"componentType\":5121,\"count\":3,\"type\":\"SCALAR\"}],"
      "\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0,\"_FEATURE_ID_0\":1},"
      "\"extensions\":{\"EXT_mesh_features\":{\"featureIds\":[{\"featureCount\":3,\"attribute\":0,"
      "\"propertyTable\":0}]}}},{\"attributes\":{\"POSITION\":0},\"extensions\":{\"EXT_mesh_features\":"
      "{\"featureIds\":[{\"featureCount\":3}]}}}]}],\"nodes\":[{\"mesh\":0}],\"scenes\":[{\"nodes\":[0]}],"
      "\"extensions\":{\"EXT_structural_metadata\":" + metadata + "}}";
  while (json.size() % 4) json.push_back(' ');
  std::vector<uint8_t> glb;
  glb.insert(glb.end(), {'g', 'l', 'T', 'F'});
  put32(glb, 2);
  put32(glb, uint32_t(12 + 8 + json.size() + 8 + body.size()));
  put32(glb, uint32_t(json.size()));
  put32(glb, 0x4E4F534Au);
  glb.insert(glb.end(), json.begin(), json.end());
  put32(glb, uint32_t(body.size()));
  put32(glb, 0x004E4942u);
  glb.insert(glb.end(), body.begin(), body.end());
  return glb;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const uint8_t* nul = static_cast<const uint8_t*>(std::memchr(data, 0, size));
  if (!nul || nul == data) return -1;
  const std::string metadata(reinterpret_cast<const char*>(data), size_t(nul - data));
  const std::vector<uint8_t> glb = glbWith(metadata, nul + 1, size - size_t(nul - data) - 1);
  ct::io::detail::BudgetScope scope(ct::fuzz::freshBudget());
  auto result = ct::io::detail::loadGltfData(glb, ct::fuzz::emptyFolder(), {});
  (void)result;
  return 0;
}
