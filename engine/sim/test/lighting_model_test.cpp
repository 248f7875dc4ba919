// Street lighting what-if: a hand-worked retrofit and dimming case, no lamps, clamping, bad watts.
#include "sim/lighting_model.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace ct::sim {
namespace {

SolarYear hours(double dark, double window) {
  SolarYear y;
  y.darknessHours = dark;
  y.darkHoursInWindow = window;
  return y;
}

const std::vector<LampEnergyInput> kTwoSodiumOneLed = {{100, false}, {100, false}, {40, true}};

TEST(LightingModel, RetrofitAndDimmingByHand) {
  LightingParams p;
  p.ledRetrofitShare = 0.5;
  p.ledPowerRatio = 0.5;
  p.dimLevel = 0.5;
  // Each sodium lamp: 100 x (1 - 0.5) + 100 x 0.5 x 0.5 = 75 W; load 75 + 75 + 40 = 190 W.
  // Hours at full power equivalent: 4000 - 1500 + 1500 x 0.5 = 3250 h. kWh = 190 x 3250 / 1000 = 617.5.
  // Cost 617.5 x 0.25 = 154.375; CO2 617.5 x 0.4 = 247 kg. LEDs: 1 + round(2 x 0.5) = 2.
  LightingTotals t = lightingTotals(kTwoSodiumOneLed, hours(4000, 1500), p);
  EXPECT_NEAR(t.watts, 190, 1e-9);
  EXPECT_NEAR(t.kwh, 617.5, 1e-9);
  EXPECT_NEAR(t.cost, 154.375, 1e-9);
  EXPECT_NEAR(t.co2Kg, 247, 1e-9);
  EXPECT_EQ(t.lamps, 3u);
  EXPECT_EQ(t.led, 2u);
  EXPECT_EQ(t.skipped, 0u);
}

TEST(LightingModel, NoLampsNoEnergy) {
  LightingTotals t = lightingTotals({}, hours(4000, 1500), LightingParams{});
  EXPECT_EQ(t.kwh, 0.0);
  EXPECT_EQ(t.cost, 0.0);
  EXPECT_EQ(t.lamps, 0u);
  EXPECT_EQ(t.led, 0u);
  EXPECT_EQ(t.watts, 0.0);
}

TEST(LightingModel, SharesAndLevelsAreClamped) {
  LightingParams p;
  p.ledRetrofitShare = 3.0;  // as 1: 50 + 50 + 40 = 140 W, 3 LEDs
  p.dimLevel = -2.0;         // as 0: lamps off in the window: 4000 - 1500 = 2500 h
  LightingTotals t = lightingTotals(kTwoSodiumOneLed, hours(4000, 1500), p);
  EXPECT_NEAR(t.watts, 140, 1e-9);
  EXPECT_EQ(t.led, 3u);
  EXPECT_NEAR(t.kwh, 140 * 2500 / 1000.0, 1e-9);  // 350
  p.ledRetrofitShare = -1.0;  // as 0: 240 W, 1 LED
  p.dimLevel = 7.0;           // as 1: no dimming, 4000 h
  p.ledPowerRatio = 9.0;      // irrelevant at share 0
  t = lightingTotals(kTwoSodiumOneLed, hours(4000, 1500), p);
  EXPECT_NEAR(t.watts, 240, 1e-9);
  EXPECT_EQ(t.led, 1u);
  EXPECT_NEAR(t.kwh, 960, 1e-9);
  // A window longer than the darkness counts as the darkness: all 4000 h dimmed to 0.5 -> 2000 h.
  p.dimLevel = 0.5;
  t = lightingTotals(kTwoSodiumOneLed, hours(4000, 9000), p);
  EXPECT_NEAR(t.kwh, 240 * 2000 / 1000.0, 1e-9);
}

TEST(LightingModel, LedCountRoundsHalfUp) {
  LightingParams p;
  p.ledRetrofitShare = 0.5;
  std::vector<LampEnergyInput> three(3, LampEnergyInput{150, false});  // 1.5 lamps replaced -> 2
  EXPECT_EQ(lightingTotals(three, hours(1, 0), p).led, 2u);
  p.ledRetrofitShare = 0.3;  // 0.9 -> 1
  EXPECT_EQ(lightingTotals(three, hours(1, 0), p).led, 1u);
}

TEST(LightingModel, BadWattsAndHoursReadAsZero) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<LampEnergyInput> lamps = {{nan, false}, {-50, true}, {1e300, true}, {60, true}};
  LightingParams p;
  p.co2KgPerKwh = nan;
  LightingTotals t = lightingTotals(lamps, hours(4000, 0), p);
  EXPECT_EQ(t.lamps, 4u);
  EXPECT_EQ(t.skipped, 3u);
  EXPECT_NEAR(t.watts, 60, 1e-9);
  EXPECT_NEAR(t.kwh, 240, 1e-9);  // 60 W x 4000 h
  EXPECT_EQ(t.co2Kg, 0.0);
  t = lightingTotals(lamps, hours(nan, nan), p);
  EXPECT_EQ(t.kwh, 0.0);
  EXPECT_FALSE(std::isnan(t.cost));
}

}  // namespace
}  // namespace ct::sim
