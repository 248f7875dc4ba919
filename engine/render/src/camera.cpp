// Camera framing and projection conventions (Vulkan clip space: y down, depth 1 at the near plane).
#include "render/camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace ct::render {

Camera frameBounds(const scene::Bounds& bounds, double aspect, double fovyDegrees) {
  Camera cam;
  cam.fovyDegrees = fovyDegrees;
  if (bounds.empty()) return cam;
  double radius = std::max(bounds.radius(), 1e-6);
  double halfV = glm::radians(fovyDegrees) * 0.5;
  double halfH = std::atan(std::tan(halfV) * aspect);
  double dist = radius / std::sin(std::min(halfV, halfH)) * 1.05;
  double az = glm::radians(45.0), el = glm::radians(30.0);
  glm::dvec3 dir(std::cos(el) * std::sin(az), std::sin(el), std::cos(el) * std::cos(az));
  cam.target = bounds.center();
  cam.eye = cam.target + dir * dist;
  return cam;
}

glm::dmat4 viewRotation(const Camera& camera) {
  glm::dvec3 f = camera.target - camera.eye;
  if (glm::length(f) < 1e-12) f = glm::dvec3(0, 0, -1);
  f = glm::normalize(f);
  glm::dvec3 up(0.0, 1.0, 0.0);
  if (std::abs(glm::dot(f, up)) > 0.999999) up = glm::dvec3(0.0, 0.0, -1.0);  // looking straight up or down
  return glm::lookAtRH(glm::dvec3(0.0), f, up);
}

glm::dmat4 projection(const Camera& camera, double aspect, double nearPlane) {
  double f = 1.0 / std::tan(glm::radians(camera.fovyDegrees) * 0.5);
  glm::dmat4 p(0.0);
  p[0][0] = f / aspect;
  p[1][1] = -f;  // Vulkan's y points down
  p[2][3] = -1.0;
  p[3][2] = nearPlane;  // reverse-Z, infinite far: depth = near / distance
  return p;
}

double nearPlaneFor(const Camera& camera, const scene::Bounds& bounds) {
  if (bounds.empty()) return 0.01;
  double radius = std::max(bounds.radius(), 1e-6);
  double toCenter = glm::length(bounds.center() - camera.eye);
  double gap = toCenter - radius;
  return std::max(gap * 0.5, radius * 1e-4);
}

}  // namespace ct::render
