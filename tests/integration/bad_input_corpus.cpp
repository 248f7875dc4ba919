// Builds the bad-input corpus (see bad_input_corpus.h). Every case names the message it must produce.
#include "bad_input_corpus.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <tuple>

#include "core/image.h"
#include "export/png.h"
#include "test_support.h"

namespace ct::test {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A PNG of w x h grey pixels, as bytes.
std::vector<uint8_t> pngBytes(const fs::path& dir, uint32_t w, uint32_t h) {
  RgbaImage img{w, h, std::vector<uint8_t>(size_t(w) * h * 4, 128)};
  const fs::path p = dir / ("img_" + std::to_string(w) + "x" + std::to_string(h) + ".png");
  EXPECT_TRUE(exporter::writePng(p, img).ok());
  return readBytes(p);
}

json metadataTables(size_t tables, int64_t rows) {
  json list = json::array();
  for (size_t t = 0; t < tables; ++t) list.push_back({{"class", "b"}, {"count", rows}});
  // (tinygltf drops empty objects, so the class has a property the tables leave out.)
  const json cls = {{"properties", {{"h", {{"type", "SCALAR"}, {"componentType", "UINT8"}}}}}};
  return {{"schema", {{"classes", {{"b", cls}}}}}, {"propertyTables", list}};
}

}  // namespace

