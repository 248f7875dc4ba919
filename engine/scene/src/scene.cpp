// Scene-wide queries: bounds and counts.
#include "scene/scene.h"

#include <algorithm>

namespace ct::scene {

Bounds Bounds::transformed(const glm::dmat4& m) const {
  Bounds out;
  if (empty()) return out;
  for (int i = 0; i < 8; ++i) {
    glm::dvec3 c((i & 1) ? max.x : min.x, (i & 2) ? max.y : min.y, (i & 4) ? max.z : min.z);
    out.extend(glm::dvec3(m * glm::dvec4(c, 1.0)));
  }
  return out;
}

void Scene::computeBounds() {
  bounds = Bounds{};
  for (const Instance& inst : instances) {
    if (inst.mesh < 0 || inst.mesh >= static_cast<int>(meshes.size())) continue;
    for (const Primitive& p : meshes[inst.mesh].primitives) bounds.extend(p.bounds.transformed(inst.world));
  }
}

std::vector<Bounds> Scene::featureBounds() const {
  std::vector<Bounds> out(features.size());
  auto extend = [&](uint32_t feature, const glm::dvec3& p) {
    if (feature != 0 && feature <= out.size()) out[feature - 1].extend(p);
  };
  for (const Instance& inst : instances) {
    if (inst.mesh < 0 || inst.mesh >= static_cast<int>(meshes.size())) continue;
    for (const Primitive& p : meshes[inst.mesh].primitives) {
      const bool untagged = std::all_of(p.vertices.begin(), p.vertices.end(), [](const Vertex& v) { return v.feature == 0; });
      if (untagged) {  // the instance's feature, if any: its box will do
        const Bounds b = p.bounds.transformed(inst.world);
        if (!b.empty()) {
          extend(inst.feature, b.min);
          extend(inst.feature, b.max);
        }
        continue;
      }
      for (const Vertex& v : p.vertices)
        extend(v.feature != 0 ? v.feature : inst.feature, glm::dvec3(inst.world * glm::dvec4(glm::dvec3(v.position), 1.0)));
    }
  }
  return out;
}

uint64_t Scene::vertexCount() const {
  uint64_t n = 0;
  for (const Mesh& m : meshes)
    for (const Primitive& p : m.primitives) n += p.vertices.size();
  return n;
}

uint64_t Scene::triangleCount() const {
  uint64_t n = 0;
  for (const Instance& inst : instances)
    for (const Primitive& p : meshes[inst.mesh].primitives)
      if (p.topology == Topology::Triangles) n += p.indices.size() / 3;
  return n;
}

uint64_t Scene::primitiveCount() const {
  uint64_t n = 0;
  for (const Mesh& m : meshes) n += m.primitives.size();
  return n;
}

}  // namespace ct::scene
