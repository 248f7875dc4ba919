// Feature tables: EXT_structural_metadata property tables, EXT_mesh_features ids, and the per-node fallback.
#include <gtest/gtest.h>

#include "io/gltf_loader.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace ct;
using nlohmann::json;

namespace {

fs::path metadataSample(const std::string& relative) {
  fs::path root = test::sharedData();
  return root.empty() ? fs::path() : root / "cesium-3d-tiles-samples" / "glTF" / relative;
}

std::string value(const scene::Scene& s, size_t row, const std::string& column) {
  const scene::PropertyColumn* c = s.features.column(column);
  return c ? scene::toString(c->values.at(row)) : "<no column>";
}

// A triangle glTF with a property table of 3 rows whose INT32 column is in a second buffer, and per-vertex
// feature ids 0, 1, 2 in a third; tests then break pieces of it.
json metadataTriangle() {
  json j = test::triangleGltf();
  std::vector<uint8_t> heights(12), ids(12);
  const int32_t h[3] = {10, 20, 35};
  std::memcpy(heights.data(), h, 12);
  const float f[3] = {0, 1, 2};
  std::memcpy(ids.data(), f, 12);
  j["buffers"].push_back({{"byteLength", 12}, {"uri", "data:application/octet-stream;base64," + test::base64(heights)}});
  j["buffers"].push_back({{"byteLength", 12}, {"uri", "data:application/octet-stream;base64," + test::base64(ids)}});
  j["bufferViews"].push_back({{"buffer", 1}, {"byteLength", 12}});
  j["bufferViews"].push_back({{"buffer", 2}, {"byteLength", 12}});
  j["accessors"].push_back({{"bufferView", 3}, {"componentType", 5126}, {"count", 3}, {"type", "SCALAR"}});
  j["meshes"][0]["primitives"][0]["attributes"]["_FEATURE_ID_0"] = 3;
  j["meshes"][0]["primitives"][0]["extensions"]["EXT_mesh_features"] = {
      {"featureIds", json::array({{{"featureCount", 3}, {"attribute", 0}, {"propertyTable", 0}}})}};
  j["extensions"]["EXT_structural_metadata"] = {
      {"schema", {{"classes", {{"building", {{"properties", {{"height", {{"type", "SCALAR"}, {"componentType", "INT32"}}}}}}}}}}},
      {"propertyTables", json::array({{{"class", "building"}, {"count", 3}, {"properties", {{"height", {{"values", 2}}}}}}})}};
  j["extensionsUsed"] = {"EXT_mesh_features", "EXT_structural_metadata"};
  return j;
}

Result<scene::Scene> loadJson(const json& j, const std::string& name) {
  fs::path dir = test::tempDir("io_features_" + name);
  test::writeText(dir / "m.gltf", j.dump());
  return io::loadGltf(dir / "m.gltf");
}

}  // namespace

TEST(GltfFeatures, PropertyTableAndAttributeIds) {
  auto r = loadJson(metadataTriangle(), "ok");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const scene::Scene& s = r.value();
  ASSERT_EQ(s.features.size(), 3u);
  EXPECT_EQ(s.features.key(2), "2");
  EXPECT_EQ(value(s, 2, "height"), "35");
  EXPECT_EQ(s.features.column("height")->type, "INT32");
  const auto& v = s.meshes[0].primitives[0].vertices;
  EXPECT_EQ(v[0].feature, 1u);  // row + 1
  EXPECT_EQ(v[2].feature, 3u);
  EXPECT_EQ(s.instances[0].feature, 0u);  // vertices carry the features
}

TEST(GltfFeatures, MalformedMetadataIsAnError) {
  json j = metadataTriangle();
  j["bufferViews"][2]["byteLength"] = 8;  // 2 of 3 heights
  auto r = loadJson(j, "short");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("property table 0 property height: values are too short"), std::string::npos)
      << r.firstError();
  j = metadataTriangle();
  j["extensions"]["EXT_structural_metadata"]["propertyTables"][0]["count"] = 2;  // id 2 has no row
  r = loadJson(j, "range");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("feature id 2 is out of range"), std::string::npos) << r.firstError();
  j = metadataTriangle();
  j["extensions"]["EXT_structural_metadata"]["propertyTables"][0]["class"] = "tree";
  r = loadJson(j, "class");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("class 'tree'"), std::string::npos) << r.firstError();
}

