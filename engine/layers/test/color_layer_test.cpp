// Colour layer evaluation on a tiny feature table, with hand-computed colours and counts.
#include <cmath>

#include <gtest/gtest.h>

#include "data/table.h"
#include "layers/color_layer.h"
#include "layers/data_table_values.h"

using namespace ct::layers;
using ct::scene::FeatureTable;

namespace {

FeatureTable district() {
  FeatureTable t;
  const char* keys[] = {"b1", "b2", "b3", "b4", "b5"};
  const int64_t years[] = {1900, 2020, 1960, 1930, 0};
  const char* usage[] = {"residential", "office", "residential", "retail", ""};
  for (int i = 0; i < 5; ++i) {
    uint32_t row = t.add(keys[i]);
    if (i < 4) t.set(row, "year_built", "INT32", years[i]);
    if (i < 4) t.set(row, "usage", "STRING", std::string(usage[i]));
  }
  // b5 has neither property (monostate cells).
  return t;
}

ColorLayerProps energyProps() {
  ColorLayerProps p;
  p.id = "energy";
  p.source = "energy.csv";
  p.field = "kwh";
  p.stops = {"#2c7bb6", "#ffffbf", "#d7191c"};
  p.domainMin = 0.0;
  p.domainMax = 300.0;
  p.noData = "#101010";
  p.unlit = true;
  return p;
}

void expectRgb255(const FeatureVisual& v, float r, float g, float b) {
  EXPECT_NEAR(v.color.r * 255.0f, r, 1e-3f);
  EXPECT_NEAR(v.color.g * 255.0f, g, 1e-3f);
  EXPECT_NEAR(v.color.b * 255.0f, b, 1e-3f);
}

}  // namespace

TEST(ColorLayer, ColoursFeaturesByASourceField) {
  FeatureTable features = district();
  MapValueTable energy;
  energy.setNumber("b1", "kwh", 75.0);
  energy.setNumber("b2", "kwh", 300.0);
  energy.setNone("b3", "kwh");
  energy.setText("b4", "kwh", " 150 ");   // a number written as text
  energy.setNumber("zz", "kwh", 10.0);    // names no feature
  auto out = evaluateColorLayer(energyProps(), features, &energy);
  ASSERT_TRUE(out.ok()) << out.firstError();
  const auto& rows = out->rows;
  ASSERT_EQ(rows.size(), 5u);
  expectRgb255(rows[0], 149.5f, 189.0f, 186.5f);
  expectRgb255(rows[1], 215, 25, 28);
  expectRgb255(rows[3], 255, 255, 191);
  expectRgb255(rows[2], 16, 16, 16);  // key present, no value
  expectRgb255(rows[4], 16, 16, 16);  // key missing
  EXPECT_EQ(rows[0].value, 75.0f);
  EXPECT_TRUE(std::isnan(rows[2].value));
  EXPECT_EQ(rows[0].flags, FeatureVisual::kUnlit);
  EXPECT_EQ(rows[2].flags, FeatureVisual::kUnlit | FeatureVisual::kNoData);
  EXPECT_EQ(rows[4].flags, FeatureVisual::kUnlit | FeatureVisual::kNoData);
  EXPECT_FLOAT_EQ(rows[0].color.a, 1.0f);
  EXPECT_EQ(out->stats.matched, 3u);
  EXPECT_EQ(out->stats.noValue, 1u);
  EXPECT_EQ(out->stats.missing, 1u);
  EXPECT_EQ(out->stats.noData(), 2u);
  EXPECT_EQ(out->stats.unmatchedKeys, 1u);
}

TEST(ColorLayer, ReadsTheFeaturesOwnPropertiesWithoutAFile) {
  FeatureTable features = district();
  ColorLayerProps p;
  p.id = "age";
  p.field = "year_built";
  p.ramp = "viridis";
  p.domainMin = 1900;
  p.domainMax = 2020;
  p.opacity = 0.75f;
  auto out = evaluateColorLayer(p, features, nullptr);
  ASSERT_TRUE(out.ok()) << out.firstError();
  expectRgb255(out->rows[0], 0x44, 0x01, 0x54);
  expectRgb255(out->rows[1], 0xfd, 0xe7, 0x25);
  expectRgb255(out->rows[2], 0x21, 0x91, 0x8c);  // 1960: the middle of viridis
  EXPECT_FLOAT_EQ(out->rows[0].color.a, 0.75f);
  EXPECT_EQ(out->rows[0].flags, 0u);
  EXPECT_EQ(out->rows[4].flags, FeatureVisual::kNoData);
  EXPECT_EQ(out->stats.matched, 4u);
  EXPECT_EQ(out->stats.noValue, 1u);
  p.source = "features";
  EXPECT_TRUE(evaluateColorLayer(p, features, nullptr).ok());
  // An unknown property: a warning, every feature no data.
  p.field = "height_m";
  auto none = evaluateColorLayer(p, features, nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.warnings().size(), 1u);
  EXPECT_EQ(none->stats.matched, 0u);
}

