// The compare table: which totals differ between two scenarios, and that table as CSV (quoted per RFC 4180).
#include <gtest/gtest.h>

#include "ui/viewer_model.h"

namespace ct::ui {
namespace {

Totals floodAndLights(size_t flooded, double area, double lightingKwh) {
  Totals t;
  t.hasFlood = true;
  t.floodedBuildings = flooded;
  t.floodedAreaM2 = area;
  t.hasLighting = true;
  t.lightingKwh = lightingKwh;
  t.lightingCost = lightingKwh * 0.25;
  t.lightingCo2Kg = lightingKwh * 0.4;
  t.ledLamps = 3;
  return t;
}

TEST(Totals, NamedListsOnlyWhatTheSceneHas) {
  Totals t;
  EXPECT_TRUE(t.named().empty());
  t.hasEnergy = true;
  t.energyUseKwh = 12.5;
  const auto named = t.named();
  ASSERT_EQ(named.size(), 6u);
  EXPECT_EQ(named[0].first, "energy_kwh_per_year");
  EXPECT_EQ(named[0].second, 12.5);
}

TEST(Totals, DiffKeepsTheRowsThatDifferInTheirOrder) {
  const Totals a = floodAndLights(12, 5000.0, 1000.0), b = floodAndLights(25, 5000.0, 800.0);
  const auto rows = diffTotals(a, b);
  ASSERT_EQ(rows.size(), 4u);  // flooded_buildings and the three lighting figures; the area and LED count agree
  EXPECT_EQ(rows[0].name, "flooded_buildings");
  EXPECT_EQ(rows[0].a, 12.0);
  EXPECT_EQ(rows[0].b, 25.0);
  EXPECT_EQ(rows[1].name, "lighting_kwh_per_year");
  EXPECT_EQ(rows[2].name, "lighting_cost_per_year");
  EXPECT_EQ(rows[2].b, 200.0);
  EXPECT_EQ(rows[3].name, "lighting_co2_kg_per_year");
  EXPECT_TRUE(diffTotals(a, a).empty());
  // A total only one side has is not a difference the table can show.
  Totals onlyFlood = a;
  onlyFlood.hasLighting = false;
  EXPECT_TRUE(diffTotals(onlyFlood, a).empty());
  // Rounding noise (a relative 1e-12) is no difference.
  Totals noisy = a;
  noisy.lightingKwh = 1000.0 * (1.0 + 1e-12);
  EXPECT_TRUE(diffTotals(a, noisy).empty());
}

TEST(Totals, CsvQuotesNamesAndKeepsTenDigits) {
  const std::vector<TotalsDiff> rows = {{"flooded_buildings", 12.0, 25.0},
                                        {"lighting_kwh_per_year", 1234.5678901, 1000.0}};
  EXPECT_EQ(totalsCsv("low", "high, \"dry\"", rows),
            "total,low,\"high, \"\"dry\"\"\",difference\n"
            "flooded_buildings,12,25,13\n"
            "lighting_kwh_per_year,1234.56789,1000,-234.5678901\n");
  EXPECT_EQ(totalsCsv("a\nb", "c", {}), "total,\"a\nb\",c,difference\n");
}

}  // namespace
}  // namespace ct::ui
