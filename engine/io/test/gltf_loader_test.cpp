// glTF loader on small files written by the test: accessor decoding, hierarchy, confinement and errors.
#include <gtest/gtest.h>

#include <cstring>

#include "io/gltf_loader.h"
#include "test_support.h"

using ct::io::loadGltf;
using nlohmann::json;
namespace fs = std::filesystem;
namespace t = ct::test;

namespace {

ct::Result<ct::scene::Scene> loadJson(const json& j, const std::string& name = "model.gltf") {
  fs::path dir = t::tempDir("io_" + std::to_string(std::hash<std::string>{}(j.dump())));
  t::writeText(dir / name, j.dump());
  return loadGltf(dir / name);
}

std::string errorOf(const json& j) {
  auto r = loadJson(j);
  EXPECT_FALSE(r.ok());
  return r.firstError();
}

}  // namespace

TEST(GltfLoader, TriangleWithDataUri) {
  auto r = loadJson(t::triangleGltf());
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& s = r.value();
  ASSERT_EQ(s.meshes.size(), 1u);
  const auto& p = s.meshes[0].primitives[0];
  EXPECT_EQ(p.indices, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(p.vertices[1].position, glm::vec3(1, 0, 0));
  EXPECT_EQ(p.vertices[2].normal, glm::vec3(0, 0, 1));
  EXPECT_EQ(s.triangleCount(), 1u);
  EXPECT_EQ(s.bounds.max, glm::dvec3(1, 1, 0));
}

TEST(GltfLoader, NodeTransformsComposeInDoubles) {
  json j = t::triangleGltf();
  j["nodes"] = json::array({{{"children", {1}}, {"translation", {6378137.0, 0.0, 0.0}}},
                            {{"mesh", 0}, {"scale", {2.0, 2.0, 2.0}}, {"translation", {0.5, 0.0, 0.0}}}});
  auto r = loadJson(j);
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_DOUBLE_EQ(r.value().bounds.min.x, 6378137.5);
  EXPECT_DOUBLE_EQ(r.value().bounds.max.x, 6378139.5);
  EXPECT_DOUBLE_EQ(r.value().bounds.max.y, 2.0);
}

TEST(GltfLoader, MatrixNodeAndMirroredInstance) {
  json j = t::triangleGltf();
  j["nodes"][0]["matrix"] = {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 3, 0, 0, 1};
  auto r = loadJson(j);
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_DOUBLE_EQ(r.value().bounds.min.x, 2.0);
  EXPECT_DOUBLE_EQ(r.value().bounds.max.x, 3.0);
}

TEST(GltfLoader, MissingNormalsBecomeFlat) {
  json j = t::triangleGltf();
  j["meshes"][0]["primitives"][0]["attributes"].erase("NORMAL");
  j["nodes"][0]["rotation"] = {0.0, 0.0, 0.0, 1.0};
  auto r = loadJson(j);
  ASSERT_TRUE(r.ok()) << r.firstError();
  for (const auto& v : r.value().meshes[0].primitives[0].vertices) EXPECT_EQ(v.normal, glm::vec3(0, 0, 1));
}

TEST(GltfLoader, NormalizedAndStridedAttributes) {
  // COLOR_0 as normalized unsigned bytes, interleaved with padding (stride 8).
  std::vector<uint8_t> buf = t::triangleBuffer();
  std::vector<uint8_t> colors = {255, 0, 0, 255, 9, 9, 9, 9, 0, 255, 0, 128, 9, 9, 9, 9, 0, 0, 255, 0, 9, 9, 9, 9};
  size_t offset = buf.size();
  buf.insert(buf.end(), colors.begin(), colors.end());
  json j = t::triangleGltf();
  j["buffers"][0] = {{"byteLength", buf.size()}, {"uri", "data:application/octet-stream;base64," + t::base64(buf)}};
  j["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", 24}, {"byteStride", 8}});
  j["accessors"].push_back({{"bufferView", 2}, {"componentType", 5121}, {"normalized", true}, {"count", 3}, {"type", "VEC4"}});
  j["meshes"][0]["primitives"][0]["attributes"]["COLOR_0"] = 3;
  auto r = loadJson(j);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& v = r.value().meshes[0].primitives[0].vertices;
  EXPECT_EQ(v[0].color, glm::vec4(1, 0, 0, 1));
  EXPECT_NEAR(v[1].color.a, 128.0f / 255.0f, 1e-6);
  EXPECT_EQ(v[2].color, glm::vec4(0, 0, 1, 0));
}

