// Bounds arithmetic in doubles, including far-from-origin transforms.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "scene/scene.h"

using ct::scene::Bounds;

TEST(Bounds, EmptyUntilExtended) {
  Bounds b;
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.radius(), 0.0);
  b.extend(glm::dvec3(1, 2, 3));
  EXPECT_FALSE(b.empty());
  EXPECT_EQ(b.center(), glm::dvec3(1, 2, 3));
}

TEST(Bounds, TransformedKeepsPrecisionFarFromOrigin) {
  Bounds b;
  b.extend(glm::dvec3(-1, -1, -1));
  b.extend(glm::dvec3(1, 1, 1));
  glm::dmat4 m(1.0);
  m[3] = glm::dvec4(6378137.0, 0.25, 0.0, 1.0);
  Bounds t = b.transformed(m);
  EXPECT_DOUBLE_EQ(t.min.x, 6378136.0);
  EXPECT_DOUBLE_EQ(t.max.x, 6378138.0);
  EXPECT_DOUBLE_EQ(t.max.y, 1.25);
}

TEST(Scene, CountsAndBoundsOverInstances) {
  ct::scene::Scene s;
  ct::scene::Mesh mesh;
  ct::scene::Primitive p;
  p.vertices.resize(3);
  p.indices = {0, 1, 2};
  p.bounds.extend(glm::dvec3(0));
  p.bounds.extend(glm::dvec3(1));
  mesh.primitives.push_back(p);
  s.meshes.push_back(mesh);
  glm::dmat4 shifted(1.0);
  shifted[3] = glm::dvec4(10, 0, 0, 1);
  s.instances = {{0, 0, glm::dmat4(1.0)}, {0, 1, shifted}};
  s.computeBounds();
  EXPECT_EQ(s.triangleCount(), 2u);
  EXPECT_EQ(s.vertexCount(), 3u);
  EXPECT_EQ(s.bounds.max.x, 11.0);
  EXPECT_EQ(s.bounds.min.x, 0.0);
}

TEST(Scene, FeatureBoundsFromVerticesAndInstances) {
  ct::scene::Scene s;
  ct::scene::Primitive tagged, plain;
  for (int i = 0; i < 3; ++i) {
    ct::scene::Vertex v;
    v.position = {float(i), float(i) * 2.0f, 0.0f};
    v.feature = i == 2 ? 2 : 1;  // rows 0 and 1
    tagged.vertices.push_back(v);
    v.feature = 0;
    plain.vertices.push_back(v);
  }
  for (auto* p : {&tagged, &plain}) p->bounds = {{0, 0, 0}, {2, 4, 0}};
  s.meshes = {{"tagged", {tagged}}, {"plain", {plain}}};
  for (const char* key : {"f0", "f1", "f2"}) s.features.add(key);
  s.instances.push_back({0, -1, glm::translate(glm::dmat4(1.0), glm::dvec3(100, 0, 0))});
  s.instances.push_back({1, -1, glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, -50)), 3});  // row 2
  const auto b = s.featureBounds();
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].min, glm::dvec3(100, 0, 0));
  EXPECT_EQ(b[0].max, glm::dvec3(101, 2, 0));
  EXPECT_EQ(b[1].min, glm::dvec3(102, 4, 0));
  EXPECT_EQ(b[2].min, glm::dvec3(0, 0, -50));
  EXPECT_EQ(b[2].max, glm::dvec3(2, 4, -50));
}
