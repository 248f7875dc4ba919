// Spatial batching of small instances: transform in doubles, store relative to the cell centre.
#include "scene/batching.h"

#include <cmath>
#include <map>
#include <tuple>

#include <glm/gtc/matrix_transform.hpp>

namespace ct::scene {
namespace {

bool mergeable(const Mesh& mesh, const BatchOptions& o) {
  size_t vertices = 0;
  for (const Primitive& p : mesh.primitives) {
    if (p.topology != Topology::Triangles) return false;
    vertices += p.vertices.size();
  }
  return vertices > 0 && vertices <= o.maxMeshVertices;
}

}  // namespace

BatchStats batchSmallInstances(Scene& scene, const BatchOptions& options) {
  BatchStats stats;
  std::vector<size_t> candidates;
  std::vector<bool> meshOk(scene.meshes.size());
  for (size_t m = 0; m < scene.meshes.size(); ++m) meshOk[m] = mergeable(scene.meshes[m], options);
  Bounds footprint;
  for (size_t i = 0; i < scene.instances.size(); ++i) {
    const Instance& inst = scene.instances[i];
    if (inst.mesh < 0 || !meshOk[inst.mesh]) continue;
    candidates.push_back(i);
    footprint.extend(glm::dvec3(inst.world[3]));
  }
  if (candidates.size() < 2) return stats;
  // Cells on the ground plane (x, z), sized for about `instancesPerCell` instances each.
  glm::dvec3 size = footprint.size();
  double area = std::max(size.x, 1.0) * std::max(size.z, 1.0);
  double cell = std::sqrt(area * options.instancesPerCell / static_cast<double>(candidates.size()));
  cell = std::max(cell, 1.0);
  using Key = std::tuple<int64_t, int64_t, int>;  // cell x, cell z, material
  std::map<std::pair<int64_t, int64_t>, glm::dvec3> cellOrigin;
  std::map<Key, Primitive> batches;
  std::vector<bool> merged(scene.instances.size(), false);
  for (size_t i : candidates) {
    const Instance& inst = scene.instances[i];
    const glm::dvec3 at(inst.world[3]);
    const int64_t cx = static_cast<int64_t>(std::floor((at.x - footprint.min.x) / cell));
    const int64_t cz = static_cast<int64_t>(std::floor((at.z - footprint.min.z) / cell));
    auto [it, added] = cellOrigin.emplace(std::make_pair(cx, cz), glm::dvec3(0.0));
    if (added)
      it->second = {footprint.min.x + (cx + 0.5) * cell, footprint.min.y, footprint.min.z + (cz + 0.5) * cell};
    const glm::dvec3 origin = it->second;
    const glm::dmat3 normalMatrix = glm::transpose(glm::inverse(glm::dmat3(inst.world)));
    const double det = glm::determinant(glm::dmat3(inst.world));
    for (const Primitive& p : scene.meshes[inst.mesh].primitives) {
      Primitive& dst = batches[{cx, cz, p.material}];
      dst.material = p.material;
      const auto base = static_cast<uint32_t>(dst.vertices.size());
      for (Vertex v : p.vertices) {
        glm::dvec3 world = glm::dvec3(inst.world * glm::dvec4(glm::dvec3(v.position), 1.0));
        v.position = glm::vec3(world - origin);
        glm::dvec3 n = normalMatrix * glm::dvec3(v.normal);
        if (glm::dot(n, n) > 0.0) v.normal = glm::vec3(glm::normalize(n));
        glm::dvec3 t = glm::dmat3(inst.world) * glm::dvec3(v.tangent);
        if (glm::dot(t, t) > 0.0) v.tangent = glm::vec4(glm::vec3(glm::normalize(t)), det < 0.0 ? -v.tangent.w : v.tangent.w);
        if (v.feature == 0) v.feature = inst.feature;
        dst.vertices.push_back(v);
        dst.bounds.extend(glm::dvec3(v.position));
      }
      for (size_t k = 0; k + 2 < p.indices.size(); k += 3) {  // a mirroring transform flips the winding
        dst.indices.push_back(base + p.indices[k]);
        dst.indices.push_back(base + p.indices[k + (det < 0.0 ? 2 : 1)]);
        dst.indices.push_back(base + p.indices[k + (det < 0.0 ? 1 : 2)]);
      }
    }
    merged[i] = true;
    ++stats.instancesMerged;
  }
  std::vector<Instance> kept;
  for (size_t i = 0; i < scene.instances.size(); ++i)
    if (!merged[i]) kept.push_back(scene.instances[i]);
  // One mesh per cell, one primitive per material.
  std::map<std::pair<int64_t, int64_t>, int> cellMesh;
  for (auto& [key, prim] : batches) {
    auto cellKey = std::make_pair(std::get<0>(key), std::get<1>(key));
    auto [it, added] = cellMesh.emplace(cellKey, static_cast<int>(scene.meshes.size()));
    if (added) {
      scene.meshes.push_back({"batch_" + std::to_string(cellKey.first) + "_" + std::to_string(cellKey.second), {}});
      Instance inst;
      inst.mesh = it->second;
      inst.world = glm::translate(glm::dmat4(1.0), cellOrigin[cellKey]);
      kept.push_back(inst);
      ++stats.batches;
    }
    scene.meshes[it->second].primitives.push_back(std::move(prim));
  }
  // Meshes whose every instance was merged are no longer drawn: free their vertices.
  std::vector<bool> stillUsed(scene.meshes.size(), false);
  for (const Instance& inst : kept) stillUsed[inst.mesh] = true;
  for (size_t m = 0; m < meshOk.size(); ++m)
    if (meshOk[m] && !stillUsed[m]) scene.meshes[m].primitives.clear();
  scene.instances = std::move(kept);
  scene.computeBounds();
  return stats;
}

}  // namespace ct::scene
