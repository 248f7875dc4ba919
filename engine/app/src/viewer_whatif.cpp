#include "viewer_whatif.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ct::app {
namespace {
double valueOr(const std::map<std::string, double>& m, const std::string& k, double fallback) {
  auto it = m.find(k);
  return it == m.end() || !std::isfinite(it->second) ? fallback : it->second;
}

std::optional<double> numberProperty(const scene::FeatureTable& t, const char* name, size_t row) {
  const scene::PropertyColumn* c = t.column(name);
  if (!c || row >= c->values.size()) return std::nullopt;
  const scene::PropertyValue& v = c->values[row];
  if (const double* d = std::get_if<double>(&v)) return *d;
  if (const int64_t* i = std::get_if<int64_t>(&v)) return double(*i);
  return std::nullopt;
}

std::string textProperty(const scene::FeatureTable& t, const char* name, size_t row) {
  const scene::PropertyColumn* c = t.column(name);
  if (!c || row >= c->values.size()) return {};
  const std::string* s = std::get_if<std::string>(&c->values[row]);
  return s ? *s : std::string();
}
}  // namespace

std::string retrofitName(const std::string& use) { return "Retrofit share " + use; }

WhatIf::WhatIf(Twin& twin) : mTwin(twin) {
  // Flood: the first level-mode flood layer's level, over the terrain's range.
  for (const FloodState& f : twin.floods()) {
    if (f.fromRaster || !twin.terrain()) continue;
    const geo::Raster& t = *twin.terrain();
    double lo = 1e300, hi = -1e300;
    for (size_t i = 0; i < t.values.size(); ++i)
      if (!geo::Raster::isNoData(t.values[i])) {
        lo = std::min(lo, double(t.values[i]));
        hi = std::max(hi, double(t.values[i]));
      }
    if (lo > hi) break;
    lo = std::min(lo, f.level);
    hi = std::max(hi, f.level);
    mInputs.push_back({kWaterLevel, "Flood", std::floor(lo), std::ceil(hi), f.level, "%.2f"});
    break;
  }
  // Buildings with a floor area: the energy model.
  const scene::FeatureTable& ft = twin.scene().features;
  for (size_t row = 0; row < ft.size(); ++row) {
    const std::optional<double> area = numberProperty(ft, "floor_area", row);
    if (!area || *area <= 0.0) continue;
    sim::BuildingEnergyInput b;
    b.key = ft.key(row);
    b.usage = textProperty(ft, "usage", row);
    b.yearBuilt = int(numberProperty(ft, "year_built", row).value_or(0.0));
    b.floorAreaM2 = *area;
    const double floors = std::max(1.0, numberProperty(ft, "floors", row).value_or(1.0));
    b.roofAreaM2 = numberProperty(ft, "footprint_area", row).value_or(*area / floors);
    mBuildings.push_back(b);
  }
  if (!mBuildings.empty()) {
    for (const std::string& use : kRetrofitUses) mInputs.push_back({retrofitName(use), "Energy", 0.0, 1.0, 0.0});
    mInputs.push_back({kRetrofitSavings, "Energy", 0.0, 0.8, 0.4});
    mInputs.push_back({kPvRoofShare, "Energy", 0.0, 1.0, 0.0});
  }
  for (const layers::LampInput& l : twin.lamps()) {
    sim::LampEnergyInput e;
    e.led = l.type != "sodium";
    std::optional<double> watts = l.watts;
    if (!watts)  // the lights layer's source: its "wattage" (or "watts") field for this lamp
      for (const auto& [name, v] : twin.numericValues(l.id))
        if (name.ends_with(".wattage") || name.ends_with(".watts")) watts = v;
    e.watts = watts ? *watts : l.lumens ? *l.lumens / (e.led ? 120.0 : 90.0) : 50.0;
    mLamps.push_back(e);
  }
  if (!mLamps.empty()) {
    mInputs.push_back({kLedShare, "Lighting", 0.0, 1.0, 0.0});
    mInputs.push_back({kDimLevel, "Lighting", 0.2, 1.0, 1.0});
  }
  if (!mBuildings.empty() || !mLamps.empty()) {
    mInputs.push_back({kPrice, "Factors", 0.0, 10.0, 0.25, "%.3f", true});
    mInputs.push_back({kCo2, "Factors", 0.0, 2.0, 0.40, "%.3f", true});
  }
  // The sun over a year at the scene's place (darkness hours for lamps, irradiation for PV).
  if (const auto& origin = twin.spec().origin) {
    sim::SolarYearOptions o;
    o.utcOffsetHours = twin.spec().timeOffsetMinutes / 60.0;
    o.windowStartHour = 0.0;
    o.windowEndHour = 5.0;
    mYear = sim::solarYear(origin->lat, origin->lon, origin->height, o);
    mHasSun = true;
  }
}

std::map<std::string, double> WhatIf::defaults() const {
  std::map<std::string, double> out;
  for (const ui::WhatIfInput& in : mInputs) out[in.name] = in.defaultValue;
  return out;
}

sim::EnergyParams WhatIf::energyParams(const std::map<std::string, double>& v) const {
  sim::EnergyParams p;
  for (const std::string& use : kRetrofitUses) p.retrofitShare[use] = valueOr(v, retrofitName(use), 0.0);
  p.retrofitSavings = valueOr(v, kRetrofitSavings, p.retrofitSavings);
  p.pvRoofShare = valueOr(v, kPvRoofShare, 0.0);
  p.pricePerKwh = valueOr(v, kPrice, p.pricePerKwh);
  p.co2KgPerKwh = valueOr(v, kCo2, p.co2KgPerKwh);
  return p;
}

