// Scene file parsing: the top level, models, terrain, sources and bookmarks (layers: scene_file_layers.cpp).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "core/file.h"
#include "core/time.h"
#include "scene_file_internal.h"

namespace ct::scene {

using detail::Json;
using detail::ObjectReader;
using detail::ParseContext;
using detail::fail;

namespace {

std::string lowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

geo::Geodetic parseOrigin(const Json& v, const std::string& path, ParseContext& ctx) {
  ObjectReader r(v, path);
  geo::Geodetic g;
  g.lat = detail::asNumberIn(r.require("lat"), r.keyPath("lat"), -90, 90, "from -90 to 90");
  g.lon = detail::asNumberIn(r.require("lon"), r.keyPath("lon"), -180, 180, "from -180 to 180");
  g.height = r.num("height", 0.0);
  r.finish(ctx.warnings, {"lat", "lon", "height"});
  return g;
}

Placement parsePlacement(const Json& v, const std::string& path, ParseContext& ctx) {
  ObjectReader r(v, path);
  if (r.has("crs")) {
    PlaceCrs p;
    p.crs = detail::asNonEmptyString(*r.find("crs"), r.keyPath("crs"));
    p.x = detail::asNumber(r.require("x"), r.keyPath("x"));
    p.y = detail::asNumber(r.require("y"), r.keyPath("y"));
    p.z = r.num("z", 0.0);
    p.headingDeg = r.num("heading_deg", 0.0);
    r.finish(ctx.warnings, {"crs", "x", "y", "z", "heading_deg"}, {"lat", "lon", "height"}, "an origin with a crs");
    return p;
  }
  PlaceGeodetic p;
  p.lat = detail::asNumberIn(r.require("lat", "or crs with x, y, z"), r.keyPath("lat"), -90, 90, "from -90 to 90");
  p.lon = detail::asNumberIn(r.require("lon"), r.keyPath("lon"), -180, 180, "from -180 to 180");
  p.height = r.num("height", 0.0);
  p.headingDeg = r.num("heading_deg", 0.0);
  r.finish(ctx.warnings, {"lat", "lon", "height", "heading_deg"}, {"x", "y", "z"}, "an origin without a crs");
  return p;
}

const std::set<std::string> kFootprintKeys = {"height_field", "storeys_field", "metres_per_storey",
                                              "default_storeys", "key_field", "layer"};

ModelSpec parseModel(const Json& v, const std::string& path, ParseContext& ctx) {
  ObjectReader r(v, path);
  ModelSpec m;
  m.path = detail::asPath(r.require("path"), r.keyPath("path"), ctx.baseDir);
  m.name = r.str("name");
  if (const Json* kind = r.find("kind")) {
    const std::string& k = detail::asString(*kind, r.keyPath("kind"));
    static const std::map<std::string, ModelKind> kinds = {
        {"gltf", ModelKind::Gltf}, {"glb", ModelKind::Glb}, {"b3dm", ModelKind::B3dm},
        {"footprints", ModelKind::Footprints}};
    auto it = kinds.find(k);
    if (it == kinds.end()) fail(r.keyPath("kind"), "unknown model kind '" + k + "' (expected gltf, glb, b3dm, footprints)");
    m.kind = it->second;
  } else {
    const std::string ext = lowerExtension(m.path);
    if (ext == ".gltf") m.kind = ModelKind::Gltf;
    else if (ext == ".glb") m.kind = ModelKind::Glb;
    else if (ext == ".b3dm") m.kind = ModelKind::B3dm;
    else if (ext == ".geojson" || ext == ".json" || ext == ".gpkg" || ext == ".shp") m.kind = ModelKind::Footprints;
    else {
      fail(r.keyPath("path"), "cannot tell the model kind from the extension '" + ext +
                                  "' (expected .gltf, .glb, .b3dm, .geojson, .gpkg, .shp; or give \"kind\")");
    }
  }
  if (const Json* o = r.find("origin")) m.placement = parsePlacement(*o, r.keyPath("origin"), ctx);
  std::set<std::string> known = {"path", "name", "kind", "origin"};
  if (m.kind == ModelKind::Footprints) {
    FootprintOptions& f = m.footprints;
    f.heightField = r.str("height_field");
    f.storeysField = r.str("storeys_field");
    f.metresPerStorey = r.numIn("metres_per_storey", 3.0, 0.1, 100.0, "from 0.1 to 100");
    f.defaultStoreys = r.integer("default_storeys", 2, 0, 1000);
    f.keyField = r.str("key_field");
    f.layer = r.str("layer");
    known.insert(kFootprintKeys.begin(), kFootprintKeys.end());
    r.finish(ctx.warnings, known);
  } else {
    r.finish(ctx.warnings, known, kFootprintKeys, std::string(modelKindName(m.kind)) + " models");
  }
  return m;
}

TerrainSpec parseTerrain(const Json& v, const std::string& path, ParseContext& ctx) {
  ObjectReader r(v, path);
  TerrainSpec t;
  t.path = detail::asPath(r.require("path"), r.keyPath("path"), ctx.baseDir);
  const std::string ext = lowerExtension(t.path);
  if (ext == ".asc") t.format = TerrainFormat::AsciiGrid;
  else if (ext == ".tif" || ext == ".tiff") t.format = TerrainFormat::GeoTiff;
  else fail(r.keyPath("path"), "unknown terrain format '" + ext + "' (expected .asc or .tif)");
  t.crs = r.str("crs");
  t.draw = r.boolean("draw", true);
  r.finish(ctx.warnings, {"path", "crs", "draw"});
  return t;
}

// An MQTT topic filter: levels split by '/', '+' a whole level, '#' a whole last level.
void checkTopicFilter(const std::string& topic, const std::string& path) {
  if (topic.empty()) fail(path, "expected a non-empty topic filter");
  size_t start = 0;
  while (true) {
    const size_t end = std::min(topic.find('/', start), topic.size());
    const std::string_view level(topic.data() + start, end - start);
    if (level.find_first_of("+#") != std::string_view::npos && level.size() != 1) {
      fail(path, "'+' and '#' must stand for a whole topic level");
    }
    if (level == "#" && end != topic.size()) fail(path, "'#' must be the last topic level");
    if (end == topic.size()) break;
    start = end + 1;
  }
  if (topic.find('\0') != std::string::npos) fail(path, "a topic may not contain a NUL character");
}

void checkMqttUrl(const std::string& url, const std::string& path, bool& tls) {
  std::string rest;
  if (url.rfind("mqtt://", 0) == 0) rest = url.substr(7);
  else if (url.rfind("mqtts://", 0) == 0) {
    rest = url.substr(8);
    tls = true;
  } else {
    fail(path, "expected an mqtt:// or mqtts:// URL");
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const size_t colon = rest.rfind(':');
  const std::string host = rest.substr(0, colon);
  if (host.empty() || host.find_first_of("/ \t@") != std::string::npos) fail(path, "expected a host name in the URL");
  if (colon != std::string::npos) {
    const std::string port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) < 1 || std::stoi(port) > 65535) {
      fail(path, "expected a port from 1 to 65535 after the host");
    }
  }
}

// "topic:N" keys take the topic's level N (0-based); anything else names a payload field.
int topicLevel(const std::string& key, const std::string& path) {
  if (key.rfind("topic:", 0) != 0) return -1;
  const std::string n = key.substr(6);
  if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos) {
    fail(path, "expected \"topic:N\" with N a topic level from 0");
  }
  return std::stoi(n);
}

