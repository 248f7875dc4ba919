// Coarse frames (the viewer's while the camera moves): the generated district drawn from its simplified
// triangles looks like the full one at the same reduced settings, with fewer triangles, and its id image is the
// full one's (ids always draw every triangle).
#include <gtest/gtest.h>

#include "citygen/city_generator.h"
#include "export/png.h"
#include "render/renderer.h"
#include "scene/batching.h"
#include "scene/coarse_lod.h"
#include "test_support.h"
#include "test_context.h"

using namespace ct;

namespace {

gpu::Context& context() { return test::renderContext(); }

}  // namespace

TEST(CoarseLodRender, MovingFrameLooksLikeTheFullOneWithFewerTriangles) {
  citygen::CityParams params;
  params.buildings = 200;
  params.seed = 7;
  scene::Scene city = citygen::generateCity(params);
  scene::batchSmallInstances(city);
  const scene::CoarseLodStats lods = scene::buildCoarseLods(city);
  ASSERT_GT(lods.primitives, 0u);
  ASSERT_LT(lods.trianglesAfter * 4, lods.trianglesBefore) << "the ground collapses to a fraction";
  render::Renderer renderer(context(), city);
  render::RenderSettings rs;  // the viewer's moving frame at a quarter of 1280x720
  rs.width = 320;
  rs.height = 180;
  rs.samples = 1;
  rs.shadows = false;
  rs.pointLights = false;
  rs.minPixels = 3.0;
  const RgbaImage full = renderer.render(rs);
  const render::FrameStats fullStats = renderer.lastStats();
  rs.coarse = true;
  const RgbaImage coarse = renderer.render(rs);
  const render::FrameStats coarseStats = renderer.lastStats();
  EXPECT_LT(coarseStats.trianglesDrawn * 10, fullStats.trianglesDrawn * 8)
      << coarseStats.trianglesDrawn << " vs " << fullStats.trianglesDrawn;
  const auto out = test::tempDir("coarse_lod");
  (void)exporter::writePng(out / "full.png", full);
  (void)exporter::writePng(out / "coarse.png", coarse);
  // Simplified within 0.4 % of each batch cell's size: the same picture but for the flat-shaded ground's facets
  // and edges a pixel off.
  const auto diff = test::compareImages(full.pixels, coarse.pixels, full.width, full.height, 24, out / "diff.png");
  EXPECT_LT(diff.fraction, 0.03) << diff.differing << " pixels differ by more than 24/255 (" << out << ")";
  EXPECT_NE(full.pixels, coarse.pixels) << "the coarse triangles were not drawn";
  // The id image ignores `coarse`: it names what the full triangles cover.
  rs.aov = render::Aov::Id;
  const RgbaImage idsCoarse = renderer.render(rs);
  const uint64_t idTriangles = renderer.lastStats().trianglesDrawn;
  rs.coarse = false;
  const RgbaImage ids = renderer.render(rs);
  EXPECT_EQ(idsCoarse.pixels, ids.pixels);
  EXPECT_EQ(idTriangles, renderer.lastStats().trianglesDrawn);
}
