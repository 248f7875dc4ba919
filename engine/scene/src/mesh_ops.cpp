// Geometry fix-ups for loaded primitives.
#include "scene/mesh_ops.h"

#include <cmath>

namespace ct::scene {

Topology topologyFor(GltfMode mode) {
  switch (mode) {
    case GltfMode::Points: return Topology::Points;
    case GltfMode::Lines:
    case GltfMode::LineLoop:
    case GltfMode::LineStrip: return Topology::Lines;
    default: return Topology::Triangles;
  }
}

size_t expandedCount(GltfMode mode, size_t n) {
  switch (mode) {
    case GltfMode::Points: return n;
    case GltfMode::Lines: return n - n % 2;
    case GltfMode::LineStrip: return n > 1 ? 2 * (n - 1) : 0;
    case GltfMode::LineLoop: return (n > 1 ? 2 * (n - 1) : 0) + (n > 2 ? 2 : 0);
    case GltfMode::Triangles: return n - n % 3;
    case GltfMode::TriangleStrip:
    case GltfMode::TriangleFan: return n > 2 ? 3 * (n - 2) : 0;
  }
  return 0;
}

std::vector<uint32_t> expandToList(GltfMode mode, const std::vector<uint32_t>& in) {
  std::vector<uint32_t> out;
  size_t n = in.size();
  out.reserve(expandedCount(mode, n));
  switch (mode) {
    case GltfMode::Points: return in;
    case GltfMode::Lines: out.assign(in.begin(), in.begin() + (n - n % 2)); break;
    case GltfMode::LineStrip:
    case GltfMode::LineLoop:
      for (size_t i = 0; i + 1 < n; ++i) out.insert(out.end(), {in[i], in[i + 1]});
      if (mode == GltfMode::LineLoop && n > 2) out.insert(out.end(), {in[n - 1], in[0]});
      break;
    case GltfMode::Triangles: out.assign(in.begin(), in.begin() + (n - n % 3)); break;
    case GltfMode::TriangleStrip:
      for (size_t i = 0; i + 2 < n; ++i) {
        // Keep the winding of the first triangle for every triangle.
        if (i % 2 == 0) out.insert(out.end(), {in[i], in[i + 1], in[i + 2]});
        else out.insert(out.end(), {in[i + 1], in[i], in[i + 2]});
      }
      break;
    case GltfMode::TriangleFan:
      for (size_t i = 1; i + 1 < n; ++i) out.insert(out.end(), {in[i], in[i + 1], in[0]});
      break;
  }
  return out;
}

void makeFlatNormals(Primitive& prim) {
  std::vector<Vertex> verts;
  verts.reserve(prim.indices.size());
  for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
    Vertex a = prim.vertices[prim.indices[t]], b = prim.vertices[prim.indices[t + 1]],
           c = prim.vertices[prim.indices[t + 2]];
    glm::vec3 n = glm::cross(b.position - a.position, c.position - a.position);
    float len = glm::length(n);
    n = len > 0.0f ? n / len : glm::vec3(0.0f, 1.0f, 0.0f);
    a.normal = b.normal = c.normal = n;
    verts.insert(verts.end(), {a, b, c});
  }
  prim.vertices = std::move(verts);
  prim.indices.resize(prim.vertices.size());
  for (size_t i = 0; i < prim.indices.size(); ++i) prim.indices[i] = static_cast<uint32_t>(i);
}

void generateTangents(Primitive& prim, int uvSet) {
  std::vector<glm::vec3> tan(prim.vertices.size(), glm::vec3(0.0f)), bit(prim.vertices.size(), glm::vec3(0.0f));
  auto uv = [&](uint32_t i) { return uvSet == 1 ? prim.vertices[i].uv1 : prim.vertices[i].uv0; };
  for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
    uint32_t i0 = prim.indices[t], i1 = prim.indices[t + 1], i2 = prim.indices[t + 2];
    glm::vec3 e1 = prim.vertices[i1].position - prim.vertices[i0].position;
    glm::vec3 e2 = prim.vertices[i2].position - prim.vertices[i0].position;
    glm::vec2 d1 = uv(i1) - uv(i0), d2 = uv(i2) - uv(i0);
    float det = d1.x * d2.y - d2.x * d1.y;
    if (std::fabs(det) < 1e-12f) continue;
    float r = 1.0f / det;
    glm::vec3 s = (e1 * d2.y - e2 * d1.y) * r;
    glm::vec3 b = (e2 * d1.x - e1 * d2.x) * r;
    for (uint32_t i : {i0, i1, i2}) {
      tan[i] += s;
      bit[i] += b;
    }
  }
  for (size_t i = 0; i < prim.vertices.size(); ++i) {
    glm::vec3 n = prim.vertices[i].normal;
    glm::vec3 t = tan[i] - n * glm::dot(n, tan[i]);
    float len = glm::length(t);
    if (len < 1e-8f) {
      // No usable UV gradient: any vector perpendicular to the normal.
      t = std::fabs(n.x) < 0.9f ? glm::normalize(glm::cross(n, glm::vec3(1, 0, 0)))
                                : glm::normalize(glm::cross(n, glm::vec3(0, 1, 0)));
    } else {
      t /= len;
    }
    float w = glm::dot(glm::cross(n, t), bit[i]) < 0.0f ? -1.0f : 1.0f;
    prim.vertices[i].tangent = glm::vec4(t, w);
  }
}

void computeBounds(Primitive& prim) {
  prim.bounds = Bounds{};
  for (const Vertex& v : prim.vertices) prim.bounds.extend(glm::dvec3(v.position));
}

}  // namespace ct::scene
