// Primitive-mode expansion, flat normals and tangent generation against hand-worked cases.
#include <gtest/gtest.h>

#include "scene/mesh_ops.h"

using namespace ct::scene;

TEST(ExpandToList, TriangleStripKeepsWinding) {
  auto out = expandToList(GltfMode::TriangleStrip, {0, 1, 2, 3, 4});
  EXPECT_EQ(out, (std::vector<uint32_t>{0, 1, 2, 2, 1, 3, 2, 3, 4}));
}

TEST(ExpandToList, TriangleFan) {
  auto out = expandToList(GltfMode::TriangleFan, {0, 1, 2, 3});
  EXPECT_EQ(out, (std::vector<uint32_t>{1, 2, 0, 2, 3, 0}));
}

TEST(ExpandToList, LineLoopClosesAndStripDoesNot) {
  EXPECT_EQ(expandToList(GltfMode::LineLoop, {0, 1, 2}), (std::vector<uint32_t>{0, 1, 1, 2, 2, 0}));
  EXPECT_EQ(expandToList(GltfMode::LineStrip, {0, 1, 2}), (std::vector<uint32_t>{0, 1, 1, 2}));
}

TEST(ExpandToList, IncompleteTrailingPrimitivesAreDropped) {
  EXPECT_EQ(expandToList(GltfMode::Triangles, {0, 1, 2, 3}).size(), 3u);
  EXPECT_EQ(expandToList(GltfMode::Lines, {0, 1, 2}).size(), 2u);
  EXPECT_TRUE(expandToList(GltfMode::TriangleStrip, {0, 1}).empty());
  EXPECT_EQ(topologyFor(GltfMode::LineLoop), Topology::Lines);
  EXPECT_EQ(topologyFor(GltfMode::Points), Topology::Points);
  EXPECT_EQ(topologyFor(GltfMode::TriangleFan), Topology::Triangles);
}

namespace {
Primitive quad() {
  Primitive p;
  p.vertices.resize(4);
  p.vertices[0].position = {0, 0, 0};
  p.vertices[1].position = {1, 0, 0};
  p.vertices[2].position = {1, 1, 0};
  p.vertices[3].position = {0, 1, 0};
  p.vertices[0].uv0 = {0, 1};
  p.vertices[1].uv0 = {1, 1};
  p.vertices[2].uv0 = {1, 0};
  p.vertices[3].uv0 = {0, 0};
  p.indices = {0, 1, 2, 0, 2, 3};
  return p;
}
}  // namespace

TEST(MeshOps, FlatNormalsFollowWindingAndUnweld) {
  Primitive p = quad();
  makeFlatNormals(p);
  ASSERT_EQ(p.vertices.size(), 6u);
  for (const Vertex& v : p.vertices) {
    EXPECT_FLOAT_EQ(v.normal.z, 1.0f);
    EXPECT_FLOAT_EQ(v.normal.x, 0.0f);
  }
  EXPECT_EQ(p.indices, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5}));
}

TEST(MeshOps, TangentsPointAlongU) {
  Primitive p = quad();
  for (Vertex& v : p.vertices) v.normal = {0, 0, 1};
  generateTangents(p, 0);
  for (const Vertex& v : p.vertices) {
    EXPECT_NEAR(v.tangent.x, 1.0f, 1e-5);
    EXPECT_NEAR(v.tangent.y, 0.0f, 1e-5);
    // v grows downwards in glTF UV space while y grows up: bitangent = -y, so handedness is -1.
    EXPECT_FLOAT_EQ(v.tangent.w, -1.0f);
  }
}

TEST(MeshOps, BoundsOfPositions) {
  Primitive p = quad();
  computeBounds(p);
  EXPECT_EQ(p.bounds.min, glm::dvec3(0, 0, 0));
  EXPECT_EQ(p.bounds.max, glm::dvec3(1, 1, 0));
}
