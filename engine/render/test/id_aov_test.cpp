// The feature-id AOV against an independent CPU z-buffer of the same triangles: every pixel away from an
// id boundary must name the feature the CPU finds nearest there.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include <glm/gtc/matrix_transform.hpp>

#include "citygen/city_generator.h"
#include "render/renderer.h"
#include "scene/batching.h"
#include "test_context.h"

using namespace ct;

namespace {

gpu::Context& context() { return test::renderContext(); }

// An id render of `w` x `h`.
render::RenderSettings idSettings(uint32_t w, uint32_t h) {
  render::RenderSettings rs;
  rs.width = w;
  rs.height = h;
  rs.aov = render::Aov::Id;
  return rs;
}

// The 24-bit id (row + 1) at a pixel of an id image.
uint32_t idAt(const render::RgbaImage& img, uint32_t x, uint32_t y) {
  const uint8_t* p = &img.pixels[(size_t(y) * img.width + x) * 4];
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16;
}

void rasterize(const glm::dvec3 (&p)[3], uint32_t feature, int W, int H, std::vector<uint32_t>& ids,
               std::vector<double>& nearest) {
  double area = (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[1].y - p[0].y) * (p[2].x - p[0].x);
  if (std::abs(area) < 1e-12) return;
  int x0 = std::max(0, int(std::floor(std::min({p[0].x, p[1].x, p[2].x}))));
  int x1 = std::min(W - 1, int(std::ceil(std::max({p[0].x, p[1].x, p[2].x}))));
  int y0 = std::max(0, int(std::floor(std::min({p[0].y, p[1].y, p[2].y}))));
  int y1 = std::min(H - 1, int(std::ceil(std::max({p[0].y, p[1].y, p[2].y}))));
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      double px = x + 0.5, py = y + 0.5;
      double w0 = ((p[1].x - px) * (p[2].y - py) - (p[1].y - py) * (p[2].x - px)) / area;
      double w1 = ((p[2].x - px) * (p[0].y - py) - (p[2].y - py) * (p[0].x - px)) / area;
      double w2 = 1.0 - w0 - w1;
      if (w0 < 0 || w1 < 0 || w2 < 0) continue;
      double depth = w0 * p[0].z + w1 * p[1].z + w2 * p[2].z;
      size_t i = size_t(y) * W + x;
      if (depth > nearest[i]) {
        nearest[i] = depth;
        ids[i] = feature;
      }
    }
}

// Nearest feature (row + 1) per pixel centre: perspective projection by glm, depth as 1/w (affine on screen).
// `leftOut` (row + 1) is a feature drawn as if it were not there.
std::vector<uint32_t> cpuIds(const scene::Scene& s, const render::Camera& cam, int W, int H, uint32_t leftOut = 0) {
  glm::dmat4 vp = glm::perspective(glm::radians(cam.fovyDegrees), double(W) / H, 0.1, 1e6) *
                  glm::lookAt(cam.eye, cam.target, glm::dvec3(0, 1, 0));
  std::vector<uint32_t> ids(size_t(W) * H, 0);
  std::vector<double> nearest(size_t(W) * H, 0.0);  // 1/w; larger is nearer
  for (const auto& inst : s.instances)
    for (const auto& prim : s.meshes[inst.mesh].primitives)
      for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
        uint32_t feature = prim.vertices[prim.indices[t]].feature;
        if (feature == 0) feature = inst.feature;
        if (leftOut != 0 && feature == leftOut) continue;
        // Clip against w > 0.1 (the part of the triangle in front of the eye), then fan into triangles.
        std::vector<glm::dvec4> poly, clipped;
        for (int k = 0; k < 3; ++k)
          poly.push_back(vp * inst.world * glm::dvec4(glm::dvec3(prim.vertices[prim.indices[t + k]].position), 1.0));
        for (size_t k = 0; k < poly.size(); ++k) {
          const glm::dvec4 &a = poly[k], &b = poly[(k + 1) % poly.size()];
          if (a.w > 0.1) clipped.push_back(a);
          if ((a.w > 0.1) != (b.w > 0.1)) clipped.push_back(a + (b - a) * ((0.1 - a.w) / (b.w - a.w)));
        }
        for (size_t k = 1; k + 1 < clipped.size(); ++k) {
          glm::dvec3 p[3];
          const glm::dvec4* c[3] = {&clipped[0], &clipped[k], &clipped[k + 1]};
          for (int m = 0; m < 3; ++m)
            p[m] = {(c[m]->x / c[m]->w * 0.5 + 0.5) * W, (1.0 - (c[m]->y / c[m]->w * 0.5 + 0.5)) * H, 1.0 / c[m]->w};
          rasterize(p, feature, W, H, ids, nearest);
        }
      }
  return ids;
}

