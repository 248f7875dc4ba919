// A view frustum as six planes taken from a Vulkan clip-space matrix (0 <= z <= w; reverse-Z and infinite far
// planes included), and box tests against it, in double precision.
#pragma once
#include <array>

#include <glm/glm.hpp>

namespace ct::geo {

class Frustum {
 public:
  // Planes of everything the matrix maps inside -w <= x, y <= w, 0 <= z <= w. A plane that excludes nothing
  // (the far plane of an infinite projection) stays harmless.
  static Frustum fromViewProj(const glm::dmat4& viewProj);
  // False only when the box lies wholly outside one plane (conservative: may keep boxes near corners).
  bool intersectsBox(const glm::dvec3& min, const glm::dvec3& max) const;
  const std::array<glm::dvec4, 6>& planes() const { return mPlanes; }

 private:
  std::array<glm::dvec4, 6> mPlanes{};  // xyz normal pointing inside, w offset: inside when dot(n, p) + w >= 0
};

}  // namespace ct::geo
