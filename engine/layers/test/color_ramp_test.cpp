// Colour parsing and ramps against hand-computed values and the published stop tables.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "layers/color_ramp.h"

using namespace ct::layers;

namespace {

void expectColor(const Srgb& c, float r, float g, float b, float a = 255.0f, float tol = 1e-3f) {
  EXPECT_NEAR(c.r, r, tol);
  EXPECT_NEAR(c.g, g, tol);
  EXPECT_NEAR(c.b, b, tol);
  EXPECT_NEAR(c.a, a, tol);
}

Ramp threeStops() {
  auto r = Ramp::fromStopStrings({"#2c7bb6", "#ffffbf", "#d7191c"}, 0.0, 300.0);
  EXPECT_TRUE(r.ok()) << r.firstError();
  return r.value();
}

}  // namespace

TEST(Color, ParsesHexAsWritten) {
  auto c = parseColor("#2c7bb6");
  ASSERT_TRUE(c.ok());
  expectColor(c.value(), 44, 123, 182);
  auto d = parseColor("#FFfFbF80");
  ASSERT_TRUE(d.ok());
  expectColor(d.value(), 255, 255, 191, 128);
  EXPECT_EQ(formatColor(c.value()), "#2c7bb6");
  EXPECT_EQ(formatColor(d.value()), "#ffffbf80");
}

TEST(Color, BadTextFailsQuotingIt) {
  for (const char* bad : {"2c7bb6", "#2c7bb", "#2c7bb6f", "#zz7bb6", "", "#", "#2c7bb6ff00", "red"}) {
    auto c = parseColor(bad);
    EXPECT_FALSE(c.ok()) << bad;
    EXPECT_NE(c.firstError().find(std::string("\"") + bad + "\""), std::string::npos) << c.firstError();
  }
}

TEST(Ramp, InterpolatesOnTheWrittenSrgbValues) {
  Ramp r = threeStops();
  // 75 lies halfway between #2c7bb6 (at 0) and #ffffbf (at 150).
  expectColor(r.sample(75.0), 149.5f, 189.0f, 186.5f);
  // 225: halfway between #ffffbf and #d7191c (215, 25, 28).
  expectColor(r.sample(225.0), 235.0f, 140.0f, 109.5f);
  // 30: a fifth of the way from #2c7bb6 to #ffffbf.
  expectColor(r.sample(30.0), 44 + 0.2f * 211, 123 + 0.2f * 132, 182 + 0.2f * 9);
  expectColor(r.sample(0.0), 44, 123, 182);
  expectColor(r.sample(150.0), 255, 255, 191);
  expectColor(r.sample(300.0), 215, 25, 28);
}

TEST(Ramp, ClampsOutsideTheDomainAndNaNIsNoData) {
  Ramp r = threeStops();
  expectColor(r.sample(-1e9), 44, 123, 182);
  expectColor(r.sample(-0.5), 44, 123, 182);
  expectColor(r.sample(301.0), 215, 25, 28);
  expectColor(r.sample(std::numeric_limits<double>::infinity()), 215, 25, 28);
  expectColor(r.sample(std::numeric_limits<double>::quiet_NaN()), 128, 128, 128);
  r.setNoData(Srgb(1, 2, 3, 4));
  expectColor(r.sample(std::nan("")), 1, 2, 3, 4);
  expectColor(r.sample01(300.0) * 255.0f, 215, 25, 28);
}

TEST(Ramp, ReversedDomainPutsTheFirstColourAtItsStart) {
  auto r = Ramp::fromStopStrings({"#000000", "#ffffff"}, 100.0, 0.0);
  ASSERT_TRUE(r.ok());
  expectColor(r->sample(100.0), 0, 0, 0);
  expectColor(r->sample(0.0), 255, 255, 255);
  expectColor(r->sample(25.0), 191.25f, 191.25f, 191.25f);
}

TEST(Ramp, UnevenStopsAndSingleStop) {
  Ramp r = Ramp::fromPositionedStops({{10.0, Srgb(0, 0, 0, 255)}, {0.0, Srgb(100, 0, 0, 255)}, {40.0, Srgb(0, 0, 90, 255)}});
  expectColor(r.sample(5.0), 50, 0, 0);
  expectColor(r.sample(20.0), 0, 0, 30);
  Ramp one = Ramp::fromStops({Srgb(9, 8, 7, 255)}, 0.0, 10.0);
  expectColor(one.sample(-5), 9, 8, 7);
  expectColor(one.sample(5), 9, 8, 7);
}

