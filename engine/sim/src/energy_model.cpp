// The building energy what-if (sim/energy_model.h) and the intensity table it rests on.
#include "sim/energy_model.h"

#include <algorithm>
#include <cmath>

namespace ct::sim {
namespace {

// Source: City of Seattle, 2016 Building Energy Benchmarking (Seattle Open Data, data.seattle.gov; the copy in
// ../shared/data/seattle-building-energy-benchmarking): median site EUI of compliant buildings per use and era
// (before 1950, 1950-79, 1980-99, 2000 on) in kWh/m² a year, and sigma = ln(p75/p25) / 1.349 of the use's EUIs.
// Uses from PrimaryPropertyType: Low-, Mid- and High-Rise Multifamily -> residential, Large and Small- and
// Mid-Sized Office -> office, Retail Store -> commercial, Mixed Use Property -> mixed; site EUI in kBtu/ft² x
// 3.15459 = kWh/m². (The README names the developer script that prints this table from the CSV.) The
// all-years column is the median of the same buildings without the split by era (same filter; for a building
// whose year is unknown).
struct Intensity {
  const char* usage;
  double medianByEra[4];
  double sigma;
  double medianAllYears;
};
constexpr Intensity kIntensities[] = {
    {"residential", {142.9, 90.7, 92.7, 105.7}, 0.348, 100.6},  // buildings per era: 327/396/455/434
    {"office", {158.4, 187.9, 166.1, 171.1}, 0.382, 166.9},     // 150/112/108/86
    {"commercial", {122.6, 177.9, 252.5, 213.4}, 0.569, 177.9}, // 28/31/20/6
    {"mixed", {201.1, 152.4, 256.9, 173.5}, 0.673, 180.4},      // 52/19/22/39
};

const Intensity& intensityOf(const std::string& usage) {
  for (const Intensity& i : kIntensities)
    if (usage == i.usage) return i;
  return kIntensities[3];
}
int eraOf(int year) { return year < 1950 ? 0 : year < 1980 ? 1 : year < 2000 ? 2 : 3; }

double unitShare(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }
double finiteOr0(double v) { return std::isfinite(v) ? v : 0.0; }
// A quantity from data (area, kWh): NaN, infinite, negative or absurdly large (past kMaxQuantity, where sums
// could overflow to infinity and inf - inf give NaN) reads as 0 and marks the building.
constexpr double kMaxQuantity = 1e15;  // m² or kWh; a city's whole annual use is ~1e10 kWh
constexpr double kMaxIrradiation = 1e4;  // kWh/m² a year; the sunniest places on Earth see ~2600
double quantity(double v, bool& bad) {
  if (std::isfinite(v) && v >= 0.0 && v <= kMaxQuantity) return v;
  bad = true;
  return 0.0;
}

}  // namespace

const char* usageClass(const std::string& usage) { return intensityOf(usage).usage; }

double medianIntensity(const std::string& usage, int yearBuilt) {
  const Intensity& in = intensityOf(usage);
  return yearBuilt <= 0 ? in.medianAllYears : in.medianByEra[eraOf(yearBuilt)];
}

double intensitySigma(const std::string& usage) { return intensityOf(usage).sigma; }

BuildingEnergy buildingEnergy(const BuildingEnergyInput& b, const EnergyParams& p, double horizontalKwhPerM2) {
  BuildingEnergy e;
  bool bad = false;
  const double floor = quantity(b.floorAreaM2, bad);
  const double roof = quantity(b.roofAreaM2, bad);
  e.baselineKwh = b.measuredKwh ? quantity(*b.measuredKwh, bad) : floor * medianIntensity(b.usage, b.yearBuilt);
  e.skipped = bad;

  double share = 0.0;
  if (auto it = p.retrofitShare.find(usageClass(b.usage)); it != p.retrofitShare.end()) share = unitShare(it->second);
  e.useKwh = e.baselineKwh * (1.0 - share * unitShare(p.retrofitSavings));

  const double irradiation =
      std::isfinite(horizontalKwhPerM2) ? std::clamp(horizontalKwhPerM2, 0.0, kMaxIrradiation) : 0.0;
  e.pvKwh = roof * unitShare(p.pvRoofShare) * irradiation * unitShare(p.pvEfficiency) *
            unitShare(p.pvPerformanceRatio);
  e.netKwh = e.useKwh - e.pvKwh;
  return e;
}

EnergyTotals energyTotals(const std::vector<BuildingEnergyInput>& buildings, const EnergyParams& p,
                          double horizontalKwhPerM2, std::vector<BuildingEnergy>* perBuilding) {
  EnergyTotals t;
  if (perBuilding) {
    perBuilding->clear();
    perBuilding->reserve(buildings.size());
  }
  for (const BuildingEnergyInput& b : buildings) {
    const BuildingEnergy e = buildingEnergy(b, p, horizontalKwhPerM2);
    t.baselineKwh += e.baselineKwh;
    t.useKwh += e.useKwh;
    t.pvKwh += e.pvKwh;
    t.netKwh += e.netKwh;
    t.skipped += e.skipped ? 1 : 0;
    if (perBuilding) perBuilding->push_back(e);
  }
  t.buildings = buildings.size();
  t.cost = t.netKwh * finiteOr0(p.pricePerKwh);
  t.co2Kg = t.netKwh * finiteOr0(p.co2KgPerKwh);
  return t;
}

}  // namespace ct::sim
