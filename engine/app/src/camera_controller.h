// The viewer's camera: orbit around a target, pan, zoom towards it, fly with keys, smooth animated moves, and
// never below the ground. Pure math on render::Camera (unit-tested without a window).
#pragma once
#include <functional>
#include <optional>

#include <glm/glm.hpp>

#include "render/camera.h"

namespace ct::app {

class CameraController {
 public:
  // Ground height (scene Y) under x/z, if known: the eye stays kMinClearance above it.
  using GroundFn = std::function<std::optional<double>(double x, double z)>;
  static constexpr double kMinClearance = 2.0;

  void set(const render::Camera& camera);
  // Eases from the current camera to `camera` over `seconds` (smoothstep on target, distance and angles).
  void animateTo(const render::Camera& camera, double seconds);
  void setGround(GroundFn ground) { mGround = std::move(ground); }

  // Mouse: pixels moved (window pixels); the view is `viewportHeight` pixels high.
  void orbit(double dxPixels, double dyPixels);
  void pan(double dxPixels, double dyPixels, double viewportHeight);
  // Wheel steps (positive: closer). Each step moves 15% of the distance to the target.
  void zoom(double steps);
  // Keys: forward/right/up in [-1, 1] for `seconds`; speed scales with the height above the target.
  void fly(double forward, double right, double up, double seconds);

  // Advances an animation by `seconds`; true while the camera moves because of it.
  bool advance(double seconds);
  bool animating() const { return mAnimation.has_value(); }
  render::Camera camera() const;

 private:
  struct Orbit {
    glm::dvec3 target{0.0};
    double distance = 100.0, azimuth = 0.0, elevation = 0.5, fovy = 45.0;  // radians for the angles
  };
  static Orbit fromCamera(const render::Camera& c);
  static render::Camera toCamera(const Orbit& o);
  void clampToGround();

  Orbit mOrbit;
  std::optional<render::Camera> mExact;  // the camera as set, until it moves (no round trip through angles)
  struct Animation {
    Orbit from, to;
    double elapsed = 0.0, duration = 1.0;
  };
  std::optional<Animation> mAnimation;
  GroundFn mGround;
};

}  // namespace ct::app
