// The citytwin CLI end to end: help, render, info, option errors, warnings for missing textures.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "export/png.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace t = ct::test;
using nlohmann::json;

namespace {
std::string cli() { return t::shellQuote(CITYTWIN_CLI); }

t::CommandResult runStdout(const std::string& args, std::string& out) {
  FILE* p = popen((cli() + " " + args + " 2>/dev/null").c_str(), "r");
  char buf[4096];
  size_t n;
  out.clear();
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WEXITSTATUS(status), ""};
}
}  // namespace

TEST(Cli, HelpExplainsEveryRenderOption) {
  std::string out;
  EXPECT_EQ(runStdout("--help", out).exitCode, 0);
  EXPECT_NE(out.find("render"), std::string::npos);
  EXPECT_NE(out.find("info"), std::string::npos);
  EXPECT_EQ(runStdout("render --help", out).exitCode, 0);
  for (const char* opt : {"--out", "--width", "--height", "--camera", "--background", "transparent", "fovy", "--device",
                          "--verbose", "--highlight", "--hide", "--samples"})
    EXPECT_NE(out.find(opt), std::string::npos) << opt;
}

TEST(Cli, OptionErrorsExitTwoWithOneLine) {
  fs::path dir = t::tempDir("cli_opts");
  t::writeText(dir / "tri.gltf", t::triangleGltf().dump());
  std::string model = t::shellQuote((dir / "tri.gltf").string());
  for (const std::string& args :
       std::vector<std::string>{"render " + model, "render --out x.png", "render " + model + " --out x.png --width 0",
        "render " + model + " --out x.png --camera 1,2,3", "render " + model + " --out x.png --camera 0,0,0,0,0,0",
        "render " + model + " --out x.png --background pink", "render " + model + " --out x.png --bogus",
        "render " + model + " --out x.png --width", "render " + model + " --out x.png --aov depth",
        "render " + model + " --out x.png --highlight no_such_feature", "render " + model + " --out x.png --hide a,,b",
        "frobnicate"}) {
    auto r = t::run(cli() + " " + args);
    EXPECT_EQ(r.exitCode, 2) << args;
    EXPECT_EQ(r.stderrText.rfind("error: ", 0), 0u) << args << ": " << r.stderrText;
    EXPECT_EQ(std::count(r.stderrText.begin(), r.stderrText.end(), '\n'), 1) << args << ": " << r.stderrText;
  }
}

TEST(Cli, RenderWritesPngOfRequestedSizeWithTransparentBackground) {
  fs::path dir = t::tempDir("cli_render");
  t::writeText(dir / "tri.gltf", t::triangleGltf().dump());
  fs::path png = dir / "out.png";
  auto r = t::run(cli() + " render " + t::shellQuote((dir / "tri.gltf").string()) + " --out " +
                  t::shellQuote(png.string()) + " --width 200 --height 100 --background transparent" +
                  " --camera 0.3,0.3,3,0.3,0.3,0,30");
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;
  EXPECT_TRUE(r.stderrText.empty()) << r.stderrText;
  auto img = ct::exporter::readPng(png);
  ASSERT_TRUE(img.ok());
  EXPECT_EQ(img.value().width, 200u);
  EXPECT_EQ(img.value().height, 100u);
  EXPECT_EQ(img.value().pixels[3], 0);                            // corner: nothing there
  EXPECT_EQ(img.value().pixels[(50 * 200 + 100) * 4 + 3], 255);  // centre: the triangle
}

TEST(Cli, LayersFromTheEnvironmentAreNotValidationErrors) {
  // With VK_INSTANCE_LAYERS set, the loader reports what it adds through the same messenger as the validation
  // layer; only the validation layer's findings may turn a render into exit 3. The loader's notices stay log lines.
  fs::path dir = t::tempDir("cli_instance_layers");
  t::writeText(dir / "tri.gltf", t::triangleGltf().dump());
  for (const std::string layers : {"VK_LAYER_KHRONOS_validation", "VK_LAYER_KHRONOS_validation:VK_LAYER_MESA_overlay"}) {
    auto r = t::run("CITYTWIN_VALIDATION=1 VK_INSTANCE_LAYERS=" + layers + " " + cli() + " render " +
                    t::shellQuote((dir / "tri.gltf").string()) + " --out " + t::shellQuote((dir / "out.png").string()) +
                    " --width 64 --height 48");
    EXPECT_EQ(r.exitCode, 0) << layers << ": " << r.stderrText;
    EXPECT_EQ(r.stderrText.find("validation message"), std::string::npos) << layers << ": " << r.stderrText;
    EXPECT_NE(r.stderrText.find("warning: vulkan: "), std::string::npos) << layers << ": " << r.stderrText;
    EXPECT_TRUE(fs::exists(dir / "out.png"));
  }
}

