// Colours are given in sRGB as one would pick them, and stored linear as glTF expects.
#include "palette.h"

#include <cmath>

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

std::vector<scene::Material> cityMaterials() {
  std::vector<scene::Material> m(kFacadeFirst + kFacadeCount);
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
  m[kFacadeFirst + 0] = make("facade_concrete", 0.74f, 0.73f, 0.70f, 0.0f, 0.8f);
  m[kFacadeFirst + 1] = make("facade_sandstone", 0.82f, 0.74f, 0.60f, 0.0f, 0.8f);
  m[kFacadeFirst + 2] = make("facade_brick", 0.60f, 0.34f, 0.27f, 0.0f, 0.85f);
  m[kFacadeFirst + 3] = make("facade_glass_blue", 0.30f, 0.42f, 0.55f, 0.7f, 0.12f);
  m[kFacadeFirst + 4] = make("facade_glass_teal", 0.38f, 0.52f, 0.54f, 0.6f, 0.18f);
  m[kFacadeFirst + 5] = make("facade_white", 0.90f, 0.89f, 0.86f, 0.0f, 0.7f);
  m[kFacadeFirst + 6] = make("facade_beige", 0.78f, 0.69f, 0.56f, 0.0f, 0.8f);
  m[kFacadeFirst + 7] = make("facade_dark", 0.38f, 0.38f, 0.40f, 0.2f, 0.5f);
  return m;
}

}  // namespace ct::citygen
