// A deterministic procedural city district: street grid, blocks with varied buildings, parks with trees.
// It makes the bundled sample and test cities; the same parameters always give the same scene.
#pragma once
#include <cstdint>

#include "scene/scene.h"

namespace ct::citygen {

struct CityParams {
  int buildings = 250;  // exactly this many building nodes
  uint64_t seed = 1;
  bool merge = false;  // all buildings in one node (one primitive per material) instead of a node each
};

// Every building is one node named "bldg_NNNNNN" (numbered from the centre outwards) and one row of the
// feature table (usage, type, year_built, floors, floor_area, base_elevation, height), its vertices tagged
// with that row; trees are nodes
// "tree_NNNNNN" sharing one mesh; ground, blocks and road markings are one node each. Y is up, metres,
// the district centred on the origin.
scene::Scene generateCity(const CityParams& params);

}  // namespace ct::citygen
