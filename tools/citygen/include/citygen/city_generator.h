// A deterministic procedural city district: street grid, blocks with varied buildings, parks with trees.
// It makes the bundled sample and test cities; the same parameters always give the same scene.
#pragma once
#include <cstdint>

#include "scene/scene.h"

namespace ct::citygen {

struct CityParams {
  int buildings = 250;  // exactly this many building nodes
  uint64_t seed = 1;
};

// Every building is one node named "bldg_NNNNNN" (numbered from the centre outwards); trees are nodes
// "tree_NNNNNN" sharing one mesh; ground, blocks and road markings are one node each. Y is up, metres,
// the district centred on the origin.
scene::Scene generateCity(const CityParams& params);

}  // namespace ct::citygen
