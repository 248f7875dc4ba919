// The layer manager: diffing by id recomputes only changed layers; composition order; hidden layers; legends.
#include <cmath>

#include <gtest/gtest.h>

#include "layers/layer_manager.h"

using namespace ct::layers;
using ct::scene::FeatureTable;

namespace {

// "b<i>" (built by append: GCC 12 warns falsely on "literal" + std::string, PR 105651).
std::string key(const char* prefix, int i) { return std::string(prefix).append(std::to_string(i)); }

FeatureTable features(int n) {
  FeatureTable t;
  for (int i = 0; i < n; ++i) {
    uint32_t row = t.add(key("b", i));
    t.set(row, "floors", "INT32", int64_t(i));
  }
  return t;
}

ColorLayerProps colorLayer(std::string id, std::string source, std::string field, std::string stopA,
                           std::string stopB) {
  ColorLayerProps p;
  p.id = std::move(id);
  p.source = std::move(source);
  p.field = std::move(field);
  p.stops = {std::move(stopA), std::move(stopB)};
  p.domainMin = 0;
  p.domainMax = 10;
  return p;
}

}  // namespace

TEST(LayerManager, RecomputesOnlyWhatChanged) {
  FeatureTable f = features(4);
  MapValueTable a, b;
  for (int i = 0; i < 4; ++i) a.setNumber(key("b", i), "v", i);
  b.setNumber("b0", "w", 10);
  LayerInputs in;
  in.features = &f;
  in.sources = {{"a", &a}, {"b", &b}};

  LayerManager m;
  m.setProps({colorLayer("first", "a", "v", "#000000", "#ff0000"), colorLayer("second", "b", "w", "#000000", "#0000ff")});
  EXPECT_TRUE(m.update(in));
  EXPECT_EQ(m.evaluations(), 2u);
  EXPECT_FALSE(m.update(in));  // nothing changed
  EXPECT_EQ(m.evaluations(), 2u);

  // The same props again: no work.
  m.setProps({colorLayer("first", "a", "v", "#000000", "#ff0000"), colorLayer("second", "b", "w", "#000000", "#0000ff")});
  m.update(in);
  EXPECT_EQ(m.evaluations(), 2u);

  // One layer's props change: only it recomputes.
  m.setProps({colorLayer("first", "a", "v", "#000000", "#00ff00"), colorLayer("second", "b", "w", "#000000", "#0000ff")});
  m.update(in);
  EXPECT_EQ(m.evaluations(), 3u);
  EXPECT_EQ(m.status("first")->evaluations, 2u);
  EXPECT_EQ(m.status("second")->evaluations, 1u);

  // One source changes: only the layer reading it recomputes.
  b.setNumber("b1", "w", 5);
  m.update(in);
  EXPECT_EQ(m.evaluations(), 4u);
  EXPECT_EQ(m.status("second")->evaluations, 2u);

  // Hiding a layer recomputes nothing (its results wait) and showing it again neither.
  auto hidden = colorLayer("second", "b", "w", "#000000", "#0000ff");
  hidden.visible = false;
  m.setProps({colorLayer("first", "a", "v", "#000000", "#00ff00"), hidden});
  EXPECT_TRUE(m.update(in));
  m.setProps({colorLayer("first", "a", "v", "#000000", "#00ff00"), colorLayer("second", "b", "w", "#000000", "#0000ff")});
  EXPECT_TRUE(m.update(in));
  EXPECT_EQ(m.evaluations(), 4u);

  // New feature table version: every visible colour layer recomputes.
  in.featuresVersion = 1;
  m.update(in);
  EXPECT_EQ(m.evaluations(), 6u);
}

