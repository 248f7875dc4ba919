// Merge at load: many small single-use instances (one node per building) become a few spatial batches, one
// primitive per material per grid cell, so that a city of 10 000 nodes draws like the same city merged
// while culling still works cell by cell. Meshes used once that span several cells (a ground plane, a
// merged city) are cut into the cells triangle by triangle, so they are culled too. Positions are stored relative to each cell's centre (the cell is
// placed by a translation in doubles), so far-from-origin models keep their precision.
#pragma once
#include <cstdint>

#include "scene/scene.h"

namespace ct::scene {

struct BatchOptions {
  uint32_t maxMeshVertices = 4096;  // shared meshes larger than this stay instanced
  uint32_t instancedFrom = 16;      // meshes used this often stay instanced (drawn with GPU instancing)
  uint32_t instancesPerCell = 96;   // together with trianglesPerCell, sets the cell size
  uint32_t trianglesPerCell = 20000;
};

struct BatchStats {
  uint64_t instancesMerged = 0;
  uint64_t batches = 0;  // instances that replace them
};

// Rewrites scene.instances (and appends meshes); nodes, materials and the feature table are unchanged.
// Instance features are baked into vertices, so ids survive. Triangles only; lines and points stay as they are.
BatchStats batchSmallInstances(Scene& scene, const BatchOptions& options = {});

}  // namespace ct::scene
