// Frustum box tests against boxes placed by hand around a known camera.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "geo/frustum.h"

using namespace ct::geo;

namespace {

// 90° vertical field of view, square, looking down -Z from the origin; near 1, far 100 (Vulkan depth 0..1).
Frustum finite() { return Frustum::fromViewProj(glm::perspectiveRH_ZO(glm::radians(90.0), 1.0, 1.0, 100.0)); }

// The same view with reverse-Z and an infinite far plane (what the renderer uses).
Frustum infiniteReverseZ() {
  glm::dmat4 p(0.0);
  p[0][0] = 1.0;
  p[1][1] = 1.0;
  p[2][3] = -1.0;
  p[3][2] = 1.0;  // z_clip = near, w = -z_view: depth = near / distance
  return Frustum::fromViewProj(p);
}

}  // namespace

TEST(Frustum, BoxesInsideOutsideAndStraddling) {
  const Frustum f = finite();
  EXPECT_TRUE(f.intersectsBox({-1, -1, -11}, {1, 1, -9}));     // straight ahead
  EXPECT_FALSE(f.intersectsBox({-1, -1, 9}, {1, 1, 11}));      // behind
  EXPECT_FALSE(f.intersectsBox({20, -1, -11}, {22, 1, -9}));   // right of a 45° half-angle at distance 10
  EXPECT_TRUE(f.intersectsBox({9, -1, -11}, {22, 1, -9}));     // straddles the right plane
  EXPECT_FALSE(f.intersectsBox({-1, -1, -0.9}, {1, 1, -0.5}));  // before the near plane
  EXPECT_FALSE(f.intersectsBox({-1, -1, -120}, {1, 1, -101}));  // past the far plane
  EXPECT_TRUE(f.intersectsBox({-1000, -1000, -1000}, {1000, 1000, 1000}));  // encloses the frustum
}

TEST(Frustum, InfiniteReverseZKeepsEverythingAhead) {
  const Frustum f = infiniteReverseZ();
  EXPECT_TRUE(f.intersectsBox({-1, -1, -1e7}, {1, 1, -0.99e7}));  // very far ahead: no far plane
  EXPECT_FALSE(f.intersectsBox({-1, -1, 5}, {1, 1, 6}));          // behind
  EXPECT_FALSE(f.intersectsBox({-1, -1, -0.9}, {1, 1, -0.5}));     // before the near plane (1)
  EXPECT_FALSE(f.intersectsBox({0, 30, -11}, {1, 31, -9}));        // above
}
