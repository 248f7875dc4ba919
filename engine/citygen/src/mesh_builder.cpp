// Flat-shaded faces with outward-fixed winding.
#include "mesh_builder.h"

#include "facades.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ct::citygen {

void MeshBuilder::quad(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec3 outward) {
  glm::vec3 n = glm::cross(b - a, c - a);
  if (glm::dot(n, n) < 1e-12f) n = glm::cross(c - a, d - a);
  if (glm::dot(n, outward) < 0.0f) {
    std::swap(b, d);
    n = -n;
  }
  float len = glm::length(n);
  if (len < 1e-12f) return;  // degenerate: nothing to draw
  n /= len;
  auto base = static_cast<uint32_t>(mPrim.vertices.size());
  for (const glm::vec3& p : {a, b, c, d}) {
    scene::Vertex v;
    v.position = p;
    v.normal = n;
    mPrim.vertices.push_back(v);
  }
  for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) mPrim.indices.push_back(base + i);
}

void MeshBuilder::wall(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec3 outward, float storeyBase,
                       float storey, float bay) {
  const size_t first = mPrim.vertices.size();
  quad(a, b, c, d, outward);
  if (mPrim.vertices.size() == first) return;
  const glm::vec3 n = mPrim.vertices[first].normal;
  const glm::vec3 right = glm::normalize(glm::cross(glm::vec3(0, 1, 0), n));
  float lo = 1e30f, hi = -1e30f;
  for (size_t i = first; i < mPrim.vertices.size(); ++i) {
    const float h = glm::dot(mPrim.vertices[i].position, right);
    lo = std::min(lo, h);
    hi = std::max(hi, h);
  }
  const float bays = std::max(1.0f, std::round((hi - lo) / bay));
  for (size_t i = first; i < mPrim.vertices.size(); ++i) {
    scene::Vertex& v = mPrim.vertices[i];
    const float u = (glm::dot(v.position, right) - lo) / std::max(hi - lo, 1e-3f) * bays;
    v.uv0 = {u / kTileBays, -(v.position.y - storeyBase) / storey / kTileStoreys};
  }
}

void MeshBuilder::triangle(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 outward) {
  glm::vec3 n = glm::cross(b - a, c - a);
  if (glm::dot(n, outward) < 0.0f) {
    std::swap(b, c);
    n = -n;
  }
  float len = glm::length(n);
  if (len < 1e-12f) return;
  n /= len;
  auto base = static_cast<uint32_t>(mPrim.vertices.size());
  for (const glm::vec3& p : {a, b, c}) {
    scene::Vertex v;
    v.position = p;
    v.normal = n;
    mPrim.vertices.push_back(v);
  }
  for (uint32_t i : {0u, 1u, 2u}) mPrim.indices.push_back(base + i);
}

void MeshBuilder::box(glm::vec3 lo, glm::vec3 hi, bool bottom) {
  const float x0 = lo.x, y0 = lo.y, z0 = lo.z, x1 = hi.x, y1 = hi.y, z1 = hi.z;
  quad({x0, y1, z0}, {x1, y1, z0}, {x1, y1, z1}, {x0, y1, z1}, {0, 1, 0});
  if (bottom) quad({x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1}, {0, -1, 0});
  quad({x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, {x1, y0, z1}, {1, 0, 0});
  quad({x0, y0, z0}, {x0, y1, z0}, {x0, y1, z1}, {x0, y0, z1}, {-1, 0, 0});
  quad({x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}, {0, 0, 1});
  quad({x0, y0, z0}, {x1, y0, z0}, {x1, y1, z0}, {x0, y1, z0}, {0, 0, -1});
}

void MeshBuilder::gableRoof(glm::vec3 lo, glm::vec3 hi, bool alongX, float overhang) {
  // Work in (u along the ridge, v across it) and map back to x/z.
  auto at = [&](float u, float y, float v) { return alongX ? glm::vec3(u, y, v) : glm::vec3(v, y, u); };
  float u0 = alongX ? lo.x : lo.z, u1 = alongX ? hi.x : hi.z;
  float v0 = alongX ? lo.z : lo.x, v1 = alongX ? hi.z : hi.x;
  float vm = 0.5f * (v0 + v1), eave = lo.y, ridge = hi.y;
  float drop = (ridge - eave) / std::max(0.01f, vm - v0) * overhang;  // keep the slope through the overhang
  glm::vec3 up(0, 1, 0);
  glm::vec3 sideA = alongX ? glm::vec3(0, 0, -1) : glm::vec3(-1, 0, 0);
  u0 -= overhang * 0.5f;
  u1 += overhang * 0.5f;
  quad(at(u0, eave - drop, v0 - overhang), at(u1, eave - drop, v0 - overhang), at(u1, ridge, vm), at(u0, ridge, vm),
       up + sideA);
  quad(at(u0, eave - drop, v1 + overhang), at(u1, eave - drop, v1 + overhang), at(u1, ridge, vm), at(u0, ridge, vm),
       up - sideA);
  glm::vec3 endA = alongX ? glm::vec3(-1, 0, 0) : glm::vec3(0, 0, -1);
  float g0 = alongX ? lo.x : lo.z, g1 = alongX ? hi.x : hi.z;  // gables sit on the walls
  triangle(at(g0, eave, v0), at(g0, eave, v1), at(g0, ridge, vm), endA);
  triangle(at(g1, eave, v0), at(g1, eave, v1), at(g1, ridge, vm), -endA);
}

void MeshBuilder::prism(glm::vec3 base, float height, float radiusBottom, float radiusTop, int sides, bool bottomCap,
                        bool topCap) {
  const float step = 6.2831853f / static_cast<float>(sides);
  glm::vec3 top = base + glm::vec3(0, height, 0);
  for (int i = 0; i < sides; ++i) {
    float a0 = step * static_cast<float>(i), a1 = step * static_cast<float>(i + 1);
    glm::vec3 d0(std::cos(a0), 0, std::sin(a0)), d1(std::cos(a1), 0, std::sin(a1));
    glm::vec3 out = glm::normalize(d0 + d1);
    if (radiusTop > 1e-4f)
      quad(base + d0 * radiusBottom, base + d1 * radiusBottom, top + d1 * radiusTop, top + d0 * radiusTop,
           out + glm::vec3(0, (radiusBottom - radiusTop) / height, 0));
    else
      triangle(base + d0 * radiusBottom, base + d1 * radiusBottom, top, out + glm::vec3(0, radiusBottom / height, 0));
    if (bottomCap) triangle(base, base + d0 * radiusBottom, base + d1 * radiusBottom, {0, -1, 0});
    if (topCap && radiusTop > 1e-4f) triangle(top, top + d0 * radiusTop, top + d1 * radiusTop, {0, 1, 0});
  }
}

scene::Primitive MeshBuilder::take(int material) {
  scene::Primitive p = std::move(mPrim);
  mPrim = {};
  p.material = material;
  for (const scene::Vertex& v : p.vertices) p.bounds.extend(glm::dvec3(v.position));
  return p;
}

}  // namespace ct::citygen
