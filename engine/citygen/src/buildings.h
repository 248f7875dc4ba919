// Building shapes for generated lots: towers, podium towers, slabs, L-shapes, mid-rise blocks and houses
// with pitched roofs, taller towards the district centre.
#pragma once
#include <string>

#include "layout.h"
#include "rng.h"
#include "scene/scene.h"

namespace ct::citygen {

struct Building {
  scene::Mesh mesh;  // in metres, relative to `origin`
  glm::vec3 origin{0.0f};
  std::string type;   // tower, podium_tower, slab, l_shape, midrise, house
  std::string usage;  // office, mixed, residential, commercial
  int floors = 0;
  float height = 0;     // ground to highest point
  float floorArea = 0;  // gross, all floors
};

// A building on `lot` standing at height `ground`; `centrality` is 1 downtown and 0 at the edge.
Building makeBuilding(const Rect& lot, float ground, float centrality, Rng& rng);

}  // namespace ct::citygen
