// Data-layer rendering on the device: unlit features show their exact sRGB colour (judged against the id AOV),
// point lights light what lies within their radius and nothing beyond it, and halos glow where lamps are seen.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include <glm/gtc/matrix_transform.hpp>

#include "export/png.h"
#include "render/renderer.h"
#include "test_support.h"
#include "test_context.h"

using namespace ct;

namespace {

gpu::Context& context() { return test::renderContext(); }

// An axis-aligned box [lo, hi] with outward normals, all of `feature` (row + 1).
scene::Primitive box(glm::vec3 lo, glm::vec3 hi, uint32_t feature) {
  scene::Primitive p;
  p.material = 0;
  const glm::vec3 n[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (const glm::vec3& normal : n) {
    // Two axes across the face, chosen so that (u x v) = normal (counter-clockwise seen from outside).
    glm::vec3 u = std::abs(normal.y) > 0.5f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
    glm::vec3 v = glm::cross(normal, u);
    const glm::vec3 c = (lo + hi) * 0.5f, h = (hi - lo) * 0.5f;
    const uint32_t base = static_cast<uint32_t>(p.vertices.size());
    for (auto [su, sv] : {std::pair{-1.f, -1.f}, {1.f, -1.f}, {1.f, 1.f}, {-1.f, 1.f}}) {
      scene::Vertex vert;
      vert.position = c + (normal + u * su + v * sv) * h;
      vert.normal = normal;
      vert.feature = feature;
      p.vertices.push_back(vert);
    }
    const bool ccw = glm::dot(glm::cross(u, v), normal) > 0.0f;
    const uint32_t order[6] = {0, 1, 2, 0, 2, 3};
    for (int i = 0; i < 6; ++i) p.indices.push_back(base + (ccw ? order[i] : order[5 - i]));
    p.bounds.extend(glm::dvec3(c - h));
    p.bounds.extend(glm::dvec3(c + h));
  }
  return p;
}

// A ground slab (feature 1) and boxes (features 2..): one mesh per primitive, one instance each.
scene::Scene boxes(const std::vector<std::pair<glm::vec3, glm::vec3>>& extents) {
  scene::Scene s;
  s.materials.resize(1);
  s.materials[0].baseColorFactor = glm::vec4(0.6f, 0.6f, 0.6f, 1.0f);
  s.materials[0].roughnessFactor = 0.9f;
  s.materials[0].metallicFactor = 0.0f;
  auto add = [&](glm::vec3 lo, glm::vec3 hi) {
    std::string key = "f";  // appended, not "f" + ...: g++ 12 warns (-Wrestrict) on that falsely
    key += std::to_string(s.features.size());
    const uint32_t row = s.features.add(key);
    scene::Mesh m;
    m.primitives.push_back(box(lo, hi, row + 1));
    s.meshes.push_back(std::move(m));
    scene::Instance inst;
    inst.mesh = static_cast<int>(s.meshes.size()) - 1;
    s.instances.push_back(inst);
  };
  add({-60, -1, -60}, {60, 0, 60});
  for (auto [lo, hi] : extents) add(lo, hi);
  s.computeBounds();
  return s;
}

std::vector<uint32_t> idsOf(const render::RgbaImage& img) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < img.pixels.size(); i += 4)
    out.push_back(img.pixels[i] | img.pixels[i + 1] << 8 | img.pixels[i + 2] << 16);
  return out;
}

void save(const std::string& name, const render::RgbaImage& img) {
  static const std::filesystem::path dir = ct::test::tempDir("render_lights");  // emptied once per run
  (void)exporter::writePng(dir / name, img);
}

}  // namespace

