// energy.csv: intensities from the Seattle medians, hand-checked rows, determinism.
#include "citygen/energy.h"

#include <cmath>
#include <sstream>

#include <gtest/gtest.h>

namespace ct::citygen {
namespace {

TEST(Energy, MedianIntensityByUseAndEra) {
  EXPECT_DOUBLE_EQ(medianIntensity("residential", 1930), 142.9);
  EXPECT_DOUBLE_EQ(medianIntensity("residential", 1950), 90.7);
  EXPECT_DOUBLE_EQ(medianIntensity("office", 1999), 166.1);
  EXPECT_DOUBLE_EQ(medianIntensity("commercial", 2000), 213.4);
  EXPECT_DOUBLE_EQ(medianIntensity("unknown use", 2010), 173.5);  // counts as mixed
}

TEST(Energy, RowsFollowFloorAreaUseAndYear) {
  scene::FeatureTable t;
  for (int i = 0; i < 3; ++i) {
    uint32_t r = t.add("bldg_" + std::to_string(i));
    t.set(r, "usage", "STRING", std::string(i == 0 ? "office" : "residential"));
    t.set(r, "year_built", "INT32", int64_t(1960 + 30 * i));
    t.set(r, "floor_area", "FLOAT64", 1000.0 * (i + 1));
  }
  t.add("tree_000001");  // no properties: no row
  const std::string csv = energyCsv(t, 7);
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "id,usage,year_built,floor_area_m2,kwh_per_m2,annual_kwh");
  int rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string c; std::getline(ls, c, ',');) f.push_back(c);
    ASSERT_EQ(f.size(), 6u) << line;
    const double area = std::stod(f[3]), eui = std::stod(f[4]), annual = std::stod(f[5]);
    const double median = medianIntensity(f[1], std::stoi(f[2]));
    // The per-building factor stays within two sigmas of the use's spread (sigma < 0.7 for every use).
    EXPECT_GT(eui, median * std::exp(-1.4)) << line;
    EXPECT_LT(eui, median * std::exp(1.4)) << line;
    EXPECT_NEAR(annual, eui * area, 0.5 + 1e-9 * annual) << line;
  }
  EXPECT_EQ(rows, 3);
  EXPECT_EQ(energyCsv(t, 7), csv);   // deterministic
  EXPECT_NE(energyCsv(t, 8), csv);   // the seed matters
}

}  // namespace
}  // namespace ct::citygen
