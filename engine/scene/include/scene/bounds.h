// Axis-aligned bounds in double precision.
#pragma once
#include <limits>

#include <glm/glm.hpp>

namespace ct::scene {

struct Bounds {
  glm::dvec3 min{std::numeric_limits<double>::max()};
  glm::dvec3 max{std::numeric_limits<double>::lowest()};

  bool empty() const { return min.x > max.x || min.y > max.y || min.z > max.z; }
  void extend(const glm::dvec3& p) {
    min = glm::min(min, p);
    max = glm::max(max, p);
  }
  void extend(const Bounds& b) {
    if (b.empty()) return;
    extend(b.min);
    extend(b.max);
  }
  glm::dvec3 center() const { return (min + max) * 0.5; }
  glm::dvec3 size() const { return empty() ? glm::dvec3(0.0) : max - min; }
  double radius() const { return empty() ? 0.0 : glm::length(max - min) * 0.5; }
  // Bounds of this box after an affine transform (all eight corners).
  Bounds transformed(const glm::dmat4& m) const;
};

}  // namespace ct::scene
