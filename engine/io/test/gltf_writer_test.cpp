// The GLB writer: what it writes, the loader reads back unchanged (geometry, transforms, names, materials).
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "io/gltf_loader.h"
#include "io/gltf_writer.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace ct;

namespace {

scene::Scene twoQuads() {
  scene::Scene s;
  scene::Primitive p;
  p.vertices.resize(4);
  const glm::vec3 corners[4] = {{0, 0, 0}, {2, 0, 0}, {2, 0, -3}, {0, 0, -3}};
  for (int i = 0; i < 4; ++i) {
    p.vertices[i].position = corners[i];
    p.vertices[i].normal = {0, 1, 0};
    p.vertices[i].color = {0.25f * i, 0.5f, 1.0f, 1.0f};
  }
  p.indices = {0, 1, 2, 0, 2, 3};
  p.material = 1;
  for (const auto& v : p.vertices) p.bounds.extend(glm::dvec3(v.position));
  s.meshes.push_back({"quad", {p}});
  scene::Material plain;
  plain.name = "plain";
  scene::Material glow;
  glow.name = "glow";
  glow.baseColorFactor = {0.2f, 0.4f, 0.6f, 0.5f};
  glow.metallicFactor = 0.0f;
  glow.roughnessFactor = 0.3f;
  glow.emissiveFactor = {4.0f, 2.0f, 0.0f};
  glow.alphaMode = scene::AlphaMode::Blend;
  glow.doubleSided = true;
  s.materials = {plain, glow};
  for (int i = 0; i < 2; ++i) {
    scene::Node n;
    n.name = "bldg_" + std::to_string(i);
    n.mesh = 0;
    n.world = glm::translate(glm::dmat4(1.0), glm::dvec3(6378137.0 + i * 10.0, 0.0, 0.0));
    s.nodes.push_back(n);
    s.instances.push_back({0, i, n.world});
  }
  s.computeBounds();
  return s;
}

}  // namespace

TEST(GltfWriter, RoundTripsThroughTheLoader) {
  scene::Scene s = twoQuads();
  fs::path file = test::tempDir("io_writer") / "quads.glb";
  io::GlbWriteOptions options;
  options.vertexColors = true;
  ASSERT_TRUE(io::writeGlb(s, file, options).ok());
  auto r = io::loadGltf(file);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const scene::Scene& back = r.value();
  ASSERT_EQ(back.instances.size(), 2u);
  ASSERT_EQ(back.meshes.size(), 1u);
  const scene::Primitive& p = back.meshes[0].primitives[0];
  ASSERT_EQ(p.vertices.size(), 4u);
  EXPECT_EQ(p.indices, (std::vector<uint32_t>{0, 1, 2, 0, 2, 3}));
  EXPECT_EQ(p.vertices[2].position, glm::vec3(2, 0, -3));
  EXPECT_FLOAT_EQ(p.vertices[3].color.r, 0.75f);
  // Far-from-origin translations survive in double precision.
  EXPECT_DOUBLE_EQ(back.instances[1].world[3][0], 6378147.0);
  EXPECT_EQ(back.nodes[back.instances[1].node].name, "bldg_1");
  ASSERT_EQ(back.materials.size(), 2u);
  const scene::Material& glow = back.materials[p.material];
  EXPECT_EQ(glow.name, "glow");
  EXPECT_EQ(glow.alphaMode, scene::AlphaMode::Blend);
  EXPECT_TRUE(glow.doubleSided);
  EXPECT_FLOAT_EQ(glow.roughnessFactor, 0.3f);
  EXPECT_NEAR(glow.emissiveFactor.r, 4.0f, 1e-5);  // through KHR_materials_emissive_strength
  EXPECT_NEAR(glow.emissiveFactor.g, 2.0f, 1e-5);
  EXPECT_DOUBLE_EQ(back.bounds.max.x, s.bounds.max.x);
}

TEST(GltfWriter, EncodingIsDeterministicAndAligned) {
  scene::Scene s = twoQuads();
  std::vector<uint8_t> a = io::encodeGlb(s), b = io::encodeGlb(s);
  EXPECT_EQ(a, b);
  ASSERT_GE(a.size(), 20u);
  EXPECT_EQ(a.size() % 4, 0u);
  uint32_t total;
  std::memcpy(&total, a.data() + 8, 4);
  EXPECT_EQ(total, a.size());
}