std::vector<BadInputCase> generatedCorpus(const std::string& folder) {
  std::vector<BadInputCase> cases;
  const fs::path dir = tempDir(folder);
  auto add = [&](const std::string& name, const std::string& text, const std::string& expect) {
    writeText(dir / name, text);
    cases.push_back({name, dir / name, expect});
  };
  auto addBytes = [&](const std::string& name, const std::vector<uint8_t>& bytes, const std::string& expect) {
    writeBytes(dir / name, bytes);
    cases.push_back({name, dir / name, expect});
  };
  add("empty.gltf", "", "file is empty");
  add("not_gltf.glb", "this is plain text, not a model\n", "not a glTF file");
  add("binary_noise.gltf", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "not a glTF file");
  add("deep_nesting.gltf", "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}", "nested deeper");
  cases.push_back({"missing_file.gltf", dir / "missing_file.gltf", "file not found"});

  const std::string triText = triangleGltf().dump();
  add("truncated_json.gltf", triText.substr(0, triText.size() / 2), "invalid JSON at byte");
  add("json_array.gltf", "[1,2,3]", "not a glTF file");
  auto variant = [&](const std::string& name, auto&& edit, const std::string& expect) {
    json j = triangleGltf();
    edit(j);
    add(name, j.dump(), expect);
  };
  variant("no_asset.gltf", [](json& j) { j.erase("asset"); }, "asset");
  variant("version_1.gltf", [](json& j) { j["asset"]["version"] = "1.0"; }, "version");
  variant("missing_buffer.gltf", [](json& j) { j["buffers"][0]["uri"] = "nowhere.bin"; }, "nowhere.bin");
  variant("accessor_count_too_big.gltf", [](json& j) { j["accessors"][0]["count"] = 1000000; }, "accessor 0");
  variant("accessor_offset_past_view.gltf", [](json& j) { j["accessors"][2]["byteOffset"] = 4096; }, "accessor 2");
  variant("view_past_buffer.gltf", [](json& j) { j["bufferViews"][0]["byteLength"] = 1 << 20; },
          "bufferView 0 (offset 0, length 1048576) runs past the end of buffer 0");
  variant("missing_accessor.gltf", [](json& j) { j["meshes"][0]["primitives"][0]["indices"] = 42; }, "accessor");
  variant("missing_view.gltf", [](json& j) { j["accessors"][0]["bufferView"] = 9; }, "bufferView 9");
  variant("index_out_of_range.gltf", [](json& j) {  // two vertices, but the indices name vertex 2
    j["accessors"][0]["count"] = 2;
    j["accessors"][1]["count"] = 2;
  }, "out of range");
  variant("float_indices.gltf", [](json& j) { j["accessors"][2]["componentType"] = 5126; },
          "must hold unsigned integer scalars");
  variant("node_cycle.gltf", [](json& j) {
    j["nodes"] = json::array({{{"children", {1}}}, {{"children", {0}}, {"mesh", 0}}});
  }, "reached twice");
  variant("self_parent.gltf", [](json& j) { j["nodes"][0]["children"] = {0}; }, "reached twice");
  variant("missing_node.gltf", [](json& j) { j["scenes"][0]["nodes"] = {5}; }, "node 5 does not exist");
  variant("missing_mesh.gltf", [](json& j) { j["nodes"][0]["mesh"] = 3; }, "refers to mesh 3");
  variant("missing_material.gltf", [](json& j) { j["meshes"][0]["primitives"][0]["material"] = 2; }, "material 2");
  variant("bad_mode.gltf", [](json& j) { j["meshes"][0]["primitives"][0]["mode"] = 9; }, "mode");
  variant("bad_scene.gltf", [](json& j) { j["scene"] = 4; }, "scene 4 does not exist");
  variant("required_extension.gltf", [](json& j) {
    j["extensionsUsed"] = {"KHR_future_magic"};
    j["extensionsRequired"] = {"KHR_future_magic"};
  }, "required extension KHR_future_magic is not supported");
  // The sparse index is read from the bits of the float 1.0: 0x3f800000, far past the 3 vertices.
  variant("sparse_index_out_of_range.gltf", [](json& j) {
    j["accessors"][0]["sparse"] = {{"count", 1}, {"indices", {{"bufferView", 0}, {"componentType", 5125}, {"byteOffset", 12}}},
                                   {"values", {{"bufferView", 0}}}};
  }, "sparse index 1065353216 is out of range");
  // Offsets that wrap: near 2^64 for an accessor, negative for sparse (tinygltf keeps those as int).
  variant("accessor_offset_wraps.gltf", [](json& j) { j["accessors"][0]["byteOffset"] = 18446744073709551608ull; },
          "do not fit in a bufferView");
  variant("sparse_negative_offset.gltf", [](json& j) {
    j["accessors"][0]["sparse"] = {{"count", 1}, {"indices", {{"bufferView", 1}, {"componentType", 5123}, {"byteOffset", -4}}},
                                   {"values", {{"bufferView", 0}}}};
  }, "sparse indices has a negative byteOffset -4");
  // A MAT4 accessor of 2^28 elements without a bufferView: 16 GiB from a number.
  variant("mat4_accessor_amplification.gltf", [](json& j) {
    j["accessors"].push_back({{"componentType", 5126}, {"count", 1 << 28}, {"type", "MAT4"}});
    j["extensionsUsed"] = {"EXT_mesh_gpu_instancing"};
    j["nodes"][0]["extensions"]["EXT_mesh_gpu_instancing"] = {{"attributes", {{"TRANSLATION", 3}}}};
  }, "268435456 elements but no bufferView");
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
  }, "property table 0 property h: values are too short");
  // Rows from numbers alone: many tables, or one table with more rows than the id image can name.
  variant("metadata_too_many_tables.gltf", [](json& j) { j["extensions"]["EXT_structural_metadata"] = metadataTables(5000, 1); },
          "5000 property tables; at most 4096 are read");
  variant("metadata_rows_past_id_range.gltf", [](json& j) {
    j["extensions"]["EXT_structural_metadata"] = metadataTables(1, 1 << 24);
  }, "has 16777216 rows; a scene holds at most 16777215 features");
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
  variant("feature_id_fraction.gltf", [](json& j) {  // feature ids as floats must be whole numbers
    std::vector<uint8_t> ids(12);
    const float values[3] = {0.0f, 1.5f, 2.0f};
    std::memcpy(ids.data(), values, sizeof values);
    j["buffers"].push_back({{"byteLength", 12}, {"uri", "data:application/octet-stream;base64," + base64(ids)}});
    j["bufferViews"].push_back({{"buffer", 1}, {"byteLength", 12}});
    j["accessors"].push_back({{"bufferView", 2}, {"componentType", 5126}, {"count", 3}, {"type", "SCALAR"}});
    j["meshes"][0]["primitives"][0]["attributes"]["_FEATURE_ID_0"] = 3;
    j["meshes"][0]["primitives"][0]["extensions"]["EXT_mesh_features"] = {
        {"featureIds", json::array({{{"featureCount", 3}, {"attribute", 0}}})}};
  }, "not a whole number");
  variant("rtc_bad_center.gltf", [](json& j) { j["extensions"]["CESIUM_RTC"] = {{"center", {1, "x", 3}}}; },
          "CESIUM_RTC");
  // Values of the wrong JSON type where an object is expected: tinygltf's Value::Get asserted on them.
  variant("rtc_center_not_an_array.gltf", [](json& j) { j["extensions"]["CESIUM_RTC"] = {{"center", 5}}; },
          "CESIUM_RTC center must be an array of 3 numbers");
  variant("metadata_classes_not_an_object.gltf", [](json& j) {
    j["extensions"]["EXT_structural_metadata"] = metadataTables(1, 1);
    j["extensions"]["EXT_structural_metadata"]["schema"]["classes"] = 5;
  }, "refers to class 'b', which the schema lacks");
  variant("metadata_enums_not_an_object.gltf", [](json& j) {
    j["extensions"]["EXT_structural_metadata"] = metadataTables(1, 1);
    j["extensions"]["EXT_structural_metadata"]["schema"]["enums"] = 5;
    j["extensions"]["EXT_structural_metadata"]["schema"]["classes"]["b"]["properties"]["h"] = {{"type", "ENUM"},
                                                                                                 {"enumType", "e"}};
    j["extensions"]["EXT_structural_metadata"]["propertyTables"][0]["properties"] = {{"h", {{"values", 0}}}};
  }, "unknown enum type 'e'");
  variant("bad_base64.gltf", [](json& j) { j["buffers"][0]["uri"] = "data:application/octet-stream;base64,@@@@"; },
          "Failed to decode 'uri'");
  variant("texture_without_image.gltf", [](json& j) { j["textures"] = json::array({{{"source", 7}}}); }, "image 7");
  variant("image_view_missing.gltf", [](json& j) { j["images"] = json::array({{{"bufferView", 7}, {"mimeType", "image/png"}}}); },
          "image 0 refers to a bufferView that does not exist");

  // The reproduced cases of the hardening issue, as binary containers.
  {  // POSITION count 10^9 over a 48-byte view: was std::bad_alloc and exit 134.
    json j = triangleGltf();
    j["bufferViews"][0] = {{"buffer", 0}, {"byteOffset", 0}, {"byteLength", 48}};
    j["accessors"][0]["count"] = 1000000000;
    addBytes("count_over_view.glb", glbOf(j, triangleBuffer()),
             "1000000000 elements of 12 bytes at offset 0 do not fit in a bufferView of 48 bytes");
  }
  {  // Draco pointing at bufferView 999: was a segfault inside tinygltf's decoder.
    json j = triangleGltf();
    j["extensionsUsed"] = {"KHR_draco_mesh_compression"};
    j["meshes"][0]["primitives"][0]["extensions"]["KHR_draco_mesh_compression"] = {
        {"bufferView", 999}, {"attributes", {{"POSITION", 0}}}};
    addBytes("draco_missing_view.glb", glbOf(j, triangleBuffer()),
             "KHR_draco_mesh_compression refers to bufferView 999, which does not exist");
    j["meshes"][0]["primitives"][0]["extensions"]["KHR_draco_mesh_compression"] = {
        {"bufferView", 0}, {"attributes", {{"POSITION", 0}}}};
    addBytes("draco_garbage.glb", glbOf(j, triangleBuffer()), "Draco data cannot be decoded");
  }
  {  // An image bufferView longer than its buffer: stb was handed bytes past the end.
    json j = triangleGltf();
    j["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", 70}, {"byteLength", 4096}});
    j["images"] = json::array({{{"bufferView", 2}, {"mimeType", "image/png"}}});
    addBytes("image_view_past_buffer.glb", glbOf(j, triangleBuffer()),
             "bufferView 2 (offset 70, length 4096) runs past the end of buffer 0");
  }
  {  // A decoded image past the memory budget (4096 x 4096 RGBA is 64 MiB; the budget is 16 MiB).
    json j = triangleGltf();
    writeBytes(dir / "large.png", pngBytes(dir, 4096, 4096));
    j["images"] = json::array({{{"uri", "large.png"}}});
    add("image_over_budget.gltf", j.dump(), "exceeds the memory budget of 16.0 MiB");
    cases.back().extraArgs = "--max-memory 16M";
  }

  // Amplification found by review: many results from few bytes, each stopped by the budget or a bound.
  {  // 20 property columns of 100 000 rows on one bufferView: 160 MB of cells from 100 KB.
    json j = triangleGltf();
    std::vector<uint8_t> values(100000, 7);
    j["buffers"].push_back({{"byteLength", values.size()}, {"uri", "data:application/octet-stream;base64," + base64(values)}});
    j["bufferViews"].push_back({{"buffer", 1}, {"byteLength", values.size()}});
    json props = json::object(), cols = json::object();
    for (int p = 0; p < 20; ++p) {
      std::string name = "p";  // (appended: GCC 12 warns falsely on "p" + std::to_string(p) here)
      name += std::to_string(p);
      props[name] = {{"type", "SCALAR"}, {"componentType", "UINT8"}};
      cols[name] = {{"values", 2}};
    }
    j["extensions"]["EXT_structural_metadata"] = {
        {"schema", {{"classes", {{"b", {{"properties", props}}}}}}},
        {"propertyTables", json::array({{{"class", "b"}, {"count", 100000}, {"properties", cols}}})}};
    add("metadata_columns_share_a_view.gltf", j.dump(), "a property column needs");
    cases.back().extraArgs = "--max-memory 16M";
  }
  {  // 1400 weighted morph targets over 100 000 vertices: 1.4e8 vertex updates.
    json j = triangleGltf();
    std::vector<uint8_t> zeros(100000 * 12, 0);
    j["buffers"].push_back({{"byteLength", zeros.size()}, {"uri", "data:application/octet-stream;base64," + base64(zeros)}});
    j["bufferViews"].push_back({{"buffer", 1}, {"byteLength", zeros.size()}});
    j["accessors"].push_back({{"bufferView", 2}, {"componentType", 5126}, {"count", 100000}, {"type", "VEC3"}});
    auto& prim = j["meshes"][0]["primitives"][0];
    prim = {{"attributes", {{"POSITION", 3}}}, {"mode", 0}};
    prim["targets"] = json::array();
    for (int t = 0; t < 1400; ++t) prim["targets"].push_back({{"POSITION", 3}});
    j["meshes"][0]["weights"] = std::vector<double>(1400, 1.0);
    add("morph_targets_amplified.gltf", j.dump(), "1400 weighted morph targets over 100000 vertices");
  }
  {  // A triangle fan of 2 million one-byte indices over 3 vertices: 24 MB of indices from 2 MB.
    json j = triangleGltf();
    std::vector<uint8_t> bin = triangleBuffer();
    const size_t at = bin.size(), count = 2000000;
    bin.resize(at + count, 0);
    j["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", at}, {"byteLength", count}});
    j["accessors"][2] = {{"bufferView", 2}, {"componentType", 5121}, {"count", count}, {"type", "SCALAR"}};
    j["meshes"][0]["primitives"][0]["mode"] = 6;
    addBytes("fan_indices_amplified.glb", glbOf(j, bin), "mesh 0 primitive 0 indices needs");
    cases.back().extraArgs = "--max-memory 16M";
  }
  {  // 40 000 empty nodes: tinygltf's model costs far more than the JSON.
    json j = triangleGltf();
    for (int n = 0; n < 40000; ++n) j["nodes"].push_back(json::object());
    add("empty_nodes_amplified.gltf", j.dump(), "the glTF JSON needs");
    cases.back().extraArgs = "--max-memory 16M";
  }
  fs::remove(dir / "device.glb");  // a device behind a symlink: read without end before
  fs::create_symlink("/dev/zero", dir / "device.glb");
  cases.push_back({"device.glb", dir / "device.glb", "not a regular file"});

  // b3dm tiles (3D Tiles 1.0).
  const auto glb = triangleGlb(true, 0.0f);
  const auto goodTile = b3dm(R"({"BATCH_LENGTH":1})", {}, "", {}, glb);
  addBytes("tile_truncated.b3dm", std::vector<uint8_t>(goodTile.begin(), goodTile.begin() + 40), "truncated b3dm");
  addBytes("tile_no_batch_length.b3dm", b3dm(R"({"BATCH_LENGTH":-1})", {}, "", {}, glb), "BATCH_LENGTH");
  addBytes("tile_batch_id_out_of_range.b3dm", b3dm(R"({"BATCH_LENGTH":1})", {}, "", {}, triangleGlb(true, 9.0f)),
           "batch id");
  addBytes("tile_rtc_past_end.b3dm", b3dm(R"({"BATCH_LENGTH":1,"RTC_CENTER":{"byteOffset":4096}})", {}, "", {}, glb),
           "RTC_CENTER");
  addBytes("tile_property_count.b3dm", b3dm(R"({"BATCH_LENGTH":1})", {}, R"({"h":[1,2,3]})", {}, glb), "3 values");
  addBytes("tile_glb_truncated.b3dm", std::vector<uint8_t>(goodTile.begin(), goodTile.end() - 8),
           "truncated b3dm: header says");
  // A componentType that is a number, not a string: was an uncaught nlohmann type_error and an abort.
  addBytes("tile_batch_table_type.b3dm",
           b3dm(R"({"BATCH_LENGTH":1})", {}, R"({"h":{"byteOffset":0,"componentType":5}})", {}, glb),
           "'componentType' must be a string");
  {  // Ten binary properties of 100 000 features, all at byte 0 of one body.
    std::string batchJson = "{";
    for (int p = 0; p < 10; ++p)
      batchJson += (p ? "," : "") + std::string("\"p") + std::to_string(p) +
                   "\":{\"byteOffset\":0,\"componentType\":\"UNSIGNED_BYTE\"}";
    batchJson += "}";
    addBytes("tile_properties_share_bytes.b3dm",
             b3dm(R"({"BATCH_LENGTH":100000})", {}, batchJson, std::vector<uint8_t>(100000, 1), glb),
             "b3dm property 'p");
    cases.back().extraArgs = "--max-memory 16M";
  }
  // 2^24 rows from about a hundred bytes.
  addBytes("tile_batch_length_amplified.b3dm", b3dm(R"({"BATCH_LENGTH":16777215})", {}, "", {}, glb),
           "BATCH_LENGTH 16777215 is more features than the tile's");

  // URIs that leave the model's folder, whether or not the target exists.
  fs::create_directories(dir / "inner");
  writeBytes(dir / "outside.bin", triangleBuffer());
  auto escaping = [&](const std::string& name, const std::string& uri, const std::string& expect, bool image = false) {
    json j = triangleGltf();
    if (image) j["images"] = json::array({{{"uri", uri}}});
    else j["buffers"][0]["uri"] = uri;
    writeText(dir / "inner" / name, j.dump());
    cases.push_back({"inner/" + name, dir / "inner" / name, expect});
  };
  escaping("escape_parent.gltf", "../outside.bin", "outside the model's folder");
  escaping("escape_encoded.gltf", "%2E%2E/outside.bin", "outside the model's folder");
  escaping("escape_absolute.gltf", (dir / "outside.bin").string(), "absolute path");
  escaping("escape_home.gltf", "~/outside.bin", "starts with '~'");
  escaping("escape_scheme.gltf", "file:///etc/passwd", "is not a relative file path");
  escaping("escape_image.gltf", "../outside.bin", "outside the model's folder", true);
  // A symlink inside the model's folder that leads out of it.
  fs::remove(dir / "inner" / "link.bin");
  fs::create_symlink(dir / "outside.bin", dir / "inner" / "link.bin");
  escaping("escape_symlink.gltf", "link.bin", "URI 'link.bin' points outside the model's folder");
  // The reproduced escape: a/city/m.gltf names ../../../../etc/passwd and is opened as ../a/city/m.gltf from a
  // sibling folder (confinement used to check a lexically rebased path and read the raw one).
  fs::create_directories(dir / "a" / "city");
  fs::create_directories(dir / "sibling");
  {
    json j = triangleGltf();
    j["buffers"][0]["uri"] = "../../../../etc/passwd";
    writeText(dir / "a" / "city" / "m.gltf", j.dump());
    cases.push_back({"a/city/m.gltf from a sibling", dir / "a" / "city" / "m.gltf",
                     "URI '../../../../etc/passwd' points outside the model's folder", dir / "sibling",
                     "../a/city/m.gltf"});
  }
  return cases;
}