const std::map<std::string, SourceType> kSourceTypes = {
    {"csv", SourceType::Csv},         {"geojson", SourceType::GeoJson},        {"gpkg", SourceType::GeoPackage},
    {"shp", SourceType::Shapefile},   {"timeseries", SourceType::TimeSeries}, {"replay", SourceType::Replay},
    {"mqtt", SourceType::Mqtt}};
const std::map<SourceType, std::set<std::string>> kSourceKeys = {
    {SourceType::Csv, {"path", "key", "watch"}},
    {SourceType::GeoJson, {"path", "key", "watch"}},
    {SourceType::GeoPackage, {"path", "key", "watch", "layer"}},
    {SourceType::Shapefile, {"path", "key", "watch"}},
    {SourceType::TimeSeries, {"path", "key", "value", "time_field", "interpolation", "watch"}},
    {SourceType::Replay, {"path", "key", "value", "speed", "loop"}},
    {SourceType::Mqtt, {"url", "topic", "key", "value", "qos", "username", "password", "password_env", "tls",
                        "reconnect"}}};

SourceSpec parseSource(const Json& v, const std::string& path, ParseContext& ctx) {
  ObjectReader r(v, path);
  SourceSpec s;
  s.name = detail::asNonEmptyString(r.require("name", "a source needs a name"), r.keyPath("name"));
  if (s.name == "features") fail(r.keyPath("name"), "'features' is reserved: it names the models' own feature properties");
  const std::string& type = detail::asString(r.require("type"), r.keyPath("type"));
  auto it = kSourceTypes.find(type);
  if (it == kSourceTypes.end()) {
    fail(r.keyPath("type"), "unknown source type '" + type + "' (expected csv, geojson, gpkg, shp, timeseries, "
                            "replay, mqtt)");
  }
  s.type = it->second;
  const std::set<std::string>& own = kSourceKeys.at(s.type);
  const bool mqtt = s.type == SourceType::Mqtt;
  if (!mqtt) s.path = detail::asPath(r.require("path"), r.keyPath("path"), ctx.baseDir);
  const bool keyRequired = s.type == SourceType::Csv || s.type == SourceType::TimeSeries || mqtt ||
                           s.type == SourceType::Replay;
  if (keyRequired) {
    s.key = detail::asNonEmptyString(r.require("key"), r.keyPath("key"));
  } else {
    s.key = r.str("key");
  }
  if (mqtt || s.type == SourceType::Replay) s.keyTopicLevel = topicLevel(s.key, r.keyPath("key"));
  if (own.count("value")) s.value = r.str("value");
  if (own.count("watch")) s.watch = r.boolean("watch", true);
  if (own.count("layer")) s.layer = r.str("layer");
  if (s.type == SourceType::TimeSeries) {
    s.timeField = r.str("time_field", "time");
    if (s.timeField.empty()) fail(r.keyPath("time_field"), "expected a non-empty string");
    const std::string interp = r.str("interpolation", "step");
    if (interp == "step") s.interpolation = Interpolation::Step;
    else if (interp == "linear") s.interpolation = Interpolation::Linear;
    else fail(r.keyPath("interpolation"), "unknown interpolation '" + interp + "' (expected step, linear)");
  }
  if (s.type == SourceType::Replay) {
    s.speed = r.numIn("speed", 1.0, 1e-6, 1e6, "from 0.000001 to 1000000");
    s.loop = r.boolean("loop", false);
  }
  if (mqtt) {
    s.url = detail::asNonEmptyString(r.require("url"), r.keyPath("url"));
    checkMqttUrl(s.url, r.keyPath("url"), s.tls.enabled);
    s.topic = detail::asString(r.require("topic"), r.keyPath("topic"));
    checkTopicFilter(s.topic, r.keyPath("topic"));
    s.qos = r.integer("qos", 0, 0, 2);
    s.username = r.str("username");
    s.password = r.str("password");
    s.passwordEnv = r.str("password_env");
    if (!s.password.empty() && !s.passwordEnv.empty()) fail(r.keyPath("password_env"), "give password or password_env, not both");
    if (const Json* tls = r.find("tls")) {
      if (tls->is_boolean()) {
        s.tls.enabled = s.tls.enabled || tls->get<bool>();
      } else {
        ObjectReader t(*tls, r.keyPath("tls"));
        s.tls.enabled = true;
        s.tls.caFile = t.pathValue("ca", ctx.baseDir);
        s.tls.certFile = t.pathValue("cert", ctx.baseDir);
        s.tls.keyFile = t.pathValue("key", ctx.baseDir);
        s.tls.insecure = t.boolean("insecure", false);
        if (s.tls.certFile.empty() != s.tls.keyFile.empty()) fail(t.path(), "give both cert and key, or neither");
        t.finish(ctx.warnings, {"ca", "cert", "key", "insecure"});
      }
    }
    if (const Json* rc = r.find("reconnect")) {
      ObjectReader b(*rc, r.keyPath("reconnect"));
      s.reconnectMinS = b.numIn("min_s", 1.0, 0.01, 3600, "from 0.01 to 3600");
      s.reconnectMaxS = b.numIn("max_s", std::max(30.0, s.reconnectMinS), 0.01, 86400, "from 0.01 to 86400");
      if (s.reconnectMaxS < s.reconnectMinS) fail(b.keyPath("max_s"), "must not be less than min_s");
      b.finish(ctx.warnings, {"min_s", "max_s"});
    }
  }
  std::set<std::string> elsewhere;
  for (const auto& [t, keys] : kSourceKeys) {
    for (const std::string& k : keys) {
      if (!own.count(k)) elsewhere.insert(k);
    }
  }
  std::set<std::string> known = own;
  known.insert({"name", "type"});
  r.finish(ctx.warnings, known, elsewhere, type + " sources");
  return s;
}

