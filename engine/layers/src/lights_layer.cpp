// Lamps -> point lights (colour temperature, photometry, on/off rules) and their illuminance on the ground.
#include "layers/lights_layer.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ct::layers {
namespace {

bool textIsOn(std::string_view t, bool& on) {
  if (t == "on" || t == "ON" || t == "On" || t == "true" || t == "1" || t == "yes") return on = true, true;
  if (t == "off" || t == "OFF" || t == "Off" || t == "false" || t == "0" || t == "no") return on = false, true;
  return false;
}

std::optional<double> numberCell(const ValueTable* t, const std::string& key, const std::string& field) {
  if (!t || field.empty()) return std::nullopt;
  Cell c = t->get(key, field);
  if (c.state == Cell::State::Number && std::isfinite(c.number)) return c.number;
  return std::nullopt;
}

}  // namespace

glm::dvec2 planckianXy(double kelvin) {
  // Kim, Kim, Kim, Lee and Kim (2002), "Design of advanced color temperature control system for HDTV
  // applications": cubic splines in 1/T for x and in x for y.
  double t = std::clamp(std::isnan(kelvin) ? 6500.0 : kelvin, 1667.0, 25000.0);
  double t1 = 1e3 / t, t2 = t1 * t1, t3 = t2 * t1;  // in units of 1e3/T
  double x = t <= 4000.0 ? -0.2661239 * t3 - 0.2343589 * t2 + 0.8776956 * t1 + 0.179910
                         : -3.0258469 * t3 + 2.1070379 * t2 + 0.2226347 * t1 + 0.240390;
  double x2 = x * x, x3 = x2 * x;
  double y;
  if (t <= 2222.0)
    y = -1.1063814 * x3 - 1.34811020 * x2 + 2.18555832 * x - 0.20219683;
  else if (t <= 4000.0)
    y = -0.9549476 * x3 - 1.37418593 * x2 + 2.09137015 * x - 0.16748867;
  else
    y = 3.0817580 * x3 - 5.87338670 * x2 + 3.75112997 * x - 0.37001483;
  return {x, y};
}

glm::vec3 colorTemperatureToLinearRgb(double kelvin) {
  glm::dvec2 xy = planckianXy(kelvin);
  double X = xy.x / xy.y, Y = 1.0, Z = (1.0 - xy.x - xy.y) / xy.y;
  // XYZ -> linear sRGB (IEC 61966-2-1, D65).
  glm::dvec3 rgb(3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z, -0.9692660 * X + 1.8760108 * Y + 0.0415560 * Z,
                 0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z);
  rgb = glm::max(rgb, glm::dvec3(0.0));  // below ~1900 K blue leaves the sRGB gamut
  double m = std::max({rgb.r, rgb.g, rgb.b});
  return m > 0.0 ? glm::vec3(rgb / m) : glm::vec3(1.0f);
}

double dimmingFraction(double v) {
  if (std::isnan(v)) return 1.0;
  if (v > 1.0) v /= 100.0;
  return std::clamp(v, 0.0, 1.0);
}

bool lampsOnAt(double sunElevationDeg, const LightsLayerProps& props) {
  return sunElevationDeg < props.onBelowSunElevationDeg;
}

