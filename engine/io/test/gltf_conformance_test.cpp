// Khronos sample models from ../shared/data: every one loads, and specific features decode as the samples define.
#include <gtest/gtest.h>

#include <algorithm>

#include "io/gltf_loader.h"
#include "test_support.h"

namespace fs = std::filesystem;
using ct::io::loadGltf;

#define REQUIRE_SHARED_DATA()                                                  \
  if (ct::test::sharedData().empty()) GTEST_SKIP() << "skipped: shared data missing"

TEST(GltfConformance, EveryKhronosModelLoadsCleanly) {
  REQUIRE_SHARED_DATA();
  int count = 0;
  for (auto& e : fs::recursive_directory_iterator(ct::test::khronos(""))) {
    auto ext = e.path().extension();
    if (ext != ".gltf" && ext != ".glb") continue;
    auto r = loadGltf(e.path());
    EXPECT_TRUE(r.ok()) << e.path() << ": " << r.firstError();
    if (r.ok()) {
      EXPECT_GT(r.value().instances.size(), 0u) << e.path();
      EXPECT_FALSE(r.value().bounds.empty()) << e.path();
      EXPECT_TRUE(r.warnings().empty()) << e.path() << ": " << r.warnings().front();
    }
    ++count;
  }
  EXPECT_GE(count, 40);
}

TEST(GltfConformance, SparseAccessorSample) {
  REQUIRE_SHARED_DATA();
  auto r = loadGltf(ct::test::khronos("SimpleSparseAccessor/glTF/SimpleSparseAccessor.gltf"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_DOUBLE_EQ(r.value().bounds.max.y, 4.0);  // the sparse values lift three vertices from y=2 to y=4
}

TEST(GltfConformance, QuantizedDuckMatchesFloatDuck) {
  REQUIRE_SHARED_DATA();
  auto q = loadGltf(ct::test::khronos("Duck/glTF-Quantized/Duck.gltf"));
  auto f = loadGltf(ct::test::khronos("Duck/glTF-Binary/Duck.glb"));
  ASSERT_TRUE(q.ok() && f.ok());
  EXPECT_EQ(q.value().triangleCount(), f.value().triangleCount());
  for (int a = 0; a < 3; ++a) {
    EXPECT_NEAR(q.value().bounds.min[a], f.value().bounds.min[a], 1e-3);
    EXPECT_NEAR(q.value().bounds.max[a], f.value().bounds.max[a], 1e-3);
  }
}

TEST(GltfConformance, DracoBoxDecodes) {
  REQUIRE_SHARED_DATA();
  auto r = loadGltf(ct::test::khronos("Box/glTF-Draco/Box.gltf"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_EQ(r.value().triangleCount(), 12u);
  EXPECT_NEAR(r.value().bounds.max.x, 0.5, 1e-3);
}

TEST(GltfConformance, InstancingSample) {
  REQUIRE_SHARED_DATA();
  auto r = loadGltf(ct::test::khronos("SimpleInstancing/glTF-Binary/SimpleInstancing.glb"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_EQ(r.value().instances.size(), 125u);
}

TEST(GltfConformance, PrimitiveModesExpand) {
  REQUIRE_SHARED_DATA();
  auto r = loadGltf(ct::test::khronos("MeshPrimitiveModes/glTF/MeshPrimitiveModes.gltf"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  int tris = 0, lines = 0, points = 0;
  for (const auto& m : r.value().meshes)
    for (const auto& p : m.primitives) {
      tris += p.topology == ct::scene::Topology::Triangles;
      lines += p.topology == ct::scene::Topology::Lines;
      points += p.topology == ct::scene::Topology::Points;
    }
  EXPECT_EQ(points, 1);
  EXPECT_EQ(lines, 3);
  EXPECT_EQ(tris, 3);
}

TEST(GltfConformance, MaterialExtensions) {
  REQUIRE_SHARED_DATA();
  auto unlit = loadGltf(ct::test::khronos("UnlitTest/glTF-Binary/UnlitTest.glb"));
  ASSERT_TRUE(unlit.ok());
  EXPECT_TRUE(std::all_of(unlit.value().materials.begin(), unlit.value().materials.end(),
                          [](const auto& m) { return m.unlit; }));
  auto emissive = loadGltf(ct::test::khronos("EmissiveStrengthTest/glTF-Binary/EmissiveStrengthTest.glb"));
  ASSERT_TRUE(emissive.ok());
  float strongest = 0.0f;
  for (const auto& m : emissive.value().materials) strongest = std::max(strongest, m.emissiveFactor.r);
  EXPECT_GT(strongest, 1.0f);  // emissive_strength scales past 1
  auto transform = loadGltf(ct::test::khronos("TextureTransformTest/glTF/TextureTransformTest.gltf"));
  ASSERT_TRUE(transform.ok());
  int transformed = 0;
  for (const auto& m : transform.value().materials) transformed += m.baseColor.transform != glm::mat3(1.0f);
  EXPECT_GT(transformed, 3);
}

TEST(GltfConformance, UriWithSpaces) {
  REQUIRE_SHARED_DATA();
  auto r = loadGltf(ct::test::khronos("Box With Spaces/glTF/Box With Spaces.gltf"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_TRUE(r.warnings().empty());
  bool anyImage = false;
  for (const auto& img : r.value().images) anyImage |= !img.rgba.empty();
  EXPECT_TRUE(anyImage);
}
