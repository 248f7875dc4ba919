// Merge at load: geometry, winding, features and far-from-origin precision survive batching.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "scene/batching.h"

using namespace ct::scene;

namespace {

// A unit right triangle in the x/z plane facing +y, with vertex features left to the instance.
Mesh triangleMesh(size_t extraVertices = 0) {
  Primitive p;
  p.vertices.resize(3 + extraVertices);
  p.vertices[0].position = {0, 0, 0};
  p.vertices[1].position = {0, 0, -1};
  p.vertices[2].position = {1, 0, 0};
  for (auto& v : p.vertices) v.normal = {0, 1, 0};
  p.indices = {0, 2, 1};  // counter-clockwise seen from +y
  for (const auto& v : p.vertices) p.bounds.extend(glm::dvec3(v.position));
  return {"tri", {p}};
}

std::vector<glm::dvec3> worldTriangles(const Scene& s) {
  std::vector<glm::dvec3> out;
  for (const auto& inst : s.instances)
    for (const auto& p : s.meshes[inst.mesh].primitives)
      for (uint32_t i : p.indices) out.push_back(glm::dvec3(inst.world * glm::dvec4(glm::dvec3(p.vertices[i].position), 1.0)));
  return out;
}

}  // namespace

TEST(Batching, MergesSmallInstancesKeepingGeometryFeaturesAndWinding) {
  Scene s;
  s.meshes.push_back(triangleMesh());
  s.meshes.push_back(triangleMesh(10000));  // too big to merge
  const glm::dvec3 far(6378137.0, 12.5, -2000.25);
  for (int i = 0; i < 50; ++i) {
    glm::dmat4 w = glm::translate(glm::dmat4(1.0), far + glm::dvec3(i * 7.0, 0.0, (i % 5) * 9.0));
    if (i % 7 == 3) w = glm::scale(w, glm::dvec3(-1.0, 1.0, 1.0));  // mirrored
    s.instances.push_back({0, -1, w, static_cast<uint32_t>(i + 1)});
  }
  s.instances.push_back({1, -1, glm::translate(glm::dmat4(1.0), far), 99});  // big and shared: stays
  s.instances.push_back({1, -1, glm::translate(glm::dmat4(1.0), far + glm::dvec3(0, 50, 0)), 98});
  s.computeBounds();
  std::vector<glm::dvec3> before = worldTriangles(s);
  uint64_t triangles = s.triangleCount();

  BatchOptions o;
  o.instancesPerCell = 8;
  o.instancedFrom = 100;  // 50 copies of the triangle: merged here
  BatchStats stats = batchSmallInstances(s, o);
  EXPECT_EQ(stats.instancesMerged, 50u);
  EXPECT_GE(stats.batches, 3u);
  EXPECT_LT(stats.batches, 20u);
  EXPECT_EQ(s.instances.size(), stats.batches + 2);
  EXPECT_EQ(s.triangleCount(), triangles);

  // Same triangles in world space (as a multiset, to a millimetre), far from the origin.
  std::vector<glm::dvec3> after = worldTriangles(s);
  ASSERT_EQ(after.size(), before.size());
  auto less = [](const glm::dvec3& a, const glm::dvec3& b) {
    return std::tie(a.x, a.y, a.z) < std::tie(b.x, b.y, b.z);
  };
  auto round = [](std::vector<glm::dvec3> v) {
    for (auto& p : v) p = glm::round(p * 1000.0);
    return v;
  };
  std::vector<glm::dvec3> b = round(before), a = round(after);
  std::sort(b.begin(), b.end(), less);
  std::sort(a.begin(), a.end(), less);
  EXPECT_EQ(a, b);

  // Every merged triangle still faces its normal (mirrored ones had their winding flipped), and carries
  // its instance's feature.
  std::vector<bool> seen(51, false);
  for (const auto& inst : s.instances) {
    if (inst.mesh == 1) continue;
    for (const auto& p : s.meshes[inst.mesh].primitives)
      for (size_t k = 0; k < p.indices.size(); k += 3) {
        const Vertex &v0 = p.vertices[p.indices[k]], &v1 = p.vertices[p.indices[k + 1]], &v2 = p.vertices[p.indices[k + 2]];
        glm::vec3 geometric = glm::cross(v1.position - v0.position, v2.position - v0.position);
        EXPECT_GT(glm::dot(geometric, v0.normal), 0.0f);
        ASSERT_GE(v0.feature, 1u);
        ASSERT_LE(v0.feature, 50u);
        seen[v0.feature] = true;
      }
  }
  for (int i = 1; i <= 50; ++i) EXPECT_TRUE(seen[i]) << i;
  EXPECT_EQ(s.instances.front().mesh, 1);  // the big mesh stays as it was
  EXPECT_EQ(s.instances.front().feature, 99u);
}

TEST(Batching, AWideMeshUsedOnceIsCutIntoCells) {
  // A 100 x 100 m ground of 20 x 20 quads, plus 30 small triangles on it: the ground is cut into the cells.
  Scene s;
  Primitive ground;
  for (int z = 0; z <= 20; ++z)
    for (int x = 0; x <= 20; ++x) {
      Vertex v;
      v.position = {x * 5.0f, 0.0f, z * -5.0f};
      ground.vertices.push_back(v);
      ground.bounds.extend(glm::dvec3(v.position));
    }
  for (uint32_t z = 0; z < 20; ++z)
    for (uint32_t x = 0; x < 20; ++x) {
      uint32_t a = z * 21 + x, b = a + 1, c = a + 22, d = a + 21;
      for (uint32_t i : {a, b, c, a, c, d}) ground.indices.push_back(i);
    }
  s.meshes.push_back({"ground", {ground}});
  s.meshes.push_back(triangleMesh());
  s.instances.push_back({0, -1, glm::dmat4(1.0), 0});
  for (int i = 0; i < 30; ++i)
    s.instances.push_back({1, -1, glm::translate(glm::dmat4(1.0), glm::dvec3(i * 3.0, 0.0, -i * 3.0)), uint32_t(i + 1)});
  s.computeBounds();
  const uint64_t triangles = s.triangleCount();
  BatchOptions o;
  o.instancesPerCell = 4;
  o.instancedFrom = 100;  // the 30 small triangles are merged too
  BatchStats stats = batchSmallInstances(s, o);
  EXPECT_EQ(stats.instancesMerged, 31u);
  EXPECT_EQ(s.triangleCount(), triangles);
  // No batch spans much more than a cell: the ground no longer stretches one batch over everything.
  double widest = 0.0;
  for (const auto& inst : s.instances)
    for (const auto& p : s.meshes[inst.mesh].primitives) widest = std::max(widest, std::max(p.bounds.size().x, p.bounds.size().z));
  EXPECT_GT(stats.batches, 4u);
  EXPECT_LT(widest, 60.0);
}