TEST(GltfFeatures, IdsWithoutTableAreKeyedById) {
  json j = metadataTriangle();
  j["extensions"].erase("EXT_structural_metadata");
  j["meshes"][0]["primitives"][0]["extensions"]["EXT_mesh_features"]["featureIds"][0].erase("propertyTable");
  j["meshes"][0]["primitives"][0]["extensions"]["EXT_mesh_features"]["featureIds"][0]["nullFeatureId"] = 1;
  auto r = loadJson(j, "notable");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const scene::Scene& s = r.value();
  ASSERT_EQ(s.features.size(), 2u);  // 0 and 2; 1 is the null id
  EXPECT_EQ(s.features.key(0), "0");
  EXPECT_EQ(s.features.key(1), "2");
  EXPECT_EQ(s.meshes[0].primitives[0].vertices[1].feature, 0u);
}

TEST(GltfFeatures, OneFeaturePerMeshNodeWithExtras) {
  json j = test::triangleGltf();
  j["nodes"] = json::array({{{"mesh", 0}, {"name", "bldg_7"}, {"extras", {{"usage", "office"}, {"floors", 12}, {"height", 40.5}}}},
                            {{"mesh", 0}, {"name", "bldg_9"}, {"translation", {2, 0, 0}}},
                            {{"mesh", 0}, {"name", "bldg_7"}, {"translation", {4, 0, 0}}},
                            {{"children", {0, 1, 2}}, {"name", "root"}}});
  j["scenes"][0]["nodes"] = {3};
  auto r = loadJson(j, "nodes");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const scene::Scene& s = r.value();
  ASSERT_EQ(s.features.size(), 3u);  // the root has no mesh: not a feature
  EXPECT_EQ(s.features.key(0), "bldg_7");
  EXPECT_EQ(s.features.key(1), "bldg_9");
  EXPECT_EQ(s.features.key(2), "bldg_7#2");  // duplicate names stay distinct
  EXPECT_EQ(value(s, 0, "usage"), "office");
  EXPECT_EQ(value(s, 0, "floors"), "12");
  EXPECT_EQ(value(s, 0, "height"), "40.5");
  EXPECT_EQ(value(s, 1, "usage"), "null");
  ASSERT_EQ(s.instances.size(), 3u);
  EXPECT_EQ(s.instances[0].feature, 1u);
  EXPECT_EQ(s.instances[2].feature, 3u);
}

TEST(GltfFeatures, CesiumSamplesComplexTypes) {
  fs::path file = metadataSample("EXT_structural_metadata/ComplexTypes/ComplexTypes.gltf");
  if (file.empty()) GTEST_SKIP() << "skipped: shared data missing";
  auto r = io::loadGltf(file);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const scene::Scene& s = r.value();
  ASSERT_EQ(s.features.size(), 4u);
  // The values the sample's README lists.
  EXPECT_EQ(value(s, 3, "example_variable_length_ARRAY_STRING"), "[One, Two, Theee, Four]");
  EXPECT_EQ(value(s, 1, "example_fixed_length_ARRAY_ENUM"), "[ExampleEnumValueB, ExampleEnumValueC]");
  EXPECT_EQ(value(s, 0, "example_fixed_length_ARRAY_BOOLEAN"), "[1, 0, 1, 0, 1, 0, 1, 0, 1, 0]");
  EXPECT_EQ(value(s, 2, "example_variable_length_ARRAY_normalized_UINT8").substr(0, 8), "[0, 0.33");
}

