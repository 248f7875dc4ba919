// The viewer's camera: exact as set, orbit keeps target and distance, zoom steps, pan moves the target in the
// ground plane, animations land exactly on their end, and the eye never goes below the ground.
#include <gtest/gtest.h>

#include <cmath>

#include "camera_controller.h"

using ct::app::CameraController;
using ct::render::Camera;

namespace {
Camera cam(glm::dvec3 eye, glm::dvec3 target, double fovy = 45.0) {
  Camera c;
  c.eye = eye;
  c.target = target;
  c.fovyDegrees = fovy;
  return c;
}
}  // namespace

TEST(CameraController, KeepsTheCameraExactlyAsSetUntilItMoves) {
  CameraController c;
  const Camera a = cam({420.123456789, 260.5, 419.9}, {1.25, -3.5, 0.75}, 37.0);
  c.set(a);
  EXPECT_EQ(c.camera().eye, a.eye);
  EXPECT_EQ(c.camera().target, a.target);
  EXPECT_EQ(c.camera().fovyDegrees, 37.0);
}

TEST(CameraController, OrbitKeepsTargetAndDistanceZoomScalesIt) {
  CameraController c;
  c.set(cam({100, 100, 0}, {0, 0, 0}));
  const double d0 = std::sqrt(2.0) * 100.0;
  c.orbit(200, 0);  // 1 radian round the target
  Camera o = c.camera();
  EXPECT_NEAR(glm::length(o.eye - o.target), d0, 1e-9);
  EXPECT_NEAR(o.eye.y, 100.0, 1e-9);  // elevation unchanged
  EXPECT_NEAR(std::atan2(-o.eye.z, o.eye.x), -1.0, 1e-9);
  c.zoom(2);
  EXPECT_NEAR(glm::length(c.camera().eye - c.camera().target), d0 * 0.85 * 0.85, 1e-9);
}

TEST(CameraController, PanMovesTheTargetAlongTheGround) {
  CameraController c;
  c.set(cam({0, 100, 100}, {0, 0, 0}, 90.0));  // looking north (-Z); at 141.4 m, 1 px of 100 = 2.83 m
  c.pan(-10, 0, 100);
  const Camera p = c.camera();
  EXPECT_NEAR(p.target.y, 0.0, 1e-9);
  EXPECT_NEAR(p.target.z, 0.0, 1e-9);
  EXPECT_NEAR(p.target.x, 10.0 * 2.0 * std::sqrt(2.0) * 100.0 / 100.0, 1e-9);  // dragging left moves right
}

TEST(CameraController, AnimationEndsExactlyAtItsCamera) {
  CameraController c;
  c.set(cam({100, 50, 100}, {0, 0, 0}));
  const Camera to = cam({-30, 80, 10}, {5, 1, -7}, 30.0);
  c.animateTo(to, 1.0);
  EXPECT_TRUE(c.advance(0.5));
  EXPECT_TRUE(c.animating());
  c.advance(0.6);
  EXPECT_FALSE(c.animating());
  EXPECT_NEAR(glm::length(c.camera().eye - to.eye), 0.0, 1e-9);
  EXPECT_NEAR(glm::length(c.camera().target - to.target), 0.0, 1e-9);
  EXPECT_NEAR(c.camera().fovyDegrees, 30.0, 1e-12);
}

TEST(CameraController, NeverGoesBelowTheGround) {
  CameraController c;
  c.setGround([](double, double) { return std::optional<double>(20.0); });  // a plateau 20 m up
  c.set(cam({100, 30, 0}, {0, 0, 0}));
  for (int i = 0; i < 50; ++i) c.orbit(0, -40);  // drag down: the eye would go under
  EXPECT_GE(c.camera().eye.y, 20.0 + CameraController::kMinClearance - 1e-9);
  c.zoom(-30);
  c.fly(0, 0, -1, 100.0);
  EXPECT_GE(c.camera().eye.y, 20.0 + CameraController::kMinClearance - 1e-9);
}
