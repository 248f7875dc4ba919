// Totals as named values, their differences between two scenarios, and that table as CSV.
#include <cmath>
#include <cstdio>

#include "ui/viewer_model.h"

namespace ct::ui {

std::vector<std::pair<std::string, double>> Totals::named() const {
  std::vector<std::pair<std::string, double>> out;
  if (hasFlood) {
    out.emplace_back("flooded_buildings", double(floodedBuildings));
    out.emplace_back("flooded_area_m2", floodedAreaM2);
  }
  if (hasEnergy) {
    out.emplace_back("energy_kwh_per_year", energyUseKwh);
    out.emplace_back("energy_baseline_kwh_per_year", energyBaselineKwh);
    out.emplace_back("pv_kwh_per_year", pvKwh);
    out.emplace_back("energy_net_kwh_per_year", energyNetKwh);
    out.emplace_back("energy_cost_per_year", energyCost);
    out.emplace_back("energy_co2_kg_per_year", energyCo2Kg);
  }
  if (hasLighting) {
    out.emplace_back("lighting_kwh_per_year", lightingKwh);
    out.emplace_back("lighting_cost_per_year", lightingCost);
    out.emplace_back("lighting_co2_kg_per_year", lightingCo2Kg);
    out.emplace_back("led_lamps", double(ledLamps));
  }
  return out;
}

std::vector<TotalsDiff> diffTotals(const Totals& a, const Totals& b) {
  std::vector<TotalsDiff> rows;
  auto na = a.named(), nb = b.named();
  for (const auto& [name, va] : na)
    for (const auto& [nameB, vb] : nb)
      if (name == nameB && std::abs(va - vb) > 1e-9 * std::max(1.0, std::abs(va))) rows.push_back({name, va, vb});
  return rows;
}

namespace {
std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}
}  // namespace

std::string totalsCsv(const std::string& nameA, const std::string& nameB, const std::vector<TotalsDiff>& rows) {
  std::string out = "total,";
  out += csvField(nameA);
  out += ',';
  out += csvField(nameB);
  out += ",difference\n";
  char buf[128];
  for (const TotalsDiff& r : rows) {
    std::snprintf(buf, sizeof buf, ",%.10g,%.10g,%.10g\n", r.a, r.b, r.b - r.a);
    out += csvField(r.name);
    out += buf;
  }
  return out;
}

}  // namespace ct::ui