TEST(UnlitFeatures, ShowTheExactColourUnderEveryFeaturePixel) {
  // Four boxes around a tower that shades them from the default sun (towards -x, +y, +z: shadows fall to +x -z).
  scene::Scene s = boxes({{{-4, 0, -4}, {4, 30, 4}},      // row 1: the tower (lit)
                          {{5, 0, -15}, {12, 4, -8}},     // row 2: in its shadow
                          {{-18, 0, -4}, {-10, 6, 4}},    // row 3
                          {{-14, 0, 6}, {-6, 3, 14}},     // row 4
                          {{6, 0, 6}, {14, 5, 14}}});     // row 5: lit, the control
  render::Renderer renderer(context(), s);
  const std::map<uint32_t, glm::u8vec3> want = {
      {2, {0x10, 0x10, 0x10}}, {3, {0xd7, 0x19, 0x1c}}, {4, {0xff, 0xff, 0xbf}}, {5, {0x2b, 0x83, 0xba}}};
  for (auto [row, c] : want) {
    render::FeatureStyle style;
    style.tint = glm::vec4(glm::vec3(c) / 255.0f, 1.0f);
    style.flags = render::kFeatureUnlit;
    renderer.setFeatureStyle(row, style);
  }
  render::FeatureStyle control;  // the same colour, mixed in fully, but lit: it must not pass the check
  control.tint = glm::vec4(glm::vec3(0x2b, 0x83, 0xba) / 255.0f, 1.0f);
  const uint32_t controlRow = 1;
  renderer.setFeatureStyle(controlRow, control);
  std::map<uint32_t, glm::u8vec3> expected = want;
  expected[controlRow] = glm::u8vec3(0x2b, 0x83, 0xba);

  render::RenderSettings rs;
  rs.width = 240;
  rs.height = 180;
  rs.samples = 4;
  rs.camera = render::Camera{{30.0, 45.0, 40.0}, {0.0, 2.0, 0.0}, 50.0};
  rs.lighting.exposure = 1.7f;  // the inversion must undo exposure too
  const render::RgbaImage colour = renderer.render(rs);
  rs.aov = render::Aov::Id;
  const std::vector<uint32_t> ids = idsOf(renderer.render(rs));
  save("unlit.png", colour);

  std::map<uint32_t, int> judged, wrong;
  const int W = 240, H = 180;
  for (int y = 1; y < H - 1; ++y)
    for (int x = 1; x < W - 1; ++x) {
      const size_t i = size_t(y) * W + x;
      if (ids[i] == 0) continue;
      bool interior = true;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) interior &= ids[i + dy * W + dx] == ids[i];
      const auto e = expected.find(ids[i] - 1);
      if (!interior || e == expected.end()) continue;
      ++judged[e->first];
      const uint8_t* p = &colour.pixels[i * 4];
      for (int k = 0; k < 3; ++k)
        if (std::abs(int(p[k]) - int(e->second[k])) > 2) {
          ++wrong[e->first];
          break;
        }
    }
  for (auto [row, c] : want) {
    EXPECT_GT(judged[row], 300) << "row " << row;
    EXPECT_EQ(wrong[row], 0) << "row " << row << ": " << wrong[row] << " of " << judged[row];
  }
  // The lit control differs almost everywhere (lighting and tone mapping change it).
  EXPECT_GT(judged[controlRow], 300);
  EXPECT_GT(wrong[controlRow], judged[controlRow] * 9 / 10);
  // The row-2 box really stands in the tower's shadow: lit, it is brighter once the tower (and its shadow) is
  // hidden.
  renderer.setFeatureStyle(2, control);
  rs.aov = render::Aov::Color;
  const render::RgbaImage shadedImage = renderer.render(rs);
  renderer.setFeatureStyle(controlRow, render::FeatureStyle::makeHidden());
  const render::RgbaImage sunlitImage = renderer.render(rs);
  int brighter = 0, n = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] != 3) continue;
    ++n;
    int d = 0;
    for (int k = 0; k < 3; ++k) d += sunlitImage.pixels[i * 4 + k] - shadedImage.pixels[i * 4 + k];
    brighter += d > 30;
  }
  EXPECT_GT(brighter, n * 3 / 4);
}

