// Frustum planes from a clip-space matrix (Gribb/Hartmann) and the box test against them.
#include "geo/frustum.h"

namespace ct::geo {

Frustum Frustum::fromViewProj(const glm::dmat4& viewProj) {
  const glm::dmat4 m = glm::transpose(viewProj);  // rows of viewProj as columns
  Frustum f;
  f.mPlanes = {m[3] + m[0], m[3] - m[0], m[3] + m[1], m[3] - m[1], m[2], m[3] - m[2]};
  return f;
}

bool Frustum::intersectsBox(const glm::dvec3& lo, const glm::dvec3& hi) const {
  for (const glm::dvec4& pl : mPlanes) {  // the box corner farthest along the plane's normal
    const glm::dvec3 v(pl.x >= 0 ? hi.x : lo.x, pl.y >= 0 ? hi.y : lo.y, pl.z >= 0 ? hi.z : lo.z);
    if (glm::dot(glm::dvec3(pl), v) + pl.w < 0.0) return false;
  }
  return true;
}

}  // namespace ct::geo
