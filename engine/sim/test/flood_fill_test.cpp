// Bathtub fill against hand-made terrains and a brute-force relaxation oracle written separately here.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include <glm/gtc/matrix_transform.hpp>

#include "sim/flood.h"

namespace ct::sim {
namespace {

const float N = geo::Raster::kNoData;

// Rows listed top (north) first; 1 m cells, top-left corner at (0, rows).
geo::Raster grid(int cols, int rows, std::vector<float> values) {
  geo::Raster r;
  r.cols = cols;
  r.rows = rows;
  r.gt[0] = 0.0, r.gt[1] = 1.0, r.gt[2] = 0.0, r.gt[3] = rows, r.gt[4] = 0.0, r.gt[5] = -1.0;
  r.values = std::move(values);
  return r;
}

// Oracle: start from the seed cells below the level, then sweep the whole grid, wetting every cell below the level
// with a wet 4-neighbour, until a sweep changes nothing.
std::vector<bool> relaxationOracle(const geo::Raster& t, double level, const std::vector<std::pair<int, int>>& seeds) {
  auto below = [&](int c, int r) { float v = t.values[size_t(r * t.cols + c)]; return !std::isnan(v) && v < level; };
  std::vector<bool> wet(t.values.size(), false);
  for (auto [c, r] : seeds)
    if (below(c, r)) wet[size_t(r * t.cols + c)] = true;
  for (bool changed = true; changed;) {
    changed = false;
    for (int r = 0; r < t.rows; ++r)
      for (int c = 0; c < t.cols; ++c) {
        if (wet[size_t(r * t.cols + c)] || !below(c, r)) continue;
        bool n = (c > 0 && wet[size_t(r * t.cols + c - 1)]) || (c + 1 < t.cols && wet[size_t(r * t.cols + c + 1)]) ||
                 (r > 0 && wet[size_t((r - 1) * t.cols + c)]) || (r + 1 < t.rows && wet[size_t((r + 1) * t.cols + c)]);
        if (n) wet[size_t(r * t.cols + c)] = changed = true;
      }
  }
  return wet;
}

std::string wetMap(const FloodExtent& e) {
  std::string s;
  for (int r = 0; r < e.depth.rows; ++r) {
    for (int c = 0; c < e.depth.cols; ++c) s += e.wet(c, r) ? '#' : '.';
    s += '\n';
  }
  return s;
}

// Two bowls split by a ridge (height 5): the seed is in the left one.
geo::Raster bowlWithRidge() {
  return grid(7, 4, {9, 9, 9, 9, 9, 9, 9,  //
                     9, 1, 2, 5, 0, 1, 9,  //
                     9, 2, 3, 5, 1, 2, 9,  //
                     9, 9, 9, 9, 9, 9, 9});
}

TEST(FloodFill, RidgeKeepsTheFarBowlDry) {
  auto e = floodFromLevel(bowlWithRidge(), 4.0, {Seed::cell(1, 1)});
  ASSERT_TRUE(e.ok()) << e.firstError();
  EXPECT_EQ(wetMap(e.value()), ".......\n.##....\n.##....\n.......\n");
  EXPECT_EQ(e->wetCells, 4u);
  EXPECT_DOUBLE_EQ(e->floodedAreaM2, 4.0);
  EXPECT_FLOAT_EQ(e->depth.at(1, 1), 3.0f);  // 4 - 1
  EXPECT_FLOAT_EQ(e->depth.at(2, 2), 1.0f);  // 4 - 3
  EXPECT_TRUE(std::isnan(e->depth.at(4, 1)));  // 0 m ground, but behind the ridge
  // Over the ridge (level 6 > 5) both bowls fill; the rim (9) holds.
  auto over = floodFromLevel(bowlWithRidge(), 6.0, {Seed::cell(1, 1)});
  EXPECT_EQ(wetMap(over.value()), ".......\n.#####.\n.#####.\n.......\n");
  // Terrain equal to the level is dry (strict <): at level 5 the ridge cells stay dry.
  auto at = floodFromLevel(bowlWithRidge(), 5.0, {Seed::cell(1, 1)});
  EXPECT_EQ(at->wetCells, 4u);
}

TEST(FloodFill, LevelBelowEverySeedFloodsNothing) {
  auto e = floodFromLevel(bowlWithRidge(), 0.5, {Seed::cell(1, 1), Seed::cell(5, 2)});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->wetCells, 0u);
  EXPECT_EQ(e->floodedAreaM2, 0.0);
  ASSERT_EQ(e.warnings().size(), 1u);
  EXPECT_NE(e.warnings()[0].find("nothing floods"), std::string::npos);
  // A dry seed is ignored while a wet one floods: (4, 1) at 0 m is below 0.5, the rest of its bowl is not.
  auto one = floodFromLevel(bowlWithRidge(), 0.5, {Seed::cell(1, 1), Seed::cell(4, 1)});
  EXPECT_EQ(one->wetCells, 1u);
  EXPECT_TRUE(one->wet(4, 1));
}

TEST(FloodFill, NodataIsABarrierAndDiagonalsDoNotConnect) {
  auto t = grid(5, 3, {0, 0, N, 0, 0,  //
                       0, 0, N, 0, 0,  //
                       0, 0, N, 0, 0});
  auto e = floodFromLevel(t, 1.0, {Seed::cell(0, 0)});
  EXPECT_EQ(wetMap(e.value()), "##...\n##...\n##...\n");
  // 4-neighbour: a diagonal gap in a levee does not let water through.
  auto d = grid(3, 3, {0, 5, 9,  //
                       5, 9, 9,  //
                       9, 9, 0});
  auto g = grid(3, 3, {0, 5, 9,  //
                       5, 0, 9,  //
                       9, 9, 9});
  EXPECT_EQ(floodFromLevel(d, 1.0, {Seed::cell(0, 0)})->wetCells, 1u);
  EXPECT_EQ(floodFromLevel(g, 1.0, {Seed::cell(0, 0)})->wetCells, 1u);  // (1, 1) touches (0, 0) only at a corner
}

TEST(FloodFill, SeedPointsUseTheGeotransform) {
  geo::Raster t = bowlWithRidge();
  t.gt[0] = 100.0, t.gt[1] = 2.0, t.gt[3] = 50.0, t.gt[5] = -2.0;  // 2 m cells, top-left at (100, 50)
  // (109, 46.5) lies in column 4, row 1: the right bowl.
  auto e = floodFromLevel(t, 4.0, {Seed::at({109.0, 46.5})});
  EXPECT_EQ(wetMap(e.value()), ".......\n....##.\n....##.\n.......\n");
  EXPECT_DOUBLE_EQ(e->floodedAreaM2, 16.0);  // 4 cells x 4 m2
  auto area = floodFromLevel(t, 4.0, {Seed::at({109.0, 46.5})}, [](int col, int) { return double(col); });
  EXPECT_DOUBLE_EQ(area->floodedAreaM2, 4.0 + 5.0 + 4.0 + 5.0);
  auto out = floodFromLevel(t, 4.0, {Seed::at({10.0, 10.0}), Seed::cell(7, 0), Seed::cell(-1, 2)});
  EXPECT_EQ(out->wetCells, 0u);
  EXPECT_EQ(out.warnings().size(), 3u);
}

TEST(FloodFill, BadInputFails) {
  geo::Raster t = bowlWithRidge();
  t.values.pop_back();
  EXPECT_NE(floodFromLevel(t, 4.0, {}).firstError().find("27 values for 7 x 4"), std::string::npos);
  EXPECT_FALSE(floodFromLevel(geo::Raster{}, 4.0, {}).ok());
  EXPECT_FALSE(floodFromLevel(bowlWithRidge(), std::nan(""), {}).ok());
  EXPECT_FALSE(floodFromLevel(bowlWithRidge(), INFINITY, {}).ok());
}

TEST(FloodFill, AgreesWithRelaxationOnRandomTerrains) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 60; ++trial) {
    int cols = 3 + int(rng() % 30), rows = 3 + int(rng() % 30);
    std::vector<float> v(size_t(cols * rows));
    std::uniform_real_distribution<float> h(0.0f, 10.0f);
    for (float& x : v) x = rng() % 17 == 0 ? N : h(rng);
    geo::Raster t = grid(cols, rows, v);
    std::vector<Seed> seeds;
    std::vector<std::pair<int, int>> cells;
    for (int s = 0; s < 1 + int(rng() % 4); ++s) {
      int c = int(rng() % unsigned(cols)), r = int(rng() % unsigned(rows));
      seeds.push_back(Seed::cell(c, r));
      cells.push_back({c, r});
    }
    double level = std::uniform_real_distribution<double>(0.0, 10.0)(rng);
    auto e = floodFromLevel(t, level, seeds);
    ASSERT_TRUE(e.ok());
    std::vector<bool> expected = relaxationOracle(t, level, cells);
    size_t count = 0;
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        bool w = expected[size_t(r * cols + c)];
        count += w;
        ASSERT_EQ(e->wet(c, r), w) << "trial " << trial << " cell " << c << "," << r;
        if (w) {
          ASSERT_FLOAT_EQ(e->depth.at(c, r), float(level - double(v[size_t(r * cols + c)])));
        }
      }
    EXPECT_EQ(e->wetCells, count);
  }
}

