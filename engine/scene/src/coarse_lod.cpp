// Coarse levels of detail through meshoptimizer's edge-collapse simplifier, bounded by an error in metres.
#include "scene/coarse_lod.h"

#include <meshoptimizer.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>

namespace ct::scene {

std::vector<uint32_t> coarseIndices(const Primitive& prim, const CoarseLodOptions& options) {
  const size_t triangles = prim.indices.size() / 3;
  if (prim.topology != Topology::Triangles || triangles < options.minTriangles || prim.vertices.empty() ||
      prim.indices.size() % 3 != 0)
    return {};
  for (uint32_t i : prim.indices)
    if (i >= prim.vertices.size()) return {};  // never handed to the simplifier (loaders refuse these already)
  // Positions from a file may be NaN or infinite: the simplifier's error metric means nothing over them.
  for (const Vertex& v : prim.vertices)
    if (!std::isfinite(v.position.x) || !std::isfinite(v.position.y) || !std::isfinite(v.position.z)) return {};
  // Welded by position, UV, colour and feature (not by normal): flat-shaded meshes (a vertex per triangle corner, as
  // glTF exporters write terrain) become one surface the simplifier can collapse, while texture seams and the borders
  // between features stay. The simplifier sees only the welded vertices (duplicates it cannot see would lock every
  // vertex they share a position with); the coarse triangles name each group's first vertex.
  const Vertex& v0 = prim.vertices[0];
  const auto offset = [&](const auto& field) {
    return size_t(reinterpret_cast<const uint8_t*>(&field) - reinterpret_cast<const uint8_t*>(&v0));
  };
  const uint8_t* base = reinterpret_cast<const uint8_t*>(prim.vertices.data());
  const meshopt_Stream streams[] = {{base + offset(v0.position), sizeof v0.position, sizeof(Vertex)},
                                    {base + offset(v0.uv0), sizeof v0.uv0, sizeof(Vertex)},
                                    {base + offset(v0.color), sizeof v0.color, sizeof(Vertex)},
                                    {base + offset(v0.feature), sizeof v0.feature, sizeof(Vertex)}};
  std::vector<uint32_t> remap(prim.vertices.size());
  const size_t unique = meshopt_generateVertexRemapMulti(remap.data(), prim.indices.data(), prim.indices.size(),
                                                         prim.vertices.size(), streams, 4);
  std::vector<uint32_t> first(unique, UINT32_MAX);  // welded vertex -> the original it stands for
  std::vector<float> positions(unique * 3);
  for (uint32_t i : prim.indices) {
    const uint32_t w = remap[i];
    if (first[w] != UINT32_MAX) continue;
    first[w] = i;
    for (int c = 0; c < 3; ++c) positions[size_t(w) * 3 + size_t(c)] = prim.vertices[i].position[c];
  }
  std::vector<uint32_t> welded(prim.indices.size());
  for (size_t k = 0; k < prim.indices.size(); ++k) welded[k] = remap[prim.indices[k]];
  std::vector<uint32_t> out(prim.indices.size());
  // The error is relative to the primitive's extent.
  const size_t target = std::max<size_t>(3, prim.indices.size() / 50);
  const size_t n =
      meshopt_simplify(out.data(), welded.data(), welded.size(), positions.data(), unique, 3 * sizeof(float), target,
                       options.relativeError, meshopt_SimplifyLockBorder, nullptr);
  if (n == 0 || double(n) > double(prim.indices.size()) * (1.0 - options.minSaving)) return {};
  out.resize(n);
  for (uint32_t& i : out) i = first[i];
  out.shrink_to_fit();
  return out;
}

CoarseLodStats buildCoarseLods(Scene& scene, const CoarseLodOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  CoarseLodStats stats;
  for (Mesh& mesh : scene.meshes)
    for (Primitive& p : mesh.primitives) {
      p.coarseIndices = coarseIndices(p, options);
      if (p.coarseIndices.empty()) continue;
      ++stats.primitives;
      stats.trianglesBefore += p.indices.size() / 3;
      stats.trianglesAfter += p.coarseIndices.size() / 3;
    }
  stats.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace ct::scene
