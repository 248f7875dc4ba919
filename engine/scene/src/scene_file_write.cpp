// Scene file writing: SceneSpec to JSON in the format's key order, defaults left out, paths made relative; plus
// the small helpers of scene_file.h (colours, enum names, equality, look-ups).
#include <cmath>
#include <cstdio>

#include "scene_file_internal.h"

namespace ct::scene {

using OrderedJson = nlohmann::ordered_json;

std::optional<Rgba8> parseHexColor(std::string_view text) {
  if ((text.size() != 7 && text.size() != 9) || text[0] != '#') return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  uint8_t v[4] = {0, 0, 0, 255};
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    const int hi = nibble(text[i + 1]), lo = nibble(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    v[i / 2] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return Rgba8{v[0], v[1], v[2], v[3]};
}

std::string formatHexColor(Rgba8 c) {
  char buf[12];
  if (c.a == 255) std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  else std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", c.r, c.g, c.b, c.a);
  return buf;
}

const char* modelKindName(ModelKind k) {
  switch (k) {
    case ModelKind::Gltf: return "gltf";
    case ModelKind::Glb: return "glb";
    case ModelKind::B3dm: return "b3dm";
    case ModelKind::Footprints: return "footprints";
  }
  return "?";
}

const char* sourceTypeName(SourceType t) {
  switch (t) {
    case SourceType::Csv: return "csv";
    case SourceType::GeoJson: return "geojson";
    case SourceType::GeoPackage: return "gpkg";
    case SourceType::Shapefile: return "shp";
    case SourceType::TimeSeries: return "timeseries";
    case SourceType::Replay: return "replay";
    case SourceType::Mqtt: return "mqtt";
  }
  return "?";
}

const char* layerTypeName(LayerType t) {
  switch (t) {
    case LayerType::Color: return "color";
    case LayerType::Lights: return "lights";
    case LayerType::Flood: return "flood";
    case LayerType::Overlay: return "overlay";
    case LayerType::Zones: return "zones";
  }
  return "?";
}

bool SceneSpec::operator==(const SceneSpec& o) const {
  const bool sameOrigin = origin.has_value() == o.origin.has_value() &&
                          (!origin || (origin->lat == o.origin->lat && origin->lon == o.origin->lon &&
                                       origin->height == o.origin->height));
  return sameOrigin && models == o.models && terrain == o.terrain && sources == o.sources && layers == o.layers &&
         time == o.time && timeUnixSeconds == o.timeUnixSeconds && timeOffsetMinutes == o.timeOffsetMinutes &&
         bookmarks == o.bookmarks && scenarios == o.scenarios && cameraPathsJson == o.cameraPathsJson;
}

const SourceSpec* SceneSpec::findSource(std::string_view name) const {
  for (const SourceSpec& s : sources) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const LayerSpec* SceneSpec::findLayer(std::string_view name) const {
  for (const LayerSpec& l : layers) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

namespace {

// Whole numbers are written without a fraction ("height": 0, not 0.0); others with round-trip precision.
OrderedJson num(double v) {
  if (std::isfinite(v) && std::trunc(v) == v && std::fabs(v) < 9007199254740992.0) {
    return OrderedJson(static_cast<int64_t>(v));
  }
  return OrderedJson(v);
}

OrderedJson colorJson(Rgba8 c) { return formatHexColor(c); }

OrderedJson rampJson(const RampSpec& r) {
  if (r.stops.empty()) return r.name;
  OrderedJson a = OrderedJson::array();
  for (Rgba8 c : r.stops) a.push_back(colorJson(c));
  return a;
}

void putStr(OrderedJson& o, const char* key, const std::string& v) {
  if (!v.empty()) o[key] = v;
}

OrderedJson modelJson(const ModelSpec& m, const std::string& base) {
  OrderedJson o;
  o["path"] = detail::relativePath(m.path, base);
  o["kind"] = modelKindName(m.kind);
  putStr(o, "name", m.name);
  if (const auto* g = std::get_if<PlaceGeodetic>(&m.placement)) {
    o["origin"] = {{"lat", num(g->lat)}, {"lon", num(g->lon)}, {"height", num(g->height)},
                   {"heading_deg", num(g->headingDeg)}};
  } else if (const auto* c = std::get_if<PlaceCrs>(&m.placement)) {
    o["origin"] = {{"crs", c->crs}, {"x", num(c->x)}, {"y", num(c->y)}, {"z", num(c->z)},
                   {"heading_deg", num(c->headingDeg)}};
  }
  if (m.kind == ModelKind::Footprints) {
    const FootprintOptions& f = m.footprints;
    putStr(o, "height_field", f.heightField);
    putStr(o, "storeys_field", f.storeysField);
    o["metres_per_storey"] = num(f.metresPerStorey);
    o["default_storeys"] = f.defaultStoreys;
    putStr(o, "key_field", f.keyField);
    putStr(o, "layer", f.layer);
  }
  return o;
}

OrderedJson sourceJson(const SourceSpec& s, const std::string& base) {
  const SourceSpec d;
  OrderedJson o;
  o["name"] = s.name;
  o["type"] = sourceTypeName(s.type);
  const bool mqtt = s.type == SourceType::Mqtt;
  if (!mqtt) o["path"] = detail::relativePath(s.path, base);
  putStr(o, "key", s.key);
  if (s.type == SourceType::TimeSeries || s.type == SourceType::Replay || mqtt) putStr(o, "value", s.value);
  if (s.type == SourceType::GeoPackage) putStr(o, "layer", s.layer);
  if (s.type == SourceType::TimeSeries) {
    o["time_field"] = s.timeField;
    o["interpolation"] = s.interpolation == Interpolation::Linear ? "linear" : "step";
  }
  if (s.type == SourceType::Replay) {
    o["speed"] = num(s.speed);
    if (s.loop) o["loop"] = true;
  } else if (!mqtt && !s.watch) {
    o["watch"] = false;
  }
  if (mqtt) {
    o["url"] = s.url;
    o["topic"] = s.topic;
    if (s.qos != d.qos) o["qos"] = s.qos;
    putStr(o, "username", s.username);
    putStr(o, "password", s.password);
    putStr(o, "password_env", s.passwordEnv);
    const MqttTls& t = s.tls;
    if (t.enabled) {
      if (t.caFile.empty() && t.certFile.empty() && t.keyFile.empty() && !t.insecure) {
        o["tls"] = true;
      } else {
        OrderedJson tj = OrderedJson::object();
        if (!t.caFile.empty()) tj["ca"] = detail::relativePath(t.caFile, base);
        if (!t.certFile.empty()) tj["cert"] = detail::relativePath(t.certFile, base);
        if (!t.keyFile.empty()) tj["key"] = detail::relativePath(t.keyFile, base);
        if (t.insecure) tj["insecure"] = true;
        o["tls"] = tj;
      }
    }
    if (s.reconnectMinS != d.reconnectMinS || s.reconnectMaxS != d.reconnectMaxS) {
      o["reconnect"] = {{"min_s", num(s.reconnectMinS)}, {"max_s", num(s.reconnectMaxS)}};
    }
  }
  return o;
}

void putRampDomain(OrderedJson& o, const LayerSpec& l) {
  o["ramp"] = rampJson(l.ramp);
  if (l.domain) o["domain"] = {num((*l.domain)[0]), num((*l.domain)[1])};
  o["no_data"] = colorJson(l.noData);
}

OrderedJson layerJson(const LayerSpec& l, const std::string& base) {
  const LayerSpec d;
  OrderedJson o;
  o["name"] = l.name;
  o["type"] = layerTypeName(l.type);
  if (!l.visible) o["visible"] = false;
  putStr(o, "title", l.title);
  putStr(o, "units", l.units);
  if (l.opacity != d.opacity) o["opacity"] = num(l.opacity);
  switch (l.type) {
    case LayerType::Color:
      o["source"] = l.source;
      o["field"] = l.field;
      putRampDomain(o, l);
      o["unlit"] = l.unlit;
      if (!l.classes.empty()) {
        OrderedJson a = OrderedJson::array();
        for (const LayerClass& c : l.classes) {
          OrderedJson cj;
          if (const auto* s = std::get_if<std::string>(&c.value)) cj["value"] = *s;
          else cj["value"] = num(std::get<double>(c.value));
          if (c.color) cj["color"] = colorJson(*c.color);
          putStr(cj, "label", c.label);
          a.push_back(cj);
        }
        o["classes"] = a;
      }
      break;
    case LayerType::Lights:
      putStr(o, "source", l.source);
      putStr(o, "on_field", l.onField);
      putStr(o, "dimming_field", l.dimmingField);
      putStr(o, "cct_field", l.cctField);
      o["default_cct"] = num(l.defaultCct);
      o["default_lumens"] = num(l.defaultLumens);
      o["default_wattage"] = num(l.defaultWattage);
      o["radius"] = num(l.radius);
      o["mount_height"] = num(l.mountHeight);
      break;
    case LayerType::Flood: {
      if (l.level) o["level"] = num(*l.level);
      if (!l.raster.empty()) o["raster"] = detail::relativePath(l.raster, base);
      if (!l.seeds.empty()) {
        OrderedJson a = OrderedJson::array();
        for (const LonLat& s : l.seeds) a.push_back({num(s.lon), num(s.lat)});
        o["seeds"] = a;
      }
      if (!l.seedsLocal.empty()) {
        OrderedJson a = OrderedJson::array();
        for (const LocalPoint& s : l.seedsLocal) a.push_back({num(s.x), num(s.z)});
        o["seeds_local"] = a;
      }
      OrderedJson classes = OrderedJson::array();
      for (double c : l.depthClassesM) classes.push_back(num(c));
      o["depth_classes_m"] = classes;
      o["water_color"] = colorJson(l.waterColor);
      break;
    }
    case LayerType::Overlay:
      if (!l.raster.empty()) o["raster"] = detail::relativePath(l.raster, base);
      if (l.compute == OverlayCompute::Illuminance) o["compute"] = "illuminance";
      putStr(o, "lights_layer", l.lightsLayer);
      o["cell_size"] = num(l.cellSize);
      putRampDomain(o, l);
      break;
    case LayerType::Zones:
      putStr(o, "source", l.source);
      if (!l.path.empty()) o["path"] = detail::relativePath(l.path, base);
      putStr(o, "field", l.field);
      o["fill"] = colorJson(l.fill);
      if (l.outline) o["outline"] = colorJson(*l.outline);
      o["extrude"] = num(l.extrude);
      break;
  }
  return o;
}

}  // namespace

OrderedJson detail::jsonNumber(double v) { return num(v); }

std::string sceneToJson(const SceneSpec& spec) {
  const std::string& base = spec.baseDir;
  OrderedJson o;
  o["citytwin"] = kSceneFormatVersion;
  if (spec.origin) {
    o["origin"] = {{"lat", num(spec.origin->lat)}, {"lon", num(spec.origin->lon)}, {"height", num(spec.origin->height)}};
  }
  if (!spec.models.empty()) {
    OrderedJson a = OrderedJson::array();
    for (const ModelSpec& m : spec.models) a.push_back(modelJson(m, base));
    o["models"] = a;
  }
  if (spec.terrain) {
    OrderedJson t;
    t["path"] = detail::relativePath(spec.terrain->path, base);
    putStr(t, "crs", spec.terrain->crs);
    if (!spec.terrain->draw) t["draw"] = false;
    o["terrain"] = t;
  }
  if (!spec.sources.empty()) {
    OrderedJson a = OrderedJson::array();
    for (const SourceSpec& s : spec.sources) a.push_back(sourceJson(s, base));
    o["sources"] = a;
  }
  if (!spec.layers.empty()) {
    OrderedJson a = OrderedJson::array();
    for (const LayerSpec& l : spec.layers) a.push_back(layerJson(l, base));
    o["layers"] = a;
  }
  putStr(o, "time", spec.time);
  if (!spec.bookmarks.empty()) {
    OrderedJson a = OrderedJson::array();
    for (const Bookmark& b : spec.bookmarks) {
      a.push_back({{"name", b.name},
                   {"eye", {num(b.eye[0]), num(b.eye[1]), num(b.eye[2])}},
                   {"target", {num(b.target[0]), num(b.target[1]), num(b.target[2])}},
                   {"fov_deg", num(b.fovDeg)}});
    }
    o["bookmarks"] = a;
  }
  if (!spec.scenarios.empty()) {
    OrderedJson a = OrderedJson::array();
    for (const Scenario& sc : spec.scenarios) a.push_back(detail::scenarioJson(sc));
    o["scenarios"] = a;
  }
  // Raw sections are written back as they were read; text that is not JSON (a caller's mistake) is left out.
  if (!spec.cameraPathsJson.empty()) {
    OrderedJson v = OrderedJson::parse(spec.cameraPathsJson, nullptr, false);
    if (!v.is_discarded()) o["camera_paths"] = v;
  }
  return o.dump(2) + "\n";
}

}  // namespace ct::scene
