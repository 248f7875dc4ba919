// Scene file parsing: layers (color, lights, flood, overlay, zones), their keys per type and references.
#include <map>

#include "scene_file_internal.h"

namespace ct::scene::detail {

namespace {

const std::set<std::string> kCommonKeys = {"name", "type", "visible", "title", "units", "opacity"};
const std::map<LayerType, std::set<std::string>> kLayerKeys = {
    {LayerType::Color, {"source", "field", "ramp", "domain", "no_data", "unlit", "classes"}},
    {LayerType::Lights, {"source", "on_field", "dimming_field", "cct_field", "default_cct", "default_lumens",
                         "default_wattage", "radius", "mount_height"}},
    {LayerType::Flood, {"level", "raster", "seeds", "seeds_local", "depth_classes_m", "water_color"}},
    {LayerType::Overlay, {"raster", "compute", "lights_layer", "cell_size", "ramp", "domain", "no_data"}},
    {LayerType::Zones, {"source", "path", "field", "fill", "outline", "extrude"}}};
const std::map<std::string, LayerType> kLayerTypes = {{"color", LayerType::Color},
                                                      {"lights", LayerType::Lights},
                                                      {"flood", LayerType::Flood},
                                                      {"overlay", LayerType::Overlay},
                                                      {"zones", LayerType::Zones}};
const std::set<std::string> kNamedRamps = {"viridis", "magma", "rdbu", "categorical"};

void parseRamp(const Json& v, const std::string& path, RampSpec& ramp) {
  if (v.is_string()) {
    const std::string& name = v.get_ref<const std::string&>();
    if (!kNamedRamps.count(name)) {
      fail(path, "unknown ramp '" + name + "' (expected viridis, magma, rdbu, categorical, or [\"#RRGGBB\", ...])");
    }
    ramp.name = name;
    ramp.stops.clear();
    return;
  }
  if (!v.is_array()) fail(path, "expected a ramp name or an array of colours");
  const Json& a = asArray(v, path, 2, kMaxRampStops);
  ramp.name.clear();
  ramp.stops.clear();
  for (size_t i = 0; i < a.size(); ++i) ramp.stops.push_back(asColor(a[i], indexPath(path, i)));
}

std::array<double, 2> parseDomain(const Json& v, const std::string& path) {
  const Json& a = asArray(v, path, 2, 2);
  const double lo = asNumber(a[0], indexPath(path, 0));
  const double hi = asNumber(a[1], indexPath(path, 1));
  if (!(lo < hi)) fail(path, "expected [min, max] with min < max, got [" + formatNumber(lo) + ", " + formatNumber(hi) + "]");
  return {lo, hi};
}

std::vector<LayerClass> parseClasses(const Json& v, const std::string& path, ParseContext& ctx) {
  const Json& a = asArray(v, path, 1, kMaxLayerClasses);
  std::vector<LayerClass> out;
  std::set<ClassValue> seen;
  for (size_t i = 0; i < a.size(); ++i) {
    ObjectReader r(a[i], indexPath(path, i));
    LayerClass c;
    const Json& value = r.require("value");
    if (value.is_string()) c.value = value.get<std::string>();
    else if (value.is_number()) c.value = value.get<double>();
    else fail(r.keyPath("value"), "expected a string or a number");
    if (!seen.insert(c.value).second) fail(r.keyPath("value"), "the same value as an earlier class");
    if (const Json* col = r.find("color")) c.color = asColor(*col, r.keyPath("color"));
    c.label = r.str("label");
    r.finish(ctx.warnings, {"value", "color", "label"});
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<double> parseDepthClasses(const Json& v, const std::string& path) {
  const Json& a = asArray(v, path, 1, kMaxDepthClasses);
  std::vector<double> out;
  for (size_t i = 0; i < a.size(); ++i) {
    const double d = asNumber(a[i], indexPath(path, i));
    if (!(d > 0)) fail(indexPath(path, i), "expected a depth above 0");
    if (!out.empty() && !(d > out.back())) fail(indexPath(path, i), "expected depths in increasing order");
    out.push_back(d);
  }
  return out;
}

void parseSeeds(ObjectReader& r, LayerSpec& l) {
  if (const Json* s = r.find("seeds")) {
    const std::string p = r.keyPath("seeds");
    const Json& a = asArray(*s, p, 0, kMaxFloodSeeds);
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string pi = indexPath(p, i);
      const Json& pt = asArray(a[i], pi, 2, 2);
      l.seeds.push_back({asNumberIn(pt[0], indexPath(pi, 0), -180, 180, "from -180 to 180 (longitude)"),
                         asNumberIn(pt[1], indexPath(pi, 1), -90, 90, "from -90 to 90 (latitude)")});
    }
  }
  if (const Json* s = r.find("seeds_local")) {
    const std::string p = r.keyPath("seeds_local");
    const Json& a = asArray(*s, p, 0, kMaxFloodSeeds);
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string pi = indexPath(p, i);
      const Json& pt = asArray(a[i], pi, 2, 2);
      l.seedsLocal.push_back({asNumber(pt[0], indexPath(pi, 0)), asNumber(pt[1], indexPath(pi, 1))});
    }
  }
}

// A source name must exist; `types`, when given, limits which source types fit.
void checkSource(const SceneSpec& spec, const std::string& name, const std::string& path,
                 const std::set<SourceType>& types = {}, const char* need = nullptr) {
  const SourceSpec* s = spec.findSource(name);
  if (!s) {
    std::string names;
    for (const SourceSpec& src : spec.sources) names += (names.empty() ? "" : ", ") + src.name;
    fail(path, "unknown source '" + name + "' (" + (names.empty() ? std::string("the scene has no sources")
                                                                    : "sources: " + names) + ")");
  }
  if (!types.empty() && !types.count(s->type)) {
    fail(path, std::string(need) + "; '" + name + "' is " + sourceTypeName(s->type));
  }
}

LayerSpec parseLayer(const Json& v, const std::string& path, const SceneSpec& spec, ParseContext& ctx) {
  ObjectReader r(v, path);
  LayerSpec l;
  l.name = asNonEmptyString(r.require("name", "a layer needs a name"), r.keyPath("name"));
  const std::string& type = asString(r.require("type"), r.keyPath("type"));
  auto it = kLayerTypes.find(type);
  if (it == kLayerTypes.end()) {
    fail(r.keyPath("type"), "unknown layer type '" + type + "' (expected color, lights, flood, overlay, zones)");
  }
  l.type = it->second;
  l.visible = r.boolean("visible", true);
  l.title = r.str("title");
  l.units = r.str("units");
  l.opacity = r.numIn("opacity", 1.0, 0.0, 1.0, "from 0 to 1");
  const std::set<std::string>& own = kLayerKeys.at(l.type);
  switch (l.type) {
    case LayerType::Color: {
      // No source, or "features": the models' own feature properties (year_built, LEVELS, ...).
      l.source = r.str("source");
      if (!l.source.empty() && l.source != "features") checkSource(spec, l.source, r.keyPath("source"));
      l.field = asNonEmptyString(r.require("field", "the value to colour by"), r.keyPath("field"));
      if (const Json* c = r.find("classes")) {
        l.classes = parseClasses(*c, r.keyPath("classes"), ctx);
        l.ramp.name = "categorical";
      }
      if (const Json* ramp = r.find("ramp")) parseRamp(*ramp, r.keyPath("ramp"), l.ramp);
      if (!l.classes.empty() && l.ramp.name != "categorical") {
        fail(r.keyPath("classes"), "classes go with the categorical ramp");
      }
      if (const Json* d = r.find("domain")) l.domain = parseDomain(*d, r.keyPath("domain"));
      l.noData = r.color("no_data", l.noData);
      l.unlit = r.boolean("unlit", false);
      break;
    }
    case LayerType::Lights:
      l.source = r.str("source");
      if (!l.source.empty()) checkSource(spec, l.source, r.keyPath("source"));
      l.onField = r.str("on_field");
      l.dimmingField = r.str("dimming_field");
      l.cctField = r.str("cct_field");
      l.defaultCct = r.numIn("default_cct", 3000.0, 1000.0, 20000.0, "from 1000 to 20000 (kelvin)");
      l.defaultLumens = r.numIn("default_lumens", 3000.0, 0.0, 1e7, "from 0 to 10000000");
      l.defaultWattage = r.numIn("default_wattage", 30.0, 0.0, 1e5, "from 0 to 100000");
      l.radius = r.numIn("radius", 25.0, 0.1, 10000.0, "from 0.1 to 10000");
      l.mountHeight = r.numIn("mount_height", 8.0, 0.0, 1000.0, "from 0 to 1000");
      break;
    case LayerType::Flood:
      if (const Json* lv = r.find("level")) l.level = asNumber(*lv, r.keyPath("level"));
      l.raster = r.pathValue("raster", ctx.baseDir);
      if (l.level && !l.raster.empty()) fail(path, "give level or raster, not both");
      if (!l.level && l.raster.empty()) fail(path, "a flood layer needs a level or a depth raster");
      parseSeeds(r, l);
      if (const Json* d = r.find("depth_classes_m")) l.depthClassesM = parseDepthClasses(*d, r.keyPath("depth_classes_m"));
      l.waterColor = r.color("water_color", l.waterColor);
      break;
    case LayerType::Overlay: {
      l.raster = r.pathValue("raster", ctx.baseDir);
      if (const Json* c = r.find("compute")) {
        const std::string& what = asString(*c, r.keyPath("compute"));
        if (what != "illuminance") fail(r.keyPath("compute"), "unknown overlay computation '" + what + "' (expected illuminance)");
        l.compute = OverlayCompute::Illuminance;
      }
      if (!l.raster.empty() && l.compute != OverlayCompute::None) fail(path, "give raster or compute, not both");
      if (l.raster.empty() && l.compute == OverlayCompute::None) fail(path, "an overlay layer needs a raster or compute");
      l.lightsLayer = r.str("lights_layer");
      l.cellSize = r.numIn("cell_size", 2.0, 0.01, 1000.0, "from 0.01 to 1000");
      if (const Json* ramp = r.find("ramp")) parseRamp(*ramp, r.keyPath("ramp"), l.ramp);
      if (l.ramp.name == "categorical") fail(r.keyPath("ramp"), "an overlay takes a continuous ramp");
      if (const Json* d = r.find("domain")) l.domain = parseDomain(*d, r.keyPath("domain"));
      l.noData = r.color("no_data", l.noData);
      break;
    }
    case LayerType::Zones:
      l.source = r.str("source");
      l.path = r.pathValue("path", ctx.baseDir);
      if (!l.source.empty() && !l.path.empty()) fail(path, "give source or path, not both");
      if (l.source.empty() && l.path.empty()) fail(path, "a zones layer needs a source or a path");
      if (!l.source.empty()) {
        checkSource(spec, l.source, r.keyPath("source"),
                    {SourceType::GeoJson, SourceType::GeoPackage, SourceType::Shapefile},
                    "zones need a geojson, gpkg or shp source");
      }
      l.field = r.str("field");
      l.fill = r.color("fill", l.fill);
      if (const Json* o = r.find("outline")) l.outline = asColor(*o, r.keyPath("outline"));
      l.extrude = r.numIn("extrude", 0.0, 0.0, 10000.0, "from 0 to 10000");
      break;
  }
  std::set<std::string> elsewhere;
  for (const auto& [t, keys] : kLayerKeys) {
    for (const std::string& k : keys) {
      if (!own.count(k)) elsewhere.insert(k);
    }
  }
  std::set<std::string> known = own;
  known.insert(kCommonKeys.begin(), kCommonKeys.end());
  r.finish(ctx.warnings, known, elsewhere, type + " layers");
  return l;
}

}  // namespace

void parseLayers(const Json& v, const std::string& path, SceneSpec& spec, ParseContext& ctx) {
  const Json& a = asArray(v, path, 0, kMaxSceneLayers);
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < a.size(); ++i) {
    LayerSpec l = parseLayer(a[i], indexPath(path, i), spec, ctx);
    auto [it, fresh] = seen.emplace(l.name, i);
    if (!fresh) {
      fail(indexPath(path, i) + ".name",
           "duplicate layer name '" + l.name + "' (also " + indexPath(path, it->second) + ")");
    }
    spec.layers.push_back(std::move(l));
  }
  // References to other layers, which may come later in the file.
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    if (l.lightsLayer.empty()) continue;
    const LayerSpec* target = spec.findLayer(l.lightsLayer);
    if (!target || target->type != LayerType::Lights) {
      fail(indexPath(path, i) + ".lights_layer", "no lights layer named '" + l.lightsLayer + "'");
    }
  }
}

}  // namespace ct::scene::detail
