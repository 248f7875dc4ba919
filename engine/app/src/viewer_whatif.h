// The viewer's what-if inputs (sliders by name) and the totals they give, through the sim module's models:
// flood level (the twin re-floods), building energy (retrofit by use, rooftop PV), street lighting (LED
// retrofit, dimming). The picture follows: water, the "Energy what-if" layer, lamp colours and dimming.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/energy_model.h"
#include "sim/lighting_model.h"
#include "sim/solar_year.h"
#include "twin.h"
#include "ui/viewer_model.h"

namespace ct::app {

// Names (the widgets' labels, scenario keys, --state-out "whatif" keys).
inline constexpr const char* kWaterLevel = "Water level (m)";
inline constexpr const char* kRetrofitSavings = "Retrofit savings";
inline constexpr const char* kPvRoofShare = "PV roof share";
inline constexpr const char* kLedShare = "LED retrofit share";
inline constexpr const char* kDimLevel = "Night dimming level (00-05)";
inline constexpr const char* kPrice = "Electricity price (per kWh)";
inline constexpr const char* kCo2 = "CO2 (kg per kWh)";
inline const std::vector<std::string> kRetrofitUses = {"residential", "office", "commercial", "mixed"};
std::string retrofitName(const std::string& use);  // "Retrofit share residential"

class WhatIf {
 public:
  // Inputs from the twin: what it can answer (a level flood, buildings with floor areas, lamps).
  explicit WhatIf(Twin& twin);
  const std::vector<ui::WhatIfInput>& inputs() const { return mInputs; }
  std::map<std::string, double> defaults() const;
  // Applies the values to the twin (picture) and computes the totals. False with `error` for a flood that
  // could not be evaluated (the previous state stays).
  bool apply(const std::map<std::string, double>& values, std::string& error);
  // Totals for values without touching the twin's picture (compare mode); flood needs the twin's analysis.
  ui::Totals totals(const std::map<std::string, double>& values) const;
  const ui::Totals& current() const { return mCurrent; }
  sim::EnergyParams energyParams(const std::map<std::string, double>& values) const;
  sim::LightingParams lightingParams(const std::map<std::string, double>& values) const;
  const std::vector<sim::BuildingEnergyInput>& buildings() const { return mBuildings; }
  const std::vector<sim::LampEnergyInput>& lamps() const { return mLamps; }
  const sim::SolarYear& solarYear() const { return mYear; }

 private:
  Twin& mTwin;
  std::vector<ui::WhatIfInput> mInputs;
  std::vector<sim::BuildingEnergyInput> mBuildings;
  std::vector<sim::LampEnergyInput> mLamps;
  sim::SolarYear mYear;
  bool mHasSun = false;
  ui::Totals mCurrent;
  std::optional<double> mAppliedLevel;
  mutable std::map<double, std::optional<std::pair<size_t, double>>> mOtherLevels;  // level -> in water, area
  std::map<std::string, double> mApplied;
};

}  // namespace ct::app
