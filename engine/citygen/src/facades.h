// Facade textures for the generated buildings: windows painted into tiles that repeat along the walls. A tile
// is four bays by four storeys (top row = top of a storey), so that windows differ a little (blinds) without
// any extra geometry; walls carry UVs in bays and storeys (MeshBuilder::wall).
#pragma once
#include "scene/scene.h"

namespace ct::citygen {

enum FacadeStyle : int {
  kCurtainWall,   // glass towers: full-height glazing between slab edges
  kOfficeWindows, // masonry towers: wide bands of windows
  kFlatWindows,   // slabs, mid-rise, L-shapes: punched windows with sills
  kHouseWindows,  // houses: small framed windows
  kShopfront,     // podiums and shop floors: tall shop windows
  kFacadeStyleCount
};

inline constexpr int kTileBays = 4, kTileStoreys = 4;

// Width of one bay (one window) in metres for the style.
float facadeBay(int style);

struct FacadeTextures {
  int baseColor[kFacadeStyleCount];          // texture indices (sRGB colour, multiplied by the material's tint)
  int metallicRoughness[kFacadeStyleCount];  // G roughness, B metallic (glass smooth, walls rough)
};

// Paints the images and appends them (and their textures, repeating, mipmapped) to the scene.
FacadeTextures addFacadeTextures(scene::Scene& s);

}  // namespace ct::citygen
