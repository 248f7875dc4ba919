// appendScene: indices, transforms and feature rows of the appended scene, key collisions.
#include "scene/compose.h"

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

namespace ct::scene {
namespace {

Scene oneTriangle(const std::string& key) {
  Scene s;
  Primitive p;
  for (int i = 0; i < 3; ++i) {
    Vertex v;
    v.position = glm::vec3(float(i == 1), 0.0f, float(i == 2));
    v.feature = 1;
    p.vertices.push_back(v);
    p.indices.push_back(uint32_t(i));
    p.bounds.extend(glm::dvec3(v.position));
  }
  p.material = 0;
  s.meshes.push_back({"m", {p}});
  s.materials.push_back(Material{});
  s.materials[0].baseColor.texture = 0;
  s.textures.push_back(Texture{0, {}});
  s.images.push_back(Image{});
  s.nodes.push_back(Node{"n", -1, 0, glm::dmat4(1.0)});
  s.instances.push_back(Instance{0, 0, glm::dmat4(1.0), 0});
  uint32_t row = s.features.add(key);
  s.features.set(row, "height", "FLOAT64", 12.5);
  s.computeBounds();
  return s;
}

TEST(Compose, AppendsWithOffsetsTransformAndRows) {
  Scene dst = oneTriangle("a");
  const uint32_t first = appendScene(dst, oneTriangle("b"), glm::translate(glm::dmat4(1.0), glm::dvec3(100, 0, 0)));
  EXPECT_EQ(first, 1u);
  ASSERT_EQ(dst.meshes.size(), 2u);
  EXPECT_EQ(dst.meshes[1].primitives[0].material, 1);
  EXPECT_EQ(dst.meshes[1].primitives[0].vertices[0].feature, 2u);  // row 1 + 1
  EXPECT_EQ(dst.materials[1].baseColor.texture, 1);
  EXPECT_EQ(dst.textures[1].image, 1);
  EXPECT_EQ(dst.instances[1].mesh, 1);
  EXPECT_EQ(dst.instances[1].node, 1);
  EXPECT_DOUBLE_EQ(dst.instances[1].world[3][0], 100.0);
  EXPECT_DOUBLE_EQ(dst.nodes[1].world[3][0], 100.0);
  EXPECT_EQ(dst.features.key(1), "b");
  const PropertyColumn* h = dst.features.column("height");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(std::get<double>(h->values.at(1)), 12.5);
  EXPECT_DOUBLE_EQ(dst.bounds.max.x, 101.0);
}

TEST(Compose, CollidingKeysGetThePrefix) {
  Scene dst = oneTriangle("a");
  appendScene(dst, oneTriangle("a"), glm::dmat4(1.0), "second:");
  appendScene(dst, oneTriangle("a"), glm::dmat4(1.0), "second:");
  ASSERT_EQ(dst.features.size(), 3u);
  EXPECT_EQ(dst.features.key(1), "second:a");
  EXPECT_EQ(dst.features.key(2), "second:a#2");
}

TEST(Compose, StandaloneMeshWithItsOwnFeature) {
  Scene dst = oneTriangle("a");
  Mesh water = oneTriangle("x").meshes[0];
  water.primitives[0].material = -1;
  int mesh = addStandaloneMesh(dst, water, "flood_water", "water:River");
  EXPECT_EQ(mesh, 1);
  EXPECT_EQ(dst.features.find("water:River"), 1);
  EXPECT_EQ(dst.meshes[1].primitives[0].vertices[2].feature, 2u);
  EXPECT_EQ(dst.instances.back().feature, 2u);
}

}  // namespace
}  // namespace ct::scene
