// Camera conventions: +Y up, eye/target in world space, Vulkan clip space with reverse-Z.
#include <gtest/gtest.h>

#include "render/camera.h"

using namespace ct::render;

namespace {
glm::dvec3 toNdc(const Camera& c, double aspect, const glm::dvec3& world) {
  glm::dvec4 clip = projection(c, aspect, 0.1) * viewRotation(c) * glm::dvec4(world - c.eye, 1.0);
  return glm::dvec3(clip) / clip.w;
}
}  // namespace

TEST(Camera, TargetProjectsToCentreAndUpIsUp) {
  Camera c;
  c.eye = {0, 0, 10};
  c.target = {0, 0, 0};
  glm::dvec3 centre = toNdc(c, 1.0, {0, 0, 0});
  EXPECT_NEAR(centre.x, 0.0, 1e-12);
  EXPECT_NEAR(centre.y, 0.0, 1e-12);
  glm::dvec3 above = toNdc(c, 1.0, {0, 1, 0});
  EXPECT_LT(above.y, 0.0);  // Vulkan: negative y is the top of the image
  glm::dvec3 right = toNdc(c, 1.0, {1, 0, 0});
  EXPECT_GT(right.x, 0.0);
}

TEST(Camera, FieldOfViewMatchesTangent) {
  Camera c;
  c.eye = {0, 0, 10};
  c.fovyDegrees = 90.0;
  glm::dvec3 edge = toNdc(c, 2.0, {0, 10, 0});  // tan(45°) * 10 = 10: the top edge
  EXPECT_NEAR(edge.y, -1.0, 1e-12);
  glm::dvec3 side = toNdc(c, 2.0, {20, 0, 0});  // aspect 2: the right edge is at 20
  EXPECT_NEAR(side.x, 1.0, 1e-12);
}

TEST(Camera, ReverseZDepth) {
  Camera c;
  c.eye = {0, 0, 10};
  EXPECT_NEAR(toNdc(c, 1.0, {0, 0, 9.9}).z, 1.0, 1e-9);   // at the near plane
  EXPECT_NEAR(toNdc(c, 1.0, {0, 0, 9.8}).z, 0.5, 1e-9);   // twice as far
  EXPECT_GT(toNdc(c, 1.0, {0, 0, -1e6}).z, 0.0);          // no far plane
}

TEST(Camera, FrameBoundsFitsTheBoxTightlyAndCentred) {
  const glm::dvec3 boxes[][2] = {{{-3, 0, -1}, {5, 2, 4}},            // small, off-centre
                                 {{-400, 0, -380}, {420, 170, 390}},  // a flat district
                                 {{-1, -50, -1}, {1, 50, 1}},         // a thin tower
                                 {{0, 0, 0}, {1, 1, 0}}};             // flat in z
  for (const auto& box : boxes) {
    ct::scene::Bounds b;
    b.extend(box[0]);
    b.extend(box[1]);
    for (double aspect : {0.5, 1.0, 16.0 / 9.0}) {
      Camera c = frameBounds(b, aspect);
      EXPECT_GT(c.eye.y, c.target.y);  // from above
      glm::dvec2 lo(1e9), hi(-1e9);
      for (int i = 0; i < 8; ++i) {
        glm::dvec3 corner((i & 1) ? b.max.x : b.min.x, (i & 2) ? b.max.y : b.min.y, (i & 4) ? b.max.z : b.min.z);
        glm::dvec3 p = toNdc(c, aspect, corner);
        lo = glm::min(lo, glm::dvec2(p));
        hi = glm::max(hi, glm::dvec2(p));
      }
      // Everything inside, with the margin; the box's image centred; filling the frame in one direction.
      EXPECT_GE(lo.x, -0.93);
      EXPECT_GE(lo.y, -0.93);
      EXPECT_LE(hi.x, 0.93);
      EXPECT_LE(hi.y, 0.93);
      EXPECT_NEAR(lo.x + hi.x, 0.0, 1e-6);
      EXPECT_NEAR(lo.y + hi.y, 0.0, 1e-6);
      EXPECT_GT(std::max(hi.x, hi.y), 0.9);
    }
  }
}

TEST(Camera, LookingStraightDownIsDefined) {
  Camera c;
  c.eye = {0, 10, 0};
  c.target = {0, 0, 0};
  glm::dvec3 p = toNdc(c, 1.0, {0, 0, 0});
  EXPECT_NEAR(p.x, 0.0, 1e-12);
  EXPECT_TRUE(std::isfinite(p.y));
}

TEST(Camera, FrameFeatureLooksPastWhatStandsInTheWay) {
  // A 10 m building at the origin; a 100 m tower on the default (45°) side of it and one on the next side.
  std::vector<ct::scene::Bounds> features(3);
  features[0] = {{-5, 0, -5}, {5, 10, 5}};
  features[1] = {{25, 0, 25}, {45, 100, 45}};   // towards +x +z: the default view's side
  features[2] = {{25, 0, -10}, {45, 100, 10}};  // towards +x
  auto cam = frameFeature(features, 0, 16.0 / 9.0);
  ASSERT_TRUE(cam.has_value());
  EXPECT_NEAR(glm::length(cam->target - features[0].center()), 0.0, 30.0);
  // The line of sight to the building's centre misses both towers.
  for (int f = 1; f < 3; ++f) {
    bool hit = false;
    for (double t = 0.0; t <= 1.0; t += 0.001) {
      glm::dvec3 p = cam->eye + (features[0].center() - cam->eye) * t;
      hit |= p.x > features[f].min.x && p.x < features[f].max.x && p.y > features[f].min.y &&
             p.y < features[f].max.y && p.z > features[f].min.z && p.z < features[f].max.z;
    }
    EXPECT_FALSE(hit) << "tower " << f;
  }
  EXPECT_GT(cam->eye.y, 20.0);  // from above
  EXPECT_FALSE(frameFeature(features, 7, 1.0).has_value());
}
