// Lamps as lights: colour temperature against published Planckian chromaticities, on/off and dimming rules,
// photometry by hand, and the illuminance grid against a brute-force sum.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

#include <gtest/gtest.h>

#include "layers/lights_layer.h"

using namespace ct::layers;

namespace {

// Linear sRGB -> CIE xy with the published sRGB-to-XYZ matrix (the inverse of the one the code uses).
glm::dvec2 xyOfLinearSrgb(glm::vec3 c) {
  double X = 0.4124564 * c.r + 0.3575761 * c.g + 0.1804375 * c.b;
  double Y = 0.2126729 * c.r + 0.7151522 * c.g + 0.0721750 * c.b;
  double Z = 0.0193339 * c.r + 0.1191920 * c.g + 0.9503041 * c.b;
  return {X / (X + Y + Z), Y / (X + Y + Z)};
}

}  // namespace

TEST(ColorTemperature, MatchesPublishedPlanckianChromaticities) {
  // CIE 1931 2-degree chromaticities of a black body (Wyszecki & Stiles tables):
  // 2700 K (0.4599, 0.4106), 4000 K (0.3805, 0.3768), 6500 K (0.3135, 0.3236); and CIE illuminant A
  // (0.44757, 0.40745), a black body at 2856 K on the old scale (c2 = 1.435e-2), 2848 K on today's.
  // Kim's cubic is within 7e-4 of these at 2700 K, 3e-4 for illuminant A, 1.5e-4 at 4000 and 6500 K.
  struct Case { double k, x, y, tol; };
  for (Case c : {Case{2700, 0.4599, 0.4106, 7e-4}, Case{4000, 0.3805, 0.3768, 1.5e-4},
                 Case{6500, 0.3135, 0.3236, 1.5e-4}, Case{2848, 0.44757, 0.40745, 3e-4}}) {
    glm::dvec2 xy = planckianXy(c.k);
    EXPECT_NEAR(xy.x, c.x, c.tol) << c.k;
    EXPECT_NEAR(xy.y, c.y, c.tol) << c.k;
    glm::vec3 rgb = colorTemperatureToLinearRgb(c.k);
    EXPECT_FLOAT_EQ(std::max({rgb.r, rgb.g, rgb.b}), 1.0f);
    glm::dvec2 back = xyOfLinearSrgb(rgb);
    EXPECT_NEAR(back.x, xy.x, 1e-5) << c.k;  // the colour carries exactly that chromaticity
    EXPECT_NEAR(back.y, xy.y, 1e-5) << c.k;
    EXPECT_NEAR(back.x, c.x, 1e-3) << c.k;
    EXPECT_NEAR(back.y, c.y, 1e-3) << c.k;
  }
  glm::vec3 warm = colorTemperatureToLinearRgb(2700), cool = colorTemperatureToLinearRgb(6500);
  EXPECT_EQ(warm.r, 1.0f);
  EXPECT_LT(warm.b, 0.5f);           // incandescent-warm: little blue
  EXPECT_GT(cool.b, 0.85f);          // near white
  glm::vec3 sodium = colorTemperatureToLinearRgb(2000);
  EXPECT_LT(sodium.b, warm.b);
  EXPECT_GE(sodium.b, 0.0f);
}

TEST(Lamps, OnAtNightOnlyWhenTheLampIsOn) {
  LightsLayerProps p;
  std::vector<LampInput> lamps(3);
  lamps[0].id = std::string("a");  // (moved: GCC 12 warns falsely on assigning literals, PR 105329)
  lamps[1].id = std::string("b");
  lamps[1].on = false;
  lamps[2].id = std::string("c");
  for (auto& l : lamps) l.lumens = 2000.0 * std::numbers::pi;  // I = flux / 2 pi = 1000 cd
  auto day = evaluateLights(p, lamps, 10.0);
  for (const auto& l : day) {
    EXPECT_FALSE(l.on);
    EXPECT_EQ(l.intensity, 0.0f);
  }
  auto night = evaluateLights(p, lamps, -6.0);
  EXPECT_TRUE(night[0].on);
  EXPECT_FALSE(night[1].on);
  EXPECT_NEAR(night[0].intensity, 1000.0f, 1e-3f);
  // Radius: where 1000 cd falls to the 0.3 lux cutoff, sqrt(1000 / 0.3).
  EXPECT_NEAR(night[0].radius, std::sqrt(1000.0 / 0.3), 1e-3);
  // A table of attributes by lamp id overrides: c off, a dimmed to 40 % at 3000 K.
  MapValueTable attrs;
  attrs.setText("c", "on", "off");
  attrs.setNumber("a", "dimming", 40.0);
  attrs.setNumber("a", "cct", 3000.0);
  auto ruled = evaluateLights(p, lamps, -6.0, &attrs);
  EXPECT_FALSE(ruled[2].on);
  EXPECT_NEAR(ruled[0].intensity, 400.0f, 1e-3f);
  EXPECT_EQ(ruled[0].color, colorTemperatureToLinearRgb(3000.0));
  // Layer dimming multiplies.
  p.dimming = 0.5;
  EXPECT_NEAR(evaluateLights(p, lamps, -6.0, &attrs)[0].intensity, 200.0f, 1e-3f);
  p.dimming = 0.0;
  EXPECT_FALSE(evaluateLights(p, lamps, -6.0)[0].on);
}

