// Annual energy use of generated buildings, from floor area, use and year of construction (energy.csv).
#pragma once
#include <cstdint>
#include <string>

#include "scene/feature_table.h"

namespace ct::citygen {

// Median site energy-use intensity (kWh/m² a year) for a use ("residential", "office", "commercial", "mixed")
// and a year of construction: forwards to sim::medianIntensity (sim/energy_model.h), where the table from the
// City of Seattle's 2016 building energy benchmarking and its derivation live; unknown uses count as mixed.
double medianIntensity(const std::string& usage, int yearBuilt);

// CSV text, one row per building of the table (rows with usage, year_built and floor_area): id, usage, year_built,
// floor_area_m2, kwh_per_m2, annual_kwh. A building's intensity is its use's and era's median times a
// deterministic factor (seeded by `seed` and the key) drawn from the spread between the quartiles that the same
// data shows, so that neighbours differ as real buildings do.
std::string energyCsv(const scene::FeatureTable& table, uint64_t seed);

}  // namespace ct::citygen
