// The street lighting what-if (sim/lighting_model.h).
#include "sim/lighting_model.h"

#include <algorithm>
#include <cmath>

namespace ct::sim {
namespace {

constexpr double kMaxLampWatts = 1e6;  // a stadium floodlight is ~2 kW; beyond this a number is broken

double unitShare(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }
double hoursOf(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1e6) : 0.0; }
double finiteOr0(double v) { return std::isfinite(v) ? v : 0.0; }

}  // namespace

LightingTotals lightingTotals(const std::vector<LampEnergyInput>& lamps, const SolarYear& year,
                              const LightingParams& p) {
  LightingTotals t;
  const double share = unitShare(p.ledRetrofitShare), ratio = unitShare(p.ledPowerRatio);
  const double retrofitFactor = (1.0 - share) + share * ratio;
  size_t nonLed = 0;
  for (const LampEnergyInput& l : lamps) {
    double w = l.watts;
    if (!std::isfinite(w) || w < 0.0 || w > kMaxLampWatts) {
      w = 0.0;
      ++t.skipped;
    }
    if (l.led) {
      ++t.led;
      t.watts += w;
    } else {
      ++nonLed;
      t.watts += w * retrofitFactor;
    }
  }
  t.lamps = lamps.size();
  t.led += size_t(std::llround(double(nonLed) * share));

  const double dark = hoursOf(year.darknessHours);
  const double window = std::min(hoursOf(year.darkHoursInWindow), dark);
  const double equivalentHours = dark - window + window * unitShare(p.dimLevel);
  t.kwh = t.watts * equivalentHours / 1000.0;
  t.cost = t.kwh * finiteOr0(p.pricePerKwh);
  t.co2Kg = t.kwh * finiteOr0(p.co2KgPerKwh);
  return t;
}

}  // namespace ct::sim