TEST(LayerManager, LaterLayersOverrideAndHiddenLayersContributeNothing) {
  FeatureTable f = features(3);
  MapValueTable a, b;
  for (int i = 0; i < 3; ++i) a.setNumber(key("b", i), "v", 10);  // red everywhere
  b.setNumber("b1", "w", 10);                                                // blue on b1 only
  LayerInputs in;
  in.features = &f;
  in.sources = {{"a", &a}, {"b", &b}};
  auto second = colorLayer("second", "b", "w", "#000000", "#0000ff");
  second.noData = "#00000000";  // leave features without data to the layers below

  LayerManager m;
  m.setProps({colorLayer("first", "a", "v", "#000000", "#ff0000"), second});
  m.update(in);
  const FeatureVisuals& v = m.visuals();
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].color, glm::vec4(1, 0, 0, 1));
  EXPECT_EQ(v[1].color, glm::vec4(0, 0, 1, 1));
  EXPECT_EQ(v[2].color, glm::vec4(1, 0, 0, 1));

  // With an opaque no-data colour the later layer covers every feature.
  auto opaque = second;
  opaque.noData = "#808080";
  m.setProps({colorLayer("first", "a", "v", "#000000", "#ff0000"), opaque});
  m.update(in);
  EXPECT_NEAR(v[0].color.r, 128.0f / 255.0f, 1e-6f);
  EXPECT_EQ(v[0].flags, FeatureVisual::kNoData);

  // Swapping the order: the first layer now wins everywhere.
  m.setProps({second, colorLayer("first", "a", "v", "#000000", "#ff0000")});
  m.update(in);
  EXPECT_EQ(v[1].color, glm::vec4(1, 0, 0, 1));

  // Hidden layers contribute nothing; all hidden: untouched (zero) visuals.
  auto firstHidden = colorLayer("first", "a", "v", "#000000", "#ff0000");
  firstHidden.visible = false;
  m.setProps({second, firstHidden});
  m.visuals().takeDirty();
  m.update(in);
  EXPECT_EQ(v[0].color, glm::vec4(0.0f));
  EXPECT_EQ(v[1].color, glm::vec4(0, 0, 1, 1));
  auto d = m.visuals().takeDirty();
  EXPECT_EQ(d.begin, 0u);  // rows 0 and 2 changed, row 1 did not
  EXPECT_EQ(d.end, 3u);
  EXPECT_EQ(m.legends().size(), 1u);
}

TEST(LayerManager, SelectionSurvivesRecompositionAndRemovedLayersVanish) {
  FeatureTable f = features(2);
  LayerInputs in;
  in.features = &f;
  LayerManager m;
  auto floors = colorLayer("floors", "", "floors", "#000000", "#ffffff");
  m.setProps({floors});
  m.update(in);
  FeatureVisual sel = m.visuals()[1];
  sel.flags |= FeatureVisual::kSelected;
  m.visuals().set(1, sel);
  floors.stops[1] = "#00ff00";
  m.setProps({floors});
  m.update(in);
  EXPECT_TRUE(m.visuals()[1].flags & FeatureVisual::kSelected);
  EXPECT_NEAR(m.visuals()[1].color.g, 0.1f, 1e-6f);  // floors 1 of 0..10
  m.setProps({});
  m.update(in);
  EXPECT_EQ(m.visuals()[1].color, glm::vec4(0.0f));
  EXPECT_EQ(m.status("floors"), nullptr);
}

TEST(LayerManager, ErrorsAreReportedPerLayer) {
  FeatureTable f = features(2);
  LayerInputs in;
  in.features = &f;
  LayerManager m;
  m.setProps({colorLayer("x", "nowhere.csv", "v", "#000000", "#ffffff")});
  m.update(in);
  ASSERT_NE(m.status("x"), nullptr);
  ASSERT_EQ(m.status("x")->errors.size(), 1u);
  EXPECT_NE(m.status("x")->errors[0].find("nowhere.csv"), std::string::npos);
  EXPECT_EQ(m.visuals()[0].color, glm::vec4(0.0f));
  EXPECT_TRUE(m.legends().empty());
}

TEST(LayerManager, LightsFollowNightAndLampVersion) {
  std::vector<LampInput> lamps(3);
  for (int i = 0; i < 3; ++i) {
    lamps[size_t(i)].id = key("lamp_", i);
    lamps[size_t(i)].position = {i * 30.0, 8.0, 0.0};
  }
  LightsLayerProps lp;
  lp.id = "lamps";
  LayerInputs in;
  in.lamps = &lamps;
  in.sunElevationDeg = 30.0;
  LayerManager m;
  m.setProps({lp});
  m.update(in);
  ASSERT_EQ(m.lights().size(), 3u);
  EXPECT_FALSE(m.lights()[0].on);
  EXPECT_EQ(m.evaluations(), 1u);
  in.sunElevationDeg = 20.0;  // still day: nothing to recompute
  EXPECT_FALSE(m.update(in));
  EXPECT_EQ(m.evaluations(), 1u);
  in.sunElevationDeg = -10.0;
  EXPECT_TRUE(m.update(in));
  EXPECT_TRUE(m.lights()[0].on);
  EXPECT_EQ(m.status("lamps")->lightsOn, 3u);
  lamps[1].on = false;
  in.lampsVersion = 1;
  m.update(in);
  EXPECT_FALSE(m.lights()[1].on);
  EXPECT_EQ(m.evaluations(), 3u);
  lp.visible = false;
  m.setProps({lp});
  m.update(in);
  EXPECT_TRUE(m.lights().empty());
  EXPECT_EQ(m.evaluations(), 3u);
}