TEST(PointLights, LightWithinTheirRadiusOnlyAndGlow) {
  scene::Scene s = boxes({{{20, 0, -40}, {24, 40, 40}}});  // a wall at +x
  render::Renderer renderer(context(), s);
  render::RenderSettings rs;
  rs.width = 200;
  rs.height = 150;
  rs.samples = 1;
  rs.camera = render::Camera{{0.0, 60.0, 50.0}, {0.0, 0.0, 0.0}, 50.0};
  rs.lighting = render::nightLighting();
  const render::RgbaImage dark = renderer.render(rs);
  EXPECT_EQ(renderer.lastStats().lightsVisible, 0u);
  std::vector<render::PointLight> lights(2);
  lights[0].position = {0.0, 8.0, 0.0};  // over the middle of the ground
  lights[0].color = render::kelvinToLinear(3000.0f);
  lights[0].intensity = 60.0f;
  lights[0].radius = 20.0f;
  lights[1] = lights[0];
  lights[1].position = {40.0, 8.0, 0.0};  // behind the wall: its light cannot be seen, nor its halo
  renderer.setPointLights(lights);
  const render::RgbaImage lit = renderer.render(rs);
  EXPECT_EQ(renderer.lastStats().lightsVisible, 2u);
  save("night_dark.png", dark);
  save("night_lit.png", lit);
  // Where each ground pixel lies: from the id AOV and a ray through the pixel (eye at y = 60, ground at y = 0).
  rs.aov = render::Aov::Id;
  const std::vector<uint32_t> ids = idsOf(renderer.render(rs));
  const glm::dmat4 view = glm::lookAt(rs.camera->eye, rs.camera->target, glm::dvec3(0, 1, 0));
  const glm::dmat4 proj = glm::perspective(glm::radians(50.0), 200.0 / 150.0, 0.1, 1000.0);
  const glm::dmat4 inv = glm::inverse(proj * view);
  int nearCount = 0, nearBrighter = 0, farCount = 0, farChanged = 0;
  for (int y = 0; y < 150; ++y)
    for (int x = 0; x < 200; ++x) {
      const size_t i = size_t(y) * 200 + x;
      if (ids[i] != 1) continue;  // ground only
      glm::dvec4 a = inv * glm::dvec4((x + 0.5) / 100.0 - 1.0, 1.0 - (y + 0.5) / 75.0, -1.0, 1.0);
      glm::dvec4 b = inv * glm::dvec4((x + 0.5) / 100.0 - 1.0, 1.0 - (y + 0.5) / 75.0, 1.0, 1.0);
      const glm::dvec3 p0 = glm::dvec3(a) / a.w, p1 = glm::dvec3(b) / b.w;
      const glm::dvec3 g = p0 + (p1 - p0) * (p0.y / (p0.y - p1.y));
      const double d = glm::length(g - lights[0].position);
      const uint8_t* p = &lit.pixels[i * 4];
      const uint8_t* q = &dark.pixels[i * 4];
      const int diff = (p[0] - q[0]) + (p[1] - q[1]) + (p[2] - q[2]);
      if (d < 11.0) {
        ++nearCount;
        nearBrighter += diff > 60 && p[0] > p[2];  // much brighter, and warm
      } else if (d > 20.5 && glm::length(g - lights[1].position) > 20.5) {
        // Beyond both radii: untouched, save for the halo (small, around the lamp head's pixel).
        ++farCount;
        farChanged += diff > 3;
      }
    }
  EXPECT_GT(nearCount, 200);
  EXPECT_GT(nearBrighter, nearCount * 9 / 10);
  EXPECT_GT(farCount, 500);
  EXPECT_LE(farChanged, farCount / 100);
  // The halo: the lamp's own pixel is near white and warm; the hidden lamp's pixel is not lit by a halo.
  auto pixelOf = [&](glm::dvec3 w) {
    glm::dvec4 c = proj * view * glm::dvec4(w, 1.0);
    return glm::ivec2(int((c.x / c.w * 0.5 + 0.5) * 200), int((1.0 - (c.y / c.w * 0.5 + 0.5)) * 150));
  };
  const glm::ivec2 lamp = pixelOf(lights[0].position);
  const uint8_t* h = &lit.pixels[(size_t(lamp.y) * 200 + lamp.x) * 4];
  EXPECT_GT(h[0], 200);
  const glm::ivec2 hidden = pixelOf(lights[1].position);
  if (hidden.x >= 0 && hidden.x < 200 && hidden.y >= 0 && hidden.y < 150) {
    const size_t i = size_t(hidden.y) * 200 + hidden.x;
    EXPECT_EQ(ids[i], 2u) << "the wall hides the second lamp";
    EXPECT_LT(std::abs(lit.pixels[i * 4] - dark.pixels[i * 4]), 8);
  }
}