Bookmark parseBookmark(const Json& v, const std::string& path, ParseContext& ctx) {
  ObjectReader r(v, path);
  Bookmark b;
  b.name = detail::asNonEmptyString(r.require("name", "a bookmark needs a name"), r.keyPath("name"));
  auto vec3 = [&](const char* key) {
    const std::string p = r.keyPath(key);
    const Json& a = detail::asArray(r.require(key), p, 3, 3);
    return std::array<double, 3>{detail::asNumber(a[0], detail::indexPath(p, 0)),
                                 detail::asNumber(a[1], detail::indexPath(p, 1)),
                                 detail::asNumber(a[2], detail::indexPath(p, 2))};
  };
  b.eye = vec3("eye");
  b.target = vec3("target");
  if (b.eye == b.target) fail(r.keyPath("target"), "the same point as eye (no view direction)");
  b.fovDeg = r.numIn("fov_deg", 45.0, 1.0, 170.0, "from 1 to 170");
  r.finish(ctx.warnings, {"name", "eye", "target", "fov_deg"});
  return b;
}

template <typename T, typename F>
std::vector<T> parseArray(const Json& v, const std::string& path, size_t maxSize, F parseOne) {
  const Json& a = detail::asArray(v, path, 0, maxSize);
  std::vector<T> out;
  out.reserve(a.size());
  for (size_t i = 0; i < a.size(); ++i) out.push_back(parseOne(a[i], detail::indexPath(path, i)));
  return out;
}

