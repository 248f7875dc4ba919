// Layer props: plain structs (the deck.gl model) that the scene file, the inspector and the CLI edit. The layer
// manager diffs them by id; evaluation turns them plus their sources into per-feature state or lights.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace ct::layers {

// The source name that means "the scene's own feature properties" (as does an empty source).
inline constexpr const char* kFeaturesSource = "features";

// Colour features by a property or live value through a ramp.
struct ColorLayerProps {
  std::string id;
  bool visible = true;
  std::string source;                   // a data source name; "" or "features": the feature table itself
  std::string field;                    // the value's field (column, property)
  std::string ramp = "viridis";         // a named ramp (Ramp::named); unused when `stops` is set
  std::vector<std::string> stops;       // explicit "#RRGGBB" stops spread evenly over the domain
  double domainMin = 0.0, domainMax = 1.0;
  std::string noData = "#808080";       // colour of features without a value
  std::vector<std::string> categories;  // categorical: text classes in class order (empty: sorted values)
  bool unlit = false;                   // the exact colour: no lighting, shadow, fog or tone mapping
  float opacity = 1.0f;                 // how much the colour replaces the surface colour
  std::string title, units;
  bool operator==(const ColorLayerProps&) const = default;
};

// Street lamps as point lights at night.
struct LightsLayerProps {
  std::string id;
  bool visible = true;
  std::string source;  // a table of lamp attributes by lamp id ("" : the lamps' own attributes only)
  std::string onField = "on", dimmingField = "dimming", cctField = "cct", wattsField = "wattage",
              lumensField = "lumens";
  double dimming = 1.0;                  // scenario dimming applied to every lamp (0..1, or percent above 1)
  double onBelowSunElevationDeg = -1.0;  // lamps switch on when the sun is below this (photocells: dusk)
  double ledCct = 4000.0, sodiumCct = 2000.0;               // default colour temperatures (K)
  double ledLumensPerWatt = 120.0, sodiumLumensPerWatt = 90.0;
  double defaultWatts = 50.0;            // lamps that state neither watts nor lumens
  double cutoffLux = 0.3;                // radius: where a lamp's illuminance falls to 1% of a 30 lux street
  std::string title = "Street lamps", units = "lx";
  bool operator==(const LightsLayerProps&) const = default;
};

// Water at a level (evaluated by sim's flood model; the layer holds its look and legend).
struct FloodLayerProps {
  std::string id;
  bool visible = true;
  std::string source;  // a depth raster, or "" for a bathtub level over the terrain
  double level = 0.0;  // metres
  std::string color = "#2f6fb0";
  float opacity = 0.8f;
  std::string title = "Flood depth", units = "m";
  bool operator==(const FloodLayerProps&) const = default;
};

// A raster drawn over the ground through a ramp (illuminance, heat, noise).
struct OverlayLayerProps {
  std::string id;
  bool visible = true;
  std::string source;
  std::string ramp = "viridis";
  std::vector<std::string> stops;
  double domainMin = 0.0, domainMax = 1.0;
  std::string noData = "#00000000";
  float opacity = 0.7f;
  std::string title, units;
  bool operator==(const OverlayLayerProps&) const = default;
};

// GeoJSON polygons filled by a property.
struct ZonesLayerProps {
  std::string id;
  bool visible = true;
  std::string source;
  std::string field;
  std::string ramp = "categorical";
  std::vector<std::string> stops;
  double domainMin = 0.0, domainMax = 1.0;
  std::vector<std::string> categories;
  std::string noData = "#808080";
  float opacity = 0.5f;
  std::string title, units;
  bool operator==(const ZonesLayerProps&) const = default;
};

using LayerProps = std::variant<ColorLayerProps, LightsLayerProps, FloodLayerProps, OverlayLayerProps, ZonesLayerProps>;

inline const std::string& layerId(const LayerProps& p) {
  return std::visit([](const auto& l) -> const std::string& { return l.id; }, p);
}
inline bool layerVisible(const LayerProps& p) {
  return std::visit([](const auto& l) { return l.visible; }, p);
}
// "color", "lights", "flood", "overlay", "zones": the layer's type as the scene file names it.
const char* layerKind(const LayerProps& p);

}  // namespace ct::layers
