#include "camera_controller.h"

#include <algorithm>
#include <cmath>

namespace ct::app {
namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kMaxElevation = 89.0 * kPi / 180.0;
constexpr double kMinElevation = -10.0 * kPi / 180.0;
constexpr double kMinDistance = 1.0;
constexpr double kMaxDistance = 1e7;

double wrapAngle(double a) {
  a = std::fmod(a, 2.0 * kPi);
  return a < 0 ? a + 2.0 * kPi : a;
}
}  // namespace

// Azimuth: the eye's direction from the target, measured in the XZ plane from +X towards -Z (north).
CameraController::Orbit CameraController::fromCamera(const render::Camera& c) {
  Orbit o;
  o.target = c.target;
  glm::dvec3 d = c.eye - c.target;
  o.distance = std::clamp(glm::length(d), kMinDistance, kMaxDistance);
  d /= std::max(glm::length(d), 1e-12);
  o.elevation = std::asin(std::clamp(d.y, -1.0, 1.0));
  o.azimuth = wrapAngle(std::atan2(-d.z, d.x));
  o.fovy = c.fovyDegrees;
  return o;
}

render::Camera CameraController::toCamera(const Orbit& o) {
  render::Camera c;
  c.target = o.target;
  const double ce = std::cos(o.elevation);
  c.eye = o.target + o.distance * glm::dvec3(ce * std::cos(o.azimuth), std::sin(o.elevation), -ce * std::sin(o.azimuth));
  c.fovyDegrees = o.fovy;
  return c;
}

void CameraController::set(const render::Camera& camera) {
  mAnimation.reset();
  mOrbit = fromCamera(camera);
  mExact = camera;
  const glm::dvec3 before = toCamera(mOrbit).eye;
  clampToGround();
  if (toCamera(mOrbit).eye != before) mExact.reset();
}

void CameraController::animateTo(const render::Camera& camera, double seconds) {
  Animation a;
  a.from = mOrbit;
  a.to = fromCamera(camera);
  // Turn the short way round.
  double d = a.to.azimuth - a.from.azimuth;
  if (d > kPi) a.to.azimuth -= 2.0 * kPi;
  if (d < -kPi) a.to.azimuth += 2.0 * kPi;
  a.duration = std::max(seconds, 1e-3);
  mAnimation = a;
}

void CameraController::orbit(double dx, double dy) {
  mExact.reset();
  mAnimation.reset();
  mOrbit.azimuth = wrapAngle(mOrbit.azimuth - dx * 0.005);
  mOrbit.elevation = std::clamp(mOrbit.elevation + dy * 0.005, kMinElevation, kMaxElevation);
  clampToGround();
}

void CameraController::pan(double dx, double dy, double viewportHeight) {
  mExact.reset();
  mAnimation.reset();
  // World metres per pixel at the target's distance.
  const double perPixel =
      2.0 * mOrbit.distance * std::tan(glm::radians(mOrbit.fovy) * 0.5) / std::max(viewportHeight, 1.0);
  const glm::dvec3 right(-std::sin(mOrbit.azimuth), 0.0, -std::cos(mOrbit.azimuth));  // screen right
  const glm::dvec3 towards(-std::cos(mOrbit.azimuth), 0.0, std::sin(mOrbit.azimuth));  // horizontal, into the view
  mOrbit.target += (-dx * right + dy * towards) * perPixel;
  clampToGround();
}

void CameraController::zoom(double steps) {
  mExact.reset();
  mAnimation.reset();
  mOrbit.distance = std::clamp(mOrbit.distance * std::pow(0.85, steps), kMinDistance, kMaxDistance);
  clampToGround();
}

void CameraController::fly(double forward, double right, double up, double seconds) {
  mExact.reset();
  mAnimation.reset();
  const double speed = std::max(10.0, mOrbit.distance * 0.6);  // metres a second
  const glm::dvec3 r(-std::sin(mOrbit.azimuth), 0.0, -std::cos(mOrbit.azimuth));
  const glm::dvec3 f(-std::cos(mOrbit.azimuth), 0.0, std::sin(mOrbit.azimuth));
  mOrbit.target += (forward * f + right * r + up * glm::dvec3(0, 1, 0)) * speed * seconds;
  clampToGround();
}

bool CameraController::advance(double seconds) {
  if (!mAnimation) return false;
  mExact.reset();
  Animation& a = *mAnimation;
  a.elapsed += seconds;
  const double t = std::clamp(a.elapsed / a.duration, 0.0, 1.0);
  const double s = t * t * (3.0 - 2.0 * t);
  Orbit o;
  o.target = glm::mix(a.from.target, a.to.target, s);
  o.distance = std::exp(glm::mix(std::log(a.from.distance), std::log(a.to.distance), s));
  o.azimuth = wrapAngle(glm::mix(a.from.azimuth, a.to.azimuth, s));
  o.elevation = glm::mix(a.from.elevation, a.to.elevation, s);
  o.fovy = glm::mix(a.from.fovy, a.to.fovy, s);
  mOrbit = o;
  if (t >= 1.0) {
    mOrbit = a.to;
    mOrbit.azimuth = wrapAngle(mOrbit.azimuth);
    mAnimation.reset();
  }
  clampToGround();
  return true;
}

render::Camera CameraController::camera() const { return mExact ? *mExact : toCamera(mOrbit); }

void CameraController::clampToGround() {
  if (!mGround) return;
  render::Camera c = toCamera(mOrbit);
  const std::optional<double> g = mGround(c.eye.x, c.eye.z);
  if (!g || c.eye.y >= *g + kMinClearance) return;
  // Raise the elevation until the eye clears the ground (keeps the target and the distance).
  const double need = *g + kMinClearance - mOrbit.target.y;
  if (need >= mOrbit.distance) {
    mOrbit.target.y += need - mOrbit.distance * 0.9;
    mOrbit.elevation = std::asin(0.9);
    return;
  }
  mOrbit.elevation = std::max(mOrbit.elevation, std::asin(std::clamp(need / mOrbit.distance, -1.0, 1.0)));
}

}  // namespace ct::app