SceneSpec parseRoot(const Json& root, ParseContext& ctx) {
  if (!root.is_object()) fail("", "expected a JSON object at the top level");
  ObjectReader r(root, "");
  SceneSpec spec;
  spec.baseDir = ctx.baseDir;
  const Json* version = r.find("citytwin");
  if (!version) fail("citytwin", "missing (a scene file starts with \"citytwin\": 1)");
  const int ver = detail::asInt(*version, "citytwin", 0, 1 << 30);
  if (ver > kSceneFormatVersion) {
    fail("citytwin", "format version " + std::to_string(ver) + " is newer than this citytwin reads (" +
                         std::to_string(kSceneFormatVersion) + "); update citytwin");
  }
  if (ver != kSceneFormatVersion) fail("citytwin", "unsupported format version " + std::to_string(ver) + " (expected 1)");
  if (const Json* o = r.find("origin")) spec.origin = parseOrigin(*o, "origin", ctx);
  if (const Json* m = r.find("models")) {
    spec.models = parseArray<ModelSpec>(*m, "models", kMaxSceneModels,
                                        [&](const Json& e, const std::string& p) { return parseModel(e, p, ctx); });
  }
  if (const Json* t = r.find("terrain")) spec.terrain = parseTerrain(*t, "terrain", ctx);
  if (const Json* s = r.find("sources")) {
    spec.sources = parseArray<SourceSpec>(*s, "sources", kMaxSceneSources,
                                          [&](const Json& e, const std::string& p) { return parseSource(e, p, ctx); });
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < spec.sources.size(); ++i) {
      auto [it, fresh] = seen.emplace(spec.sources[i].name, i);
      if (!fresh) {
        fail(detail::indexPath("sources", i) + ".name", "duplicate source name '" + spec.sources[i].name +
                                                            "' (also sources[" + std::to_string(it->second) + "])");
      }
    }
  }
  if (const Json* l = r.find("layers")) detail::parseLayers(*l, "layers", spec, ctx);
  if (const Json* t = r.find("time")) {
    spec.time = detail::asNonEmptyString(*t, "time");
    auto instant = parseIso8601(spec.time);
    if (!instant) fail("time", instant.firstError());
    spec.timeUnixSeconds = instant.value().unixSeconds;
    spec.timeOffsetMinutes = instant.value().offsetMinutes;
  }
  if (const Json* b = r.find("bookmarks")) {
    spec.bookmarks = parseArray<Bookmark>(*b, "bookmarks", kMaxSceneBookmarks,
                                          [&](const Json& e, const std::string& p) { return parseBookmark(e, p, ctx); });
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < spec.bookmarks.size(); ++i) {
      auto [it, fresh] = seen.emplace(spec.bookmarks[i].name, i);
      if (!fresh) {
        fail(detail::indexPath("bookmarks", i) + ".name", "duplicate bookmark name '" + spec.bookmarks[i].name +
                                                              "' (also bookmarks[" + std::to_string(it->second) + "])");
      }
    }
  }
  if (const Json* s = r.find("scenarios")) detail::parseScenarios(*s, "scenarios", spec, ctx);
  if (const Json* c = r.find("camera_paths")) spec.cameraPathsJson = c->dump();
  r.finish(ctx.warnings, {"citytwin", "origin", "models", "terrain", "sources", "layers", "time", "bookmarks",
                          "scenarios", "camera_paths"});
  return spec;
}

}  // namespace

