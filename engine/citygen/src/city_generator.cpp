// Assembles the district: ground, blocks and parks, road markings, buildings, trees.
#include "citygen/city_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include <glm/gtc/matrix_transform.hpp>

#include "buildings.h"
#include "geo/geodetic.h"
#include "layout.h"
#include "mesh_builder.h"
#include "palette.h"
#include "terrain.h"

namespace ct::citygen {
namespace {

constexpr float kKerb = 0.15f;     // blocks stand this high above the road
constexpr float kSidewalkWidth = 4.0f;  // inside each block

std::string numbered(const char* prefix, size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s_%06zu", prefix, n);
  return buf;
}

void addNode(scene::Scene& s, const std::string& name, int mesh, const glm::dmat4& world) {
  scene::Node n;
  n.name = name;
  n.mesh = mesh;
  n.world = world;
  s.nodes.push_back(n);
  s.instances.push_back({mesh, static_cast<int>(s.nodes.size()) - 1, world});
}

int addMesh(scene::Scene& s, scene::Mesh mesh) {
  s.meshes.push_back(std::move(mesh));
  return static_cast<int>(s.meshes.size()) - 1;
}

// Blocks stand level on the terrain (a kerbed slab down to its lowest point); none in the river valley.
void levelBlocks(Layout& layout, const Terrain& terrain) {
  for (Block& block : layout.blocks) {
    const Rect& r = block.area;
    double lo = 1e9, hi = -1e9;
    for (double fx : {0.0, 0.5, 1.0})
      for (double fz : {0.0, 0.5, 1.0}) {
        double x = r.x0 + fx * r.width(), z = r.z0 + fz * r.depth();
        lo = std::min(lo, terrain.height(x, z));
        hi = std::max(hi, terrain.height(x, z));
        block.removed |= terrain.inCorridor(x, z, 5.0);
      }
    block.top = float(hi) + kKerb;
    block.bottom = float(lo) - 0.5f;
  }
}

// A convex polygon in the x/z plane (heights interpolated along its edges) cut by the line where coordinate
// `axis` (0: x, 2: z) equals `at`: the part below and the part above.
using Polygon = std::vector<glm::vec3>;
void cutPolygon(const Polygon& poly, int axis, float at, Polygon& below, Polygon& above) {
  below.clear();
  above.clear();
  for (size_t i = 0; i < poly.size(); ++i) {
    const glm::vec3& p = poly[i];
    const glm::vec3& q = poly[(i + 1) % poly.size()];
    (p[axis] <= at ? below : above).push_back(p);
    if ((p[axis] < at && q[axis] > at) || (p[axis] > at && q[axis] < at))
      for (Polygon* side : {&below, &above}) side->push_back(p + (q - p) * ((at - p[axis]) / (q[axis] - p[axis])));
  }
}

void fan(const Polygon& poly, MeshBuilder& m) {
  for (size_t k = 1; k + 1 < poly.size(); ++k) m.triangle(poly[0], poly[k], poly[k + 1], {0, 1, 0});
}

// The part of a triangle inside the rectangle goes to `inside`, the rest to `outside`.
void splitByRect(const Polygon& tri, const Rect& r, MeshBuilder& inside, MeshBuilder& outside) {
  Polygon rest = tri, below, above;
  const struct {
    int axis;
    float at;
    bool keepAbove;  // which side lies towards the rectangle
  } edges[4] = {{0, r.x0, true}, {0, r.x1, false}, {2, r.z0, true}, {2, r.z1, false}};
  for (const auto& edge : edges) {
    cutPolygon(rest, edge.axis, edge.at, below, above);
    Polygon& out = edge.keepAbove ? below : above;
    if (out.size() >= 3) fan(out, outside);
    rest = edge.keepAbove ? above : below;
    if (rest.size() < 3) return;
  }
  fan(rest, inside);
}

// Terrain triangles: asphalt under the street grid, grass along the river, fields around the district.
scene::Mesh groundMesh(const Layout& layout, const Terrain& terrain, HeightGrid& grid, std::vector<uint8_t>& taken) {
  MeshBuilder field, road, grass;
  const Rect e = layout.extent, far = e.inset(-40.0f);
  const double cell = std::max(10.0, std::max(far.width(), far.depth()) / 400.0);
  grid = terrain.grid(far, cell);
  auto p = [&](int c, int r) {
    return glm::vec3(float(grid.x0 + c * cell), grid.at(c, r), float(grid.z0 + r * cell));
  };
  // Cells under blocks the valley took are grass too (rasterised once, not tested per triangle).
  taken.assign(size_t(grid.cols) * grid.rows, 0);
  for (const Block& b : layout.blocks) {
    if (!b.removed) continue;
    int c0 = std::max(0, int(std::floor((b.area.x0 - grid.x0) / cell))), c1 = std::min(grid.cols - 1, int((b.area.x1 - grid.x0) / cell));
    int r0 = std::max(0, int(std::floor((b.area.z0 - grid.z0) / cell))), r1 = std::min(grid.rows - 1, int((b.area.z1 - grid.z0) / cell));
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c) taken[size_t(r) * grid.cols + c] = 1;
  }
  for (int r = 0; r + 1 < grid.rows; ++r)
    for (int c = 0; c + 1 < grid.cols; ++c) {
      const glm::vec3 a = p(c, r), b = p(c + 1, r), d = p(c, r + 1), f = p(c + 1, r + 1);
      for (const auto& tri : {std::array<glm::vec3, 3>{a, b, f}, std::array<glm::vec3, 3>{a, f, d}}) {
        glm::vec3 centre = (tri[0] + tri[1] + tri[2]) / 3.0f;
        if (terrain.inCorridor(centre.x, centre.z) || taken[size_t(r) * grid.cols + c]) {
          grass.triangle(tri[0], tri[1], tri[2], {0, 1, 0});
          continue;
        }
        // Cut along the district's edge, so that the asphalt ends in a straight line (the grid's cells do not
        // line up with it): the part inside is road, the parts outside are field.
        splitByRect({tri[0], tri[1], tri[2]}, e, road, field);
      }
    }
  return {"ground", {field.take(kField), road.take(kAsphalt), grass.take(kGrass)}};
}

// The river: a strip on the valley floor whose surface follows the floor down.
scene::Mesh waterMesh(const Layout& layout, const Terrain& terrain) {
  MeshBuilder water;
  const Rect far = layout.extent.inset(-40.0f);
  const double half = Terrain::kFloor + 6.0;
  for (double x = far.x0; x < far.x1; x += 10.0) {
    double x1 = std::min(x + 10.0, double(far.x1));
    glm::vec3 a(float(x), float(terrain.waterLevel(x)), float(terrain.riverZ(x) - half));
    glm::vec3 b(float(x1), float(terrain.waterLevel(x1)), float(terrain.riverZ(x1) - half));
    glm::vec3 c(float(x1), float(terrain.waterLevel(x1)), float(terrain.riverZ(x1) + half));
    glm::vec3 d(float(x), float(terrain.waterLevel(x)), float(terrain.riverZ(x) + half));
    water.triangle(a, b, c, {0, 1, 0});
    water.triangle(a, c, d, {0, 1, 0});
  }
  return {"river", {water.take(kWater)}};
}

// Dashed centre lines, left out where streets cross.
scene::Mesh markingsMesh(const Layout& layout, const Terrain& terrain, const HeightGrid& grid,
                         const std::vector<uint8_t>& taken) {
  auto green = [&](double x, double z) {  // no road here: the valley's grass (see groundMesh)
    int c = int(std::floor((x - grid.x0) / grid.cell)), r = int(std::floor((z - grid.z0) / grid.cell));
    bool inGrid = c >= 0 && r >= 0 && c < grid.cols && r < grid.rows;
    return terrain.inCorridor(x, z, 2.0) || (inGrid && taken[size_t(r) * grid.cols + c]);
  };
  MeshBuilder m;
  auto crossing = [&](float x, float z) {
    int inside = 0;
    for (const Street& s : layout.streets)
      if (x > s.area.x0 && x < s.area.x1 && z > s.area.z0 && z < s.area.z1) ++inside;
    return inside > 1;
  };
  const float half = 0.12f;
  for (const Street& s : layout.streets) {
    float len = s.alongX ? s.area.width() : s.area.depth();
    float mid = s.alongX ? s.area.cz() : s.area.cx();
    float start = s.alongX ? s.area.x0 : s.area.z0;
    for (int lane = 0; lane < (s.avenue ? 2 : 1); ++lane) {
      float off = s.avenue ? (lane ? 0.35f : -0.35f) : 0.0f;
      for (float at = 1.5f; at + 3.0f < len; at += 9.0f) {
        float a = start + at, b = a + 3.0f, c = mid + off;
        const float mx = s.alongX ? a + 1.5f : c, mz = s.alongX ? c : a + 1.5f;
        if (crossing(mx, mz) || green(mx, mz)) continue;
        const float y = float(terrain.height(mx, mz)) + 0.03f;
        if (s.alongX)
          m.quad({a, y, c - half}, {b, y, c - half}, {b, y, c + half}, {a, y, c + half}, {0, 1, 0});
        else
          m.quad({c - half, y, a}, {c + half, y, a}, {c + half, y, b}, {c - half, y, b}, {0, 1, 0});
      }
    }
  }
  return {"road_markings", {m.take(kMarking)}};
}

// The building's row in the feature table, with its properties (the key is its node name).
uint32_t describe(scene::FeatureTable& table, const std::string& name, const Building& b, Rng& rng) {
  const uint32_t row = table.add(name);
  int year = b.type == "house" ? rng.range(1950, 2012)
             : b.type == "tower" || b.type == "podium_tower" ? rng.range(1990, 2024)
                                                             : rng.range(1965, 2020);
  table.set(row, "usage", "STRING", b.usage);
  table.set(row, "type", "STRING", b.type);
  table.set(row, "year_built", "INT32", int64_t(year));
  table.set(row, "floors", "INT32", int64_t(b.floors));
  table.set(row, "floor_area", "FLOAT64", std::round(double(b.floorArea) * 10.0) / 10.0);
  table.set(row, "base_elevation", "FLOAT64", std::round(double(b.origin.y) * 1000.0) / 1000.0);
  table.set(row, "height", "FLOAT64", std::round(double(b.height) * 100.0) / 100.0);
  return row;
}

// Buildings merged into one mesh: one primitive per material, vertices moved to the district frame.
class Merger {
 public:
  void add(const scene::Mesh& mesh, const glm::vec3& origin) {
    for (const scene::Primitive& p : mesh.primitives) {
      scene::Primitive& dst = mByMaterial[p.material];
      auto base = static_cast<uint32_t>(dst.vertices.size());
      for (scene::Vertex v : p.vertices) {
        v.position += origin;
        dst.vertices.push_back(v);
        dst.bounds.extend(glm::dvec3(v.position));
      }
      for (uint32_t i : p.indices) dst.indices.push_back(base + i);
      dst.material = p.material;
    }
  }
  scene::Mesh take(const std::string& name) {
    scene::Mesh m{name, {}};
    for (auto& [material, prim] : mByMaterial) m.primitives.push_back(std::move(prim));
    mByMaterial.clear();
    return m;
  }

