// Coarse levels of detail for frames drawn while the camera moves: large triangle primitives get a simplified
// index list over their own vertices (Primitive::coarseIndices), so the renderer can draw fewer triangles
// without new vertex data. CPU only (meshoptimizer); ids, materials and vertices are unchanged.
#pragma once
#include <cstdint>

#include "scene/scene.h"

namespace ct::scene {

struct CoarseLodOptions {
  uint32_t minTriangles = 256;  // smaller primitives are drawn as they are
  // How far a simplified surface may stray from the original, as a share of the primitive's largest extent.
  float relativeError = 0.004f;
  // Kept only when it saves at least this share of the triangles.
  float minSaving = 0.25f;
};

struct CoarseLodStats {
  uint64_t primitives = 0;       // primitives that got a coarse version
  uint64_t trianglesBefore = 0;  // theirs, in full
  uint64_t trianglesAfter = 0;   // theirs, coarse
  double milliseconds = 0.0;
};

// Fills coarseIndices of every large triangle primitive of every mesh (replacing what was there). Vertices on a
// primitive's open border stay where they are, so batch cells cut from one ground mesh meet without cracks.
CoarseLodStats buildCoarseLods(Scene& scene, const CoarseLodOptions& options = {});
// One primitive's simplified triangles (empty when it is small, not triangles, or would not get simpler).
std::vector<uint32_t> coarseIndices(const Primitive& prim, const CoarseLodOptions& options = {});

}  // namespace ct::scene
