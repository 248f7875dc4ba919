// Bounds arithmetic in doubles, including far-from-origin transforms.
#include <gtest/gtest.h>

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