Result<SceneSpec> parseSceneFile(std::string_view json, const std::string& baseDir, const std::string& displayName) {
  const std::string prefix = displayName.empty() ? std::string() : displayName + ": ";
  if (json.size() > kMaxSceneFileBytes) {
    return Result<SceneSpec>::fail(prefix + "larger than the 64 MiB a scene file may have");
  }
  Json root;
  std::string error;
  if (!detail::readJson(json, root, error)) return Result<SceneSpec>::fail(prefix + error);
  ParseContext ctx;
  ctx.baseDir = baseDir;
  std::vector<std::string> warnings;
  try {
    SceneSpec spec = parseRoot(root, ctx);
    for (const std::string& w : ctx.warnings) warnings.push_back(prefix + w);
    return Result<SceneSpec>::ok(std::move(spec), std::move(warnings));
  } catch (const detail::SpecError& e) {
    for (const std::string& w : ctx.warnings) warnings.push_back(prefix + w);
    return Result<SceneSpec>::fail(prefix + (e.path.empty() ? e.message : e.path + ": " + e.message),
                                   std::move(warnings));
  }
}

Result<SceneSpec> loadSceneFile(const std::string& path) {
  auto bytes = readFile(path, kMaxSceneFileBytes);
  if (!bytes) return Result<SceneSpec>::fail(path + ": " + bytes.firstError());
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  const std::string baseDir = ec ? std::filesystem::path(path).parent_path().string()
                                 : abs.lexically_normal().parent_path().string();
  const auto& b = bytes.value();
  return parseSceneFile(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()), baseDir, path);
}

}  // namespace ct::scene
