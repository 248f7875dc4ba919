// Geometry fix-ups applied at load: primitive-mode expansion, flat normals, tangent generation, bounds.
#pragma once
#include <cstdint>
#include <vector>

#include "scene/scene.h"

namespace ct::scene {

// glTF primitive modes (POINTS=0 .. TRIANGLE_FAN=6).
enum class GltfMode : int { Points = 0, Lines, LineLoop, LineStrip, Triangles, TriangleStrip, TriangleFan };

// Turns indices of any glTF mode into a list for `topologyFor(mode)`. Degenerate leftovers are dropped.
std::vector<uint32_t> expandToList(GltfMode mode, const std::vector<uint32_t>& indices);
// How many indices expandToList makes from `n` (known before it allocates them: loaders charge it first).
size_t expandedCount(GltfMode mode, size_t n);
Topology topologyFor(GltfMode mode);

// Gives every triangle its own three vertices with the face normal (for primitives without normals).
void makeFlatNormals(Primitive& prim);
// Per-vertex tangents from UV set `uvSet` (0 or 1), orthogonalised against the normal, w = handedness.
void generateTangents(Primitive& prim, int uvSet);
void computeBounds(Primitive& prim);

}  // namespace ct::scene