TEST(ColorLayer, CategoricalTextClasses) {
  FeatureTable features = district();
  ColorLayerProps p;
  p.id = "use";
  p.field = "usage";
  p.ramp = "categorical";
  p.categories = {"office", "residential", "retail"};
  auto out = evaluateColorLayer(p, features, nullptr);
  ASSERT_TRUE(out.ok());
  expectRgb255(out->rows[1], 0x4e, 0x79, 0xa7);  // office: class 0
  expectRgb255(out->rows[0], 0xf2, 0x8e, 0x2b);  // residential: class 1
  expectRgb255(out->rows[2], 0xf2, 0x8e, 0x2b);
  expectRgb255(out->rows[3], 0xe1, 0x57, 0x59);  // retail: class 2
  EXPECT_EQ(out->rows[0].value, 1.0f);
  EXPECT_EQ(out->rows[4].flags, FeatureVisual::kNoData);  // b5 has no usage
  // Without a list: the distinct texts sorted (retail, office, residential given in another order).
  p.categories = {};
  features.set(4, "usage", "STRING", std::string("industrial"));
  auto sorted = evaluateColorLayer(p, features, nullptr);
  ASSERT_TRUE(sorted.ok());
  ASSERT_EQ(sorted->classes.size(), 4u);
  EXPECT_EQ(sorted->classes[0], "industrial");
  EXPECT_EQ(sorted->classes[1], "office");
  expectRgb255(sorted->rows[4], 0x4e, 0x79, 0xa7);
  expectRgb255(sorted->rows[1], 0xf2, 0x8e, 0x2b);
  expectRgb255(sorted->rows[3], 0x76, 0xb7, 0xb2);  // retail: class 3
}

TEST(ColorLayer, FunctionSourceAndErrors) {
  FeatureTable features = district();
  FunctionValueTable fn([](std::string_view key) -> std::optional<double> {
    if (key == "b2") return 150.0;
    return std::nullopt;
  });
  auto out = evaluateColorLayer(energyProps(), features, &fn);
  ASSERT_TRUE(out.ok());
  expectRgb255(out->rows[1], 255, 255, 191);
  EXPECT_EQ(out->stats.matched, 1u);
  EXPECT_EQ(out->stats.noValue, 4u);

  auto missing = evaluateColorLayer(energyProps(), features, nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.firstError().find("energy.csv"), std::string::npos);
  ColorLayerProps bad = energyProps();
  bad.stops[2] = "#d7191";
  auto badStop = evaluateColorLayer(bad, features, &fn);
  ASSERT_FALSE(badStop.ok());
  EXPECT_NE(badStop.firstError().find("layer \"energy\""), std::string::npos) << badStop.firstError();
  EXPECT_NE(badStop.firstError().find("stop 2"), std::string::npos) << badStop.firstError();
  bad = energyProps();
  bad.noData = "grey";
  EXPECT_FALSE(evaluateColorLayer(bad, features, &fn).ok());
}

TEST(ColorLayer, ReadsADataTable) {
  FeatureTable features = district();
  ct::data::DataTable table;
  int kwh = table.fieldIndex("kwh");
  table.setNumber(table.row("b1"), kwh, 75.0);
  table.setText(table.row("b2"), kwh, "300");
  table.setNone(table.row("b3"), kwh);
  table.setNumber(table.row("elsewhere"), kwh, 1.0);
  DataTableValues view(table);
  auto out = evaluateColorLayer(energyProps(), features, &view);
  ASSERT_TRUE(out.ok()) << out.firstError();
  expectRgb255(out->rows[0], 149.5f, 189.0f, 186.5f);
  expectRgb255(out->rows[1], 215, 25, 28);
  expectRgb255(out->rows[2], 16, 16, 16);
  EXPECT_EQ(out->stats.matched, 2u);
  EXPECT_EQ(out->stats.noValue, 1u);
  EXPECT_EQ(out->stats.missing, 2u);
  EXPECT_EQ(out->stats.unmatchedKeys, 1u);
  // A field the table lacks: the keys are there, the values are not.
  ColorLayerProps other = energyProps();
  other.field = "co2";
  auto none = evaluateColorLayer(other, features, &view);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->stats.noValue, 3u);
  EXPECT_EQ(none->stats.missing, 2u);
  // Version follows the table.
  uint64_t v = view.version();
  table.setNumber(table.row("b4"), kwh, 10.0);
  EXPECT_NE(view.version(), v);
}

// Classes the scene lists with their own colours: numbers are matched by value (a year is not a palette index),
// texts by name; values in no class have no data.
TEST(ColorLayer, ListedClassesWithTheirOwnColours) {
  FeatureTable features;
  MapValueTable table;
  const double years[] = {1983, 2001, 1990};
  for (int i = 0; i < 3; ++i) {
    std::string key = "b";  // appended: g++ 12 warns falsely (-Wrestrict) on "b" + std::string
    key += std::to_string(i);
    features.add(key);
    table.setNumber(key, "year", years[i]);
  }
  ColorLayerProps props;
  props.id = "Year";
  props.source = "energy";
  props.field = "year";
  props.ramp = "categorical";
  props.categories = {"1983", "2001"};
  props.stops = {"#00ff00", "#ff00ff"};
  props.noData = "#123456";
  auto out = evaluateColorLayer(props, features, &table);
  ASSERT_TRUE(out.ok()) << out.firstError();
  const auto& rows = out.value().rows;
  EXPECT_EQ(rows[0].color, glm::vec4(0.0f, 1.0f, 0.0f, 1.0f));
  EXPECT_EQ(rows[1].color, glm::vec4(1.0f, 0.0f, 1.0f, 1.0f));
  EXPECT_NEAR(rows[2].color.r, 0x12 / 255.0f, 1e-6);  // 1990 is in no class
  EXPECT_TRUE(rows[2].flags & FeatureVisual::kNoData);
}
