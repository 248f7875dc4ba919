// The bad-input corpus: malformed files generated from valid ones. Every file must make `citytwin render` and
// `citytwin info` exit 2 with exactly one line "error: FILE: what is wrong" (also under ASan/UBSan).
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace fs = std::filesystem;
namespace t = ct::test;
using nlohmann::json;

namespace {

struct Case {
  std::string name;
  fs::path file;
  std::string expect;  // a fragment the message must contain
};

void mutateGlb(std::vector<Case>& out, const fs::path& dir, const std::vector<uint8_t>& glb) {
  auto put = [&](const std::string& name, std::vector<uint8_t> bytes, const std::string& expect) {
    t::writeBytes(dir / name, bytes);
    out.push_back({name, dir / name, expect});
  };
  for (size_t cut : {size_t(3), size_t(10), size_t(19), glb.size() / 2, glb.size() - 1})
    put("truncated_" + std::to_string(cut) + ".glb", std::vector<uint8_t>(glb.begin(), glb.begin() + cut), "");
  auto v = glb;
  v[4] = 7;  // container version 7
  put("bad_version.glb", v, "version");
  v = glb;
  v[12] = v[13] = v[14] = 0xff;  // JSON chunk longer than the file
  put("json_chunk_too_long.glb", v, "truncated GLB");
  v = glb;
  v[16] = 'X';  // first chunk type not JSON
  put("first_chunk_not_json.glb", v, "not JSON");
  v = glb;
  uint32_t jsonLen = v[12] | v[13] << 8 | v[14] << 16 | v[15] << 24;
  size_t bin = 20 + ((jsonLen + 3) & ~3u);
  if (bin + 8 <= v.size()) {
    v[bin + 2] = 0x7f;  // BIN chunk longer than the file
    put("bin_chunk_too_long.glb", v, "truncated GLB");
  }
  v = glb;
  for (size_t i = 20; i < 20 + 40 && i < v.size(); ++i) v[i] = '#';  // garbage JSON
  put("garbage_json.glb", v, "");
}

std::vector<Case> buildCorpus() {
  std::vector<Case> cases;
  fs::path dir = t::tempDir("bad_input_corpus");
  auto add = [&](const std::string& name, const std::string& text, const std::string& expect) {
    t::writeText(dir / name, text);
    cases.push_back({name, dir / name, expect});
  };
  add("empty.gltf", "", "file is empty");
  add("not_gltf.glb", "this is plain text, not a model\n", "not a glTF file");
  add("binary_noise.gltf", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "not a glTF file");
  add("deep_nesting.gltf", "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}", "nested deeper");
  cases.push_back({"missing_file.gltf", dir / "missing_file.gltf", "file not found"});

  json tri = t::triangleGltf();
  std::string triText = tri.dump();
  add("truncated_json.gltf", triText.substr(0, triText.size() / 2), "");
  add("json_array.gltf", "[1,2,3]", "not a glTF file");
  auto variant = [&](const std::string& name, auto&& edit, const std::string& expect) {
    json j = t::triangleGltf();
    edit(j);
    add(name, j.dump(), expect);
  };
  variant("no_asset.gltf", [](json& j) { j.erase("asset"); }, "");
  variant("version_1.gltf", [](json& j) { j["asset"]["version"] = "1.0"; }, "version");
  variant("missing_buffer.gltf", [](json& j) { j["buffers"][0]["uri"] = "nowhere.bin"; }, "");
  variant("accessor_count_too_big.gltf", [](json& j) { j["accessors"][0]["count"] = 1000000; }, "accessor 0");
  variant("accessor_offset_past_view.gltf", [](json& j) { j["accessors"][2]["byteOffset"] = 4096; }, "accessor 2");
  variant("view_past_buffer.gltf", [](json& j) { j["bufferViews"][0]["byteLength"] = 1 << 20; }, "");
  variant("missing_accessor.gltf", [](json& j) { j["meshes"][0]["primitives"][0]["indices"] = 42; }, "accessor");
  variant("missing_view.gltf", [](json& j) { j["accessors"][0]["bufferView"] = 9; }, "bufferView 9");
  variant("index_out_of_range.gltf", [](json& j) {  // two vertices, but the indices name vertex 2
    j["accessors"][0]["count"] = 2;
    j["accessors"][1]["count"] = 2;
  }, "out of range");
  variant("float_indices.gltf", [](json& j) { j["accessors"][2]["componentType"] = 5126; }, "");
  variant("node_cycle.gltf", [](json& j) {
    j["nodes"] = json::array({{{"children", {1}}}, {{"children", {0}}, {"mesh", 0}}});
  }, "reached twice");
  variant("self_parent.gltf", [](json& j) { j["nodes"][0]["children"] = {0}; }, "reached twice");
  variant("missing_node.gltf", [](json& j) { j["scenes"][0]["nodes"] = {5}; }, "");
  variant("missing_mesh.gltf", [](json& j) { j["nodes"][0]["mesh"] = 3; }, "");
  variant("missing_material.gltf", [](json& j) { j["meshes"][0]["primitives"][0]["material"] = 2; }, "material 2");
  variant("bad_mode.gltf", [](json& j) { j["meshes"][0]["primitives"][0]["mode"] = 9; }, "mode");
  variant("bad_scene.gltf", [](json& j) { j["scene"] = 4; }, "");
  variant("required_extension.gltf", [](json& j) {
    j["extensionsUsed"] = {"KHR_future_magic"};
    j["extensionsRequired"] = {"KHR_future_magic"};
  }, "required extension KHR_future_magic is not supported");
  // The sparse index is read from the bits of the float 1.0: 0x3f800000, far past the 3 vertices.
  variant("sparse_index_out_of_range.gltf", [](json& j) {
    j["accessors"][0]["sparse"] = {{"count", 1}, {"indices", {{"bufferView", 0}, {"componentType", 5125}, {"byteOffset", 12}}},
                                   {"values", {{"bufferView", 0}}}};
  }, "sparse");
  variant("metadata_missing_view.gltf", [](json& j) {
    j["extensions"]["EXT_structural_metadata"] = {
        {"schema", {{"classes", {{"b", {{"properties", {{"h", {{"type", "SCALAR"}, {"componentType", "INT32"}}}}}}}}}}},
        {"propertyTables", json::array({{{"class", "b"}, {"count", 3}, {"properties", {{"h", {{"values", 9}}}}}}})}};
  }, "property table 0 property h: bufferView 9 does not exist");
  variant("metadata_values_short.gltf", [](json& j) {
    j["extensions"]["EXT_structural_metadata"] = {
        {"schema", {{"classes", {{"b", {{"properties", {{"h", {{"type", "SCALAR"}, {"componentType", "FLOAT64"}}}}}}}}}}},
        {"propertyTables", json::array({{{"class", "b"}, {"count", 100}, {"properties", {{"h", {{"values", 0}}}}}}})}};
  }, "values are too short");
  // Array offsets read from float bits as UINT64: enormous, so offset arithmetic must not overflow.
  variant("metadata_huge_array_offsets.gltf", [](json& j) {
    j["extensions"]["EXT_structural_metadata"] = {
        {"schema", {{"classes", {{"b", {{"properties", {{"h", {{"type", "SCALAR"}, {"componentType", "FLOAT64"},
                                                                {"array", true}}}}}}}}}}},
        {"propertyTables", json::array({{{"class", "b"}, {"count", 2}, {"properties", {{"h", {{"values", 0},
            {"arrayOffsets", 0}, {"arrayOffsetType", "UINT64"}}}}}}})}};
  }, "property table 0 property h");
  variant("feature_table_missing.gltf", [](json& j) {
    j["meshes"][0]["primitives"][0]["extensions"]["EXT_mesh_features"] = {
        {"featureIds", json::array({{{"featureCount", 3}, {"propertyTable", 3}}})}};
  }, "property table 3");
  variant("feature_texture_nine_channels.gltf", [](json& j) {
    j["images"] = json::array({{{"uri", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+"
                                        "M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}}});
    j["textures"] = json::array({{{"source", 0}}});
    j["meshes"][0]["primitives"][0]["extensions"]["EXT_mesh_features"] = {
        {"featureIds", json::array({{{"featureCount", 1},
                                     {"texture", {{"index", 0}, {"channels", {0, 1, 2, 3, 0, 1, 2, 3, 0}}}}}})}};
  }, "channels must be 0..3");
  variant("rtc_bad_center.gltf", [](json& j) { j["extensions"]["CESIUM_RTC"] = {{"center", {1, "x", 3}}}; },
          "CESIUM_RTC");
  variant("bad_base64.gltf", [](json& j) { j["buffers"][0]["uri"] = "data:application/octet-stream;base64,@@@@"; }, "");
  variant("texture_without_image.gltf", [](json& j) {
    j["textures"] = json::array({{{"source", 7}}});
  }, "image 7");

  // b3dm tiles (3D Tiles 1.0).
  auto tile = [&](const std::string& name, const std::vector<uint8_t>& bytes, const std::string& expect) {
    t::writeBytes(dir / name, bytes);
    cases.push_back({name, dir / name, expect});
  };
  const auto glb = t::triangleGlb(true, 0.0f);
  const auto goodTile = t::b3dm(R"({"BATCH_LENGTH":1})", {}, "", {}, glb);
  tile("tile_truncated.b3dm", std::vector<uint8_t>(goodTile.begin(), goodTile.begin() + 40), "truncated b3dm");
  tile("tile_no_batch_length.b3dm", t::b3dm(R"({"BATCH_LENGTH":-1})", {}, "", {}, glb), "BATCH_LENGTH");
  tile("tile_batch_id_out_of_range.b3dm", t::b3dm(R"({"BATCH_LENGTH":1})", {}, "", {}, t::triangleGlb(true, 9.0f)),
       "batch id");
  tile("tile_rtc_past_end.b3dm", t::b3dm(R"({"BATCH_LENGTH":1,"RTC_CENTER":{"byteOffset":4096}})", {}, "", {}, glb),
       "RTC_CENTER");
  tile("tile_property_count.b3dm", t::b3dm(R"({"BATCH_LENGTH":1})", {}, R"({"h":[1,2,3]})", {}, glb), "3 values");
  tile("tile_glb_truncated.b3dm",
       std::vector<uint8_t>(goodTile.begin(), goodTile.end() - 8), "");  // header length now past the end

  // URIs that leave the model's folder, whether or not the target exists.
  fs::create_directories(dir / "inner");
  t::writeBytes(dir / "outside.bin", t::triangleBuffer());
  auto escaping = [&](const std::string& name, const std::string& uri, const std::string& expect) {
    json j = t::triangleGltf();
    j["buffers"][0]["uri"] = uri;
    t::writeText(dir / "inner" / name, j.dump());
    cases.push_back({"inner/" + name, dir / "inner" / name, expect});
  };
  escaping("escape_parent.gltf", "../outside.bin", "outside the model's folder");
  escaping("escape_encoded.gltf", "%2E%2E/outside.bin", "outside the model's folder");
  escaping("escape_absolute.gltf", (dir / "outside.bin").string(), "absolute path");
  escaping("escape_home.gltf", "~/outside.bin", "");
  escaping("escape_scheme.gltf", "file:///etc/passwd", "");

  // Mutations of real sample files.
  fs::path box = t::khronos("Box/glTF-Binary/Box.glb");
  if (!box.empty()) mutateGlb(cases, dir, t::readBytes(box));
  fs::path textured = t::khronos("BoxTextured/glTF/BoxTextured.gltf");
  if (!textured.empty()) {
    fs::path src = textured.parent_path();
    fs::path copy = dir / "textured";
    fs::create_directories(copy);
    for (auto& e : fs::directory_iterator(src)) fs::copy_file(e.path(), copy / e.path().filename());
    json j = json::parse(std::ifstream(textured));
    auto put = [&](const std::string& name, json edited, const std::string& expect) {
      t::writeText(copy / name, edited.dump());
      cases.push_back({"textured/" + name, copy / name, expect});
    };
    json e = j;
    e["buffers"][0]["uri"] = "missing.bin";
    put("missing_bin.gltf", e, "");
    e = j;
    e["buffers"][0]["byteLength"] = 1 << 24;
    put("short_bin.gltf", e, "");
    e = j;
    for (auto& a : e["accessors"])
      if (a["type"] == "VEC3") a["count"] = 3;  // POSITION shorter than the indices reach
    put("indices_past_vertices.gltf", e, "");
    e = j;
    e["buffers"][0]["uri"] = "../textured/../../outside.bin";
    put("escape_via_folder.gltf", e, "outside the model's folder");
  }
  return cases;
}

}  // namespace

TEST(BadInput, EveryCorpusFileExitsTwoWithOneLine) {
  std::vector<Case> corpus = buildCorpus();
  ASSERT_GE(corpus.size(), 30u);
  std::cout << "bad-input corpus: " << corpus.size() << " files\n";
  if (t::sharedData().empty()) std::cout << "note: shared data missing; corpus mutations of sample files skipped\n";
  fs::path out = t::tempDir("bad_input_out") / "x.png";
  for (const Case& c : corpus) {
    for (const std::string& cmd : {std::string("render"), std::string("info")}) {
      std::string line = t::shellQuote(CITYTWIN_CLI) + " " + cmd + " " + t::shellQuote(c.file.string()) +
                         (cmd == "render" ? " --out " + t::shellQuote(out.string()) : "");
      auto r = t::run(line);
      EXPECT_EQ(r.exitCode, 2) << c.name << " (" << cmd << "): " << r.stderrText;
      std::string prefix = "error: " + c.file.string() + ": ";
      EXPECT_EQ(r.stderrText.rfind(prefix, 0), 0u) << c.name << ": " << r.stderrText;
      EXPECT_EQ(std::count(r.stderrText.begin(), r.stderrText.end(), '\n'), 1) << c.name << ": " << r.stderrText;
      if (!c.expect.empty()) {
        EXPECT_NE(r.stderrText.find(c.expect), std::string::npos) << c.name << ": " << r.stderrText;
      }
    }
    EXPECT_FALSE(fs::exists(out)) << c.name << " wrote an image";
  }
}
