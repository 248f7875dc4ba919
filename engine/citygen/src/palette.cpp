// Colours are given in sRGB as one would pick them, and stored linear as glTF expects.
#include "palette.h"

#include <cmath>

#include "facades.h"

namespace ct::citygen {
namespace {

scene::Material make(const char* name, float r, float g, float b, float metallic, float roughness) {
  auto lin = [](float c) { return std::pow(c, 2.2f); };
  scene::Material m;
  m.name = name;
  m.baseColorFactor = {lin(r), lin(g), lin(b), 1.0f};
  m.metallicFactor = metallic;
  m.roughnessFactor = roughness;
  return m;
}

}  // namespace

void addCityMaterials(scene::Scene& s) {
  std::vector<scene::Material>& m = s.materials;
  m.assign(facadeMaterial(kFacadeStyleCount, 0), scene::Material{});
  m[kAsphalt] = make("asphalt", 0.22f, 0.225f, 0.235f, 0.0f, 0.9f);
  m[kSidewalk] = make("sidewalk", 0.62f, 0.61f, 0.58f, 0.0f, 0.85f);
  m[kGrass] = make("grass", 0.33f, 0.50f, 0.22f, 0.0f, 0.95f);
  m[kField] = make("field", 0.47f, 0.50f, 0.33f, 0.0f, 1.0f);
  m[kMarking] = make("road_marking", 0.92f, 0.92f, 0.88f, 0.0f, 0.6f);
  m[kRoofFlat] = make("roof_flat", 0.45f, 0.45f, 0.47f, 0.0f, 0.8f);
  m[kRoofTile] = make("roof_tile", 0.62f, 0.30f, 0.20f, 0.0f, 0.7f);
  m[kRoofSlate] = make("roof_slate", 0.32f, 0.34f, 0.38f, 0.0f, 0.6f);
  m[kRoofPlant] = make("roof_plant", 0.58f, 0.58f, 0.60f, 0.3f, 0.5f);
  m[kTrunk] = make("trunk", 0.36f, 0.26f, 0.18f, 0.0f, 0.9f);
  m[kFoliage] = make("foliage", 0.22f, 0.42f, 0.16f, 0.0f, 0.9f);
  m[kFoliageLight] = make("foliage_light", 0.38f, 0.55f, 0.22f, 0.0f, 0.9f);
  m[kLampPole] = make("lamp_pole", 0.30f, 0.31f, 0.33f, 0.8f, 0.4f);
  m[kLampHead] = make("lamp_head", 0.95f, 0.92f, 0.85f, 0.0f, 0.3f);
  m[kLampHead].emissiveFactor = glm::vec3(1.0f, 0.85f, 0.6f) * 2.0f;  // lit: warm, bright enough to bloom later
  m[kWater] = make("water", 0.16f, 0.30f, 0.36f, 0.1f, 0.05f);
  const FacadeTextures tex = addFacadeTextures(s);
  struct Colour {
    const char* name;
    float r, g, b;
  };
  static const Colour kColours[kColourCount] = {{"concrete", 0.74f, 0.73f, 0.70f}, {"sandstone", 0.82f, 0.74f, 0.60f},
                                                {"brick", 0.60f, 0.34f, 0.27f},    {"glass_blue", 0.40f, 0.55f, 0.72f},
                                                {"glass_teal", 0.48f, 0.66f, 0.68f}, {"white", 0.90f, 0.89f, 0.86f},
                                                {"beige", 0.78f, 0.69f, 0.56f},    {"dark", 0.42f, 0.42f, 0.44f}};
  static const char* kStyles[kFacadeStyleCount] = {"curtain", "office", "flats", "house", "shop"};
  for (int style = 0; style < kFacadeStyleCount; ++style)
    for (int c = 0; c < kColourCount; ++c) {
      const Colour& col = kColours[c];
      const std::string name = std::string("facade_") + kStyles[style] + "_" + col.name;
      scene::Material& f = m[facadeMaterial(style, c)];
      f = make(name.c_str(), col.r, col.g, col.b, 1.0f, 1.0f);  // metal and roughness come from the texture
      f.baseColor.texture = tex.baseColor[style];
      f.metallicRoughness.texture = tex.metallicRoughness[style];
    }
}

}  // namespace ct::citygen