std::vector<BadInputCase> sampleMutationCorpus(const std::string& folder) {
  std::vector<BadInputCase> cases;
  const fs::path dir = tempDir(folder);
  fs::path box = khronos("Box/glTF-Binary/Box.glb");
  if (!box.empty()) {
    const std::vector<uint8_t> glb = readBytes(box);
    auto put = [&](const std::string& name, std::vector<uint8_t> bytes, const std::string& expect) {
      writeBytes(dir / name, bytes);
      cases.push_back({name, dir / name, expect});
    };
    for (size_t cut : {size_t(3), size_t(10), size_t(19), glb.size() / 2, glb.size() - 1})
      put("truncated_" + std::to_string(cut) + ".glb", std::vector<uint8_t>(glb.begin(), glb.begin() + cut),
          cut < 4 ? "not a glTF file" : cut < 20 ? "shorter than the header" : "truncated GLB");
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
    put("garbage_json.glb", v, "invalid JSON at byte 0");
  }
  fs::path textured = khronos("BoxTextured/glTF/BoxTextured.gltf");
  if (!textured.empty()) {
    fs::path copy = dir / "textured";
    fs::create_directories(copy);
    for (auto& e : fs::directory_iterator(textured.parent_path()))
      fs::copy_file(e.path(), copy / e.path().filename(), fs::copy_options::overwrite_existing);
    json j = json::parse(std::ifstream(textured));
    auto put = [&](const std::string& name, json edited, const std::string& expect) {
      writeText(copy / name, edited.dump());
      cases.push_back({"textured/" + name, copy / name, expect});
    };
    json e = j;
    e["buffers"][0]["uri"] = "missing.bin";
    put("missing_bin.gltf", e, "missing.bin");
    e = j;
    e["buffers"][0]["byteLength"] = 1 << 24;
    put("short_bin.gltf", e, "File size mismatch");
    e = j;
    for (auto& a : e["accessors"])
      if (a["type"] == "VEC3") a["count"] = 3;  // POSITION shorter than the indices and texture coordinates
    put("indices_past_vertices.gltf", e, "TEXCOORD_0 has 24 elements of 2 components; expected 3");
    e = j;
    e["buffers"][0]["uri"] = "../textured/../../outside.bin";
    put("escape_via_folder.gltf", e, "outside the model's folder");
  }
  return cases;
}

