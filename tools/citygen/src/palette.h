// The generated city's materials: indices and their definitions.
#pragma once
#include <vector>

#include "scene/scene.h"

namespace ct::citygen {

enum Mat : int {
  kAsphalt,
  kSidewalk,
  kGrass,
  kField,
  kMarking,
  kRoofFlat,
  kRoofTile,
  kRoofSlate,
  kRoofPlant,
  kTrunk,
  kFoliage,
  kFoliageLight,
  kLampPole,
  kLampHead,
  kWater,
  kFacadeFirst,  // facades follow: concrete, sandstone, brick, blue glass, teal glass, white, beige, dark
  kFacadeCount = 8,
  kGlassBlue = kFacadeFirst + 3,
  kGlassTeal = kFacadeFirst + 4,
};

std::vector<scene::Material> cityMaterials();

}  // namespace ct::citygen
