// Camera framing and projection conventions (Vulkan clip space: y down, depth 1 at the near plane).
#include "render/camera.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <glm/gtc/matrix_transform.hpp>

namespace ct::render {
namespace {

glm::dvec3 corner(const scene::Bounds& b, int i) {
  return {(i & 1) ? b.max.x : b.min.x, (i & 2) ? b.max.y : b.min.y, (i & 4) ? b.max.z : b.min.z};
}

}  // namespace

Camera frameBounds(const scene::Bounds& bounds, double aspect, double fovyDegrees, double azimuthDegrees,
                   double elevationDegrees) {
  Camera cam;
  cam.fovyDegrees = fovyDegrees;
  if (bounds.empty()) return cam;
  const double az = glm::radians(azimuthDegrees), el = glm::radians(elevationDegrees);
  const glm::dvec3 dir(std::cos(el) * std::sin(az), std::sin(el), std::cos(el) * std::cos(az));
  const glm::dvec3 f = -dir;
  const glm::dvec3 r = glm::normalize(glm::cross(f, glm::dvec3(0, 1, 0)));
  const glm::dvec3 u = glm::cross(r, f);
  // The tightest eye for this view direction: each frustum side plane must have all eight corners of the
  // box on its inner side, a linear condition on the eye. Solving the left/right and top/bottom pairs
  // gives the eye whose image of the box is centred and just fits (with a small margin), tighter than a
  // bounding sphere, so flat districts fill the frame.
  const double margin = 0.92;
  const double tV = std::tan(glm::radians(fovyDegrees) * 0.5) * margin, tH = tV * aspect;
  const glm::dvec3 normals[4] = {r - tH * f, -r - tH * f, u - tV * f, -u - tV * f};
  double m[4];
  for (int k = 0; k < 4; ++k) {
    m[k] = -std::numeric_limits<double>::infinity();
    for (int i = 0; i < 8; ++i) {
      m[k] = std::max(m[k], glm::dot(corner(bounds, i) - bounds.center(), normals[k]));
    }
  }
  // Eye = centre + a r + b f + c u.
  const double a = 0.5 * (m[0] - m[1]), c = 0.5 * (m[2] - m[3]);
  double b = std::min(-(m[0] + m[1]) / (2.0 * tH), -(m[2] + m[3]) / (2.0 * tV));
  b = std::min(b, -0.05 * std::max(bounds.radius(), 1e-6));  // never inside a degenerate (flat) box
  // In the direction with room to spare, the corners lie at different depths, so shift sideways until
  // the image of the box is centred (the image extent in x changes monotonically with the eye's offset).
  auto centre = [&](const glm::dvec3& axis, double offset, double other, const glm::dvec3& otherAxis) {
    auto imbalance = [&](double o) {
      glm::dvec3 eye = bounds.center() + o * axis + b * f + other * otherAxis;
      double lo = std::numeric_limits<double>::infinity(), hi = -lo;
      for (int i = 0; i < 8; ++i) {
        glm::dvec3 d = corner(bounds, i) - eye;
        double t = glm::dot(d, axis) / glm::dot(d, f);
        lo = std::min(lo, t);
        hi = std::max(hi, t);
      }
      return lo + hi;
    };
    double span = 4.0 * std::max(bounds.radius(), 1e-6), x0 = offset - span, x1 = offset + span;
    for (int i = 0; i < 80; ++i) {
      double mid = 0.5 * (x0 + x1);
      (imbalance(mid) > 0.0 ? x0 : x1) = mid;
    }
    return 0.5 * (x0 + x1);
  };
  double a2 = centre(r, a, c, u);
  double c2 = centre(u, c, a, r);
  cam.eye = bounds.center() + a2 * r + b * f + c2 * u;
  cam.target = cam.eye + f * glm::dot(bounds.center() - cam.eye, f);
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

namespace ct::render {
namespace {

// Whether the segment a-b passes through the box (slab test).
bool segmentHitsBox(const glm::dvec3& a, const glm::dvec3& b, const scene::Bounds& box) {
  double t0 = 0.0, t1 = 1.0;
  const glm::dvec3 d = b - a;
  for (int k = 0; k < 3; ++k) {
    if (std::abs(d[k]) < 1e-12) {
      if (a[k] < box.min[k] || a[k] > box.max[k]) return false;
      continue;
    }
    double u0 = (box.min[k] - a[k]) / d[k], u1 = (box.max[k] - a[k]) / d[k];
    if (u0 > u1) std::swap(u0, u1);
    t0 = std::max(t0, u0);
    t1 = std::min(t1, u1);
    if (t0 > t1) return false;
  }
  return true;
}

}  // namespace

std::optional<Camera> frameFeature(const std::vector<scene::Bounds>& features, uint32_t row, double aspect) {
  if (row >= features.size() || features[row].empty()) return std::nullopt;
  const scene::Bounds& b = features[row];
  const double reach = std::max(glm::length(b.max - b.min), 40.0);
  const scene::Bounds around{b.center() - glm::dvec3(reach), b.center() + glm::dvec3(reach)};
  std::optional<Camera> best;
  size_t fewest = SIZE_MAX;
  for (int side = 0; side < 8; ++side) {  // 45° first (the default view), then the others
    const Camera cam = frameBounds(around, aspect, 45.0, 45.0 + 45.0 * side, 50.0);
    size_t blockers = 0;
    for (size_t f = 0; f < features.size(); ++f) {
      if (f == row || features[f].empty()) continue;
      // Sight lines to the feature's centre and its top: each box across one counts.
      blockers += segmentHitsBox(cam.eye, b.center(), features[f]);
      blockers += segmentHitsBox(cam.eye, glm::dvec3(b.center().x, b.max.y, b.center().z), features[f]);
    }
    if (blockers < fewest) {
      fewest = blockers;
      best = cam;
    }
    if (fewest == 0) break;
  }
  return best;
}

}  // namespace ct::render