TEST(GltfLoader, SparseAccessorOverridesValues) {
  std::vector<uint8_t> buf = t::triangleBuffer();
  size_t offset = buf.size();
  uint16_t idx[2] = {2, 0};
  float val[3] = {5.0f, 6.0f, 7.0f};
  buf.resize(offset + 4 + 12);
  std::memcpy(buf.data() + offset, idx, 2);  // one index (2), padded to 4 bytes
  std::memcpy(buf.data() + offset + 4, val, 12);
  json j = t::triangleGltf();
  j["buffers"][0] = {{"byteLength", buf.size()}, {"uri", "data:application/octet-stream;base64," + t::base64(buf)}};
  j["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", 4}});
  j["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", offset + 4}, {"byteLength", 12}});
  j["accessors"][0]["sparse"] = {{"count", 1},
                                 {"indices", {{"bufferView", 2}, {"componentType", 5123}}},
                                 {"values", {{"bufferView", 3}}}};
  auto r = loadJson(j);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& v = r.value().meshes[0].primitives[0].vertices;
  EXPECT_EQ(v[2].position, glm::vec3(5, 6, 7));
  EXPECT_EQ(v[1].position, glm::vec3(1, 0, 0));
}

TEST(GltfLoader, GpuInstancingExpandsInstances) {
  std::vector<uint8_t> buf = t::triangleBuffer();
  size_t offset = buf.size();
  float tr[6] = {0, 0, 0, 10, 0, 0};
  buf.resize(offset + 24);
  std::memcpy(buf.data() + offset, tr, 24);
  json j = t::triangleGltf();
  j["buffers"][0] = {{"byteLength", buf.size()}, {"uri", "data:application/octet-stream;base64," + t::base64(buf)}};
  j["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", 24}});
  j["accessors"].push_back({{"bufferView", 2}, {"componentType", 5126}, {"count", 2}, {"type", "VEC3"}});
  j["extensionsUsed"] = {"EXT_mesh_gpu_instancing"};
  j["nodes"][0]["extensions"] = {{"EXT_mesh_gpu_instancing", {{"attributes", {{"TRANSLATION", 3}}}}}};
  auto r = loadJson(j);
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_EQ(r.value().instances.size(), 2u);
  EXPECT_DOUBLE_EQ(r.value().bounds.max.x, 11.0);
}

TEST(GltfLoader, TextureTransformAndEmissiveStrength) {
  json j = t::triangleGltf();
  j["samplers"] = json::array({{{"magFilter", 9728}, {"wrapS", 33071}}});
  j["images"] = json::array({{{"uri", "missing.png"}}});
  j["textures"] = json::array({{{"source", 0}, {"sampler", 0}}});
  j["materials"] = json::array(
      {{{"pbrMetallicRoughness",
         {{"baseColorTexture",
           {{"index", 0},
            {"extensions", {{"KHR_texture_transform", {{"offset", {0.5, 0.0}}, {"scale", {2.0, 3.0}}, {"texCoord", 1}}}}}}}}},
        {"emissiveFactor", {1.0, 0.5, 0.0}},
        {"extensions", {{"KHR_materials_emissive_strength", {{"emissiveStrength", 4.0}}}, {"KHR_materials_unlit", json::object()}}},
        {"alphaMode", "MASK"}, {"alphaCutoff", 0.25}, {"doubleSided", true}}});
  j["meshes"][0]["primitives"][0]["material"] = 0;
  auto r = loadJson(j);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& m = r.value().materials[0];
  EXPECT_EQ(m.baseColor.texCoord, 1);
  glm::vec3 uv = m.baseColor.transform * glm::vec3(1.0f, 1.0f, 1.0f);
  EXPECT_FLOAT_EQ(uv.x, 2.5f);
  EXPECT_FLOAT_EQ(uv.y, 3.0f);
  EXPECT_EQ(m.emissiveFactor, glm::vec3(4.0f, 2.0f, 0.0f));
  EXPECT_TRUE(m.unlit);
  EXPECT_TRUE(m.doubleSided);
  EXPECT_EQ(m.alphaMode, ct::scene::AlphaMode::Mask);
  EXPECT_FLOAT_EQ(m.alphaCutoff, 0.25f);
  EXPECT_FALSE(r.value().textures[0].sampler.magLinear);
  EXPECT_EQ(r.value().textures[0].sampler.wrapS, ct::scene::Wrap::ClampToEdge);
  // The image file does not exist: a warning, not an error, and the image stays empty (neutral fallback).
  EXPECT_TRUE(r.value().images[0].rgba.empty());
  EXPECT_FALSE(r.warnings().empty());
}

