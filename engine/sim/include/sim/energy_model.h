// Building energy what-if: annual use from floor area x the median intensity by use and age (or a measured
// baseline), minus retrofit savings, plus rooftop PV; totals with cost and CO2. Pure functions for the inspector.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ct::sim {

// The four uses the intensity table knows; any other usage string (or a differently spelt one) counts as mixed.
// Returns "residential", "office", "commercial" or "mixed".
const char* usageClass(const std::string& usage);

// Median site energy-use intensity (kWh/m² a year) for a use and a year of construction, from the City of
// Seattle's 2016 building energy benchmarking (derivation in energy_model.cpp). Eras: before 1950, 1950-79,
// 1980-99, 2000 on. yearBuilt <= 0 means unknown: the use's median over all years of construction.
double medianIntensity(const std::string& usage, int yearBuilt);
// The same data's spread of ln(intensity) within a use: sigma = ln(p75 / p25) / 1.349 (a lognormal's sigma).
double intensitySigma(const std::string& usage);

struct BuildingEnergyInput {
  std::string key;
  std::string usage;        // residential, office, commercial, mixed (others: mixed)
  int yearBuilt = 0;        // 0: unknown (the use's median over all years)
  double floorAreaM2 = 0;
  double roofAreaM2 = 0;    // footprint area (floor area / floors when nothing better)
  std::optional<double> measuredKwh;  // annual kWh from data; when set it is the baseline instead of area x intensity
};

struct EnergyParams {
  std::map<std::string, double> retrofitShare;  // by usage: share of that use's buildings' floor area retrofitted, 0..1
  double retrofitSavings = 0.40;   // fraction of the intensity a retrofit saves
  double pvRoofShare = 0.0;        // share of roof area covered by PV, 0..1
  double pvEfficiency = 0.20;      // module efficiency
  double pvPerformanceRatio = 0.80;
  double pricePerKwh = 0.25;       // currency units per kWh (shown and editable in the viewer)
  double co2KgPerKwh = 0.40;       // grid emission factor
};

struct BuildingEnergy {
  double baselineKwh = 0, useKwh = 0, pvKwh = 0, netKwh = 0;
  bool skipped = false;  // a bad number (NaN, infinite, negative area or kWh) was read as 0
};

struct EnergyTotals {
  double baselineKwh = 0, useKwh = 0, pvKwh = 0, netKwh = 0;  // net = use - pv (may go negative)
  double cost = 0, co2Kg = 0;  // of net (negative when PV exceeds use: exported)
  size_t buildings = 0;        // all buildings given, the skipped ones included
  size_t skipped = 0;          // buildings with a bad number read as 0 (the viewer shows this count)
};

// baseline = measuredKwh, or floorArea x medianIntensity(usage, yearBuilt);
// use = baseline x (1 - share(usageClass) x savings); pv = roofArea x pvRoofShare x horizontalKwhPerM2 x
// efficiency x performanceRatio; net = use - pv. Shares, savings, efficiency and ratio are clamped to 0..1; a
// share is looked up by the building's usage class (so "warehouse" takes mixed's share). A non-finite or
// negative parameter (irradiation, a share) counts as 0; a non-finite price or factor too.
BuildingEnergy buildingEnergy(const BuildingEnergyInput& b, const EnergyParams& p, double horizontalKwhPerM2);
// Sums buildingEnergy over the buildings; perBuilding (when given) receives each one's result, in order.
EnergyTotals energyTotals(const std::vector<BuildingEnergyInput>& buildings, const EnergyParams& p,
                          double horizontalKwhPerM2, std::vector<BuildingEnergy>* perBuilding = nullptr);

}  // namespace ct::sim
