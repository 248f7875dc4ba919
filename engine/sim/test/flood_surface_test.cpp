// The water surface mesh: covers exactly the wet cells (area and point coverage checked here), at the level, facing
// up, coloured by depth; the flood_water material.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "sim/flood.h"

namespace ct::sim {
namespace {

geo::Raster randomTerrain(int cols, int rows, double cell, unsigned seed) {
  geo::Raster r;
  r.cols = cols;
  r.rows = rows;
  r.gt[0] = 20.0, r.gt[1] = cell, r.gt[3] = 80.0, r.gt[5] = -cell;
  std::mt19937 rng(seed);
  for (int i = 0; i < cols * rows; ++i) r.values.push_back(float(rng() % 8));
  return r;
}

double triArea(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c) {
  return 0.5 * std::abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
}

// How many triangles of the mesh contain p (x, -z), strictly inside (p is never on an edge here).
int cover(const scene::Primitive& p, glm::dvec2 q) {
  int n = 0;
  for (size_t k = 0; k + 2 < p.indices.size(); k += 3) {
    glm::dvec2 v[3];
    for (int i = 0; i < 3; ++i) v[i] = {p.vertices[p.indices[k + i]].position.x, -p.vertices[p.indices[k + i]].position.z};
    double a = triArea(v[0], v[1], v[2]);
    double s = triArea(q, v[0], v[1]) + triArea(q, v[1], v[2]) + triArea(q, v[2], v[0]);
    if (std::abs(s - a) < 1e-9 * std::max(1.0, a)) ++n;
  }
  return n;
}

TEST(FloodSurface, CoversExactlyTheWetCells) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    geo::Raster t = randomTerrain(14, 11, 2.0, seed);
    t.values[t.index(3, 3)] = t.values[t.index(10, 7)] = 0.0f;  // the seeds are low ground
    auto e = floodFromLevel(t, 4.5, {Seed::cell(3, 3), Seed::cell(10, 7)});
    ASSERT_GT(e->wetCells, 0u);
    scene::Mesh m = waterSurface(e.value(), t);
    ASSERT_EQ(m.primitives.size(), 1u);
    const scene::Primitive& p = m.primitives[0];
    double area = 0.0;
    for (size_t k = 0; k + 2 < p.indices.size(); k += 3) {
      glm::dvec3 a = p.vertices[p.indices[k]].position, b = p.vertices[p.indices[k + 1]].position,
                 c = p.vertices[p.indices[k + 2]].position;
      area += triArea({a.x, a.z}, {b.x, b.z}, {c.x, c.z});
      EXPECT_GT(glm::cross(b - a, c - a).y, 0.0);  // counter-clockwise seen from above: faces up
    }
    EXPECT_NEAR(area, double(e->wetCells) * 4.0, 1e-6);
    for (const scene::Vertex& v : p.vertices) {
      EXPECT_FLOAT_EQ(v.position.y, 4.5f);
      EXPECT_EQ(v.normal, glm::vec3(0, 1, 0));
    }
    // Each wet cell's quarter points are covered once or twice (a diagonal of a quad); dry cells' not at all.
    for (int r = 0; r < t.rows; ++r)
      for (int c = 0; c < t.cols; ++c) {
        glm::dvec2 centre = t.cellCenter(c, r);
        int n = cover(p, centre + glm::dvec2(0.3, 0.7));
        if (e->wet(c, r))
          EXPECT_EQ(n, 1) << c << "," << r;
        else
          EXPECT_EQ(n, 0) << c << "," << r;
      }
    EXPECT_LT(p.indices.size() / 6, e->wetCells);  // runs merged
  }
}

TEST(FloodSurface, FlatPoolIsOneQuadPerRowAndColoursByDepth) {
  geo::Raster t;
  t.cols = 5, t.rows = 3;
  t.values = {9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9};
  auto e = floodFromLevel(t, 1.0, {Seed::cell(0, 1)});
  WaterSurfaceOptions o;
  o.deepDepth = 1.0;
  scene::Mesh m = waterSurface(e.value(), t, {}, o);
  EXPECT_EQ(m.primitives[0].indices.size(), 6u);
  EXPECT_EQ(glm::vec3(m.primitives[0].vertices[0].color), o.deepColor);  // depth 1 = deepDepth
  auto shallow = floodFromLevel(t, 0.01, {Seed::cell(0, 1)});
  scene::Mesh s = waterSurface(shallow.value(), t, {}, o);
  glm::vec3 col = s.primitives[0].vertices[0].color;
  EXPECT_NEAR(col.r, o.shallowColor.r, 0.02f);
  EXPECT_NEAR(col.b, o.shallowColor.b, 0.02f);
}

TEST(FloodSurface, FromDepthThroughAMapping) {
  geo::Raster d;
  d.cols = 3, d.rows = 2;
  d.values = {0.5f, geo::Raster::kNoData, 2.0f, -1.0f, 0.0f, 1.0f};  // three wet cells
  // Rotate by 30 degrees and scale by 3: each 1 m2 cell becomes a 9 m2 rhombus-free square.
  const double a = 0.5235987755982988;
  RasterToLocal map = [&](glm::dvec2 xy, double h) {
    return glm::dvec3(3.0 * (xy.x * std::cos(a) - xy.y * std::sin(a)), h + 10.0, -3.0 * (xy.x * std::sin(a) + xy.y * std::cos(a)));
  };
  scene::Mesh m = waterSurfaceFromDepth(d, map);
  const auto& p = m.primitives[0];
  EXPECT_EQ(p.indices.size(), 18u);
  double area = 0.0;
  for (size_t k = 0; k < p.indices.size(); k += 3) {
    glm::dvec3 x = p.vertices[p.indices[k]].position, y = p.vertices[p.indices[k + 1]].position,
               z = p.vertices[p.indices[k + 2]].position;
    area += triArea({x.x, x.z}, {y.x, y.z}, {z.x, z.z});
    EXPECT_GT(glm::cross(y - x, z - x).y, 0.0);
  }
  EXPECT_NEAR(area, 27.0, 1e-4);
  std::set<float> heights;
  for (const auto& v : p.vertices) heights.insert(v.position.y);
  EXPECT_EQ(heights, (std::set<float>{10.5f, 12.0f, 11.0f}));  // depth over a zero base, +10 from the mapping
}

TEST(FloodSurface, MaterialAndScene) {
  scene::Material m = floodWaterMaterial();
  EXPECT_EQ(m.name, "flood_water");
  EXPECT_EQ(m.metallicFactor, 0.0f);
  EXPECT_FLOAT_EQ(m.roughnessFactor, 0.05f);
  EXPECT_EQ(m.alphaMode, scene::AlphaMode::Blend);
  EXPECT_NEAR(m.baseColorFactor.a, 0.85f, 1e-6);
  scene::Scene s;
  scene::Mesh mesh;
  mesh.primitives.emplace_back();
  int a = addFloodWater(s, mesh), b = addFloodWater(s, mesh);
  EXPECT_EQ(s.materials.size(), 1u);  // reused
  EXPECT_EQ(s.meshes[size_t(b)].primitives[0].material, 0);
  EXPECT_EQ(s.instances.size(), 2u);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace ct::sim
