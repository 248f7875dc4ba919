// The daylight model: directions by hand, the renderer's day defaults at high sun, no jumps anywhere in
// elevation, warmer and dimmer sunlight towards the horizon, a dark-blue (not black) night, lamps at sunset.
#include <gtest/gtest.h>

#include <cmath>

#include "core/time.h"
#include "sim/daylight.h"

namespace {

using ct::sim::daylight;
using ct::sim::Daylight;

void expectVec(const glm::vec3& v, float x, float y, float z, float tol, const char* what) {
  EXPECT_NEAR(v.x, x, tol) << what;
  EXPECT_NEAR(v.y, y, tol) << what;
  EXPECT_NEAR(v.z, z, tol) << what;
}

TEST(Daylight, DirectionForKnownAzimuthAndElevation) {
  const float h = std::sqrt(0.5f), c30 = std::sqrt(3.0f) / 2.0f;
  expectVec(ct::sim::directionFromAzEl(0, 0), 0, 0, -1, 1e-6f, "north on the horizon: -Z");
  expectVec(ct::sim::directionFromAzEl(90, 0), 1, 0, 0, 1e-6f, "east: +X");
  expectVec(ct::sim::directionFromAzEl(180, 45), 0, h, h, 1e-6f, "south, 45 degrees up");
  expectVec(ct::sim::directionFromAzEl(270, 30), -c30, 0.5f, 0, 1e-6f, "west, 30 degrees up");
  expectVec(ct::sim::directionFromAzEl(123, 90), 0, 1, 0, 1e-6f, "zenith");
  expectVec(daylight(90, 30).sunDirection, c30, 0.5f, 0, 1e-6f, "daylight's sun direction");
  // From a sun position: aimed at the refracted elevation.
  ct::sim::SunPosition sun;
  sun.azimuthDeg = 180.0;
  sun.geometricElevationDeg = 44.0;
  sun.elevationDeg = 45.0;
  expectVec(daylight(sun).sunDirection, 0, h, h, 1e-6f, "refracted elevation");
}

TEST(Daylight, HighSunGivesTheRenderersDayDefaults) {
  Daylight d = daylight(180.0, 90.0);
  expectVec(d.sunColor, 4.2f, 0.95f * 4.2f, 0.88f * 4.2f, 1e-5f, "sun colour");
  expectVec(d.skyZenith, 0.20f, 0.38f, 0.75f, 1e-6f, "zenith");
  expectVec(d.skyHorizon, 0.68f, 0.78f, 0.90f, 1e-6f, "horizon");
  expectVec(d.groundColor, 0.32f, 0.30f, 0.27f, 1e-6f, "ground");
  EXPECT_FLOAT_EQ(d.exposure, 1.0f);
  EXPECT_FLOAT_EQ(d.nightFactor, 0.0f);
  EXPECT_FALSE(d.lampsOn);
  expectVec(d.moonColor, 0, 0, 0, 0, "no moonlight by day");
  // The sky stays the day sky down to 10 degrees.
  expectVec(daylight(0.0, 10.0).skyZenith, 0.20f, 0.38f, 0.75f, 1e-6f, "zenith at 10 degrees");
}

TEST(Daylight, NoJumpsAcrossElevation) {
  // Stepping 0.01 degrees from nadir to zenith, no output may move by more than a small bound per step: the
  // steepest ramps in the table change about 0.15 per degree, the sun's fade-in about 4.2 over 1.8 degrees.
  Daylight prev = daylight(100.0, -90.0);
  double worstSky = 0.0, worstSun = 0.0, worstScalar = 0.0;
  for (int i = 1; i <= 18000; ++i) {
    double el = -90.0 + i * 0.01;
    Daylight d = daylight(100.0, el);
    for (int k = 0; k < 3; ++k) {
      worstSky = std::max({worstSky, std::abs(double(d.skyZenith[k] - prev.skyZenith[k])),
                           std::abs(double(d.skyHorizon[k] - prev.skyHorizon[k])),
                           std::abs(double(d.groundColor[k] - prev.groundColor[k])),
                           std::abs(double(d.moonColor[k] - prev.moonColor[k]))});
      worstSun = std::max(worstSun, std::abs(double(d.sunColor[k] - prev.sunColor[k])));
    }
    worstScalar = std::max({worstScalar, std::abs(double(d.exposure - prev.exposure)),
                            std::abs(double(d.nightFactor - prev.nightFactor))});
    prev = d;
  }
  EXPECT_LT(worstSky, 0.003);
  EXPECT_LT(worstScalar, 0.003);
  EXPECT_LT(worstSun, 0.05);
}

TEST(Daylight, SunlightWarmsAndDimsTowardsTheHorizonAndVanishesBelowIt) {
  double prevIntensity = 1e9, prevBlueOverRed = 1e9;
  for (double el : {90.0, 60.0, 30.0, 15.0, 5.0, 2.0, 0.5, 0.0, -0.5}) {
    glm::vec3 c = daylight(0.0, el).sunColor;
    double intensity = c.r + c.g + c.b, blueOverRed = c.b / c.r;
    EXPECT_LT(intensity, prevIntensity) << el;
    EXPECT_LT(blueOverRed, prevBlueOverRed) << el;
    prevIntensity = intensity;
    prevBlueOverRed = blueOverRed;
  }
  // Golden hour at 5 degrees: clearly orange (green and blue well under red).
  glm::vec3 golden = daylight(0.0, 5.0).sunColor;
  EXPECT_LT(golden.g / golden.r, 0.8f);
  EXPECT_LT(golden.b / golden.r, 0.5f);
  for (double el : {-0.84, -1.0, -6.0, -30.0, -90.0}) expectVec(daylight(0.0, el).sunColor, 0, 0, 0, 0, "set sun");
}

TEST(Daylight, NightIsDarkBlueNotBlackWithMoonlight) {
  Daylight night = daylight(0.0, -30.0);
  EXPECT_FLOAT_EQ(night.nightFactor, 1.0f);
  EXPECT_TRUE(night.lampsOn);
  EXPECT_GT(night.exposure, 1.5f);
  for (const glm::vec3& sky : {night.skyZenith, night.skyHorizon}) {
    EXPECT_GT(sky.b, sky.r);  // blue
    EXPECT_GT(sky.b, 0.05f);  // not black
    EXPECT_LT(sky.b, 0.2f);   // but dark
  }
  EXPECT_GT(glm::length(night.skyHorizon), glm::length(night.skyZenith));  // silhouettes against the horizon
  EXPECT_GT(night.moonColor.b, 0.1f);
  EXPECT_GT(night.moonColor.b, night.moonColor.r);  // cool
  EXPECT_GT(night.moonDirection.y, 0.7f);           // high
  // Twilight in between: nightFactor rises monotonically from sunset to nautical dusk.
  float prev = -1.0f;
  for (double el = 10.0; el >= -12.0; el -= 0.5) {
    float f = daylight(0.0, el).nightFactor;
    EXPECT_GE(f, prev) << el;
    prev = f;
  }
  EXPECT_FLOAT_EQ(daylight(0.0, -12.0).nightFactor, 1.0f);
  // Golden dusk: around sunset the horizon glows warm (red over blue), unlike day and night.
  for (double el : {3.0, 0.0, -2.0}) EXPECT_GT(daylight(0.0, el).skyHorizon.r, daylight(0.0, el).skyHorizon.b) << el;
  EXPECT_LT(daylight(0.0, 20.0).skyHorizon.r, daylight(0.0, 20.0).skyHorizon.b);
  EXPECT_GT(daylight(0.0, -6.0).nightFactor, 0.3f);
  EXPECT_LT(daylight(0.0, -6.0).nightFactor, 1.0f);
}

TEST(Daylight, LampsSwitchExactlyAtSunset) {
  EXPECT_FALSE(daylight(0.0, ct::sim::kSunsetElevationDeg).lampsOn);
  EXPECT_TRUE(daylight(0.0, std::nextafter(ct::sim::kSunsetElevationDeg, -90.0)).lampsOn);
  EXPECT_NEAR(ct::sim::kSunsetElevationDeg, -0.833, 0.001);
  // Against the sunset the sun-position code finds: shortly before, off; shortly after, on. (SPA's sunset is
  // geocentric; the topocentric sun, 0.0024° lower by parallax, crosses about a second earlier at Berlin.)
  ct::sim::SunInput in;
  in.latitudeDeg = 52.52;
  in.longitudeDeg = 13.405;  // Berlin
  double day = ct::parseIso8601("2024-06-21T00:00+02:00").value().unixSeconds;
  auto times = ct::sim::sunTimes(in, day);
  ASSERT_TRUE(times.ok() && times.value().sunsetUnix);
  // The published sunset for Berlin on 21 June 2024 is 21:33 CEST (timeanddate.com); within a minute.
  EXPECT_NEAR(*times.value().sunsetUnix, ct::parseIso8601("2024-06-21T21:33+02:00").value().unixSeconds, 60.0);
  for (auto [dt, on] : {std::pair{-5.0, false}, std::pair{5.0, true}}) {
    in.unixSeconds = *times.value().sunsetUnix + dt;
    auto sun = ct::sim::sunPosition(in);
    ASSERT_TRUE(sun.ok());
    EXPECT_EQ(daylight(sun.value()).lampsOn, on) << dt;
  }
}

}  // namespace
