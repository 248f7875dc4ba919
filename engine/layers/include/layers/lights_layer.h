// Street lamps as point lights: colour from the colour temperature (a Planckian-locus approximation), intensity
// from lumens or watts and dimming, on at night when the lamp itself is on; illuminance on the ground.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "geo/raster.h"
#include "layers/layer.h"
#include "layers/value_table.h"

namespace ct::layers {

// A lamp as the generator or a GeoJSON file gives it; absent attributes take the layer's defaults.
struct LampInput {
  std::string id;
  glm::dvec3 position{0.0};  // local metres (Y up, +X east, -Z north), the lamp head
  std::string type;          // "LED" or "sodium" (any other: LED)
  std::optional<bool> on;
  std::optional<double> dimming;  // 0..1, or percent when above 1
  std::optional<double> cctK;
  std::optional<double> watts;
  std::optional<double> lumens;
};

struct LampLight {
  glm::dvec3 position{0.0};  // local metres, the lamp head
  glm::vec3 color{1.0f};     // linear RGB, brightest channel 1
  float intensity = 0.0f;    // candela (0 when off)
  float radius = 0.0f;       // metres: beyond it the lamp adds less than the layer's cutoffLux
  bool on = false;
};

// CIE 1931 xy of a black body at `kelvin` (Kim et al. 2002 cubic approximation of the Planckian locus,
// 1667..25000 K; outside, clamped).
glm::dvec2 planckianXy(double kelvin);
// Linear sRGB (D65 primaries) of that chromaticity, scaled so the brightest channel is 1 (negatives clamped).
glm::vec3 colorTemperatureToLinearRgb(double kelvin);
// 0..1 from 0..1 or a percentage (values above 1), clamped; NaN -> 1.
double dimmingFraction(double v);
bool lampsOnAt(double sunElevationDeg, const LightsLayerProps& props);

// One light per lamp, in lamp order. `attributes` (may be null) overrides lamp attributes by lamp id.
std::vector<LampLight> evaluateLights(const LightsLayerProps& props, const std::vector<LampInput>& lamps,
                                      double sunElevationDeg, const ValueTable* attributes = nullptr);

// A ground grid in local metres: x east from minX, y north from minNorth (local z = -north), cells `cell` wide,
// at height groundY. Row 0 is the northernmost (a north-up raster).
struct GroundGrid {
  double minX = 0.0, minNorth = 0.0, cell = 1.0;
  int cols = 0, rows = 0;
  double groundY = 0.0;
};
// Horizontal illuminance (lux) at each cell centre: E = sum I cos(theta) / d^2 over lamps that are on, above the
// ground and within their radius. Each lamp visits only the cells of its radius (cost ~ lamps x pool area).
geo::Raster illuminanceGrid(const std::vector<LampLight>& lamps, const GroundGrid& grid);

}  // namespace ct::layers
