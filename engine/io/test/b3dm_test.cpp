// b3dm tiles: batch rows and properties, _BATCHID, RTC_CENTER (JSON or binary), legacy and malformed tiles.
#include <gtest/gtest.h>

#include <cstring>

#include "io/gltf_loader.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace t = ct::test;
using ct::io::loadGltf;

namespace {

ct::Result<ct::scene::Scene> loadTile(const std::vector<uint8_t>& bytes, const std::string& name) {
  fs::path file = t::tempDir("io_b3dm") / name;
  t::writeBytes(file, bytes);
  return loadGltf(file);
}

std::vector<uint8_t> doubles(std::initializer_list<double> values) {
  std::vector<uint8_t> out(values.size() * 8);
  std::memcpy(out.data(), std::data(values), out.size());
  return out;
}

}  // namespace

TEST(B3dm, BatchRowsPropertiesAndRtcCentre) {
  // Two features; the triangle's vertices are batch id 1. RTC_CENTER (Z-up) from the binary body.
  const std::vector<uint8_t> ftBin = [] {
    std::vector<uint8_t> b(12);
    const float c[3] = {1000.0f, 2000.0f, 3000.0f};
    std::memcpy(b.data(), c, 12);
    return b;
  }();
  auto tile = t::b3dm(R"({"BATCH_LENGTH":2,"RTC_CENTER":{"byteOffset":0}})", ftBin,
                      R"({"name":["north","south"],"height":[12.5,30],"floors":[3,9],)"
                      R"("area":{"byteOffset":0,"componentType":"DOUBLE","type":"SCALAR"}})",
                      doubles({150.25, 420.0}), t::triangleGlb(true, 1.0f));
  auto r = loadTile(tile, "ok.b3dm");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& s = r.value();
  ASSERT_EQ(s.features.size(), 2u);
  EXPECT_EQ(ct::scene::toString(s.features.column("name")->values[1]), "south");
  EXPECT_EQ(s.features.column("floors")->type, "INT64");
  EXPECT_EQ(s.features.column("height")->type, "FLOAT64");
  EXPECT_DOUBLE_EQ(std::get<double>(s.features.column("area")->values[1]), 420.0);
  for (const auto& v : s.meshes[0].primitives[0].vertices) EXPECT_EQ(v.feature, 2u);  // batch id 1 = row 1
  // The triangle spans (0..1, 0..1, 0) in glTF; the centre (1000, 2000, 3000) Z-up is (1000, 3000, -2000) Y-up.
  EXPECT_DOUBLE_EQ(s.bounds.min.x, 1000.0);
  EXPECT_DOUBLE_EQ(s.bounds.min.y, 3000.0);
  EXPECT_DOUBLE_EQ(s.bounds.max.y, 3001.0);
  EXPECT_DOUBLE_EQ(s.bounds.min.z, -2000.0);
}

TEST(B3dm, MalformedTilesAreClearErrors) {
  const auto glb = t::triangleGlb(true, 0.0f);
  struct Bad {
    std::string name;
    std::vector<uint8_t> bytes;
    std::string expect;
  };
  std::vector<Bad> bad;
  auto good = t::b3dm(R"({"BATCH_LENGTH":1})", {}, "", {}, glb);
  bad.push_back({"short", std::vector<uint8_t>(good.begin(), good.begin() + 20), "shorter than the header"});
  auto longer = good;
  longer[8] = 0xff;
  longer[9] = 0xff;
  bad.push_back({"length", longer, "truncated b3dm"});
  auto legacy = good;
  legacy[20] = legacy[21] = legacy[22] = 0;
  legacy[23] = 0x30;  // a legacy header's batchLength read as a huge batch table length
  bad.push_back({"legacy", legacy, "legacy b3dm header"});
  bad.push_back({"no_length", t::b3dm(R"({"RTC_CENTER":[1,2,3]})", {}, "", {}, glb), "BATCH_LENGTH"});
  bad.push_back({"json", t::b3dm(R"({"BATCH_LENGTH":1,,})", {}, "", {}, glb), "feature table is not a JSON object"});
  bad.push_back({"rtc", t::b3dm(R"({"BATCH_LENGTH":1,"RTC_CENTER":[1,"x",3]})", {}, "", {}, glb), "RTC_CENTER"});
  bad.push_back({"rtc_bin", t::b3dm(R"({"BATCH_LENGTH":1,"RTC_CENTER":{"byteOffset":8}})", std::vector<uint8_t>(8), "",
                                    {}, glb),
                 "runs past the end"});
  bad.push_back({"count", t::b3dm(R"({"BATCH_LENGTH":1})", {}, R"({"height":[1,2]})", {}, glb), "2 values for 1"});
  bad.push_back({"bin_prop", t::b3dm(R"({"BATCH_LENGTH":1})", {}, R"({"h":{"byteOffset":4,"componentType":"DOUBLE"}})",
                                     std::vector<uint8_t>(8), glb),
                 "misaligned"});
  bad.push_back({"batch_id", t::b3dm(R"({"BATCH_LENGTH":1})", {}, "", {}, t::triangleGlb(true, 5.0f)),
                 "batch id 5"});
  auto noGlb = t::b3dm(R"({"BATCH_LENGTH":1})", {}, "", {}, {'j', 'u', 'n', 'k'});
  bad.push_back({"no_glb", noGlb, "does not hold a GLB"});
  for (const Bad& b : bad) {
    auto r = loadTile(b.bytes, b.name + ".b3dm");
    ASSERT_FALSE(r.ok()) << b.name;
    EXPECT_NE(r.firstError().find(b.expect), std::string::npos) << b.name << ": " << r.firstError();
  }
}

