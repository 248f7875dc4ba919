// Scene composition (scene/compose.h).
#include "scene/compose.h"

#include <utility>

namespace ct::scene {
namespace {

void shiftTexture(TextureRef& t, int offset) {
  if (t.texture >= 0) t.texture += offset;
}

}  // namespace

uint32_t appendScene(Scene& dst, Scene&& src, const glm::dmat4& transform, const std::string& keyPrefix) {
  const int meshOffset = static_cast<int>(dst.meshes.size());
  const int materialOffset = static_cast<int>(dst.materials.size());
  const int textureOffset = static_cast<int>(dst.textures.size());
  const int imageOffset = static_cast<int>(dst.images.size());
  const int nodeOffset = static_cast<int>(dst.nodes.size());
  const auto firstRow = static_cast<uint32_t>(dst.features.size());

  // Feature rows: appended in order, so src row r becomes firstRow + r.
  for (size_t r = 0; r < src.features.size(); ++r) {
    std::string key = src.features.key(r);
    if (dst.features.find(key) >= 0) {
      std::string base = keyPrefix + key;
      key = base;
      for (int n = 2; dst.features.find(key) >= 0; ++n) key = base + "#" + std::to_string(n);
    }
    dst.features.add(key);
  }
  for (const PropertyColumn& column : src.features.columns())
    for (size_t r = 0; r < column.values.size() && r < src.features.size(); ++r)
      if (!std::holds_alternative<std::monostate>(column.values[r]))
        dst.features.set(firstRow + static_cast<uint32_t>(r), column.name, column.type, column.values[r]);

  for (Mesh& mesh : src.meshes) {
    for (Primitive& p : mesh.primitives) {
      if (p.material >= 0) p.material += materialOffset;
      if (firstRow)
        for (Vertex& v : p.vertices)
          if (v.feature) v.feature += firstRow;
    }
    dst.meshes.push_back(std::move(mesh));
  }
  for (Material& m : src.materials) {
    for (TextureRef* t : {&m.baseColor, &m.metallicRoughness, &m.normal, &m.occlusion, &m.emissive})
      shiftTexture(*t, textureOffset);
    if (m.featureIds.texture >= 0) {
      m.featureIds.texture += textureOffset;
      m.featureIds.rowBase += firstRow;
    }
    dst.materials.push_back(std::move(m));
  }
  for (Texture& t : src.textures) {
    if (t.image >= 0) t.image += imageOffset;
    dst.textures.push_back(t);
  }
  for (Image& i : src.images) dst.images.push_back(std::move(i));
  for (Node& n : src.nodes) {
    if (n.parent >= 0) n.parent += nodeOffset;
    n.world = transform * n.world;
    dst.nodes.push_back(std::move(n));
  }
  for (Instance& i : src.instances) {
    if (i.mesh >= 0) i.mesh += meshOffset;
    if (i.node >= 0) i.node += nodeOffset;
    if (i.feature) i.feature += firstRow;
    i.world = transform * i.world;
    dst.instances.push_back(i);
  }
  for (std::string& e : src.extensionsUsed) {
    bool known = false;
    for (const std::string& d : dst.extensionsUsed) known = known || d == e;
    if (!known) dst.extensionsUsed.push_back(std::move(e));
  }
  dst.computeBounds();
  return firstRow;
}

int addStandaloneMesh(Scene& scene, Mesh mesh, const std::string& nodeName, const std::string& featureKey) {
  uint32_t feature = 0;
  if (!featureKey.empty()) feature = scene.features.add(featureKey) + 1;
  if (feature)
    for (Primitive& p : mesh.primitives)
      for (Vertex& v : p.vertices) v.feature = feature;
  const int meshIndex = static_cast<int>(scene.meshes.size());
  scene.meshes.push_back(std::move(mesh));
  Node node;
  node.name = nodeName;
  node.mesh = meshIndex;
  scene.nodes.push_back(node);
  Instance instance;
  instance.mesh = meshIndex;
  instance.node = static_cast<int>(scene.nodes.size()) - 1;
  instance.feature = feature;
  scene.instances.push_back(instance);
  scene.computeBounds();
  return meshIndex;
}

}  // namespace ct::scene
