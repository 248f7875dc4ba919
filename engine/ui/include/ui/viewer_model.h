// What the inspector shows and edits: the viewer fills the read-only parts from the twin each frame, the panels
// edit the rest, and the viewer applies the edits before it renders. Plain data: no window, no Vulkan.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/source.h"
#include "layers/legend.h"

namespace ct::ui {

// One what-if input: a slider (or field) with its name, range and default. The name is the widget's label,
// the key in scenarios and in `--state-out`'s "whatif".
struct WhatIfInput {
  std::string name;
  std::string group;  // "Flood", "Energy", "Lighting", "Factors"
  double min = 0, max = 1, defaultValue = 0;
  const char* format = "%.2f";
  bool field = false;  // a number field (prices, factors) instead of a slider
};

struct Totals {
  // flood (the first flood layer at its level)
  bool hasFlood = false;
  size_t floodedBuildings = 0, buildings = 0;
  double floodedAreaM2 = 0;
  // energy
  bool hasEnergy = false;
  double energyBaselineKwh = 0, energyUseKwh = 0, pvKwh = 0, energyNetKwh = 0, energyCost = 0, energyCo2Kg = 0;
  size_t energyBuildings = 0;
  // lighting
  bool hasLighting = false;
  double lightingKwh = 0, lightingCost = 0, lightingCo2Kg = 0, darknessHours = 0, dimHours = 0;
  size_t lamps = 0, ledLamps = 0;
  // Named values for tables, CSV and --state-out: flooded_buildings, flooded_area_m2, energy_kwh_per_year, ...
  std::vector<std::pair<std::string, double>> named() const;
};

struct LayerRow {
  std::string name, type;
  bool visible = true;
  double opacity = 1.0;
  int ramp = 0;                   // index into rampNames (color/overlay layers)
  bool hasDomain = false;
  double domain[2] = {0.0, 1.0};
  bool editable = false;          // colour layers: ramp and domain apply
  std::optional<layers::Legend> legend;
};

struct SelectionInfo {
  std::string key;
  int64_t row = -1;
  std::vector<std::pair<std::string, std::string>> properties;  // the feature table's, then each source's
  struct Live {
    std::string name;
    double value = 0;
    std::vector<float> history;  // recent values, oldest first
  };
  std::vector<Live> live;
};

struct FrameStatsView {
  double frameMs = 0, renderMs = 0, fps = 0, scale = 1;
  uint32_t samples = 4, drawCalls = 0;
  uint64_t triangles = 0, gpuBytes = 0, cpuBytes = 0;
  uint64_t coarseFrom = 0, coarseTo = 0;  // triangles of the simplified primitives, in full and while moving
  bool refining = false;
};

struct ViewerModel {
  // read-only for the panels
  std::string scenePath;
  std::vector<std::string> models;
  std::vector<std::pair<std::string, data::SourceStatus>> sources;
  std::optional<SelectionInfo> selection;
  std::optional<std::string> hoverKey;
  FrameStatsView stats;
  std::vector<std::string> scenarioNames;
  std::vector<std::string> bookmarkNames;
  std::vector<std::string> rampNames;
  std::vector<std::string> messages;  // errors and notices, newest last (shown in the window, never fatal)
  Totals totals;
  Totals compareTotalsA, compareTotalsB;  // the two scenarios' totals in compare mode

  // edited by the panels
  std::vector<LayerRow> layers;
  std::vector<WhatIfInput> whatifInputs;
  std::map<std::string, double> whatif;  // by name
  double timeUnix = 0;                   // the scene's time (UTC seconds)
  int timeOffsetMinutes = 0;
  bool hasTime = false;
  bool playing = false;
  double speed = 60.0;                   // scene seconds per real second
  bool panelsVisible = true;
  float uiScale = 1.0f;

  // requests the viewer carries out after the panels (then clears)
  struct Requests {
    bool layersChanged = false, whatifChanged = false, timeChanged = false;
    bool saveScenario = false;
    std::optional<std::string> loadScenario;
    std::optional<std::string> gotoBookmark;
    bool screenshot = false;
    bool exportCompareCsv = false;
    bool clearSelection = false;
  } requests;
  std::string scenarioName;        // the "Scenario name" field
  std::string screenshotPath = "citytwin_screenshot.png";
  int screenshotWidth = 0, screenshotHeight = 0;  // 0: the window's size
  std::string compareCsvPath = "citytwin_compare.csv";
  // compare two scenarios: off, split (left A, right B), swipe (a divider at compareSplit)
  int compareMode = 0;
  int compareA = 0, compareB = 0;  // indices into scenarioNames
  double compareSplit = 0.5;
};

// The inspector's panels: left (scene, layers, time, selection) and right (what-if, scenarios, stats), docked to
// the window's edges over the view; nothing when panelsVisible is false. `width`/`height`: logical window size.
void drawInspector(ViewerModel& model, float width, float height);

// Rows where A and B differ (name, A, B, B - A), for the compare table and its CSV.
struct TotalsDiff {
  std::string name;
  double a = 0, b = 0;
};
std::vector<TotalsDiff> diffTotals(const Totals& a, const Totals& b);
std::string totalsCsv(const std::string& nameA, const std::string& nameB, const std::vector<TotalsDiff>& rows);

}  // namespace ct::ui