// A generated city of 60 buildings with one feature per instance, as the loader makes them for files without
// feature ids.
scene::Scene cityWithNodeFeatures() {
  citygen::CityParams params;
  params.buildings = 60;
  params.seed = 5;
  scene::Scene city = citygen::generateCity(params);
  for (size_t i = 0; i < city.instances.size(); ++i) city.instances[i].feature = static_cast<uint32_t>(i + 1);
  return city;
}

}  // namespace

TEST(IdAov, NamesTheNearestFeatureAtEveryPixel) {
  scene::Scene city = cityWithNodeFeatures();
  render::Renderer renderer(context(), city);
  render::RenderSettings rs = idSettings(200, 150);
  // Above the district, and down among the towers (the ground reaches behind the eye: clipped, not dropped).
  const std::pair<render::Camera, int> views[2] = {{{{260.0, 180.0, 300.0}, {0.0, 10.0, 0.0}, 45.0}, 30},
                                                   {{{-60.0, 40.0, 90.0}, {10.0, 20.0, -10.0}, 60.0}, 6}};
  for (const auto& [cam, minFeatures] : views) {
    rs.camera = cam;
    render::RgbaImage img = renderer.render(rs);
    std::vector<uint32_t> expected = cpuIds(city, cam, 200, 150);
    int judged = 0, wrong = 0, distinct = 0;
    std::vector<bool> seen(city.instances.size() + 1, false);
    for (int y = 1; y < 149; ++y)
      for (int x = 1; x < 199; ++x) {
        size_t i = size_t(y) * 200 + x;
        const uint8_t* px = &img.pixels[i * 4];
        uint32_t got = px[0] | px[1] << 8 | px[2] << 16;
        ASSERT_EQ(px[3], 255);
        ASSERT_LE(got, city.instances.size()) << "an id that names no feature";
        bool interior = true;  // the CPU sees one feature in the whole 3x3 neighbourhood
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) interior &= expected[i + dy * 200 + dx] == expected[i];
        if (!interior) continue;
        ++judged;
        if (got != expected[i]) ++wrong;
        if (!seen[got]) distinct += seen[got] = true;
      }
    EXPECT_GT(judged, 200 * 150 / 2);
    EXPECT_LE(wrong, judged / 1000) << wrong << " of " << judged << " interior pixels name another feature";
    EXPECT_GT(distinct, minFeatures);  // many features are in view and told apart
  }
}