std::vector<LampLight> evaluateLights(const LightsLayerProps& props, const std::vector<LampInput>& lamps,
                                      double sunElevationDeg, const ValueTable* attributes) {
  const bool night = lampsOnAt(sunElevationDeg, props);
  const double layerDimming = dimmingFraction(props.dimming);
  const double cutoff = props.cutoffLux > 0.0 ? props.cutoffLux : 0.3;
  std::vector<LampLight> out(lamps.size());
  for (size_t i = 0; i < lamps.size(); ++i) {
    const LampInput& lamp = lamps[i];
    LampLight& light = out[i];
    light.position = lamp.position;
    bool sodium = lamp.type == "sodium" || lamp.type == "SODIUM" || lamp.type == "HPS";

    bool on = lamp.on.value_or(true);
    double dimming = lamp.dimming ? dimmingFraction(*lamp.dimming) : 1.0;
    double cct = lamp.cctK.value_or(sodium ? props.sodiumCct : props.ledCct);
    std::optional<double> watts = lamp.watts, lumens = lamp.lumens;
    if (attributes) {
      Cell c = attributes->get(lamp.id, props.onField);
      bool b = on;
      if (c.state == Cell::State::Number) on = c.number != 0.0;
      if (c.state == Cell::State::Text && textIsOn(c.text, b)) on = b;
      if (auto d = numberCell(attributes, lamp.id, props.dimmingField)) dimming = dimmingFraction(*d);
      if (auto k = numberCell(attributes, lamp.id, props.cctField); k && *k > 0.0) cct = *k;
      if (auto w = numberCell(attributes, lamp.id, props.wattsField)) watts = *w;
      if (auto l = numberCell(attributes, lamp.id, props.lumensField)) lumens = *l;
    }
    double flux = lumens && *lumens > 0.0 ? *lumens
                  : (watts && *watts > 0.0 ? *watts : props.defaultWatts) *
                        (sodium ? props.sodiumLumensPerWatt : props.ledLumensPerWatt);
    double scale = dimming * layerDimming;
    light.color = colorTemperatureToLinearRgb(cct);
    light.on = night && on && scale > 0.0 && flux > 0.0;
    if (light.on) {
      // A street luminaire sends its flux down: spread evenly over the lower hemisphere, I = flux / (2 pi).
      double intensity = flux * scale / (2.0 * std::numbers::pi);
      light.intensity = float(intensity);
      light.radius = float(std::sqrt(intensity / cutoff));
    }
  }
  return out;
}

geo::Raster illuminanceGrid(const std::vector<LampLight>& lamps, const GroundGrid& grid) {
  geo::Raster r;
  if (grid.cols <= 0 || grid.rows <= 0 || !(grid.cell > 0.0)) return r;
  r.cols = grid.cols;
  r.rows = grid.rows;
  double north = grid.minNorth + grid.cell * grid.rows;
  double gt[6] = {grid.minX, grid.cell, 0.0, north, 0.0, -grid.cell};
  std::copy(gt, gt + 6, r.gt);
  r.values.assign(size_t(r.cols) * size_t(r.rows), 0.0f);
  std::vector<double> acc(r.values.size(), 0.0);
  for (const LampLight& lamp : lamps) {
    double h = lamp.position.y - grid.groundY;
    if (!lamp.on || !(lamp.intensity > 0.0f) || !(h > 0.0) || !(lamp.radius > h) ||
        !std::isfinite(lamp.position.x) || !std::isfinite(lamp.position.z))
      continue;
    double reach = std::sqrt(double(lamp.radius) * lamp.radius - h * h);  // horizontal reach of the pool
    double lx = lamp.position.x, ln = -lamp.position.z;
    // Columns and rows whose centres may lie within reach.
    // (clamped as doubles first: a lamp far off the grid must not overflow an int)
    auto index = [](double v, int hi) { return int(std::clamp(v, -1.0, double(hi) + 1.0)); };
    int c0 = std::max(0, index(std::ceil((lx - reach - grid.minX) / grid.cell - 0.5), grid.cols));
    int c1 = std::min(grid.cols - 1, index(std::floor((lx + reach - grid.minX) / grid.cell - 0.5), grid.cols));
    int r0 = std::max(0, index(std::ceil((north - (ln + reach)) / grid.cell - 0.5), grid.rows));
    int r1 = std::min(grid.rows - 1, index(std::floor((north - (ln - reach)) / grid.cell - 0.5), grid.rows));
    if (c0 > c1 || r0 > r1) continue;
    double rad2 = double(lamp.radius) * lamp.radius, ih = double(lamp.intensity) * h;
    for (int row = r0; row <= r1; ++row) {
      double dn = north - (row + 0.5) * grid.cell - ln;
      double* line = &acc[size_t(row) * size_t(grid.cols)];
      for (int col = c0; col <= c1; ++col) {
        double dx = grid.minX + (col + 0.5) * grid.cell - lx;
        double d2 = dx * dx + dn * dn + h * h;
        if (d2 > rad2) continue;
        line[col] += ih / (d2 * std::sqrt(d2));  // I cos(theta) / d^2 with cos(theta) = h / d
      }
    }
  }
  for (size_t i = 0; i < acc.size(); ++i) r.values[i] = float(acc[i]);
  return r;
}

}  // namespace ct::layers
