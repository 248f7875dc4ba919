// Offscreen rendering on the device present (lavapipe in CI): silhouettes against an independent CPU projection,
// far-from-origin precision, backgrounds.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "io/gltf_loader.h"
#include "render/renderer.h"
#include "test_support.h"
#include "test_context.h"

using namespace ct;
namespace fs = std::filesystem;

namespace {

gpu::Context& context() { return test::renderContext(); }

struct CoverageCheck {
  int wrong = 0;    // pixels whose coverage disagrees away from any edge
  int covered = 0;  // pixels inside the projected geometry
};

double segmentDistance(glm::dvec2 p, glm::dvec2 a, glm::dvec2 b) {
  glm::dvec2 ab = b - a;
  double t = glm::clamp(glm::dot(p - a, ab) / std::max(glm::dot(ab, ab), 1e-30), 0.0, 1.0);
  return glm::length(p - (a + t * ab));
}

// Projects every triangle with glm's own OpenGL-style lookAt/perspective (y up, then flipped to image rows) and
// compares pixel-centre coverage with the image's alpha. Pixels within one pixel of an edge are not judged.
CoverageCheck checkSilhouette(const scene::Scene& s, const render::Camera& cam, const render::RgbaImage& img) {
  const int W = static_cast<int>(img.width), H = static_cast<int>(img.height);
  glm::dmat4 view = glm::lookAt(cam.eye, cam.target, glm::dvec3(0, 1, 0));
  glm::dmat4 proj = glm::perspective(glm::radians(cam.fovyDegrees), double(W) / H, 1e-3, 1e7);
  std::vector<uint8_t> inside(size_t(W) * H, 0), nearEdge(size_t(W) * H, 0);
  for (const auto& inst : s.instances)
    for (const auto& prim : s.meshes[inst.mesh].primitives) {
      if (prim.topology != scene::Topology::Triangles) continue;
      for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
        glm::dvec2 px[3];
        bool behind = false;
        for (int k = 0; k < 3; ++k) {
          glm::dvec4 w = inst.world * glm::dvec4(glm::dvec3(prim.vertices[prim.indices[t + k]].position), 1.0);
          glm::dvec4 c = proj * view * w;
          if (c.w <= 0.0) behind = true;
          px[k] = {(c.x / c.w * 0.5 + 0.5) * W, (1.0 - (c.y / c.w * 0.5 + 0.5)) * H};
        }
        if (behind) continue;
        int x0 = std::max(0, int(std::floor(std::min({px[0].x, px[1].x, px[2].x}))) - 1);
        int x1 = std::min(W - 1, int(std::ceil(std::max({px[0].x, px[1].x, px[2].x}))) + 1);
        int y0 = std::max(0, int(std::floor(std::min({px[0].y, px[1].y, px[2].y}))) - 1);
        int y1 = std::min(H - 1, int(std::ceil(std::max({px[0].y, px[1].y, px[2].y}))) + 1);
        auto edge = [](glm::dvec2 a, glm::dvec2 b, glm::dvec2 p) { return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x); };
        for (int y = y0; y <= y1; ++y)
          for (int x = x0; x <= x1; ++x) {
            glm::dvec2 p(x + 0.5, y + 0.5);
            double e0 = edge(px[0], px[1], p), e1 = edge(px[1], px[2], p), e2 = edge(px[2], px[0], p);
            if ((e0 >= 0 && e1 >= 0 && e2 >= 0) || (e0 <= 0 && e1 <= 0 && e2 <= 0)) inside[y * W + x] = 1;
            double d = std::min({segmentDistance(p, px[0], px[1]), segmentDistance(p, px[1], px[2]),
                                 segmentDistance(p, px[2], px[0])});
            if (d < 1.0) nearEdge[y * W + x] = 1;
          }
      }
    }
  CoverageCheck r;
  for (int i = 0; i < W * H; ++i) {
    r.covered += inside[i];
    bool rendered = img.pixels[i * 4 + 3] >= 128;
    if (!nearEdge[i] && rendered != bool(inside[i])) ++r.wrong;
  }
  return r;
}

scene::Scene loadOrDie(const fs::path& p) {
  auto r = io::loadGltf(p);
  if (!r.ok()) throw std::runtime_error(r.firstError());
  return std::move(r.value());
}

// The test triangle, written to a fresh folder and loaded.
scene::Scene loadTriangle(const std::string& folder) {
  fs::path dir = ct::test::tempDir(folder);
  ct::test::writeText(dir / "tri.gltf", ct::test::triangleGltf().dump());
  return loadOrDie(dir / "tri.gltf");
}

}  // namespace

namespace {

// Renders `model` with a transparent background and compares its alpha with the CPU-projected triangles.
void expectSilhouetteMatches(const fs::path& model, const render::Camera& cam) {
  scene::Scene s = loadOrDie(model);
  render::Renderer renderer(context(), s);
  render::RenderSettings rs;
  rs.width = 320;
  rs.height = 200;
  rs.camera = cam;
  rs.background = render::Background::Transparent;
  render::RgbaImage img = renderer.render(rs);
  CoverageCheck check = checkSilhouette(s, cam, img);
  EXPECT_GT(check.covered, 500) << model;
  EXPECT_EQ(check.wrong, 0) << model;
}

}  // namespace