TEST(IdAov, RegionHoldsWhatTheWholeIdImageHoldsThere) {
  // The viewer's pick: a 1x1 (or small) rectangle of the view through a cropped projection.
  scene::Scene city = cityWithNodeFeatures();
  render::Renderer renderer(context(), city);
  render::RenderSettings rs = idSettings(200, 150);
  rs.camera = render::Camera{{260.0, 180.0, 300.0}, {0.0, 10.0, 0.0}, 45.0};
  const render::RgbaImage whole = renderer.render(rs);
  const uint32_t wholeItems = renderer.lastStats().itemsVisible;
  // Single pixels inside uniform 3x3 patches: exactly the whole image's id, with far fewer instances drawn.
  int checked = 0, nonZero = 0;
  uint32_t fewestItems = wholeItems;
  for (uint32_t y = 5; y < 145; y += 13)
    for (uint32_t x = 5; x < 195; x += 17) {
      const uint32_t id = idAt(whole, x, y);
      bool uniform = true;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) uniform &= idAt(whole, x + dx, y + dy) == id;
      if (!uniform) continue;
      rs.idRegion = render::RenderSettings::Region{x, y, 1, 1};
      const render::RgbaImage one = renderer.render(rs);
      ASSERT_EQ(one.width, 1u);
      ASSERT_EQ(one.height, 1u);
      EXPECT_EQ(idAt(one, 0, 0), id) << "at " << x << "," << y;
      fewestItems = std::min(fewestItems, renderer.lastStats().itemsVisible);
      ++checked;
      nonZero += id != 0;
    }
  EXPECT_GT(checked, 60);
  EXPECT_GT(nonZero, 30);
  EXPECT_LT(fewestItems * 4, wholeItems) << "the crop culls what lies outside the rectangle";
  // A rectangle (clamped at the right edge): its pixels are the whole image's but for a few on id boundaries.
  rs.idRegion = render::RenderSettings::Region{150, 40, 80, 30};
  const render::RgbaImage part = renderer.render(rs);
  ASSERT_EQ(part.width, 50u);
  ASSERT_EQ(part.height, 30u);
  int differ = 0;
  for (uint32_t y = 0; y < 30; ++y)
    for (uint32_t x = 0; x < 50; ++x) differ += idAt(part, x, y) != idAt(whole, 150 + x, 40 + y);
  EXPECT_LE(differ, 15) << differ << " of 1500 pixels differ";
}

TEST(IdAov, CityAtEarthRadiusRendersLikeAtTheOrigin) {
  // The root moved by (6 378 137, 0, 0) m and the camera with it: the same silhouette and the same ids,
  // through the whole pipeline (double-precision transforms, merge at load, relative-to-eye drawing).
  citygen::CityParams params;
  params.buildings = 120;
  params.seed = 9;
  scene::Scene nearCity = citygen::generateCity(params);
  scene::Scene farCity = nearCity;
  const glm::dmat4 shift = glm::translate(glm::dmat4(1.0), glm::dvec3(6378137.0, 0.0, 0.0));
  for (auto& inst : farCity.instances) inst.world = shift * inst.world;
  farCity.computeBounds();
  scene::batchSmallInstances(nearCity);
  scene::batchSmallInstances(farCity);
  render::RenderSettings rs;
  rs.width = 240;
  rs.height = 160;
  rs.camera = render::Camera{{150.0, 70.0, 170.0}, {0.0, 15.0, 0.0}, 50.0};
  render::Renderer nearRenderer(context(), nearCity), farRenderer(context(), farCity);
  for (render::Aov aov : {render::Aov::Color, render::Aov::Id}) {
    rs.aov = aov;
    rs.background = render::Background::Transparent;
    render::RenderSettings far = rs;
    far.camera->eye.x += 6378137.0;
    far.camera->target.x += 6378137.0;
    render::RgbaImage a = nearRenderer.render(rs), b = farRenderer.render(far);
    int differ = 0, covered = 0;
    for (size_t i = 0; i < a.pixels.size(); i += 4) {
      if (aov == render::Aov::Color) {
        covered += a.pixels[i + 3] > 0;
        differ += std::abs(int(a.pixels[i + 3]) - int(b.pixels[i + 3])) > 8;
      } else {
        covered += (a.pixels[i] | a.pixels[i + 1] | a.pixels[i + 2]) != 0;
        differ += a.pixels[i] != b.pixels[i] || a.pixels[i + 1] != b.pixels[i + 1] || a.pixels[i + 2] != b.pixels[i + 2];
      }
    }
    EXPECT_GT(covered, aov == render::Aov::Color ? 240 * 160 / 2 : 240 * 160 / 5);  // ids: buildings only
    EXPECT_LE(differ, 240 * 160 / 1000) << (aov == render::Aov::Id ? "ids" : "alpha") << ": " << differ << " pixels differ";
  }
}