TEST(GltfLoaderErrors, NodeCycle) {
  json j = t::triangleGltf();
  j["nodes"] = json::array({{{"children", {1}}}, {{"children", {0}}, {"mesh", 0}}});
  EXPECT_NE(errorOf(j).find("reached twice"), std::string::npos);
}

TEST(GltfLoaderErrors, IndexOutOfRange) {
  std::vector<uint8_t> buf = t::triangleBuffer();
  buf[72 + 2] = 99;  // second index = 99
  json j = t::triangleGltf();
  j["buffers"][0]["uri"] = "data:application/octet-stream;base64," + t::base64(buf);
  EXPECT_NE(errorOf(j).find("index 99 is out of range"), std::string::npos);
}

TEST(GltfLoaderErrors, AccessorPastItsView) {
  json j = t::triangleGltf();
  j["accessors"][0]["count"] = 300;
  EXPECT_NE(errorOf(j).find("accessor 0"), std::string::npos);
}

TEST(GltfLoaderErrors, ViewPastItsBuffer) {
  json j = t::triangleGltf();
  j["bufferViews"][1]["byteLength"] = 6000;
  EXPECT_FALSE(errorOf(j).empty());
}

TEST(GltfLoaderErrors, UnsupportedRequiredExtension) {
  json j = t::triangleGltf();
  j["extensionsUsed"] = {"KHR_made_up"};
  j["extensionsRequired"] = {"KHR_made_up"};
  EXPECT_EQ(errorOf(j), "required extension KHR_made_up is not supported");
}

TEST(GltfLoaderErrors, UriEscapingTheFolder) {
  fs::path dir = t::tempDir("io_escape");
  fs::create_directories(dir / "model");
  t::writeBytes(dir / "secret.bin", t::triangleBuffer());
  json j = t::triangleGltf();
  j["buffers"][0]["uri"] = "../secret.bin";
  t::writeText(dir / "model" / "m.gltf", j.dump());
  auto r = loadGltf(dir / "model" / "m.gltf");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("outside the model's folder"), std::string::npos) << r.firstError();
  j["buffers"][0]["uri"] = (dir / "secret.bin").string();
  t::writeText(dir / "model" / "m.gltf", j.dump());
  r = loadGltf(dir / "model" / "m.gltf");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("absolute path"), std::string::npos) << r.firstError();
}

TEST(GltfLoaderErrors, NotGltfAndEmptyAndTruncated) {
  fs::path dir = t::tempDir("io_garbage");
  t::writeText(dir / "a.gltf", "hello, I am not a model");
  EXPECT_FALSE(loadGltf(dir / "a.gltf").ok());
  t::writeText(dir / "b.gltf", "");
  EXPECT_EQ(loadGltf(dir / "b.gltf").firstError(), "file is empty");
  t::writeText(dir / "c.gltf", t::triangleGltf().dump().substr(0, 100));
  const std::string truncated = loadGltf(dir / "c.gltf").firstError();
  EXPECT_EQ(truncated.rfind("invalid JSON at byte ", 0), 0u) << truncated;  // where, and what
  t::writeText(dir / "c2.gltf", "{\"asset\": {\"version\": \"2.0\"},, }");
  EXPECT_EQ(loadGltf(dir / "c2.gltf").firstError(), "invalid JSON at byte 29: Missing a name for object member.");
  t::writeText(dir / "d.glb", std::string("glTF\x02\0\0\0", 8) + std::string(4, '\xff'));
  EXPECT_NE(loadGltf(dir / "d.glb").firstError().find("truncated GLB"), std::string::npos);
  EXPECT_EQ(loadGltf(dir / "nothing.gltf").firstError(), "file not found");
  t::writeText(dir / "deep.gltf", "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}");
  EXPECT_NE(loadGltf(dir / "deep.gltf").firstError().find("nested deeper"), std::string::npos);
}
