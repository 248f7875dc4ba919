// Street lighting what-if: annual energy of the lamps from the hours of darkness, with LED retrofit and night
// dimming as sliders; totals with cost and CO2. Pure function for the inspector.
#pragma once
#include <cstddef>
#include <vector>

#include "sim/solar_year.h"

namespace ct::sim {

struct LampEnergyInput { double watts = 30; bool led = true; };

struct LightingParams {
  double ledRetrofitShare = 0.0;  // share of non-LED lamps replaced by LEDs, 0..1
  double ledPowerRatio = 0.5;     // an LED replacement draws this fraction of the lamp it replaces
  double dimLevel = 1.0;          // power fraction during the dimming window (1: no dimming)
  double pricePerKwh = 0.25;
  double co2KgPerKwh = 0.40;
};

struct LightingTotals {
  double kwh = 0, cost = 0, co2Kg = 0;
  size_t lamps = 0;    // all lamps given, the skipped ones included
  size_t led = 0;      // LEDs after the retrofit: the LEDs given + round(non-LED lamps x share)
  double watts = 0;    // connected load after the retrofit (expected value)
  size_t skipped = 0;  // lamps whose watts were NaN, infinite, negative or absurd (read as 0)
};

// kwh = Σ lamp watts (after retrofit) x (darknessHours - darkHoursInWindow + darkHoursInWindow x dimLevel) / 1000.
// The retrofit is an expected value: each non-LED lamp of w watts counts w x (1 - s) + w x s x ratio. The share,
// ratio and dim level are clamped to 0..1; hours that are not finite or negative read as 0, and the window's hours
// as at most the darkness hours. A non-finite price or emission factor counts as 0.
LightingTotals lightingTotals(const std::vector<LampEnergyInput>& lamps, const SolarYear& year,
                              const LightingParams& p);

}  // namespace ct::sim