TEST(IdAov, ColourLeavesOutSubpixelInstancesIdsKeepThem) {
  // Seen from 600 m at 240x160, a pixel is about 3.5 m wide: the lamps (1.9 m arms on 0.18 m poles) are under
  // a pixel and left out of the colour image, the buildings are not; the id image keeps every instance.
  citygen::CityParams params;
  params.buildings = 60;
  params.seed = 5;
  scene::Scene city = citygen::generateCity(params);
  render::Renderer renderer(context(), city);
  render::RenderSettings rs;
  rs.width = 240;
  rs.height = 160;
  rs.camera = render::Camera{{350.0, 350.0, 350.0}, {0.0, 0.0, 0.0}, 50.0};
  renderer.render(rs);
  const render::FrameStats colour = renderer.lastStats();
  rs.aov = render::Aov::Id;
  renderer.render(rs);
  const render::FrameStats ids = renderer.lastStats();
  size_t lamps = 0;
  for (const auto& inst : city.instances) lamps += city.meshes[inst.mesh].name == "street_lamp";
  ASSERT_GT(lamps, 20u);
  EXPECT_GE(ids.itemsVisible, colour.itemsVisible + lamps * 9 / 10);
  EXPECT_GT(colour.itemsVisible, 60u);  // the buildings (and trees) stay
  // Indirect multi-draw: far fewer calls than draws, and every draw has its command.
  EXPECT_GT(colour.drawCommands, 0u);
  EXPECT_LT(colour.drawCalls * 2, colour.drawCommands);
}

TEST(IdAov, FeatureIdTexturesNameTheTexelsFeature) {
  // A square facing the camera whose 2x1 feature id texture holds id 7 (left) and id 9 (right) in its green
  // channel; ids map to rows 3 + (id - 5): left = row 5, right = row 7. Red is noise the id must ignore.
  scene::Scene s;
  scene::Primitive p;
  const glm::vec3 corners[4] = {{-1, -1, 0}, {1, -1, 0}, {1, 1, 0}, {-1, 1, 0}};
  const glm::vec2 uvs[4] = {{0, 1}, {1, 1}, {1, 0}, {0, 0}};
  for (int i = 0; i < 4; ++i) {
    scene::Vertex v;
    v.position = corners[i];
    v.normal = {0, 0, 1};
    v.uv0 = uvs[i];
    p.vertices.push_back(v);
  }
  p.indices = {0, 1, 2, 0, 2, 3};
  p.material = 0;
  for (const auto& v : p.vertices) p.bounds.extend(glm::dvec3(v.position));
  s.meshes.push_back({"square", {p}});
  s.images.push_back({"ids", 2, 1, {200, 7, 0, 255, 13, 9, 0, 255}});
  scene::Texture tex;
  tex.image = 0;
  s.textures.push_back(tex);
  scene::Material m;
  m.featureIds.texture = 0;
  m.featureIds.channels = {1};
  m.featureIds.rowBase = 3;
  m.featureIds.firstId = 5;
  s.materials.push_back(m);
  for (int r = 0; r < 10; ++r) {
    std::string key = std::to_string(r);
    key.insert(key.begin(), 'f');
    s.features.add(key);
  }
  s.instances.push_back({0, -1, glm::dmat4(1.0)});
  s.computeBounds();
  render::Renderer renderer(context(), s);
  render::RenderSettings rs;
  rs.width = 80;
  rs.height = 60;
  rs.aov = render::Aov::Id;
  rs.camera = render::Camera{{0.0, 0.0, 4.0}, {0.0, 0.0, 0.0}, 45.0};
  render::RgbaImage img = renderer.render(rs);
  auto idAt = [&](int x, int y) { return img.pixels[(size_t(y) * 80 + x) * 4]; };
  EXPECT_EQ(idAt(30, 30), 5 + 1);  // left texel: row 3 + 7 - 5 = 5
  EXPECT_EQ(idAt(50, 30), 7 + 1);  // right texel: row 3 + 9 - 5 = 7
  EXPECT_EQ(idAt(2, 2), 0);        // background
  // The colour image is unaffected by the id texture (drawn like any material).
  rs.aov = render::Aov::Color;
  render::RgbaImage colour = renderer.render(rs);
  EXPECT_EQ(colour.pixels[(30 * 80 + 30) * 4 + 3], 255);
}