TEST(Cli, MissingTextureIsAWarningAndStillRenders) {
  fs::path dir = t::tempDir("cli_missing_texture");
  json j = t::triangleGltf();
  j["images"] = json::array({{{"uri", "gone.png"}}});
  j["textures"] = json::array({{{"source", 0}}});
  j["materials"] = json::array({{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}});
  j["meshes"][0]["primitives"][0]["material"] = 0;
  t::writeText(dir / "m.gltf", j.dump());
  auto r = t::run(cli() + " render " + t::shellQuote((dir / "m.gltf").string()) + " --out " +
                  t::shellQuote((dir / "m.png").string()) + " --width 64 --height 64");
  EXPECT_EQ(r.exitCode, 0) << r.stderrText;
  EXPECT_NE(r.stderrText.find("warning: "), std::string::npos);
  EXPECT_NE(r.stderrText.find("neutral"), std::string::npos) << r.stderrText;
  EXPECT_TRUE(fs::exists(dir / "m.png"));
}

TEST(Cli, InfoPrintsJsonSummary) {
  if (t::sharedData().empty()) GTEST_SKIP() << "skipped: shared data missing";
  std::string out;
  ASSERT_EQ(runStdout("info " + t::shellQuote(t::khronos("Box/glTF-Binary/Box.glb").string()), out).exitCode, 0);
  json j = json::parse(out);
  EXPECT_EQ(j["triangles"], 12);
  EXPECT_EQ(j["vertices"], 24);
  EXPECT_EQ(j["meshes"], 1);
  EXPECT_EQ(j["materials"], 1);
  EXPECT_EQ(j["bounds"]["max"][0], 0.5);
  ASSERT_EQ(runStdout("info " + t::shellQuote(t::khronos("SimpleInstancing/glTF-Binary/SimpleInstancing.glb").string()), out)
                .exitCode, 0);
  j = json::parse(out);
  EXPECT_EQ(j["instances"], 125);
  EXPECT_EQ(j["extensions_used"][0], "EXT_mesh_gpu_instancing");
}

TEST(Cli, IdAovOfTheSampleCityNamesRowsOfInfoFeatures) {
  fs::path dir = t::tempDir("cli_ids");
  std::string sample = t::shellQuote((t::sourceDir() / "assets" / "sample_city.glb").string());
  fs::path png = dir / "ids.png";
  auto r = t::run(cli() + " render " + sample + " --aov id --out " + t::shellQuote(png.string()) +
                  " --width 320 --height 180");
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;
  std::string out;
  ASSERT_EQ(runStdout("info --features " + sample, out).exitCode, 0);
  json info = json::parse(out);
  const size_t features = info["features"].get<size_t>();
  ASSERT_EQ(info["feature_rows"].size(), features);
  EXPECT_EQ(info["feature_rows"][5]["index"], 5);
  auto img = ct::exporter::readPng(png);
  ASSERT_TRUE(img.ok());
  std::set<uint32_t> ids;
  for (size_t i = 0; i < img.value().pixels.size(); i += 4) {
    const uint8_t* p = &img.value().pixels[i];
    ASSERT_EQ(p[3], 255);
    uint32_t id = p[0] | p[1] << 8 | p[2] << 16;
    ASSERT_LE(id, features);
    ids.insert(id);
  }
  EXPECT_TRUE(ids.count(0));  // the sky
  EXPECT_GT(ids.size(), 50u);  // buildings told apart
  // Building keys are the node names of the generated city.
  bool building = false;
  for (uint32_t id : ids)
    if (id > 0) building |= info["feature_rows"][id - 1]["key"].get<std::string>().rfind("bldg_", 0) == 0;
  EXPECT_TRUE(building);
}

TEST(Cli, FocusLooksAtTheFeatureAndHighlightTintsIt) {
  // --focus puts the building in the middle of the picture (the id image names it there); a key that is not
  // in the feature table is a clear error.
  fs::path dir = t::tempDir("cli_focus");
  std::string sample = t::shellQuote((t::sourceDir() / "assets" / "sample_city.glb").string());
  std::string out;
  ASSERT_EQ(runStdout("info --features " + sample, out).exitCode, 0);
  json info = json::parse(out);
  for (const char* key : {"bldg_000050", "bldg_000013", "bldg_000180"}) {
    size_t row = SIZE_MAX;
    for (const json& r : info["feature_rows"])
      if (r["key"] == key) row = r["index"].get<size_t>();
    ASSERT_NE(row, SIZE_MAX) << key;
    fs::path png = dir / (std::string(key) + ".png");
    auto r = t::run(cli() + " render " + sample + " --aov id --focus " + key + " --out " + t::shellQuote(png.string()) +
                    " --width 160 --height 90");
    ASSERT_EQ(r.exitCode, 0) << r.stderrText;
    auto img = ct::exporter::readPng(png);
    ASSERT_TRUE(img.ok());
    const uint8_t* p = &img.value().pixels[(45 * 160 + 80) * 4];
    EXPECT_EQ(uint32_t(p[0] | p[1] << 8 | p[2] << 16), row + 1) << key;
  }
  auto bad = t::run(cli() + " render " + sample + " --focus no_such_building --out " +
                    t::shellQuote((dir / "x.png").string()));
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.stderrText.find("no feature 'no_such_building'"), std::string::npos) << bad.stderrText;
  EXPECT_FALSE(fs::exists(dir / "x.png"));
}