TEST(GltfWriter, EmptySceneIsStillValid) {
  scene::Scene empty;
  fs::path file = test::tempDir("io_writer_empty") / "empty.glb";
  ASSERT_TRUE(io::writeGlb(empty, file).ok());
  auto r = io::loadGltf(file);
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_TRUE(r.value().instances.empty());
}

TEST(GltfWriter, ManyCopiesOfAMeshBecomeGpuInstancingAndComeBackAlike) {
  scene::Scene s = twoQuads();
  s.instances.clear();
  for (int i = 0; i < 40; ++i) {
    glm::dmat4 w = glm::translate(glm::dmat4(1.0), glm::dvec3(6378137.0 + i * 3.0, i * 0.5, -i * 2.0));
    w = glm::rotate(w, 0.1 * i, glm::dvec3(0, 1, 0));
    w = glm::scale(w, glm::dvec3(1.0 + 0.01 * i, i % 5 == 0 ? -1.0 : 1.0, 1.0));  // some mirrored
    s.instances.push_back({0, -1, w});
  }
  s.computeBounds();
  fs::path file = test::tempDir("io_writer_instancing") / "many.glb";
  ASSERT_TRUE(io::writeGlb(s, file).ok());
  auto r = io::loadGltf(file);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const scene::Scene& back = r.value();
  EXPECT_EQ(back.nodes.size(), 1u);  // one node carries all 40 copies
  ASSERT_EQ(back.instances.size(), 40u);
  for (size_t i = 0; i < 40; ++i)
    for (int c = 0; c < 4; ++c)
      for (int k = 0; k < 3; ++k)
        EXPECT_NEAR(back.instances[i].world[c][k], s.instances[i].world[c][k], c == 3 ? 1e-3 : 1e-5) << i;
  EXPECT_NE(std::find(back.extensionsUsed.begin(), back.extensionsUsed.end(), "EXT_mesh_gpu_instancing"),
            back.extensionsUsed.end());
}

TEST(GltfWriter, TexturesAreEmbeddedAsPngAndComeBackAlike) {
  scene::Scene s = twoQuads();
  scene::Image img;
  img.name = "checker";
  img.width = 4;
  img.height = 2;
  for (int i = 0; i < 8; ++i) img.rgba.insert(img.rgba.end(), {uint8_t(i * 30), uint8_t(255 - i * 30), 7, 255});
  s.images.push_back(img);
  scene::Texture clamp;
  clamp.image = 0;
  clamp.sampler.wrapS = scene::Wrap::ClampToEdge;
  clamp.sampler.mipmaps = false;
  scene::Texture repeat;
  repeat.image = 0;
  s.textures = {clamp, repeat};
  s.materials[1].baseColor.texture = 1;
  s.materials[1].metallicRoughness.texture = 0;
  s.materials[1].occlusion = {0, 0, glm::mat3(1.0f), 0.5f};
  for (int i = 0; i < 4; ++i) s.meshes[0].primitives[0].vertices[i].uv0 = {0.5f * i, 2.0f - i};
  fs::path file = test::tempDir("io_writer_textures") / "textured.glb";
  ASSERT_TRUE(io::writeGlb(s, file).ok());  // texcoords not asked for: written because the material is textured
  auto r = io::loadGltf(file);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const scene::Scene& back = r.value();
  ASSERT_EQ(back.images.size(), 1u);
  EXPECT_EQ(back.images[0].width, 4);
  EXPECT_EQ(back.images[0].rgba, img.rgba);  // PNG is lossless
  ASSERT_EQ(back.textures.size(), 2u);
  EXPECT_EQ(back.textures[0].sampler, clamp.sampler);
  EXPECT_EQ(back.textures[1].sampler, repeat.sampler);
  const scene::Material& m = back.materials[1];
  EXPECT_EQ(m.baseColor.texture, 1);
  EXPECT_EQ(m.metallicRoughness.texture, 0);
  EXPECT_EQ(m.occlusion.texture, 0);
  EXPECT_FLOAT_EQ(m.occlusion.scale, 0.5f);
  EXPECT_EQ(m.normal.texture, -1);
  const auto& v = back.meshes[0].primitives[0].vertices;
  EXPECT_EQ(v[3].uv0, glm::vec2(1.5f, -1.0f));
}
