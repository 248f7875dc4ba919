// Golden-image tests: each case in goldens.json is rendered offscreen and compared with tests/golden/<name>.png.
// A failure writes <name>.actual.png and <name>.diff.png (red: differing pixels) under build/<preset>/test-output/golden.
// CITYTWIN_UPDATE_GOLDENS=1 (tools/update_goldens.sh) rewrites the PNGs instead of comparing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "export/png.h"
#include "io/gltf_loader.h"
#include "render/renderer.h"
#include "test_support.h"

using namespace ct;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const json& spec() {
  static json j = json::parse(std::ifstream(fs::path(CITYTWIN_GOLDEN_DIR) / "goldens.json"));
  return j;
}

std::vector<std::string> caseNames() {
  std::vector<std::string> names;
  for (const auto& c : spec()["cases"]) names.push_back(c["name"]);
  return names;
}

gpu::Context& context() {
  static auto ctx = gpu::createContext({});
  if (!ctx.ok()) throw std::runtime_error(ctx.firstError());
  return *ctx.value();
}

render::RenderSettings settingsFor(const json& c) {
  render::RenderSettings rs;
  rs.width = c.value("width", 256);
  rs.height = c.value("height", 192);
  if (c.contains("camera")) {
    auto v = c["camera"].get<std::vector<double>>();
    render::Camera cam;
    cam.eye = {v[0], v[1], v[2]};
    cam.target = {v[3], v[4], v[5]};
    if (v.size() > 6) cam.fovyDegrees = v[6];
    rs.camera = cam;
  }
  std::string bg = c.value("background", "sky");
  if (bg == "transparent") {
    rs.background = render::Background::Transparent;
  } else if (bg != "sky") {
    float r = 0, g = 0, b = 0;
    std::sscanf(bg.c_str(), "%f,%f,%f", &r, &g, &b);
    rs.background = render::Background::Color;
    rs.backgroundColor = {r, g, b};
  }
  return rs;
}

class Golden : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(Golden, MatchesReference) {
  if (test::sharedData().empty()) GTEST_SKIP() << "skipped: shared data missing";
  const json* c = nullptr;
  for (const auto& e : spec()["cases"])
    if (e["name"] == GetParam()) c = &e;
  ASSERT_NE(c, nullptr);
  auto scene = io::loadGltf(test::khronos((*c)["model"]));
  ASSERT_TRUE(scene.ok()) << scene.firstError();
  render::Renderer renderer(context(), scene.value());
  render::RgbaImage img = renderer.render(settingsFor(*c));

  fs::path golden = fs::path(CITYTWIN_GOLDEN_DIR) / (GetParam() + ".png");
  const char* update = std::getenv("CITYTWIN_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    ASSERT_TRUE(exporter::writePng(golden, img).ok());
    GTEST_SKIP() << "golden updated: " << golden;
  }
  auto expected = exporter::readPng(golden);
  ASSERT_TRUE(expected.ok()) << golden << " is missing: run tools/update_goldens.sh";
  ASSERT_EQ(expected.value().width, img.width);
  ASSERT_EQ(expected.value().height, img.height);
  fs::path out = fs::path(CITYTWIN_BINARY_DIR) / "test-output" / "golden";
  fs::create_directories(out);
  int threshold = spec()["threshold"];
  double maxFraction = spec()["max_fraction"];
  auto diff = test::compareImages(img.pixels, expected.value().pixels, img.width, img.height, threshold);
  if (diff.fraction > maxFraction) {
    exporter::writePng(out / (GetParam() + ".actual.png"), img);
    test::compareImages(img.pixels, expected.value().pixels, img.width, img.height, threshold,
                        out / (GetParam() + ".diff.png"));
  }
  EXPECT_LE(diff.fraction, maxFraction) << diff.differing << " pixels differ by more than " << threshold
                                        << " (max delta " << diff.maxDelta << "); see " << out;
}

INSTANTIATE_TEST_SUITE_P(Khronos, Golden, ::testing::ValuesIn(caseNames()),
                         [](const auto& info) { return info.param; });
