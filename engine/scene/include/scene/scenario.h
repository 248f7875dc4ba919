// Scenarios: named what-if settings (widget values, layer settings, time, camera) kept in the scene file's
// "scenarios" array, and saving or deleting one of them in a scene file atomically.
#pragma once
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace ct::scene {

inline constexpr size_t kMaxSceneScenarios = 10000;
inline constexpr size_t kMaxScenarioWhatif = 1000;  // what-if entries in one scenario
inline constexpr size_t kMaxScenarioNameBytes = 200;
// A layer the twin adds itself (the energy what-if colours, for buildings with a floor_area): scenarios the window
// saves name it beside the scene's own layers.
inline constexpr const char* kEnergyWhatIfLayer = "Energy what-if";

struct CameraState {  // as Bookmark: scene-frame metres, +Y up
  std::array<double, 3> eye{0, 0, 0}, target{0, 0, 0};
  double fovDeg = 45.0;  // vertical, (0, 180)
  bool operator==(const CameraState&) const = default;
};

struct LayerState {  // one layer's inspector settings
  std::string name;  // a layer of the scene (unknown names: a warning when parsed, ignored on apply)
  bool visible = true;
  double opacity = 1.0;  // 0..1
  std::string ramp;      // a named ramp (viridis, magma, rdbu, categorical); empty: the layer's own
  std::optional<std::array<double, 2>> domain;  // min < max; none: the layer's own
  bool operator==(const LayerState&) const = default;
};

struct Scenario {
  std::string name;                      // unique, non-empty, at most kMaxScenarioNameBytes bytes
  std::map<std::string, double> whatif;  // what-if values by widget name ("Water level (m)": 4.5); finite
  std::vector<LayerState> layers;
  std::string time;  // ISO-8601 as written (core/time.h parseIso8601); empty: none
  std::optional<CameraState> camera;
  bool operator==(const Scenario&) const = default;
};

// Re-reads the scene file at `path`, replaces the scenario of the same name (or appends it), and saves the file
// atomically (saveSceneFile): everything else is kept as it was read. The scenario is checked by the scene
// parser's own rules first: an invalid one (NaN, empty name, eye == target...) is an error and the file is left
// untouched. Warnings (a layer the scene does not have) come back with the result.
Result<bool> saveScenario(const std::string& path, const Scenario& scenario);
// Removes the scenario `name` from the scene file at `path` (atomically); an error when there is none.
Result<bool> deleteScenario(const std::string& path, const std::string& name);

}  // namespace ct::scene
