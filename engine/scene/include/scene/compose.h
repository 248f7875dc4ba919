// Composing scenes: one model appended to another under a transform (a scene file's models, extruded
// footprints, water and overlay meshes), feature rows re-indexed so ids and data layers keep working.
#pragma once
#include <string>

#include <glm/glm.hpp>

#include "scene/scene.h"

namespace ct::scene {

// Moves everything of `src` into `dst`, its nodes and instances placed by `transform` (src world -> dst world).
// Feature rows are appended after dst's; a key dst already has gets `keyPrefix` in front (and a number after
// it if that is taken too), so rows stay one per feature. Returns the first appended row.
uint32_t appendScene(Scene& dst, Scene&& src, const glm::dmat4& transform, const std::string& keyPrefix = "");

// Adds a mesh drawn once with an identity transform as its own node, optionally with its own feature row
// (key non-empty: every vertex gets that row). Returns the mesh index.
int addStandaloneMesh(Scene& scene, Mesh mesh, const std::string& nodeName, const std::string& featureKey = "");

}  // namespace ct::scene
