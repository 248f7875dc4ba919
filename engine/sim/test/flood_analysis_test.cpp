// Flood analysis against hand-computed depths and classes, and the level rule against the rendered water mesh
// (sampled separately here).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include <nlohmann/json.hpp>

#include "sim/flood.h"

namespace ct::sim {
namespace {

const float N = geo::Raster::kNoData;

geo::Raster grid(int cols, int rows, std::vector<float> values, double cell = 1.0, glm::dvec2 origin = {0.0, 0.0}) {
  geo::Raster r;
  r.cols = cols;
  r.rows = rows;
  r.gt[0] = origin.x, r.gt[1] = cell, r.gt[2] = 0.0, r.gt[3] = origin.y + rows * cell, r.gt[4] = 0.0, r.gt[5] = -cell;
  r.values = std::move(values);
  return r;
}

geo::Polygon rect(double x0, double y0, double x1, double y1) {
  return {{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}};
}

BuildingFootprint fp(std::string key, geo::Polygon p) { return {std::move(key), -1, std::move(p), 0.0}; }

// 5 x 5 depths, 1 m cells, top-left (0, 5): cell (c, r) has its centre at (c + 0.5, 4.5 - r).
geo::Raster depths() {
  return grid(5, 5, {0.1f, 0.5f, N, -1, 0,        //
                     0.05f, 3.0f, 0.2f, 0, 0,     //
                     1.0f, 0.3f, 0.6f, 0, 0,      //
                     2.0f, 0, 0, 0, 2.5f,         //
                     0, 0, 0, 0, 0.1f});
}

TEST(FloodAnalysis, RasterRuleByHand) {
  geo::Polygon holed = rect(1, 2, 3, 5);
  holed.rings.push_back(rect(1.2, 3.2, 1.8, 3.8).rings[0]);  // around the 3 m cell's centre (1.5, 3.5)
  std::vector<BuildingFootprint> f{
      fp("i", rect(1.2, 2.2, 1.8, 2.8)),                        // cell (1, 2): 0.3 -> (0.1, 0.5]
      fp("a", rect(0, 3, 2, 5)),                                // centres of 0.1, 0.5, 0.05, 3.0 -> 3.0 -> > 2
      fp("b", holed),                                           // 0.5, nodata, 0.2, 0.3, 0.6 (3.0 in the hole)
      fp("c", {{{{0.1, 2.1}, {0.3, 2.1}, {0.1, 2.3}}}}),        // no centre inside; centroid in cell (0, 2): 1.0
      fp("d", rect(0.4, 4.4, 0.6, 4.6)),                        // 0.1 exactly -> (0, 0.1]
      fp("e", rect(2, 4, 4, 5)),                                // nodata and -1 only: dry
      fp("f", rect(4, 0, 5, 2)),                                // 2.5 and 0.1 -> 2.5
      fp("g", rect(0.3, 1.3, 0.7, 1.7)),                        // 2.0 exactly -> (1, 2]
      fp("h", rect(10, 10, 11, 11)),                            // off the grid
  };
  auto r = analyzeRaster(f, depths());
  ASSERT_TRUE(r.ok()) << r.firstError();
  std::vector<double> want{0.3, 3.0, 0.6, 1.0, 0.1, 0.0, 2.5, 2.0, 0.0};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(r->depths[i], want[i], 1e-6) << f[i].key;
  EXPECT_EQ(r->buildings, 9u);
  EXPECT_EQ(r->inWater, 7u);
  EXPECT_EQ(r->byDepthClass, (std::vector<size_t>{1, 1, 2, 1, 2}));
  EXPECT_EQ(r->keys, (std::vector<std::string>{"a", "b", "c", "d", "f", "g", "i"}));
  EXPECT_DOUBLE_EQ(r->floodedAreaM2, 11.0);  // cells holding more than 0
  // Without the hole, b takes the 3 m cell.
  f[2].polygon.rings.pop_back();
  EXPECT_NEAR(analyzeRaster(f, depths())->depths[2], 3.0, 1e-6);
}

TEST(FloodAnalysis, ClassBoundsAndBadClasses) {
  std::vector<double> c{0.1, 0.5, 1, 2};
  EXPECT_EQ(depthClass(0.1, c), 0u);
  EXPECT_EQ(depthClass(0.1000001, c), 1u);
  EXPECT_EQ(depthClass(0.5, c), 1u);
  EXPECT_EQ(depthClass(2.0, c), 3u);
  EXPECT_EQ(depthClass(2.01, c), 4u);
  std::vector<BuildingFootprint> none;
  EXPECT_FALSE(analyzeRaster(none, depths(), {0.5, 0.5}).ok());
  EXPECT_FALSE(analyzeRaster(none, depths(), {1.0, 0.5}).ok());
  EXPECT_FALSE(analyzeRaster(none, depths(), {0.0, 0.5}).ok());
  EXPECT_FALSE(analyzeRaster(none, depths(), {-1.0}).ok());
  EXPECT_FALSE(analyzeRaster(none, depths(), {std::nan("")}).ok());
  geo::Raster bad = depths();
  bad.values.resize(3);
  EXPECT_FALSE(analyzeRaster(none, bad).ok());
  EXPECT_TRUE(analyzeRaster(none, depths(), {0.2}).ok());
}

// Terrain 4 x 3, top-left (0, 3): the left pool (1, 2, 3, 1.5) floods from (0, 1); the 0 m cells on the right
// sit behind a 5 m wall. Cell (c, r) is the square x c..c+1, y 2-r..3-r.
geo::Raster pools() {
  return grid(4, 3, {5, 5, 5, 5,  //
                     1, 2, 5, 0,  //
                     3, 1.5f, 5, 0});
}

TEST(FloodAnalysis, LevelRuleByHand) {
  geo::Raster t = pools();
  auto e = floodFromLevel(t, 4.0, {Seed::cell(0, 1)});
  ASSERT_EQ(e->wetCells, 4u);
  std::vector<BuildingFootprint> f{
      fp("p", rect(1.5, 1.2, 2.5, 1.8)),  // over (1, 1) at 2 m and the wall: depth 2
      fp("q", rect(2, 0, 3, 2)),          // on the wall, touching the pool along x = 2 only: dry
      fp("r", rect(0.5, 0.5, 1.5, 1.5)),  // over all four wet cells: lowest 1 m -> depth 3
      fp("s", rect(3.2, 0.2, 3.8, 1.8)),  // over ground below the level that is not connected: dry
      fp("t", rect(2, 2, 2.5, 2.5)),      // touches (1, 1) at its corner (2, 2) only: dry
      fp("u", rect(-1, 1.2, 0, 1.8)),     // off the grid, touching (0, 1) along x = 0 only: dry
  };
  auto r = analyzeLevel(f, t, e.value(), 4.0);
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_EQ(r->depths, (std::vector<double>{2.0, 0.0, 3.0, 0.0, 0.0, 0.0}));
  EXPECT_EQ(r->keys, (std::vector<std::string>{"p", "r"}));
  EXPECT_EQ(r->byDepthClass, (std::vector<size_t>{0, 0, 0, 1, 1}));
  EXPECT_DOUBLE_EQ(r->floodedAreaM2, 4.0);
  EXPECT_FALSE(analyzeLevel(f, grid(2, 2, {0, 0, 0, 0}), e.value(), 4.0).ok());  // another grid
}

TEST(FloodAnalysis, LevelRuleHoleOverTheOnlyWetCell) {
  geo::Raster t = grid(3, 3, {9, 9, 9, 9, 0, 9, 9, 9, 9});  // only (1, 1), the square x 1..2, y 1..2, is low
  auto e = floodFromLevel(t, 1.0, {Seed::cell(1, 1)});
  geo::Polygon big = rect(0.5, 0.5, 2.5, 2.5), small = big;
  big.rings.push_back(rect(0.9, 0.9, 2.1, 2.1).rings[0]);    // the wet square lies in the hole
  small.rings.push_back(rect(1.2, 1.2, 1.8, 1.8).rings[0]);  // the ring around this hole still overlaps it
  auto r = analyzeLevel({fp("big", big), fp("small", small)}, t, e.value(), 1.0);
  EXPECT_EQ(r->depths, (std::vector<double>{0.0, 1.0}));
}

// Oracle for "the buildings listed are those the rendered water touches": sample each footprint (axis-aligned,
// on a 0.5 m lattice, so any overlap with the 2 m cell squares is a multiple of 0.5 m wide) at the centres of its
// 0.25 m sub-squares, and look for a sample inside a triangle of the water mesh.
bool meshTouches(const scene::Mesh& m, double x0, double y0, double x1, double y1) {
  const auto& p = m.primitives[0];
  for (size_t k = 0; k + 2 < p.indices.size(); k += 3) {
    glm::dvec2 a(p.vertices[p.indices[k]].position.x, -p.vertices[p.indices[k]].position.z);
    glm::dvec2 b(p.vertices[p.indices[k + 1]].position.x, -p.vertices[p.indices[k + 1]].position.z);
    glm::dvec2 c(p.vertices[p.indices[k + 2]].position.x, -p.vertices[p.indices[k + 2]].position.z);
    if (std::max({a.x, b.x, c.x}) <= x0 || std::min({a.x, b.x, c.x}) >= x1 || std::max({a.y, b.y, c.y}) <= y0 ||
        std::min({a.y, b.y, c.y}) >= y1)
      continue;
    for (double x = x0 + 0.125; x < x1; x += 0.25)
      for (double y = y0 + 0.125; y < y1; y += 0.25) {
        auto side = [&](glm::dvec2 u, glm::dvec2 v) { return (v.x - u.x) * (y - u.y) - (v.y - u.y) * (x - u.x); };
        double s0 = side(a, b), s1 = side(b, c), s2 = side(c, a);
        if ((s0 >= 0 && s1 >= 0 && s2 >= 0) || (s0 <= 0 && s1 <= 0 && s2 <= 0)) return true;
      }
  }
  return false;
}

TEST(FloodAnalysis, LevelListsExactlyTheBuildingsTheWaterMeshTouches) {
  std::mt19937 rng(11);
  int listed = 0, dry = 0;
  for (int trial = 0; trial < 12; ++trial) {
    const int n = 16;
    std::vector<float> v(size_t(n * n));
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c)
        v[size_t(r * n + c)] = float(0.3 * std::abs(c - 8) + std::uniform_real_distribution<double>(0, 3)(rng));
    geo::Raster t = grid(n, n, v, 2.0, {101.0, 57.0});  // cell edges at odd x, odd y
    double level = std::uniform_real_distribution<double>(1.0, 4.0)(rng);
    auto e = floodFromLevel(t, level, {Seed::cell(8, 3), Seed::cell(8, 12)});
    scene::Mesh mesh = waterSurface(e.value(), t);
    std::vector<BuildingFootprint> f;
    std::vector<glm::dvec4> boxes;
    for (int i = 0; i < 60; ++i) {
      auto at = [&](int lo, int hi) { return 0.5 * double(lo + int(rng() % unsigned(hi - lo))); };
      double x0 = at(2 * 99, 2 * 135), y0 = at(2 * 55, 2 * 91);
      double x1 = x0 + at(1, 12), y1 = y0 + at(1, 12);
      f.push_back(fp(std::string("b").append(std::to_string(i)), rect(x0, y0, x1, y1)));
      boxes.push_back({x0, y0, x1, y1});
    }
    auto r = analyzeLevel(f, t, e.value(), level);
    ASSERT_TRUE(r.ok());
    for (size_t i = 0; i < f.size(); ++i) {
      bool touches = meshTouches(mesh, boxes[i].x, boxes[i].y, boxes[i].z, boxes[i].w);
      EXPECT_EQ(r->depths[i] > 0.0, touches) << "trial " << trial << " " << f[i].key;
      (touches ? listed : dry)++;
    }
  }
  EXPECT_GT(listed, 50);  // both outcomes are well represented
  EXPECT_GT(dry, 50);
}

TEST(FloodAnalysis, JsonNames) {
  FloodReport r;
  r.buildings = 3;
  r.inWater = 2;
  r.classes = {0.1, 0.5};
  r.byDepthClass = {1, 0, 1};
  r.floodedAreaM2 = 12.5;
  r.keys = {"a", "b"};
  auto j = nlohmann::json::parse(toJson(r));
  EXPECT_EQ(j.size(), 6u);
  EXPECT_EQ(j["buildings"], 3);
  EXPECT_EQ(j["in_water"], 2);
  EXPECT_EQ(j["depth_classes_m"], nlohmann::json::parse("[0.1, 0.5]"));
  EXPECT_EQ(j["by_depth_class"], nlohmann::json::parse("[1, 0, 1]"));
  EXPECT_EQ(j["flooded_area_m2"], 12.5);
  EXPECT_EQ(j["keys"], nlohmann::json::parse(R"(["a", "b"])"));
}

}  // namespace
}  // namespace ct::sim