TEST(Ramp, BadStopsFailNamingTheStop) {
  auto r = Ramp::fromStopStrings({"#000000", "#12345"}, 0.0, 1.0);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("stop 1"), std::string::npos) << r.firstError();
  EXPECT_FALSE(Ramp::fromStopStrings({}, 0.0, 1.0).ok());
  EXPECT_FALSE(Ramp::fromStopStrings({"#000000"}, 0.0, std::nan("")).ok());
}

TEST(Ramp, NamedRampsMatchThePublishedTables) {
  auto v = Ramp::named("viridis", 0.0, 8.0);
  ASSERT_TRUE(v.ok());
  // matplotlib viridis at 0, 0.5 and 1: #440154, #21918c, #fde725.
  expectColor(v->sample(0.0), 0x44, 0x01, 0x54);
  expectColor(v->sample(4.0), 0x21, 0x91, 0x8c);
  expectColor(v->sample(8.0), 0xfd, 0xe7, 0x25);
  auto m = Ramp::named("magma");
  ASSERT_TRUE(m.ok());
  expectColor(m->sample(0.0), 0x00, 0x00, 0x04);
  expectColor(m->sample(1.0), 0xfc, 0xfd, 0xbf);
  // RdBu reversed: low blue #053061, middle #f7f7f7, high red #67001f.
  auto d = Ramp::named("rdbu", -10.0, 10.0);
  ASSERT_TRUE(d.ok());
  expectColor(d->sample(-10.0), 0x05, 0x30, 0x61);
  expectColor(d->sample(0.0), 0xf7, 0xf7, 0xf7);
  expectColor(d->sample(10.0), 0x67, 0x00, 0x1f);
  EXPECT_LT(d->sample(-5.0).r, d->sample(-5.0).b);  // blue side
  EXPECT_GT(d->sample(5.0).r, d->sample(5.0).b);    // red side
  auto bad = Ramp::named("jet");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.firstError().find("viridis"), std::string::npos);
}

TEST(Ramp, SequentialRampsGetLighterMonotonically) {
  // Perceptual sequential ramps: luminance rises along the ramp (a check the rainbow "jet" would fail).
  for (const char* name : {"viridis", "magma"}) {
    auto r = Ramp::named(name, 0.0, 1.0);
    ASSERT_TRUE(r.ok());
    float last = -1.0f;
    for (int i = 0; i <= 100; ++i) {
      glm::vec3 lin = srgbToLinear(glm::vec3(r->sample(i / 100.0)) / 255.0f);
      float y = 0.2126f * lin.r + 0.7152f * lin.g + 0.0722f * lin.b;
      EXPECT_GT(y, last) << name << " at " << i;
      last = y;
    }
  }
}

TEST(Ramp, CategoricalMapsClassesWithoutInterpolation) {
  auto c = Ramp::named("categorical");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->categoricalKind());
  // Tableau 10: #4e79a7, #f28e2b, ..., the tenth #bab0ac.
  expectColor(c->sample(0.0), 0x4e, 0x79, 0xa7);
  expectColor(c->sample(1.0), 0xf2, 0x8e, 0x2b);
  expectColor(c->sample(1.4), 0xf2, 0x8e, 0x2b);  // a class, never a blend
  expectColor(c->sample(10.0), 0x4e, 0x79, 0xa7);  // wraps
  expectColor(c->sample(-1.0), 0xba, 0xb0, 0xac);
  expectColor(c->classColor(9), 0xba, 0xb0, 0xac);
  expectColor(c->sample(std::nan("")), 128, 128, 128);
  expectColor(c->sample(std::numeric_limits<double>::infinity()), 128, 128, 128);
}

TEST(Color, SrgbTransferFunction) {
  // IEC 61966-2-1: 0.5 encoded is 0.21404 linear; 0.18 linear encodes to 0.46135; the linear segment below 0.04045.
  EXPECT_NEAR(srgbToLinear(0.5f), 0.214041f, 1e-5f);
  EXPECT_NEAR(linearToSrgb(0.18f), 0.461356f, 1e-4f);
  EXPECT_NEAR(srgbToLinear(0.02f), 0.02f / 12.92f, 1e-7f);
  EXPECT_EQ(srgbToLinear(1.0f), 1.0f);
  for (int i = 0; i <= 255; ++i) EXPECT_NEAR(linearToSrgb(srgbToLinear(i / 255.0f)) * 255.0f, float(i), 1e-3f);
}