// A scene with a water quad (material "water") and a building quad (another material) in the local frame.
TEST(FloodFill, SeedsFromWaterMeshes) {
  geo::Raster t = grid(6, 6, std::vector<float>(36, 0.0f));  // raster y = local -z; covers x 0..6, z -6..0
  scene::Scene s;
  s.materials.push_back({});
  s.materials[0].name = "water";
  s.materials.push_back({});
  s.materials[1].name = "roof";
  auto quad = [](float x0, float x1, float z0, float z1, int material) {
    scene::Primitive p;
    for (glm::vec3 q : {glm::vec3(x0, 1, z0), glm::vec3(x1, 1, z0), glm::vec3(x1, 1, z1), glm::vec3(x0, 1, z1)}) {
      scene::Vertex v;
      v.position = q;
      p.vertices.push_back(v);
    }
    p.indices = {0, 1, 2, 0, 2, 3};
    p.material = material;
    return p;
  };
  s.meshes.push_back({"river", {quad(0.2f, 2.9f, -0.2f, -1.9f, 0)}});
  s.meshes.push_back({"roof", {quad(0.0f, 6.0f, -6.0f, 0.0f, 1)}});
  s.instances.push_back({0, -1, glm::translate(glm::dmat4(1.0), glm::dvec3(1.0, 0.0, -3.0)), 0});
  s.instances.push_back({1, -1, glm::dmat4(1.0), 0});
  // World quad: x 1.2..3.9, z -3.2..-4.9 -> raster y 3.2..4.9. Cell centres inside: x 1.5, 2.5, 3.5 (cols 1..3)
  // and y 4.5, 3.5 (rows 1, 2; row = 6 - y); the vertex cells are among them. The roof is not water.
  auto seeds = seedsFromWaterMeshes(s, t);
  std::vector<std::pair<int, int>> got;
  for (const Seed& sd : seeds) {
    ASSERT_TRUE(sd.isCell);
    got.push_back({sd.col, sd.row});
  }
  std::vector<std::pair<int, int>> want{{1, 1}, {2, 1}, {3, 1}, {1, 2}, {2, 2}, {3, 2}};
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace ct::sim
