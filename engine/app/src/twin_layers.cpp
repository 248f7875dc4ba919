// The twin's layers: scene-file layer specs into the layer manager's props (colour, lights; a flood's tint is a
// colour layer over its depths), and the lamps a lights layer drives.
#include <algorithm>
#include <cmath>
#include <limits>

#include "data/file_source.h"
#include "data/geojson.h"
#include "layers/legend.h"
#include "sim/sun_position.h"
#include "twin.h"
#include "twin_internal.h"

namespace ct::app {
namespace {

std::vector<std::string> hexStops(const scene::RampSpec& ramp) {
  std::vector<std::string> out;
  for (const scene::Rgba8& c : ramp.stops) out.push_back(hexOf(c));
  return out;
}

// The range of a field's numbers in a table, for a colour layer without a domain.
std::optional<std::array<double, 2>> numericRange(const data::DataTable& t, const std::string& field) {
  const int f = t.findField(field);
  if (f < 0) return std::nullopt;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (uint32_t r = 0; r < t.size(); ++r)
    if (auto v = t.number(r, f); v && std::isfinite(*v)) {
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
  if (!(lo <= hi)) return std::nullopt;
  if (lo == hi) hi = lo + 1.0;
  return std::array<double, 2>{lo, hi};
}

std::optional<std::array<double, 2>> propertyRange(const scene::FeatureTable& t, const std::string& field) {
  const scene::PropertyColumn* c = t.column(field);
  if (!c) return std::nullopt;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& v : c->values) {
    double x = std::numeric_limits<double>::quiet_NaN();
    if (auto* d = std::get_if<double>(&v)) x = *d;
    else if (auto* i = std::get_if<int64_t>(&v)) x = double(*i);
    if (std::isfinite(x)) {
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  }
  if (!(lo <= hi)) return std::nullopt;
  if (lo == hi) hi = lo + 1.0;
  return std::array<double, 2>{lo, hi};
}

std::string textOf(const data::Value& v) { return v.isText() ? v.text : v.isNumber() ? std::to_string(v.number) : ""; }

}  // namespace

bool Twin::buildLayers(const TwinOptions& options, std::string& error) {
  std::vector<layers::LayerProps> props;
  if (options.layers)
    for (const std::string& name : *options.layers)
      if (!mSpec.findLayer(name)) {
        std::string known;
        for (const auto& l : mSpec.layers) known += (known.empty() ? "" : ", ") + l.name;
        error = where("--layers: no layer named '" + name + "' (the scene has: " + (known.empty() ? "none" : known) + ")");
        return false;
      }
  for (size_t i = 0; i < mSpec.layers.size(); ++i) {
    scene::LayerSpec& l = mSpec.layers[i];
    if (options.layers) l.visible = std::find(options.layers->begin(), options.layers->end(), l.name) != options.layers->end();
    const std::string at = "layers[" + std::to_string(i) + "] '" + l.name + "'";
    switch (l.type) {
      case scene::LayerType::Color: {
        layers::ColorLayerProps c;
        c.id = l.name;
        c.visible = l.visible;
        c.source = l.source;
        c.field = l.field;
        c.ramp = l.ramp.name.empty() ? "viridis" : l.ramp.name;
        c.stops = hexStops(l.ramp);
        std::optional<std::array<double, 2>> domain = l.domain;
        if (!domain) {
          const SourceHolder* s = l.source.empty() || l.source == layers::kFeaturesSource ? nullptr : findSource(l.source);
          domain = s ? numericRange(s->source->table(), l.field) : propertyRange(mScene.features, l.field);
        }
        if (domain) {
          c.domainMin = (*domain)[0];
          c.domainMax = (*domain)[1];
        }
        c.noData = hexOf(l.noData);
        if (!l.classes.empty()) {
          // Classes in the scene's order, each with its colour (or the palette's next one) and legend label.
          auto palette = layers::Ramp::named("categorical");
          c.ramp = "categorical";
          c.stops.clear();
          for (size_t k = 0; k < l.classes.size(); ++k) {
            const scene::LayerClass& cl = l.classes[k];
            if (auto* s = std::get_if<std::string>(&cl.value)) c.categories.push_back(*s);
            else c.categories.push_back(layers::formatTick(std::get<double>(cl.value)));
            c.stops.push_back(cl.color ? hexOf(*cl.color) : layers::formatColor(palette->classColor(int64_t(k))));
          }
        }
        c.unlit = l.unlit;
        c.opacity = float(l.opacity);
        c.title = l.title.empty() ? l.name : l.title;
        c.units = l.units;
        props.push_back(c);
        break;
      }
      case scene::LayerType::Lights: {
        if (!mLamps.empty() || mHasLightsLayer) {
          error = where(at + ": one lights layer per scene for now (its lamps would be counted twice)");
          return false;
        }
        mHasLightsLayer = true;
        if (!buildLamps(l, error)) return false;
        layers::LightsLayerProps p;
        p.id = l.name;
        p.visible = l.visible;
        p.source = l.source;
        if (!l.onField.empty()) p.onField = l.onField;
        if (!l.dimmingField.empty()) p.dimmingField = l.dimmingField;
        if (!l.cctField.empty()) p.cctField = l.cctField;
        p.defaultWatts = l.defaultWattage;
        p.ledCct = l.defaultCct;
        // On at sunset, the rule the sky follows (sim::daylight): the sun's centre, unrefracted, below -0.833°.
        p.onBelowSunElevationDeg = sim::kSunsetElevationDeg;
        p.title = l.title.empty() ? l.name : l.title;
        p.units = l.units;  // the legend lists lamp types; no unit unless the scene gives one
        props.push_back(p);
        break;
      }
      case scene::LayerType::Flood: {
        if (!buildFlood(l, options, error)) return false;
        const FloodState& f = mFloods.back();
        layers::ColorLayerProps c;
        c.id = l.name;
        c.visible = l.visible;
        c.source = "flood:" + l.name;
        c.field = "depth";
        c.stops = {"#9ecae1", "#4292c6", "#2171b5", "#08306b"};  // ColorBrewer Blues: shallow to deep
        const double deepest = f.report.classes.empty() ? 2.0 : f.report.classes.back();
        c.domainMin = 0.0;
        c.domainMax = l.domain ? (*l.domain)[1] : std::max(deepest, 0.5);
        c.noData = "#00000000";  // dry buildings keep the colour of the layers below
        c.unlit = l.unlit;
        c.opacity = float(l.opacity);
        c.title = l.title.empty() ? l.name : l.title;
        c.units = l.units.empty() ? "m" : l.units;
        props.push_back(c);
        break;
      }
      case scene::LayerType::Overlay:
        if (l.visible && options.buildGeometry && !buildOverlay(l, error)) return false;
        break;
      case scene::LayerType::Zones:
        if (l.visible && options.buildGeometry && !buildZones(l, error)) return false;
        break;
    }
  }
  // The energy what-if (the viewer's retrofit and PV sliders): per-building kWh/m2 a year after the scenario,
  // hidden until the viewer shows it; over the same ramp and domain as the scene's energy layer when there is one.
  if (mScene.features.column("floor_area") && !mSpec.findLayer(kEnergyWhatIfLayer)) {
    auto table = std::make_unique<layers::MapValueTable>();
    mEnergyWhatIf = table.get();
    mExtraTableNames.emplace_back("whatif", table.get());
    mExtraTables.push_back(std::move(table));
    layers::ColorLayerProps c;
    c.id = kEnergyWhatIfLayer;
    c.visible = false;
    c.source = "whatif";
    c.field = "kwh_per_m2";
    c.domainMin = 50.0;
    c.domainMax = 300.0;
    for (const layers::LayerProps& p : props)
      if (const auto* e = std::get_if<layers::ColorLayerProps>(&p); e && e->field.find("kwh") != std::string::npos) {
        c.ramp = e->ramp;
        c.stops = e->stops;
        c.domainMin = e->domainMin;
        c.domainMax = e->domainMax;
        c.unlit = e->unlit;
        break;
      }
    c.title = kEnergyWhatIfLayer;
    c.units = "kWh/m² a year";  // as the scene's energy layer writes it
    props.push_back(c);
  }
  mLayers.setProps(std::move(props));
  return true;
}

// Lamps for a lights layer: the points of its GeoJSON source, or else the generator's lamp nodes in the model.
bool Twin::buildLamps(const scene::LayerSpec& layer, std::string& error) {
  const SourceHolder* source = layer.source.empty() ? nullptr : findSource(layer.source);
  if (!layer.source.empty() && !source) {
    error = where("layer '" + layer.name + "': unknown source '" + layer.source + "'");
    return false;
  }
  if (auto* geojson = source ? dynamic_cast<const data::GeoJsonSource*>(source->source.get()) : nullptr) {
    if (!mFrame) {
      error = where("layer '" + layer.name + "': lamps at lon/lat need the scene's \"origin\"");
      return false;
    }
    const data::DataTable& attributes = geojson->table();
    for (const data::GeoJsonFeature& f : geojson->features()) {
      if (!f.geometry || f.key.empty()) continue;
      std::vector<data::Position> points = f.geometry->points;
      for (const data::Position& p : points) {
        layers::LampInput lamp;
        lamp.id = f.key;
        // x/z from lon/lat; y is the point's height over the scene frame's plane, or the terrain's there.
        glm::dvec3 base = toLocal(p.x, p.y, 0.0);
        base.y = f.geometry->hasHeight ? p.z : terrainHeightAt(base.x, base.z, 0.0);
        lamp.position = base + glm::dvec3(0.0, layer.mountHeight, 0.0);
        if (const data::Value* t = attributes.get(f.key, "type")) lamp.type = textOf(*t);
        mLamps.push_back(std::move(lamp));
      }
    }
    return true;
  }
  // The generator's lamps: nodes named lamp_NNNNNN, the head 7.5 m up on an arm reaching 1.6 m out (+Z).
  for (const scene::Node& n : mScene.nodes) {
    if (n.name.rfind("lamp_", 0) != 0) continue;
    layers::LampInput lamp;
    lamp.id = n.name;
    lamp.position = glm::dvec3(n.world * glm::dvec4(0.0, 7.45, 1.6, 1.0));
    mLamps.push_back(std::move(lamp));
  }
  if (mLamps.empty()) mWarnings.push_back("layer '" + layer.name + "': no lamps (no point source, no lamp_ nodes)");
  return true;
}

void Twin::applyFloodFlags() {
  layers::FeatureVisuals& v = mLayers.visuals();
  for (const FloodState& f : mFloods) {
    const scene::LayerSpec* spec = mSpec.findLayer(f.layer);
    if (!spec || !spec->visible) continue;
    for (size_t row = 0; row < f.depthOfRow.size() && row < v.size(); ++row) {
      if (f.depthOfRow[row] <= 0.0 || (v[row].flags & layers::FeatureVisual::kFlooded)) continue;
      layers::FeatureVisual fv = v[row];
      fv.flags |= layers::FeatureVisual::kFlooded;
      v.set(row, fv);
    }
  }
}

}  // namespace ct::app