 private:
  std::map<int, scene::Primitive> mByMaterial;
};

scene::Mesh treeMesh(bool conifer) {
  // Low-poly (tens of thousands of trees): six-sided, no caps where nothing shows (trunk ends, between layers).
  MeshBuilder trunk, crown;
  trunk.prism({0, 0, 0}, 2.6f, 0.28f, 0.2f, 5, false, false);
  if (conifer) {
    crown.prism({0, 1.8f, 0}, 4.0f, 2.4f, 1.0f, 6, true, false);
    crown.prism({0, 5.8f, 0}, 4.2f, 1.7f, 0.0f, 6);
  } else {
    crown.prism({0, 2.2f, 0}, 2.0f, 1.6f, 3.0f, 6, true, false);
    crown.prism({0, 4.2f, 0}, 1.6f, 3.0f, 2.6f, 6, false, false);
    crown.prism({0, 5.8f, 0}, 2.2f, 2.6f, 0.0f, 6);
  }
  return {conifer ? "tree_conifer" : "tree_broadleaf",
          {trunk.take(kTrunk), crown.take(conifer ? kFoliage : kFoliageLight)}};
}

scene::Mesh lampMesh() {
  // Few triangles (a city has tens of thousands of lamps): a square pole and a head on an arm.
  MeshBuilder pole, head;
  pole.box({-0.09f, 0.0f, -0.09f}, {0.09f, 8.0f, 0.09f});
  head.box({-0.2f, 7.5f, 0.09f}, {0.2f, 7.7f, 1.9f}, true);  // reaches over the road (+Z, turned per lamp)
  return {"street_lamp", {pole.take(kLampPole), head.take(kLampHead)}};
}

// Lamps along every block edge, on the sidewalk near the kerb, arms over the road, about every 30 m.
void addLamps(const CityParams& params, const Layout& layout, Rng& rng, City& city) {
  scene::Scene& s = city.scene;
  const int mesh = addMesh(s, lampMesh());
  const double spacing = 30.0, fromKerb = 0.8;
  for (const Block& block : layout.blocks) {
    if (block.removed) continue;
    const Rect& r = block.area;
    // Each edge: start, direction along it, outward normal (towards the road) in the x/z plane.
    const struct {
      glm::dvec2 start, along, out;
      double length;
    } edges[4] = {{{r.x0, r.z0}, {1, 0}, {0, -1}, r.width()},
                  {{r.x1, r.z0}, {0, 1}, {1, 0}, r.depth()},
                  {{r.x1, r.z1}, {-1, 0}, {0, 1}, r.width()},
                  {{r.x0, r.z1}, {0, -1}, {-1, 0}, r.depth()}};
    for (const auto& e : edges) {
      int n = std::max(1, static_cast<int>(e.length / spacing));
      double step = e.length / n;
      for (int k = 0; k < n; ++k) {
        glm::dvec2 p = e.start + e.along * (step * (k + 0.5)) - e.out * fromKerb;
        Lamp lamp;
        lamp.id = numbered("lamp", city.lamps.size() + 1);
        lamp.position = {p.x, block.top, p.y};
        const geo::Geodetic where = geo::localToGeodetic({params.originLat, params.originLon, 0.0}, lamp.position);
        lamp.lat = where.lat;
        lamp.lon = where.lon;
        const bool led = rng.chance(0.7);
        lamp.type = led ? "LED" : "sodium";
        lamp.wattage = led ? (block.centrality > 0.4f ? 120.0 : 80.0) : 150.0;
        // Turn the arm (+Z in the mesh) towards the road.
        const double angle = std::atan2(e.out.x, e.out.y);
        glm::dmat4 m = glm::translate(glm::dmat4(1.0), lamp.position);
        m = glm::rotate(m, angle, glm::dvec3(0, 1, 0));
        addNode(s, lamp.id, mesh, m);
        city.lamps.push_back(std::move(lamp));
      }
    }
  }
}

// The height grid written as terrain.asc is the ground as built: where a block's slab stands, its top (the
// buildings' base), so that water rises over a block only once it is above the slab, as it is drawn. (The
// meshes were made from the natural terrain before this.)
void raiseGridToSlabs(const Layout& layout, TerrainGrid& grid) {
  for (const Block& block : layout.blocks) {
    if (block.removed) continue;
    const Rect& r = block.area;
    const int c0 = std::max(0, int(std::ceil((r.x0 - grid.x0) / grid.cell)));
    const int c1 = std::min(grid.cols - 1, int(std::floor((r.x1 - grid.x0) / grid.cell)));
    const int r0 = std::max(0, int(std::ceil((r.z0 - grid.z0) / grid.cell)));
    const int r1 = std::min(grid.rows - 1, int(std::floor((r.z1 - grid.z0) / grid.cell)));
    for (int row = r0; row <= r1; ++row)
      for (int col = c0; col <= c1; ++col) {
        float& h = grid.heights[size_t(row) * grid.cols + col];
        h = std::max(h, block.top);
      }
  }
}

// Two bands along the river: "high" risk over the valley floor (and 12 m beyond), "medium" over the banks, the
// first cut out of the second as a hole. Points every 25 m across the district.
void addFloodZones(const CityParams& params, const Layout& layout, const Terrain& terrain, City& city) {
  const geo::Geodetic origin{params.originLat, params.originLon, 0.0};
  auto band = [&](double halfWidth) {
    std::vector<glm::dvec2> ring;
    const double x0 = layout.extent.x0 - 20.0, x1 = layout.extent.x1 + 20.0;
    const int steps = std::max(2, int((x1 - x0) / 25.0));
    for (int i = 0; i <= steps; ++i) {
      const double x = x0 + (x1 - x0) * i / steps;
      const geo::Geodetic g = geo::localToGeodetic(origin, {x, 0.0, terrain.riverZ(x) - halfWidth});
      ring.push_back({g.lon, g.lat});
    }
    for (int i = steps; i >= 0; --i) {
      const double x = x0 + (x1 - x0) * i / steps;
      const geo::Geodetic g = geo::localToGeodetic(origin, {x, 0.0, terrain.riverZ(x) + halfWidth});
      ring.push_back({g.lon, g.lat});
    }
    return ring;
  };
  const auto high = band(Terrain::kFloor + 12.0), medium = band(Terrain::kCorridor + 15.0);
  city.zones.push_back({"zone_high", "high", {high}});
  city.zones.push_back({"zone_medium", "medium", {medium, high}});
}

// One attempt with a grid sized for `buildings * spare`; fails (false) when the lots run out first.
bool tryCity(const CityParams& params, float spare, City& city) {
  city = {};
  scene::Scene& s = city.scene;
  addCityMaterials(s);
  Rng rng(params.seed);
  Rng layoutRng = rng.fork(1), buildingRng = rng.fork(2), treeRng = rng.fork(3), yearRng = rng.fork(4),
      lampRng = rng.fork(5);
  Layout layout = makeLayout(std::max(params.buildings, 1), spare, layoutRng);
  Rng terrainRng = rng.fork(6), lotRng = rng.fork(7);
  const Terrain terrain(layout.extent, terrainRng);

  levelBlocks(layout, terrain);
  // Count the lots first (cheap): a grid that is too small fails here, before any geometry is made.
  {
    Rng countRng = lotRng;
    int lots = 0;
    for (const Block& block : layout.blocks) {
      if (lots >= params.buildings) break;
      if (!block.removed && !block.park) lots += static_cast<int>(cutLots(block.area.inset(kSidewalkWidth), countRng).size());
    }
    if (lots < params.buildings) return false;
  }
  std::vector<uint8_t> taken;
  addNode(s, "ground", addMesh(s, groundMesh(layout, terrain, city.terrain, taken)), glm::dmat4(1.0));
  addNode(s, "river", addMesh(s, waterMesh(layout, terrain)), glm::dmat4(1.0));
  addNode(s, "road_markings", addMesh(s, markingsMesh(layout, terrain, city.terrain, taken)), glm::dmat4(1.0));

  // Blocks: a kerbed slab each; parks (and blocks the buildings do not reach) get grass and trees.
  MeshBuilder slabs, grass;
  Merger merged;
  struct TreeArea {
    Rect area;
    float ground;  // < -1e8: follow the terrain
  };
  std::vector<TreeArea> treeAreas;
  int placed = 0;
  for (Block& block : layout.blocks) {
    if (block.removed) continue;
    const Rect& r = block.area;
    slabs.box({r.x0, block.bottom, r.z0}, {r.x1, block.top, r.z1});
    Rect inner = block.area.inset(kSidewalkWidth);
    bool green = block.park || placed >= params.buildings;
    if (green) {
      const float y = block.top + 0.01f;
      grass.quad({inner.x0, y, inner.z0}, {inner.x1, y, inner.z0}, {inner.x1, y, inner.z1}, {inner.x0, y, inner.z1},
                 {0, 1, 0});
      treeAreas.push_back({inner.inset(3.0f), block.top});
      continue;
    }
    for (const Rect& lot : cutLots(inner, lotRng)) {
      if (placed >= params.buildings) {  // the last block's spare lots become gardens
        const float y = block.top + 0.01f;
        grass.quad({lot.x0, y, lot.z0}, {lot.x1, y, lot.z0}, {lot.x1, y, lot.z1}, {lot.x0, y, lot.z1}, {0, 1, 0});
        treeAreas.push_back({lot.inset(3.0f), block.top});
        continue;
      }
      Building b = makeBuilding(lot, block.top, block.centrality, buildingRng);
      const std::string name = numbered("bldg", placed + 1);
      const uint32_t row = describe(s.features, name, b, yearRng);
      for (scene::Primitive& prim : b.mesh.primitives)
        for (scene::Vertex& v : prim.vertices) v.feature = row + 1;
      if (params.merge) {
        merged.add(b.mesh, b.origin);
      } else {
        int mesh = addMesh(s, std::move(b.mesh));
        s.meshes[mesh].name = name;
        addNode(s, name, mesh, glm::translate(glm::dmat4(1.0), glm::dvec3(b.origin)));
      }
      ++placed;
    }
  }
  if (placed < params.buildings) return false;
  if (params.merge) addNode(s, "buildings", addMesh(s, merged.take("buildings")), glm::dmat4(1.0));
  addNode(s, "blocks", addMesh(s, {"blocks", {slabs.take(kSidewalk), grass.take(kGrass)}}), glm::dmat4(1.0));

  const int trees[2] = {addMesh(s, treeMesh(false)), addMesh(s, treeMesh(true))};
  size_t treeCount = 0;
  // Riverside trees on the banks, following the terrain.
  treeAreas.push_back({layout.extent.inset(-40.0f), -1e9f});
  for (const TreeArea& t : treeAreas) {
    const Rect& area = t.area;
    const bool banks = t.ground < -1e8f;
    const float spacing = banks ? 17.0f : 13.0f;
    for (float x = area.x0; x <= area.x1; x += spacing)
      for (float z = area.z0; z <= area.z1; z += spacing) {
        if (banks) {  // only on the banks between the water and the corridor's edge
          double d = terrain.riverDistance(x, z);
          if (d < Terrain::kFloor + 8.0 || d > Terrain::kCorridor - 4.0) continue;
        }
        if (treeRng.chance(0.25)) continue;  // clearings
        double jx = treeRng.uniform(-3.5, 3.5), jz = treeRng.uniform(-3.5, 3.5);
        double px = std::clamp(x + jx, double(area.x0), double(area.x1));
        double pz = std::clamp(z + jz, double(area.z0), double(area.z1));
        double py = banks ? terrain.height(px, pz) - 0.2 : t.ground;
        glm::dmat4 m = glm::translate(glm::dmat4(1.0), glm::dvec3(px, py, pz));
        m = glm::rotate(m, treeRng.uniform(0.0, 6.283), glm::dvec3(0, 1, 0));
        m = glm::scale(m, glm::dvec3(treeRng.uniform(0.75, 1.3)));
        addNode(s, numbered("tree", ++treeCount), trees[treeRng.chance(0.3) ? 1 : 0], m);
      }
  }
  addLamps(params, layout, lampRng, city);
  addFloodZones(params, layout, terrain, city);
  raiseGridToSlabs(layout, city.terrain);
  s.computeBounds();
  return true;
}

}  // namespace