TEST(GltfFeatures, CesiumSamplesAllLoadWithTheirProperties) {
  if (test::sharedData().empty()) GTEST_SKIP() << "skipped: shared data missing";
  struct Expect {
    const char* file;
    size_t features;
    const char* property;
  };
  const Expect cases[] = {
      {"EXT_mesh_features/FeatureIdAttribute/FeatureIdAttribute.gltf", 4, nullptr},
      {"EXT_mesh_features/FeatureIdTexture/FeatureIdTexture.gltf", 4, nullptr},
      {"EXT_structural_metadata/FeatureIdAttributeAndPropertyTable/FeatureIdAttributeAndPropertyTable.gltf", 4,
       "example_VEC3_FLOAT32"},
      {"EXT_structural_metadata/FeatureIdTextureAndPropertyTable/FeatureIdTextureAndPropertyTable.gltf", 4,
       "yearBuilt"},
      {"EXT_structural_metadata/MultipleClasses/MultipleClasses.gltf", 8, "example_UINT16"},
      {"EXT_structural_metadata/MultipleFeatureIdsAndProperties/MultipleFeatureIdsAndProperties.gltf", 4,
       "example_STRING"},
      {"EXT_structural_metadata/SharedPropertyTable/SharedPropertyTable.gltf", 4, "example_VEC3_FLOAT32"},
  };
  for (const Expect& e : cases) {
    auto r = io::loadGltf(metadataSample(e.file));
    ASSERT_TRUE(r.ok()) << e.file << ": " << r.firstError();
    EXPECT_EQ(r.value().features.size(), e.features) << e.file;
    if (e.property) {
      EXPECT_NE(r.value().features.column(e.property), nullptr) << e.file;
    }
    if (std::string(e.file).find("FeatureIdTexture") != std::string::npos) {  // sampled by the id image
      const auto& s = r.value();
      const int mat = s.meshes[0].primitives[0].material;
      ASSERT_GE(mat, 0) << e.file;
      EXPECT_GE(s.materials[mat].featureIds.texture, 0) << e.file;
      EXPECT_EQ(s.materials[mat].featureIds.channels, std::vector<uint8_t>{0}) << e.file;
    }
  }
}

TEST(GltfPrecision, CesiumRtcCentreOffsetsTheModelInDoubles) {
  json j = test::triangleGltf();
  j["extensionsUsed"] = {"CESIUM_RTC"};
  j["extensions"]["CESIUM_RTC"] = {{"center", {1215012.8828876738, -4736313.051199594, 4081605.22126042}}};
  auto r = loadJson(j, "rtc");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const glm::dvec3 t(r.value().instances[0].world[3]);
  EXPECT_DOUBLE_EQ(t.x, 1215012.8828876738);   // x stays
  EXPECT_DOUBLE_EQ(t.y, 4081605.22126042);     // Z-up z is Y-up y
  EXPECT_DOUBLE_EQ(t.z, 4736313.051199594);    // and Z-up y is Y-up -z
  EXPECT_NEAR(r.value().bounds.max.x, 1215013.8828876738, 1e-6);
  j["extensions"]["CESIUM_RTC"]["center"] = {1, 2};
  r = loadJson(j, "rtc_bad");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("CESIUM_RTC"), std::string::npos);
}

// Integer feature ids are read as integers: 2^24 and 2^24 + 1 are one apart in a float only as far as 2^24
// (read as floats they merged into one feature).
TEST(GltfFeatures, IntegerIdsAbove2To24StayApart) {
  json j = metadataTriangle();
  j["extensions"].erase("EXT_structural_metadata");
  j["meshes"][0]["primitives"][0]["extensions"]["EXT_mesh_features"]["featureIds"][0].erase("propertyTable");
  std::vector<uint8_t> ids(12);
  const uint32_t v[3] = {16777216u, 16777217u, 16777216u};
  std::memcpy(ids.data(), v, 12);
  j["buffers"][2] = {{"byteLength", 12}, {"uri", "data:application/octet-stream;base64," + test::base64(ids)}};
  j["accessors"][3]["componentType"] = 5125;  // UNSIGNED_INT
  auto r = loadJson(j, "bigids");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const scene::Scene& s = r.value();
  ASSERT_EQ(s.features.size(), 2u);
  EXPECT_EQ(s.features.key(0), "16777216");
  EXPECT_EQ(s.features.key(1), "16777217");
  const auto& verts = s.meshes[0].primitives[0].vertices;
  EXPECT_EQ(verts[0].feature, verts[2].feature);
  EXPECT_NE(verts[0].feature, verts[1].feature);
}

// Everything the loader allocates from the file's numbers is charged to the budget first: a budget too small
// for the vertices fails the load with a message naming what needed how much.
TEST(GltfFeatures, LoadFailsWithAMessageWhenPastItsMemoryBudget) {
  fs::path dir = test::tempDir("io_budget");
  test::writeText(dir / "m.gltf", metadataTriangle().dump());
  ASSERT_TRUE(io::loadGltf(dir / "m.gltf", {.maxMemoryBytes = 1u << 20}).ok());
  auto r = io::loadGltf(dir / "m.gltf", {.maxMemoryBytes = 2048});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("exceeds the memory budget of 2.0 KiB"), std::string::npos) << r.firstError();
}