TEST(Lamps, DefaultsByType) {
  LightsLayerProps p;
  std::vector<LampInput> lamps(3);
  lamps[0].type = std::string("LED");
  lamps[0].watts = 50.0;
  lamps[1].type = std::string("sodium");
  lamps[1].watts = 100.0;
  lamps[2].type = std::string("LED");  // no watts or lumens: the default 50 W
  auto l = evaluateLights(p, lamps, -10.0);
  EXPECT_NEAR(l[0].intensity, 50.0 * 120.0 / (2.0 * std::numbers::pi), 1e-2);
  EXPECT_NEAR(l[1].intensity, 100.0 * 90.0 / (2.0 * std::numbers::pi), 1e-2);
  EXPECT_FLOAT_EQ(l[2].intensity, l[0].intensity);
  EXPECT_EQ(l[0].color, colorTemperatureToLinearRgb(4000.0));
  EXPECT_EQ(l[1].color, colorTemperatureToLinearRgb(2000.0));
  EXPECT_DOUBLE_EQ(dimmingFraction(0.25), 0.25);
  EXPECT_DOUBLE_EQ(dimmingFraction(60.0), 0.6);
  EXPECT_DOUBLE_EQ(dimmingFraction(250.0), 1.0);
  EXPECT_DOUBLE_EQ(dimmingFraction(-3.0), 0.0);
  EXPECT_DOUBLE_EQ(dimmingFraction(std::nan("")), 1.0);
}

TEST(Illuminance, HandComputedPool) {
  LampLight lamp;
  lamp.on = true;
  lamp.intensity = 1000.0f;
  lamp.radius = 50.0f;
  lamp.position = {0.5, 10.0, -0.5};  // above the centre of cell (0, row 0 from the north)... see grid below
  GroundGrid g;
  g.minX = 0.0;
  g.minNorth = -100.0;  // rows run from north 1 down to -100
  g.cell = 1.0;
  g.cols = 60;
  g.rows = 101;
  auto r = illuminanceGrid({lamp}, g);
  ASSERT_EQ(r.cols, 60);
  ASSERT_EQ(r.rows, 101);
  // Cell (0, 0) has its centre at x 0.5, north 0.5: right under the lamp (north = -z = 0.5): E = I / h^2 = 10.
  EXPECT_NEAR(r.at(0, 0), 10.0f, 1e-4f);
  // 10 m east: d^2 = 200, cos = 10 / sqrt(200): E = 1000 * 10 / 200^1.5 = 3.5355.
  EXPECT_NEAR(r.at(10, 0), 3.53553f, 1e-4f);
  // 10 m south (row 10).
  EXPECT_NEAR(r.at(0, 10), 3.53553f, 1e-4f);
  // Beyond the radius (horizontal 49 m: d = sqrt(49^2 + 100) > 50): nothing.
  EXPECT_EQ(r.at(49, 0), 0.0f);
  EXPECT_GT(r.at(48, 0), 0.0f);  // d = sqrt(48^2 + 100) = 49.03 < 50
  // The raster's geotransform puts cell (0, 0) where the test says.
  glm::dvec2 c = r.cellCenter(0, 0);
  EXPECT_DOUBLE_EQ(c.x, 0.5);
  EXPECT_DOUBLE_EQ(c.y, 0.5);
  // An off lamp, or one below the ground, adds nothing.
  lamp.on = false;
  EXPECT_EQ(illuminanceGrid({lamp}, g).at(0, 0), 0.0f);
  lamp.on = true;
  lamp.position.y = -1.0;
  EXPECT_EQ(illuminanceGrid({lamp}, g).at(0, 0), 0.0f);
}

TEST(Illuminance, MatchesABruteForceSum) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> pos(-20.0, 120.0), height(4.0, 12.0), cd(100.0, 3000.0);
  std::vector<LampLight> lamps(150);
  for (auto& l : lamps) {
    l.on = rng() % 5 != 0;
    l.position = {pos(rng), height(rng), -pos(rng)};
    l.intensity = float(cd(rng));
    l.radius = float(std::sqrt(l.intensity / 0.3));
  }
  GroundGrid g{0.0, 0.0, 2.0, 50, 40, 0.0};
  auto r = illuminanceGrid(lamps, g);
  for (int row = 0; row < g.rows; row += 3)
    for (int col = 0; col < g.cols; col += 3) {
      double x = (col + 0.5) * 2.0, north = 80.0 - (row + 0.5) * 2.0, e = 0.0;
      for (const auto& l : lamps) {
        if (!l.on) continue;
        double dx = x - l.position.x, dn = north + l.position.z, h = l.position.y;
        double d = std::sqrt(dx * dx + dn * dn + h * h);
        if (d <= l.radius) e += l.intensity * (h / d) / (d * d);
      }
      EXPECT_NEAR(r.at(col, row), e, 1e-3 * std::max(1.0, e)) << col << "," << row;
    }
}

// Benchmark figure (no timed assertion): 20 000 lamps over a 500 x 500 grid (2 m cells, 1 km square).
TEST(Illuminance, BenchmarkTwentyThousandLamps) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> pos(0.0, 1000.0);
  LightsLayerProps p;
  std::vector<LampInput> in(20000);
  for (auto& l : in) {
    l.position = {pos(rng), 8.0, -pos(rng)};
    l.watts = 40.0;
  }
  auto lamps = evaluateLights(p, in, -10.0);
  GroundGrid g{0.0, 0.0, 2.0, 500, 500, 0.0};
  auto t0 = std::chrono::steady_clock::now();
  auto r = illuminanceGrid(lamps, g);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("{\"benchmark\": \"illuminance_grid\", \"lamps\": %zu, \"cells\": %d, \"radius_m\": %.1f, \"ms\": %.1f}\n",
              lamps.size(), g.cols * g.rows, double(lamps[0].radius), ms);
  EXPECT_GT(r.at(250, 250), 0.0f);
}