sim::LightingParams WhatIf::lightingParams(const std::map<std::string, double>& v) const {
  sim::LightingParams p;
  p.ledRetrofitShare = valueOr(v, kLedShare, 0.0);
  p.dimLevel = valueOr(v, kDimLevel, 1.0);
  p.pricePerKwh = valueOr(v, kPrice, p.pricePerKwh);
  p.co2KgPerKwh = valueOr(v, kCo2, p.co2KgPerKwh);
  return p;
}

ui::Totals WhatIf::totals(const std::map<std::string, double>& v) const {
  ui::Totals t;
  if (!mTwin.floods().empty()) {
    const FloodState& f = mTwin.floods().front();
    t.hasFlood = true;
    t.buildings = f.report.buildings;
    t.floodedBuildings = f.report.inWater;
    t.floodedAreaM2 = f.report.floodedAreaM2;
    auto level = v.find(kWaterLevel);
    // Another level (a scenario in compare mode), clamped as its slider is: analysed once, then remembered.
    double other = level != v.end() ? level->second : f.level;
    for (const ui::WhatIfInput& in : mInputs)
      if (in.name == kWaterLevel && std::isfinite(other)) other = std::clamp(other, in.min, in.max);
    if (!f.fromRaster && std::isfinite(other) && other != f.level) {
      auto known = mOtherLevels.find(other);
      if (known == mOtherLevels.end()) {
        if (mOtherLevels.size() >= 64) mOtherLevels.clear();
        std::optional<std::pair<size_t, double>> counts;
        if (auto r = mTwin.floodReportAt(other)) counts = {r->inWater, r->floodedAreaM2};
        known = mOtherLevels.emplace(other, counts).first;
      }
      if (known->second) {
        t.floodedBuildings = known->second->first;
        t.floodedAreaM2 = known->second->second;
      }
    }
  }
  if (!mBuildings.empty()) {
    const sim::EnergyTotals e =
        sim::energyTotals(mBuildings, energyParams(v), mHasSun ? mYear.horizontalKwhPerM2 : 0.0);
    t.hasEnergy = true;
    t.energyBaselineKwh = e.baselineKwh;
    t.energyUseKwh = e.useKwh;
    t.pvKwh = e.pvKwh;
    t.energyNetKwh = e.netKwh;
    t.energyCost = e.cost;
    t.energyCo2Kg = e.co2Kg;
    t.energyBuildings = e.buildings;
  }
  if (!mLamps.empty()) {
    const sim::LightingTotals l = sim::lightingTotals(mLamps, mYear, lightingParams(v));
    t.hasLighting = true;
    t.lightingKwh = l.kwh;
    t.lightingCost = l.cost;
    t.lightingCo2Kg = l.co2Kg;
    t.lamps = l.lamps;
    t.ledLamps = l.led;
    t.darknessHours = mYear.darknessHours;
    t.dimHours = mYear.darkHoursInWindow;
  }
  return t;
}

bool WhatIf::apply(const std::map<std::string, double>& v, std::string& error) {
  auto level = v.find(kWaterLevel);
  if (level != v.end() && mTwin.hasLevelFlood() && (!mAppliedLevel || *mAppliedLevel != level->second)) {
    if (!mTwin.setFloodLevel(level->second, error)) return false;
    mAppliedLevel = level->second;
  }
  auto changed = [&](const std::string& name) {
    auto a = v.find(name);
    auto b = std::as_const(mApplied).find(name);
    return (a == v.end()) != (b == mApplied.end()) || (a != v.end() && a->second != b->second);
  };
  bool energyChanged = mApplied.empty(), lightsChanged = mApplied.empty();
  for (const std::string& use : kRetrofitUses) energyChanged = energyChanged || changed(retrofitName(use));
  energyChanged = energyChanged || changed(kRetrofitSavings) || changed(kPvRoofShare);
  lightsChanged = lightsChanged || changed(kLedShare) || changed(kDimLevel);
  if (!mBuildings.empty() && energyChanged && mTwin.hasEnergyWhatIfLayer()) {
    std::vector<sim::BuildingEnergy> per;
    sim::energyTotals(mBuildings, energyParams(v), mHasSun ? mYear.horizontalKwhPerM2 : 0.0, &per);
    std::vector<std::pair<std::string, double>> values;
    for (size_t i = 0; i < mBuildings.size() && i < per.size(); ++i)
      values.emplace_back(mBuildings[i].key, per[i].netKwh / std::max(mBuildings[i].floorAreaM2, 1e-9));
    mTwin.setEnergyWhatIf(values);
  }
  if (!mLamps.empty() && lightsChanged) {
    // Dimming shows on the picture while the scene's clock is in the dimming window (00:00-05:00 local).
    double dim = 1.0;
    if (mTwin.time()) {
      const double local = mTwin.time()->unixSeconds + mTwin.spec().timeOffsetMinutes * 60.0;
      const double hour = std::fmod(std::fmod(local, 86400.0) + 86400.0, 86400.0) / 3600.0;
      if (hour < 5.0) dim = valueOr(v, kDimLevel, 1.0);
    }
    mTwin.setLightingWhatIf(valueOr(v, kLedShare, 0.0), dim);
  }
  mApplied = v;
  mCurrent = totals(v);
  return true;
}

}  // namespace ct::app
