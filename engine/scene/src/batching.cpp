// Spatial batching of small instances: transform in doubles, store relative to the cell centre.
#include "scene/batching.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdint>
#include <map>
#include <tuple>

#include <glm/gtc/matrix_transform.hpp>

namespace ct::scene {
namespace {

bool triangleMesh(const Mesh& mesh) {
  bool any = false;
  for (const Primitive& p : mesh.primitives) {
    if (p.topology != Topology::Triangles) return false;
    any |= !p.indices.empty();
  }
  return any;
}

size_t vertexCount(const Mesh& mesh) {
  size_t n = 0;
  for (const Primitive& p : mesh.primitives) n += p.vertices.size();
  return n;
}

}  // namespace

BatchStats batchSmallInstances(Scene& scene, const BatchOptions& options) {
  BatchStats stats;
  // Candidates: triangle meshes that are small, or used by a single instance (which is then split into cells).
  std::vector<uint32_t> uses(scene.meshes.size(), 0);
  for (const Instance& inst : scene.instances)
    if (inst.mesh >= 0) ++uses[inst.mesh];
  std::vector<bool> meshOk(scene.meshes.size());
  for (size_t m = 0; m < scene.meshes.size(); ++m)
    meshOk[m] = triangleMesh(scene.meshes[m]) &&
                (uses[m] == 1 || (uses[m] < options.instancedFrom && vertexCount(scene.meshes[m]) <= options.maxMeshVertices));
  std::vector<size_t> candidates;
  Bounds footprint;
  for (size_t i = 0; i < scene.instances.size(); ++i) {
    const Instance& inst = scene.instances[i];
    if (inst.mesh < 0 || !meshOk[inst.mesh]) continue;
    candidates.push_back(i);
    for (const Primitive& p : scene.meshes[inst.mesh].primitives) footprint.extend(p.bounds.transformed(inst.world));
  }
  if (candidates.size() < 2 || footprint.empty()) return stats;
  // Cells on the ground plane (x, z), sized for about `instancesPerCell` instances or `trianglesPerCell`
  // triangles each, whichever makes more cells (a merged city is few instances but many triangles).
  glm::dvec3 size = footprint.size();
  double area = std::max(size.x, 1.0) * std::max(size.z, 1.0);
  uint64_t triangles = 0;
  for (size_t i : candidates)
    for (const Primitive& p : scene.meshes[scene.instances[i].mesh].primitives) triangles += p.indices.size() / 3;
  double cells = std::max({1.0, double(candidates.size()) / options.instancesPerCell,
                           double(triangles) / options.trianglesPerCell});
  double cell = std::sqrt(area / cells);
  cell = std::max(cell, 1.0);
  using CellKey = std::pair<int64_t, int64_t>;
  auto cellOf = [&](const glm::dvec3& p) {
    return CellKey{static_cast<int64_t>(std::floor((p.x - footprint.min.x) / cell)),
                   static_cast<int64_t>(std::floor((p.z - footprint.min.z) / cell))};
  };
  auto originOf = [&](const CellKey& k) {
    return glm::dvec3(footprint.min.x + (k.first + 0.5) * cell, footprint.min.y, footprint.min.z + (k.second + 0.5) * cell);
  };
  std::map<std::tuple<int64_t, int64_t, int>, Primitive> batches;  // (cell x, cell z, material)
  std::vector<bool> merged(scene.instances.size(), false);
  for (size_t i : candidates) {
    const Instance& inst = scene.instances[i];
    const glm::dmat3 normalMatrix = glm::transpose(glm::inverse(glm::dmat3(inst.world)));
    const double det = glm::determinant(glm::dmat3(inst.world));
    Bounds world;
    for (const Primitive& p : scene.meshes[inst.mesh].primitives) world.extend(p.bounds.transformed(inst.world));
    const bool whole = std::max(world.size().x, world.size().z) <= cell;  // else split triangle by triangle
    for (const Primitive& p : scene.meshes[inst.mesh].primitives) {
      // World positions once per vertex, in doubles.
      std::vector<glm::dvec3> pos(p.vertices.size());
      for (size_t v = 0; v < p.vertices.size(); ++v)
        pos[v] = glm::dvec3(inst.world * glm::dvec4(glm::dvec3(p.vertices[v].position), 1.0));
      // Per source vertex: the cell it was last copied into and its index there. A vertex shared by triangles
      // of two cells is copied into each (the cell of consecutive triangles rarely changes: it is looked up on
      // change only, and never for a whole instance).
      std::vector<CellKey> copiedTo(p.vertices.size(), CellKey{INT64_MIN, INT64_MIN});
      std::vector<uint32_t> copyIndex(p.vertices.size(), 0);
      CellKey key{INT64_MIN, INT64_MIN};
      Primitive* dstp = nullptr;
      glm::dvec3 origin(0.0);
      const CellKey wholeKey = cellOf(world.center());
      for (size_t k = 0; k + 2 < p.indices.size(); k += 3) {
        const uint32_t tri[3] = {p.indices[k], p.indices[k + (det < 0.0 ? 2 : 1)], p.indices[k + (det < 0.0 ? 1 : 2)]};
        const CellKey at = whole ? wholeKey : cellOf((pos[tri[0]] + pos[tri[1]] + pos[tri[2]]) / 3.0);
        if (at != key || !dstp) {
          key = at;
          dstp = &batches[{key.first, key.second, p.material}];
          dstp->material = p.material;
          origin = originOf(key);
        }
        Primitive& dst = *dstp;
        for (uint32_t src : tri) {
          if (copiedTo[src] != key) {
            Vertex v = p.vertices[src];
            v.position = glm::vec3(pos[src] - origin);
            glm::dvec3 n = normalMatrix * glm::dvec3(v.normal);
            if (glm::dot(n, n) > 0.0) v.normal = glm::vec3(glm::normalize(n));
            glm::dvec3 t = glm::dmat3(inst.world) * glm::dvec3(v.tangent);
            if (glm::dot(t, t) > 0.0)
              v.tangent = glm::vec4(glm::vec3(glm::normalize(t)), det < 0.0 ? -v.tangent.w : v.tangent.w);
            if (v.feature == 0) v.feature = inst.feature;
            copiedTo[src] = key;
            copyIndex[src] = static_cast<uint32_t>(dst.vertices.size());
            dst.vertices.push_back(v);
            dst.bounds.extend(glm::dvec3(v.position));
          }
          dst.indices.push_back(copyIndex[src]);
        }
      }
    }
    merged[i] = true;
    ++stats.instancesMerged;
  }
  std::vector<Instance> kept;
  for (size_t i = 0; i < scene.instances.size(); ++i)
    if (!merged[i]) kept.push_back(scene.instances[i]);
  // One mesh per cell, one primitive per material.
  std::map<CellKey, int> cellMesh;
  for (auto& [key, prim] : batches) {
    CellKey cellKey(std::get<0>(key), std::get<1>(key));
    auto [it, added] = cellMesh.emplace(cellKey, static_cast<int>(scene.meshes.size()));
    if (added) {
      scene.meshes.push_back({"batch_" + std::to_string(cellKey.first) + "_" + std::to_string(cellKey.second), {}});
      Instance inst;
      inst.mesh = it->second;
      inst.world = glm::translate(glm::dmat4(1.0), originOf(cellKey));
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