// One test per model, so that the ones needing ../shared/data are reported skipped by ctest when it is missing.
TEST(Render, TransparentSilhouetteMatchesProjectedTriangle) {
  fs::path dir = ct::test::tempDir("render_silhouette");
  nlohmann::json j = ct::test::triangleGltf();
  j["materials"] = nlohmann::json::array({{{"doubleSided", true}}});
  j["meshes"][0]["primitives"][0]["material"] = 0;
  ct::test::writeText(dir / "tri.gltf", j.dump());
  expectSilhouetteMatches(dir / "tri.gltf", render::Camera{{0.3, 0.8, 2.5}, {0.4, 0.3, 0.0}, 40.0});
}

TEST(Render, TransparentSilhouetteMatchesProjectedDuck) {
  if (ct::test::sharedData().empty()) GTEST_SKIP() << "skipped: shared data missing";
  expectSilhouetteMatches(ct::test::khronos("Duck/glTF-Binary/Duck.glb"),
                          render::Camera{{2.0, 2.5, 3.0}, {0.1, 0.8, 0.0}, 50.0});
}

TEST(Render, TransparentSilhouetteMatchesProjectedBoxTextured) {
  if (ct::test::sharedData().empty()) GTEST_SKIP() << "skipped: shared data missing";
  render::Camera cam;
  cam.eye = {-1.5, 1.2, -2.0};
  cam.target = {0.0, 0.0, 0.0};
  expectSilhouetteMatches(ct::test::khronos("BoxTextured/glTF-Binary/BoxTextured.glb"), cam);
}

TEST(Render, FarFromOriginRendersLikeTheOrigin) {
  fs::path dir = ct::test::tempDir("render_far");
  nlohmann::json j = ct::test::triangleGltf();
  ct::test::writeText(dir / "near.gltf", j.dump());
  j["nodes"][0]["translation"] = {6378137.0, 0.0, 0.0};
  ct::test::writeText(dir / "far.gltf", j.dump());
  render::Camera cam;
  cam.eye = {0.4, 0.5, 2.0};
  cam.target = {0.4, 0.4, 0.0};
  render::RenderSettings rs;
  rs.width = 256;
  rs.height = 256;
  rs.background = render::Background::Transparent;
  rs.camera = cam;
  scene::Scene nearScene = loadOrDie(dir / "near.gltf");
  scene::Scene farScene = loadOrDie(dir / "far.gltf");
  render::RgbaImage a = render::Renderer(context(), nearScene).render(rs);
  rs.camera->eye.x += 6378137.0;
  rs.camera->target.x += 6378137.0;
  render::RgbaImage b = render::Renderer(context(), farScene).render(rs);
  int alphaDiff = 0;
  for (size_t i = 3; i < a.pixels.size(); i += 4) alphaDiff += a.pixels[i] != b.pixels[i];
  EXPECT_EQ(alphaDiff, 0);
}

TEST(Render, BackgroundsAndSkyDiffer) {
  scene::Scene s = loadTriangle("render_bg");
  render::Renderer renderer(context(), s);
  render::RenderSettings rs;
  rs.width = 64;
  rs.height = 48;
  rs.background = render::Background::Color;
  rs.backgroundColor = {1.0f, 0.5f, 0.0f};
  render::RgbaImage solid = renderer.render(rs);
  // Corner pixel is background: exactly the requested sRGB colour, opaque.
  EXPECT_EQ(solid.pixels[0], 255);
  EXPECT_NEAR(solid.pixels[1], 128, 1);
  EXPECT_EQ(solid.pixels[2], 0);
  EXPECT_EQ(solid.pixels[3], 255);
  rs.background = render::Background::Sky;
  render::RgbaImage sky = renderer.render(rs);
  EXPECT_EQ(sky.pixels[3], 255);
  EXPECT_GT(sky.pixels[2], sky.pixels[0]);  // the sky is bluish at the top
  rs.background = render::Background::Transparent;
  render::RgbaImage clear = renderer.render(rs);
  EXPECT_EQ(clear.pixels[3], 0);
  // The default view frames the triangle: a good part of the image is fully covered, and it stays inside.
  size_t covered = 0, border = 0;
  for (uint32_t y = 0; y < 48; ++y)
    for (uint32_t x = 0; x < 64; ++x) {
      uint8_t a = clear.pixels[(y * 64 + x) * 4 + 3];
      covered += a == 255;
      if (x == 0 || y == 0 || x == 63 || y == 47) border += a != 0;
    }
  EXPECT_GT(covered, size_t(64 * 48 / 15));  // a sliver seen at an angle: ~8% of the frame
  EXPECT_EQ(border, 0u);
}

TEST(Render, SampleCountIsHonoured) {
  // One sample: every pixel is covered or not (alpha 0 or 255). Four: edges get partial coverage. And back.
  scene::Scene s = loadTriangle("render_samples");
  render::Renderer renderer(context(), s);
  render::RenderSettings rs;
  rs.width = 64;
  rs.height = 48;
  rs.background = render::Background::Transparent;
  auto partial = [&](uint32_t samples) {
    rs.samples = samples;
    render::RgbaImage img = renderer.render(rs);
    size_t n = 0;
    for (size_t i = 3; i < img.pixels.size(); i += 4) n += img.pixels[i] != 0 && img.pixels[i] != 255;
    return n;
  };
  EXPECT_EQ(partial(1), 0u);
  EXPECT_GT(partial(4), 10u);
  EXPECT_EQ(partial(1), 0u);
}
