// Footprints: convex hulls and polygon helpers against hand-computed values; footprints from a small scene.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "sim/footprints.h"

namespace ct::sim {
namespace {

using P = std::vector<glm::dvec2>;

TEST(Footprints, ConvexHullByHand) {
  // A square with interior points, points on its edges and a repeated corner.
  P pts{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {1, 1}, {1, 0}, {2, 1}, {0.5, 1.5}, {0, 0}, {0, 1}};
  EXPECT_EQ(convexHull(pts), (P{{0, 0}, {2, 0}, {2, 2}, {0, 2}}));
  // A pentagon given clockwise with an inside point: counter-clockwise from the lowest x.
  EXPECT_EQ(convexHull({{0, 1}, {1, 3}, {3, 2}, {3, 0}, {1, -1}, {1.5, 1}}), (P{{0, 1}, {1, -1}, {3, 0}, {3, 2}, {1, 3}}));
  EXPECT_EQ(convexHull({{1, 1}, {1, 1}}), (P{{1, 1}}));
  EXPECT_EQ(convexHull({{0, 0}, {1, 1}, {2, 2}}), (P{{0, 0}, {2, 2}}));  // collinear: the two ends
}

TEST(Footprints, AreaCentroidAndHoles) {
  geo::Polygon sq{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}};
  EXPECT_DOUBLE_EQ(polygonArea(sq), 16.0);
  sq.rings.push_back({{1, 1}, {1, 2}, {2, 2}, {2, 1}});  // hole, clockwise
  EXPECT_DOUBLE_EQ(polygonArea(sq), 15.0);
  // (16 * (2, 2) - 1 * (1.5, 1.5)) / 15
  glm::dvec2 c = polygonCentroid(sq);
  EXPECT_NEAR(c.x, 30.5 / 15.0, 1e-12);
  EXPECT_NEAR(c.y, 30.5 / 15.0, 1e-12);
  EXPECT_FALSE(pointInPolygon(sq, {1.5, 1.5}));
  EXPECT_TRUE(pointInPolygon(sq, {3.0, 3.0}));
  EXPECT_FALSE(pointInPolygon(sq, {5.0, 3.0}));
  // The same square far away (UTM-like eastings) with the outer ring clockwise.
  geo::Polygon far{{{{500000, 9000000}, {500000, 9000004}, {500004, 9000004}, {500004, 9000000}}}};
  glm::dvec2 f = polygonCentroid(far);
  EXPECT_NEAR(f.x, 500002.0, 1e-9);
  EXPECT_NEAR(f.y, 9000002.0, 1e-9);
  // An L shape: 2x1 plus 1x1 on top of its left half -> area 3, centroid ((2*1 + 0.5*1)/3... by hand below.
  geo::Polygon l{{{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}}}};
  glm::dvec2 lc = polygonCentroid(l);
  EXPECT_NEAR(lc.x, (2.0 * 1.0 + 1.0 * 0.5) / 3.0, 1e-12);
  EXPECT_NEAR(lc.y, (2.0 * 0.5 + 1.0 * 1.5) / 3.0, 1e-12);
}

scene::Primitive box(glm::vec3 lo, glm::vec3 hi, uint32_t feature) {
  scene::Primitive p;
  for (int i = 0; i < 8; ++i) {
    scene::Vertex v;
    v.position = {(i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z};
    v.feature = feature;
    p.vertices.push_back(v);
  }
  p.indices = {0, 1, 2};
  return p;
}

TEST(Footprints, FromScene) {
  scene::Scene s;
  s.features.add("b0");
  s.features.add("b1");
  s.features.add("lamp");  // no geometry: no footprint
  s.meshes.push_back({"block", {box({0, 0, 0}, {2, 10, 3}, 1)}});
  s.meshes.push_back({"tower", {box({-1, -1, -1}, {1, 1, 1}, 0)}});
  scene::Primitive line = box({50, 0, 50}, {60, 1, 60}, 3);
  line.topology = scene::Topology::Lines;
  s.meshes.push_back({"outline", {line}});
  s.instances.push_back({0, -1, glm::translate(glm::dmat4(1.0), glm::dvec3(10, 5, 20)), 0});
  // Rotated 90 degrees about Y: local x -> world -z, local z -> world x; then moved to (100, 0, -50).
  glm::dmat4 rot = glm::translate(glm::dmat4(1.0), glm::dvec3(100, 0, -50)) *
                   glm::rotate(glm::dmat4(1.0), glm::radians(90.0), glm::dvec3(0, 1, 0));
  s.instances.push_back({1, -1, rot, 2});
  s.instances.push_back({2, -1, glm::dmat4(1.0), 0});
  auto f = footprintsFromScene(s);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].key, "b0");
  EXPECT_EQ(f[0].row, 0);
  EXPECT_DOUBLE_EQ(f[0].base, 5.0);
  // World x 10..12, z 20..23 -> raster y -23..-20.
  EXPECT_EQ(f[0].polygon.rings.at(0), (P{{10, -23}, {12, -23}, {12, -20}, {10, -20}}));
  EXPECT_EQ(f[1].key, "b1");
  EXPECT_DOUBLE_EQ(f[1].base, -1.0);
  // The 2 m cube around (100, 0, -50): raster x 99..101, y 49..51 (rotation of a cube centred at its origin).
  const auto& ring = f[1].polygon.rings.at(0);
  ASSERT_EQ(ring.size(), 4u);
  P want{{99, 49}, {101, 49}, {101, 51}, {99, 51}};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(ring[i].x, want[i].x, 1e-9);
    EXPECT_NEAR(ring[i].y, want[i].y, 1e-9);
  }
}

TEST(Footprints, FromPolygonsAndMapping) {
  auto f = footprintsFromPolygons({"x", "y"}, {geo::Polygon{{{{0, 0}, {1, 0}, {0, 1}}}}, geo::Polygon{}});
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].key, "x");
  EXPECT_TRUE(std::isnan(f[0].base));
  mapFootprints(f, [](glm::dvec2 p) { return glm::dvec2(p.x * 2.0 + 1.0, p.y - 3.0); });
  EXPECT_EQ(f[0].polygon.rings[0], (P{{1, -3}, {3, -3}, {1, -2}}));
}

}  // namespace
}  // namespace ct::sim