City generateCityWithLamps(const CityParams& params) {
  City city;
  // The smallest grid that holds the buildings: few blocks are left over to become parks at the edge.
  for (float spare = 0.85f; !tryCity(params, spare, city); spare *= 1.04f) {
  }
  return city;
}

scene::Scene generateCity(const CityParams& params) { return generateCityWithLamps(params).scene; }

std::string zonesGeoJson(const std::vector<FloodZone>& zones) {
  std::string out = "{\"type\": \"FeatureCollection\", \"features\": [";
  char buf[96];
  for (size_t i = 0; i < zones.size(); ++i) {
    const FloodZone& z = zones[i];
    out += i ? ",\n" : "\n";
    out += "  {\"type\": \"Feature\", \"properties\": {\"id\": \"" + z.id + "\", \"risk\": \"" + z.risk +
           "\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [";
    for (size_t r = 0; r < z.rings.size(); ++r) {
      out += r ? ", [" : "[";
      const auto& ring = z.rings[r];
      for (size_t k = 0; k <= ring.size(); ++k) {  // closed: the first point again at the end
        const glm::dvec2& p = ring[k % ring.size()];
        std::snprintf(buf, sizeof buf, "%s[%.8f, %.8f]", k ? ", " : "", p.x, p.y);
        out += buf;
      }
      out += "]";
    }
    out += "]}}";
  }
  return out + "\n]}\n";
}

std::string lampsGeoJson(const std::vector<Lamp>& lamps) {
  std::string out = "{\"type\": \"FeatureCollection\", \"features\": [";
  char buf[256];
  for (size_t i = 0; i < lamps.size(); ++i) {
    const Lamp& l = lamps[i];
    std::snprintf(buf, sizeof buf,
                  "%s\n  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [%.8f, %.8f, %.2f]}, "
                  "\"properties\": {\"id\": \"%s\", \"wattage\": %.0f, \"type\": \"%s\"}}",
                  i ? "," : "", l.lon, l.lat, l.position.y, l.id.c_str(), l.wattage, l.type.c_str());
    out += buf;
  }
  return out + "\n]}\n";
}

}  // namespace ct::citygen
