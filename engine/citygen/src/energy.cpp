// Energy use of generated buildings (citygen/energy.h).
#include "citygen/energy.h"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <optional>

#include "rng.h"
#include "sim/energy_model.h"

namespace ct::citygen {
namespace {

// A standard normal draw (Box-Muller) from the generator's own deterministic stream.
double normal(Rng& rng) {
  const double u1 = std::max(rng.unit(), 1e-12), u2 = rng.unit();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
}

std::optional<double> numberOf(const scene::PropertyColumn* c, size_t row) {
  if (!c || row >= c->values.size()) return std::nullopt;
  if (auto* i = std::get_if<int64_t>(&c->values[row])) return double(*i);
  if (auto* d = std::get_if<double>(&c->values[row])) return *d;
  return std::nullopt;
}

// FNV-1a: the same key gives the same factor on every platform (std::hash promises nothing of the kind).
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

}  // namespace

double medianIntensity(const std::string& usage, int yearBuilt) { return sim::medianIntensity(usage, yearBuilt); }

std::string energyCsv(const scene::FeatureTable& table, uint64_t seed) {
  std::string out = "id,usage,year_built,floor_area_m2,kwh_per_m2,annual_kwh\n";
  const scene::PropertyColumn* usage = table.column("usage");
  const scene::PropertyColumn* year = table.column("year_built");
  const scene::PropertyColumn* area = table.column("floor_area");
  for (size_t row = 0; row < table.size(); ++row) {
    const auto* u = usage && row < usage->values.size() ? std::get_if<std::string>(&usage->values[row]) : nullptr;
    auto y = numberOf(year, row);
    auto a = numberOf(area, row);
    if (!u || !y || !a) continue;  // not a building (lamps, trees have no such properties)
    Rng rng(seed * 0x9E3779B97F4A7C15ull ^ fnv1a(table.key(row)));
    const double factor = std::exp(sim::intensitySigma(*u) * std::clamp(normal(rng), -2.0, 2.0));
    const double kwhPerM2 = std::round(sim::medianIntensity(*u, int(*y)) * factor * 10.0) / 10.0;
    char line[256];
    std::snprintf(line, sizeof line, "%s,%s,%d,%.1f,%.1f,%.0f\n", table.key(row).c_str(), u->c_str(), int(*y), *a,
                  kwhPerM2, kwhPerM2 * *a);
    out += line;
  }
  return out;
}

}  // namespace ct::citygen