std::vector<WarningCase> warningCorpus() {
  std::vector<WarningCase> cases;
  const fs::path dir = tempDir("bad_input_warnings");
  json j = triangleGltf();
  writeBytes(dir / "wide.png", pngBytes(dir, 65536, 4));  // failed vkCreateImage and aborted the render
  j["images"] = json::array({{{"uri", "wide.png"}}});
  j["textures"] = json::array({{{"source", 0}}});
  j["materials"] = json::array({{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}});
  j["meshes"][0]["primitives"][0]["material"] = 0;
  writeText(dir / "wide_image.gltf", j.dump());
  cases.push_back({"wide_image.gltf", dir / "wide_image.gltf", "is 65536x4, larger than 16384 pixels on a side"});
  // Radiance HDR (stb decodes it at 16 bytes a pixel) is no glTF image format: never decoded.
  j["images"] = json::array({{{"uri", "data:image/png;base64," + base64(std::vector<uint8_t>{
                                              '#', '?', 'R', 'A', 'D', 'I', 'A', 'N', 'C', 'E', '\n'})}}});
  writeText(dir / "hdr_image.gltf", j.dump());
  cases.push_back({"hdr_image.gltf", dir / "hdr_image.gltf", "image 0 is neither PNG nor JPEG"});
  // A JPEG Huffman table of 16 x 255 symbols: Debian's stb_image writes them into 257 bytes (fuzz_image).
  std::vector<uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xC4, 0x00, 19, 0x00};
  jpeg.insert(jpeg.end(), 16, 0xFF);
  jpeg.insert(jpeg.end(), {0xFF, 0xD9});
  j["images"] = json::array({{{"uri", "data:image/jpeg;base64," + base64(jpeg)}}});
  writeText(dir / "jpeg_huffman_overflow.gltf", j.dump());
  cases.push_back({"jpeg_huffman_overflow.gltf", dir / "jpeg_huffman_overflow.gltf",
                   "image 0 has a JPEG Huffman table of 4080 symbols (at most 256)"});
  // The other stb flaws fuzz_image found: a scan decoding with an undefined table, a PNG chunk past the end.
  for (const auto& [name, seed, expect] :
       {std::tuple<std::string, std::string, std::string>{"jpeg_undefined_table.gltf", "jpeg_scan_undefined_table.jpg",
                                                          "decodes with a Huffman table it never defined"},
        {"png_chunk_past_end.gltf", "png_idat_length_past_end.png", "runs past the end of the image"}}) {
    const auto bytes = readBytes(sourceDir() / "tests/fuzz/corpus/fuzz_image" / seed);
    j["images"] = json::array({{{"uri", "data:image/png;base64," + base64(bytes)}}});
    writeText(dir / name, j.dump());
    cases.push_back({name, dir / name, expect});
  }
  return cases;
}

}  // namespace ct::test
