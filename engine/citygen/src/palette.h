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
  kFacadeFirst,  // facades follow: a colour per style (facades.h), colours as below
};

// Facade colours: the tint of a facade material.
enum FacadeColour : int { kConcrete, kSandstone, kBrick, kGlassBlue, kGlassTeal, kWhite, kBeige, kDark, kColourCount };

// The material of facades of `style` (FacadeStyle) in `colour`.
inline int facadeMaterial(int style, int colour) { return kFacadeFirst + style * kColourCount + colour; }

// Sets the scene's materials (and the facade images and textures they use).
void addCityMaterials(scene::Scene& s);

}  // namespace ct::citygen
