// Building massing: a few stacked or joined boxes per building, flat roofs with plant rooms, gables on houses.
#include "buildings.h"

#include <algorithm>
#include <cmath>

#include "facades.h"
#include "mesh_builder.h"
#include "palette.h"

namespace ct::citygen {
namespace {

constexpr float kFloor = 3.4f;

struct Parts {
  MeshBuilder walls, base, roof, plant;
  int wallStyle = kFlatWindows, baseStyle = kShopfront;  // FacadeStyle of walls and base
  float area = 0;
  float top = 0;
};

// A box of `floors` storeys whose sides go to `walls` (with facade UVs of `style`) and whose top to `roof`.
void mass(Parts& p, MeshBuilder& walls, int style, glm::vec3 lo, glm::vec3 hi, int floors) {
  const float x0 = lo.x, y0 = lo.y, z0 = lo.z, x1 = hi.x, y1 = hi.y, z1 = hi.z;
  const float storey = (y1 - y0) / static_cast<float>(std::max(floors, 1)), bay = facadeBay(style);
  walls.wall({x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, {x1, y0, z1}, {1, 0, 0}, y0, storey, bay);
  walls.wall({x0, y0, z0}, {x0, y1, z0}, {x0, y1, z1}, {x0, y0, z1}, {-1, 0, 0}, y0, storey, bay);
  walls.wall({x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}, {0, 0, 1}, y0, storey, bay);
  walls.wall({x0, y0, z0}, {x1, y0, z0}, {x1, y1, z0}, {x0, y1, z0}, {0, 0, -1}, y0, storey, bay);
  p.roof.quad({x0, y1, z0}, {x1, y1, z0}, {x1, y1, z1}, {x0, y1, z1}, {0, 1, 0});
  p.area += (x1 - x0) * (z1 - z0) * static_cast<float>(floors);
  p.top = std::max(p.top, y1);
}

// Plant room on a flat roof: a smaller box near the middle.
void plantRoom(Parts& p, glm::vec3 lo, glm::vec3 hi, Rng& rng) {
  float w = (hi.x - lo.x) * static_cast<float>(rng.uniform(0.25, 0.5));
  float d = (hi.z - lo.z) * static_cast<float>(rng.uniform(0.25, 0.5));
  float cx = 0.5f * (lo.x + hi.x) + static_cast<float>(rng.uniform(-0.15, 0.15)) * (hi.x - lo.x);
  float cz = 0.5f * (lo.z + hi.z) + static_cast<float>(rng.uniform(-0.15, 0.15)) * (hi.z - lo.z);
  float h = static_cast<float>(rng.uniform(2.5, 4.5));
  p.plant.box({cx - w / 2, hi.y, cz - d / 2}, {cx + w / 2, hi.y + h, cz + d / 2});
  p.top = std::max(p.top, hi.y + h);
}

// A facade colour (FacadeColour): towers are often glass.
int pickFacade(Rng& rng, bool glassy) {
  if (glassy && rng.chance(0.6)) return rng.chance(0.5) ? kGlassBlue : kGlassTeal;
  static const int kMasonry[] = {kConcrete, kSandstone, kBrick, kWhite, kBeige, kDark, kConcrete, kWhite};
  return kMasonry[rng.range(0, 7)];
}

}  // namespace

Building makeBuilding(const Rect& lot, float ground, float centrality, Rng& rng) {
  Building b;
  b.origin = {lot.cx(), ground, lot.cz()};
  // Footprint in local coordinates, set back from the lot edges.
  float hw = 0.5f * lot.width() - static_cast<float>(rng.uniform(1.0, 3.0));
  float hd = 0.5f * lot.depth() - static_cast<float>(rng.uniform(1.0, 3.0));
  hw = std::max(hw, 4.0f);
  hd = std::max(hd, 4.0f);
  const float c = centrality;
  const double r = rng.unit();
  Parts p;
  int roofMat = kRoofFlat;
  if (c > 0.45f) b.type = r < 0.45 ? "tower" : r < 0.8 ? "podium_tower" : "slab";
  else if (c > 0.15f) b.type = r < 0.3 ? "slab" : r < 0.6 ? "l_shape" : r < 0.75 ? "tower" : "midrise";
  else b.type = r < 0.55 ? "house" : r < 0.8 ? "midrise" : "l_shape";
  if (b.type == "house" && std::min(hw, hd) > 15.0f) b.type = "midrise";
  const int facade = pickFacade(rng, b.type == "tower" || b.type == "podium_tower");
  const bool glass = facade == kGlassBlue || facade == kGlassTeal;
  p.wallStyle = b.type == "tower" || b.type == "podium_tower" ? (glass ? kCurtainWall : kOfficeWindows)
                : b.type == "house"                          ? kHouseWindows
                                                             : kFlatWindows;
  const int ws = p.wallStyle, bs = p.baseStyle;

  if (b.type == "tower" || b.type == "podium_tower") {
    int podium = b.type == "podium_tower" ? rng.range(2, 4) : 0;
    float podiumTop = podium * kFloor + 1.0f;
    if (podium) mass(p, p.base, bs, {-hw, 0, -hd}, {hw, podiumTop, hd}, podium);
    float side = std::min({hw, hd, static_cast<float>(rng.uniform(10.0, 19.0))});
    float tw = side * static_cast<float>(rng.uniform(0.8, 1.0)), td = side * static_cast<float>(rng.uniform(0.8, 1.0));
    int floors = static_cast<int>(10 + c * 42 * rng.uniform(0.35, 1.0));
    float y0 = podium ? podiumTop : 0.0f;
    float y1 = y0 + floors * kFloor;
    if (floors > 20 && rng.chance(0.6)) {  // a set-back crown
      float split = y0 + (y1 - y0) * static_cast<float>(rng.uniform(0.72, 0.85));
      int lower = static_cast<int>((split - y0) / kFloor);
      mass(p, p.walls, ws, {-tw, y0, -td}, {tw, split, td}, lower);
      float inset = std::min(tw, td) * static_cast<float>(rng.uniform(0.15, 0.3));
      mass(p, p.walls, ws, {-tw + inset, split, -td + inset}, {tw - inset, y1, td - inset}, floors - lower);
      plantRoom(p, {-tw + inset, split, -td + inset}, {tw - inset, y1, td - inset}, rng);
    } else {
      mass(p, p.walls, ws, {-tw, y0, -td}, {tw, y1, td}, floors);
      plantRoom(p, {-tw, y0, -td}, {tw, y1, td}, rng);
    }
    b.floors = podium + floors;
    b.usage = podium ? "mixed" : "office";
  } else if (b.type == "slab") {
    int floors = static_cast<int>(5 + 8 * c + rng.range(0, 4));
    bool alongX = hw >= hd;
    float thick = static_cast<float>(rng.uniform(6.0, 9.0));
    float sw = alongX ? hw : std::min(hw, thick), sd = alongX ? std::min(hd, thick) : hd;
    mass(p, p.walls, ws, {-sw, 0, -sd}, {sw, floors * kFloor, sd}, floors);
    plantRoom(p, {-sw, 0, -sd}, {sw, floors * kFloor, sd}, rng);
    b.floors = floors;
    b.usage = "residential";
  } else if (b.type == "l_shape") {
    int floors = rng.range(4, 9);
    float wing = static_cast<float>(rng.uniform(5.5, 8.0));
    float y1 = floors * kFloor;
    float wx = std::min(wing, hd), wz = std::min(wing, hw);
    mass(p, p.walls, ws, {-hw, 0, -hd}, {hw, y1, -hd + 2 * wx}, floors);
    int floorsB = std::max(3, floors - rng.range(0, 2));
    mass(p, p.walls, ws, {-hw, 0, -hd + 2 * wx}, {-hw + 2 * wz, floorsB * kFloor, hd}, floorsB);
    b.floors = floors;
    b.usage = "residential";
  } else if (b.type == "midrise") {
    int floors = static_cast<int>(3 + 4 * c + rng.range(0, 3));
    bool shop = c > 0.1f && rng.chance(0.5);
    float y0 = 0.0f;
    if (shop) {  // a dark glazed shop floor, the upper floors on top
      mass(p, p.base, bs, {-hw, 0, -hd}, {hw, 4.2f, hd}, 1);
      y0 = 4.2f;
    }
    mass(p, p.walls, ws, {-hw, y0, -hd}, {hw, y0 + (floors - (shop ? 1 : 0)) * kFloor, hd}, floors - (shop ? 1 : 0));
    if (rng.chance(0.5)) plantRoom(p, {-hw, 0, -hd}, {hw, p.top, hd}, rng);
    b.floors = floors;
    b.usage = shop ? "commercial" : "residential";
  } else {  // house
    int floors = rng.range(2, 3);
    float w = std::min(hw, static_cast<float>(rng.uniform(5.0, 8.0)));
    float d = std::min(hd, static_cast<float>(rng.uniform(4.5, 7.0)));
    float eave = floors * 3.0f;
    mass(p, p.walls, ws, {-w, 0, -d}, {w, eave, d}, floors);
    p.roof = MeshBuilder();  // the gable replaces the flat top
    bool alongX = w >= d;
    float ridge = eave + std::min(w, d) * static_cast<float>(rng.uniform(0.55, 0.9));
    p.roof.gableRoof({-w, eave, -d}, {w, ridge, d}, alongX, 0.5f);
    p.top = ridge;
    roofMat = rng.chance(0.6) ? kRoofTile : kRoofSlate;
    b.floors = floors;
    b.usage = "residential";
  }
  if (!p.walls.empty()) b.mesh.primitives.push_back(p.walls.take(facadeMaterial(p.wallStyle, facade)));
  if (!p.base.empty()) b.mesh.primitives.push_back(p.base.take(facadeMaterial(p.baseStyle, kDark)));
  if (!p.roof.empty()) b.mesh.primitives.push_back(p.roof.take(roofMat));
  if (!p.plant.empty()) b.mesh.primitives.push_back(p.plant.take(kRoofPlant));
  b.height = p.top;
  b.floorArea = p.area;
  return b;
}

}  // namespace ct::citygen