TEST(B3dm, CesiumSampleTilesLoadOrAreRefusedCleanly) {
  if (t::sharedData().empty()) GTEST_SKIP() << "skipped: shared data missing";
  const fs::path dir = t::sharedData() / "cesium-3d-tiles-tools-specdata/specs/data";
  // glTF 2.0 content with RTC_CENTER: ten buildings near Philadelphia, in ECEF.
  auto r = loadGltf(dir / "contentTypes/content.b3dm");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& s = r.value();
  ASSERT_EQ(s.features.size(), 10u);
  for (const char* name : {"id", "Longitude", "Latitude", "Height"}) EXPECT_NE(s.features.column(name), nullptr) << name;
  std::vector<int> seen(11, 0);
  for (const auto& v : s.meshes[0].primitives[0].vertices) ++seen.at(v.feature);
  for (int f = 1; f <= 10; ++f) EXPECT_GT(seen[f], 0) << f;  // every building is tagged
  EXPECT_EQ(seen[0], 0);
  // RTC_CENTER (1215019.2, -4736339.5, 4081628.0) Z-up is (1215019.2, 4081628.0, 4736339.5) Y-up.
  const glm::dvec3 c = s.bounds.center();
  EXPECT_NEAR(c.x, 1215019.2, 300.0);
  EXPECT_NEAR(c.y, 4081628.0, 300.0);
  EXPECT_NEAR(c.z, 4736339.5, 300.0);
  // Older tiles hold glTF 1.0 or a pre-1.0 header: refused with one clear message.
  EXPECT_NE(loadGltf(dir / "Textured/batchedTextured.b3dm").firstError().find("glTF 1.0"), std::string::npos);
  EXPECT_NE(loadGltf(dir / "BatchedDeprecated1/batchedDeprecated1.b3dm").firstError().find("legacy b3dm header"),
            std::string::npos);
  EXPECT_NE(loadGltf(dir / "BatchedDeprecated2/batchedDeprecated2.b3dm").firstError().find("legacy b3dm header"),
            std::string::npos);
}

TEST(B3dm, MutatedTilesNeverCrashAndAlwaysSayWhy) {
  // Deterministic byte mutations of a valid tile (under the sanitizer build too): every load either works or
  // fails with a message; none reads outside its buffers.
  const auto tile = t::b3dm(R"({"BATCH_LENGTH":2,"RTC_CENTER":[10,20,30]})", {},
                            R"({"name":["a","b"],"h":{"byteOffset":0,"componentType":"FLOAT"}})",
                            std::vector<uint8_t>(8, 0), t::triangleGlb(true, 1.0f));
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  int failures = 0;
  for (int i = 0; i < 300; ++i) {
    auto bytes = tile;
    for (uint32_t k = 0, n = 1 + next() % 6; k < n; ++k) {
      const size_t at = next() % bytes.size();
      if (next() % 4 == 0) bytes.erase(bytes.begin() + static_cast<ptrdiff_t>(at), bytes.begin() + static_cast<ptrdiff_t>(std::min(bytes.size(), at + 1 + next() % 32)));
      else bytes[at] = static_cast<uint8_t>(next());
      if (bytes.empty()) bytes.push_back(0);
    }
    auto r = loadTile(bytes, "mutated.b3dm");
    if (!r.ok()) {
      ++failures;
      EXPECT_FALSE(r.firstError().empty()) << i;
    }
  }
  EXPECT_GT(failures, 100);  // most mutations break the tile
}