TEST(IdAov, FeatureStylesTintAndHideFeatures) {
  // The per-feature state buffer: the feature with the most pixels is tinted (its pixels turn orange, others
  // stay), then hidden (gone from the id image; what was behind it shows instead).
  scene::Scene city = cityWithNodeFeatures();
  render::Renderer renderer(context(), city);
  render::RenderSettings rs;
  rs.width = 160;
  rs.height = 120;
  rs.camera = render::Camera{{120.0, 90.0, 140.0}, {0.0, 10.0, 0.0}, 45.0};
  rs.aov = render::Aov::Id;
  auto ids = [&] {
    render::RgbaImage img = renderer.render(rs);
    std::vector<uint32_t> out;
    for (size_t i = 0; i < img.pixels.size(); i += 4)
      out.push_back(img.pixels[i] | img.pixels[i + 1] << 8 | img.pixels[i + 2] << 16);
    return out;
  };
  const std::vector<uint32_t> before = ids();
  std::map<uint32_t, int> count;
  for (uint32_t id : before)
    if (id && city.meshes[city.instances[id - 1].mesh].name.rfind("bldg_", 0) == 0) ++count[id];
  ASSERT_FALSE(count.empty());
  const uint32_t target = std::max_element(count.begin(), count.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  rs.aov = render::Aov::Color;
  const render::RgbaImage plain = renderer.render(rs);
  render::FeatureStyle orange;
  orange.tint = glm::vec4(1.0f, 0.2f, 0.0f, 1.0f);
  renderer.setFeatureStyle(target - 1, orange);
  const render::RgbaImage tinted = renderer.render(rs);
  int orangeInside = 0, inside = 0, changedOutside = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    const uint8_t* p = &tinted.pixels[i * 4];
    const uint8_t* q = &plain.pixels[i * 4];
    if (before[i] == target) {
      ++inside;
      orangeInside += p[0] > p[1] + 40 && p[0] > p[2] + 60;
    } else if (std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) > 24) {
      ++changedOutside;  // only edge pixels (MSAA) may differ
    }
  }
  EXPECT_GT(orangeInside, inside * 8 / 10);
  EXPECT_LT(changedOutside, inside / 5 + 20);
  renderer.setFeatureStyle(target - 1, render::FeatureStyle::makeHidden());
  rs.aov = render::Aov::Id;
  const std::vector<uint32_t> after = ids();
  EXPECT_EQ(std::count(after.begin(), after.end(), target), 0);
  // What stood behind it, known independently: the CPU z-buffer of the city without that feature. Judged where
  // the CPU sees one feature in the whole 3x3 neighbourhood (as in NamesTheNearestFeatureAtEveryPixel).
  const std::vector<uint32_t> behind = cpuIds(city, *rs.camera, 160, 120, target);
  int judged = 0, wrong = 0, nonSky = 0;
  std::set<uint32_t> revealed;
  for (int y = 1; y < 119; ++y)
    for (int x = 1; x < 159; ++x) {
      const size_t i = size_t(y) * 160 + x;
      if (before[i] != target) continue;
      bool interior = true;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) interior &= behind[i + dy * 160 + dx] == behind[i];
      if (!interior) continue;
      ++judged;
      wrong += after[i] != behind[i];
      nonSky += behind[i] != 0;
      revealed.insert(behind[i]);
    }
  EXPECT_GT(judged, count[target] / 2);
  EXPECT_LE(wrong, judged / 100) << wrong << " of " << judged << " pixels behind the hidden feature name another one";
  // It means something only because features, not sky, stood behind: the ground and other buildings.
  EXPECT_GT(nonSky, judged * 9 / 10);
  EXPECT_GE(revealed.size(), 2u);
  renderer.clearFeatureStyles();
  EXPECT_EQ(ids(), before);
}
