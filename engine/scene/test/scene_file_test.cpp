// Scene file: the issue's example parses to hand-read values, every error and warning kind names its JSON path,
// parse -> save -> parse gives the same spec, and a failed save leaves the old file as it was.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "scene/scene_file.h"

namespace fs = std::filesystem;
using namespace ct::scene;

namespace {

// The example of issue 9, verbatim.
const char* kIssueExample = R"({"citytwin": 1,
   "origin": {"lat": 22.5431, "lon": 114.0579, "height": 0},
   "models": [{"path": "city.glb"}],
   "terrain": {"path": "terrain.asc"},
   "sources": [
     {"name": "energy", "type": "csv", "path": "energy.csv", "key": "id"},
     {"name": "lamps", "type": "geojson", "path": "lamps.geojson", "key": "id"},
     {"name": "meters", "type": "mqtt", "url": "mqtt://127.0.0.1:1883", "topic": "city/energy/+",
      "key": "topic:2", "value": "kwh"}],
   "layers": [
     {"name": "Energy use", "type": "color", "source": "energy", "field": "kwh_per_m2",
      "ramp": ["#2c7bb6", "#ffffbf", "#d7191c"], "domain": [0, 300], "no_data": "#808080", "unlit": false},
     {"name": "Street lights", "type": "lights", "source": "lamps"},
     {"name": "River flood", "type": "flood", "level": 4.5}],
   "time": "2024-06-21T21:30:00+08:00"})";

ct::Result<SceneSpec> parse(const std::string& json) { return parseSceneFile(json, "/city", "scene.json"); }

// A scene with one csv source "energy" and the given layers (JSON array text).
std::string withLayers(const std::string& layers) {
  return R"({"citytwin": 1, "sources": [{"name": "energy", "type": "csv", "path": "e.csv", "key": "id"}],
            "layers": )" + layers + "}";
}

std::string errorOf(const std::string& json) {
  auto r = parse(json);
  EXPECT_FALSE(r.ok()) << "parsed: " << json;
  return r.firstError();
}

std::string readText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/ct_scene_file_XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, ec);
    fs::remove_all(path, ec);
  }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(path), {})); }
};

}  // namespace

TEST(SceneFile, IssueExampleParsesToTheExpectedValues) {
  auto r = parse(kIssueExample);
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_TRUE(r.warnings().empty()) << r.warnings().front();
  const SceneSpec& s = r.value();
  ASSERT_TRUE(s.origin.has_value());
  EXPECT_EQ(s.origin->lat, 22.5431);
  EXPECT_EQ(s.origin->lon, 114.0579);
  EXPECT_EQ(s.origin->height, 0.0);

  ASSERT_EQ(s.models.size(), 1u);
  EXPECT_EQ(s.models[0].path, "/city/city.glb");
  EXPECT_EQ(s.models[0].kind, ModelKind::Glb);
  EXPECT_TRUE(std::holds_alternative<PlaceAsIs>(s.models[0].placement));
  ASSERT_TRUE(s.terrain.has_value());
  EXPECT_EQ(s.terrain->path, "/city/terrain.asc");
  EXPECT_EQ(s.terrain->format, TerrainFormat::AsciiGrid);
  EXPECT_TRUE(s.terrain->draw);

  ASSERT_EQ(s.sources.size(), 3u);
  EXPECT_EQ(s.sources[0].name, "energy");
  EXPECT_EQ(s.sources[0].type, SourceType::Csv);
  EXPECT_EQ(s.sources[0].path, "/city/energy.csv");
  EXPECT_EQ(s.sources[0].key, "id");
  EXPECT_EQ(s.sources[1].type, SourceType::GeoJson);
  EXPECT_EQ(s.sources[1].path, "/city/lamps.geojson");
  const SourceSpec& m = s.sources[2];
  EXPECT_EQ(m.type, SourceType::Mqtt);
  EXPECT_EQ(m.url, "mqtt://127.0.0.1:1883");
  EXPECT_EQ(m.topic, "city/energy/+");
  EXPECT_EQ(m.key, "topic:2");
  EXPECT_EQ(m.keyTopicLevel, 2);
  EXPECT_EQ(m.value, "kwh");
  EXPECT_EQ(m.qos, 0);
  EXPECT_FALSE(m.tls.enabled);

  ASSERT_EQ(s.layers.size(), 3u);
  const LayerSpec& c = s.layers[0];
  EXPECT_EQ(c.name, "Energy use");
  EXPECT_EQ(c.type, LayerType::Color);
  EXPECT_EQ(c.source, "energy");
  EXPECT_EQ(c.field, "kwh_per_m2");
  EXPECT_TRUE(c.ramp.name.empty());
  ASSERT_EQ(c.ramp.stops.size(), 3u);
  EXPECT_EQ(c.ramp.stops[0], (Rgba8{0x2c, 0x7b, 0xb6, 0xff}));
  EXPECT_EQ(c.ramp.stops[1], (Rgba8{0xff, 0xff, 0xbf, 0xff}));
  EXPECT_EQ(c.ramp.stops[2], (Rgba8{0xd7, 0x19, 0x1c, 0xff}));
  ASSERT_TRUE(c.domain.has_value());
  EXPECT_EQ((*c.domain)[0], 0.0);
  EXPECT_EQ((*c.domain)[1], 300.0);
  EXPECT_EQ(c.noData, (Rgba8{128, 128, 128, 255}));
  EXPECT_FALSE(c.unlit);
  EXPECT_TRUE(c.visible);
  EXPECT_EQ(s.layers[1].type, LayerType::Lights);
  EXPECT_EQ(s.layers[1].source, "lamps");
  const LayerSpec& f = s.layers[2];
  EXPECT_EQ(f.type, LayerType::Flood);
  ASSERT_TRUE(f.level.has_value());
  EXPECT_EQ(*f.level, 4.5);
  EXPECT_EQ(f.depthClassesM, (std::vector<double>{0.1, 0.5, 1.0, 2.0}));  // the issue's default

  EXPECT_EQ(s.time, "2024-06-21T21:30:00+08:00");
  // 2024-06-21 is day 19723 (2024-01-01) + 172 since the epoch; 21:30 at +08:00 is 13:30 UTC.
  EXPECT_EQ(s.timeUnixSeconds, 19895.0 * 86400.0 + 13.5 * 3600.0);
  EXPECT_EQ(s.timeOffsetMinutes, 480);
}

TEST(SceneFile, PlacementsKindsAndPaths) {
  auto r = parse(R"({"citytwin": 1, "models": [
      {"path": "a.GLTF"},
      {"path": "/abs/tiles/b.b3dm", "origin": {"lon": 114.1, "lat": 22.5, "height": 3, "heading_deg": 90}},
      {"path": "../up/c.glb", "origin": {"crs": "EPSG:4547", "x": 500000.5, "y": 2494000}},
      {"path": "blocks.gpkg", "height_field": "h", "storeys_field": "floors", "layer": "bldg"},
      {"path": "model.bin", "kind": "glb"}]})");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& ms = r.value().models;
  EXPECT_EQ(ms[0].kind, ModelKind::Gltf);  // extension case does not matter
  EXPECT_EQ(ms[1].path, "/abs/tiles/b.b3dm");
  EXPECT_EQ(ms[1].kind, ModelKind::B3dm);
  EXPECT_EQ(std::get<PlaceGeodetic>(ms[1].placement), (PlaceGeodetic{114.1, 22.5, 3.0, 90.0}));
  EXPECT_EQ(ms[2].path, "/up/c.glb");
  EXPECT_EQ(std::get<PlaceCrs>(ms[2].placement), (PlaceCrs{"EPSG:4547", 500000.5, 2494000.0, 0.0, 0.0}));
  EXPECT_EQ(ms[3].kind, ModelKind::Footprints);
  EXPECT_EQ(ms[3].footprints.heightField, "h");
  EXPECT_EQ(ms[3].footprints.storeysField, "floors");
  EXPECT_EQ(ms[3].footprints.metresPerStorey, 3.0);
  EXPECT_EQ(ms[3].footprints.defaultStoreys, 2);
  EXPECT_EQ(ms[3].footprints.keyField, "");  // FID
  EXPECT_EQ(ms[3].footprints.layer, "bldg");
  EXPECT_EQ(ms[4].kind, ModelKind::Glb);
}

TEST(SceneFile, ErrorsNameTheirJsonPath) {
  // The issue's own example message.
  EXPECT_EQ(errorOf(withLayers(R"([
      {"name": "a", "type": "flood", "level": 1},
      {"name": "b", "type": "flood", "level": 2},
      {"name": "c", "type": "color", "source": "energy", "field": "v", "domain": [0, "300"]}])")),
            "scene.json: layers[2].domain[1]: expected a number");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "colour"}])")),
            "scene.json: layers[0].type: unknown layer type 'colour' (expected color, lights, flood, overlay, zones)");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "flood", "level": 1}, {"name": "a", "type": "flood",
                                   "level": 2}])")),
            "scene.json: layers[1].name: duplicate layer name 'a' (also layers[0])");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "color", "source": "enrgy", "field": "v"}])")),
            "scene.json: layers[0].source: unknown source 'enrgy' (sources: energy)");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "color", "source": "energy", "field": "v",
                                   "domain": [300, 0]}])")),
            "scene.json: layers[0].domain: expected [min, max] with min < max, got [300, 0]");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "color", "source": "energy", "field": "v",
                                   "domain": [5, 5]}])")),
            "scene.json: layers[0].domain: expected [min, max] with min < max, got [5, 5]");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "color", "source": "energy", "field": "v",
                                   "no_data": "#80808"}])")),
            "scene.json: layers[0].no_data: expected a colour \"#RRGGBB\" or \"#RRGGBBAA\", got '#80808'");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "color", "source": "energy", "field": "v",
                                   "ramp": "rainbow"}])")),
            "scene.json: layers[0].ramp: unknown ramp 'rainbow' (expected viridis, magma, rdbu, categorical, or "
            "[\"#RRGGBB\", ...])");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "color", "source": "energy", "field": "v",
                                   "opacity": 1.5}])")),
            "scene.json: layers[0].opacity: expected a number from 0 to 1, got 1.5");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "flood", "level": 1, "raster": "d.tif"}])")),
            "scene.json: layers[0]: give level or raster, not both");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "flood", "level": 1, "depth_classes_m": [0.5, 0.5]}])")),
            "scene.json: layers[0].depth_classes_m[1]: expected depths in increasing order");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "flood", "level": 1, "seeds": [[114, 95]]}])")),
            "scene.json: layers[0].seeds[0][1]: expected a number from -90 to 90 (latitude), got 95");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "z", "type": "zones", "source": "energy"}])")),
            "scene.json: layers[0].source: zones need a geojson, gpkg or shp source; 'energy' is csv");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "o", "type": "overlay", "compute": "illuminance",
                                   "lights_layer": "lamps"}])")),
            "scene.json: layers[0].lights_layer: no lights layer named 'lamps'");
  EXPECT_EQ(errorOf(withLayers(R"([{"type": "flood", "level": 1}])")),
            "scene.json: layers[0].name: missing (a layer needs a name)");
  EXPECT_EQ(errorOf(withLayers(R"({"name": "a"})")), "scene.json: layers: expected an array");
  EXPECT_EQ(errorOf(withLayers(R"([{"name": "a", "type": "color", "source": "energy", "field": "v",
                                   "unlit": "no"}])")),
            "scene.json: layers[0].unlit: expected true or false");
}

TEST(SceneFile, TopLevelSourceAndBookmarkErrors) {
  EXPECT_EQ(errorOf(R"({"models": []})"), "scene.json: citytwin: missing (a scene file starts with \"citytwin\": 1)");
  EXPECT_EQ(errorOf(R"({"citytwin": 2})"),
            "scene.json: citytwin: format version 2 is newer than this citytwin reads (1); update citytwin");
  EXPECT_EQ(errorOf(R"({"citytwin": 0})"), "scene.json: citytwin: unsupported format version 0 (expected 1)");
  EXPECT_EQ(errorOf(R"({"citytwin": "1"})"), "scene.json: citytwin: expected an integer");
  EXPECT_EQ(errorOf(R"([1, 2])"), "scene.json: expected a JSON object at the top level");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "origin": {"lat": 91, "lon": 0}})"),
            "scene.json: origin.lat: expected a number from -90 to 90, got 91");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "models": [{"path": "x.obj"}]})"),
            "scene.json: models[0].path: cannot tell the model kind from the extension '.obj' (expected .gltf, "
            ".glb, .b3dm, .geojson, .gpkg, .shp; or give \"kind\")");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "terrain": {"path": "t.png"}})"),
            "scene.json: terrain.path: unknown terrain format '.png' (expected .asc or .tif)");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "time": "2024-02-30T00:00:00Z"})").rfind("scene.json: time: ", 0), 0u);
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "sources": [{"name": "a", "type": "csv", "path": "a.csv", "key": "id"},
                                                   {"name": "a", "type": "csv", "path": "b.csv", "key": "id"}]})"),
            "scene.json: sources[1].name: duplicate source name 'a' (also sources[0])");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "sources": [{"name": "a", "type": "kafka"}]})"),
            "scene.json: sources[0].type: unknown source type 'kafka' (expected csv, geojson, gpkg, shp, timeseries, "
            "replay, mqtt)");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "sources": [{"name": "m", "type": "mqtt", "url": "mqtt://h:1883",
                        "topic": "a/#/b", "key": "k"}]})"),
            "scene.json: sources[0].topic: '#' must be the last topic level");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "sources": [{"name": "m", "type": "mqtt", "url": "http://h",
                        "topic": "a", "key": "k"}]})"),
            "scene.json: sources[0].url: expected an mqtt:// or mqtts:// URL");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "sources": [{"name": "m", "type": "mqtt", "url": "mqtt://h:1883",
                        "topic": "a/+", "key": "topic:x"}]})"),
            "scene.json: sources[0].key: expected \"topic:N\" with N a topic level from 0");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "sources": [{"name": "m", "type": "mqtt", "url": "mqtt://h:1883",
                        "topic": "a", "key": "k", "qos": 3}]})"),
            "scene.json: sources[0].qos: expected an integer from 0 to 2, got 3");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "bookmarks": [{"name": "b", "eye": [0, 10, 0], "target": [0, 10, 0]}]})"),
            "scene.json: bookmarks[0].target: the same point as eye (no view direction)");
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "bookmarks": [{"name": "b", "eye": [0, 10], "target": [0, 0, 0]}]})"),
            "scene.json: bookmarks[0].eye: expected 3 elements, got 2");
}

TEST(SceneFile, JsonSyntaxErrorsGiveLineAndColumn) {
  // Line 3 holds the stray comma before '}' (column 15).
  const std::string e = errorOf("{\"citytwin\": 1,\n  \"models\": [],\n  \"time\": \"x\",}");
  EXPECT_EQ(e.rfind("scene.json: line 3, column 15: invalid JSON: ", 0), 0u) << e;
  const std::string overflow = errorOf("{\"citytwin\": 1,\n \"origin\": {\"lat\": 1e400, \"lon\": 0}}");
  EXPECT_EQ(overflow.rfind("scene.json: line 2, column ", 0), 0u) << overflow;
  EXPECT_NE(overflow.find("number overflow"), std::string::npos) << overflow;
  EXPECT_EQ(errorOf(R"({"citytwin": 1, "layers": [{"name": "a", "name": "b"}]})"),
            "scene.json: layers[0].name: duplicate key");
  std::string deep = R"({"citytwin": 1, "scenarios": )" + std::string(70, '[') + std::string(70, ']') + "}";
  const std::string d = errorOf(deep);
  EXPECT_NE(d.find("nested deeper than 64 levels"), std::string::npos) << d;
  EXPECT_EQ(d.rfind("scene.json: scenarios", 0), 0u) << d;
  // Control bytes in the message are escaped: the CLI prints one line.
  const std::string ctl = errorOf("{\"citytwin\": 1, \"a\": \x01}");
  EXPECT_EQ(ctl.find('\x01'), std::string::npos);
}

TEST(SceneFile, LimitsOnSizeAndArrays) {
  std::string big(kMaxSceneFileBytes + 1, ' ');
  EXPECT_EQ(errorOf(big), "scene.json: larger than the 64 MiB a scene file may have");
  std::string layers = "[";
  for (size_t i = 0; i <= kMaxSceneLayers; ++i) layers += std::string(i ? "," : "") + "{}";
  EXPECT_EQ(errorOf(withLayers(layers + "]")), "scene.json: layers: expected 0 to 1000 elements, got 1001");
  std::string many = R"({"citytwin": 1, "scenarios": [)";
  for (size_t i = 0; i < kMaxSceneJsonValues; ++i) many += "0,";
  // The root object, the 1 and the array are values 1-3: zero k is value k + 4, and value 2000001 is zero 1999997.
  EXPECT_EQ(errorOf(many + "0]}"), "scene.json: scenarios[1999997]: more than 2000000 JSON values in one file");
}

TEST(SceneFile, UnknownAndMisplacedKeysWarnWithTheirPath) {
  auto r = parse(withLayers(R"([
      {"name": "f", "type": "flood", "level": 1, "ramp": "viridis", "colour": "#ffffff", "// note": "comment"},
      {"name": "c", "type": "color", "source": "energy", "field": "v", "domian": [0, 1]}])").insert(1, R"("bookmark": [], )"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  const std::vector<std::string> expected = {
      "scene.json: layers[0].colour: unknown key (ignored)",
      "scene.json: layers[0].ramp: not used by flood layers (ignored)",
      "scene.json: layers[1].domian: unknown key (ignored); did you mean 'domain'?",
      "scene.json: bookmark: unknown key (ignored); did you mean 'bookmarks'?"};
  EXPECT_EQ(r.warnings(), expected);

  auto m = parse(R"({"citytwin": 1, "models": [{"path": "a.glb", "height_field": "h",
                      "origin": {"lat": 1, "lon": 2, "x": 5}}]})");
  ASSERT_TRUE(m.ok()) << m.firstError();
  const std::vector<std::string> expectedModel = {
      "scene.json: models[0].origin.x: not used by an origin without a crs (ignored)",
      "scene.json: models[0].height_field: not used by glb models (ignored)"};
  EXPECT_EQ(m.warnings(), expectedModel);
}

TEST(SceneFile, ColoursParseAndFormat) {
  EXPECT_EQ(parseHexColor("#2C7bB6"), (Rgba8{44, 123, 182, 255}));
  EXPECT_EQ(parseHexColor("#ff000080"), (Rgba8{255, 0, 0, 128}));
  for (const char* bad : {"#12345", "2c7bb6", "#GG0000", "#2c7bb6f", "", "#", "red"}) {
    EXPECT_FALSE(parseHexColor(bad).has_value()) << bad;
  }
  EXPECT_EQ(formatHexColor({44, 123, 182, 255}), "#2c7bb6");
  EXPECT_EQ(formatHexColor({255, 0, 0, 128}), "#ff000080");
}

namespace {
// Every section and every layer and source type, with non-default values.
const char* kRichScene = R"({"citytwin": 1,
  "origin": {"lat": -33.8688, "lon": 151.2093, "height": 12.25},
  "models": [{"path": "city.glb", "name": "centre"},
             {"path": "tiles/t.b3dm", "origin": {"lat": -33.87, "lon": 151.21, "height": 2, "heading_deg": 12.5}},
             {"path": "footprints.shp", "origin": {"crs": "EPSG:28356", "x": 334000.1, "y": 6252000.2, "z": 1},
              "storeys_field": "levels", "metres_per_storey": 3.5, "default_storeys": 4, "key_field": "bid"}],
  "terrain": {"path": "dem.tif", "crs": "EPSG:28356", "draw": false},
  "sources": [
    {"name": "energy", "type": "csv", "path": "data/energy.csv", "key": "id", "watch": false},
    {"name": "zones", "type": "gpkg", "path": "zones.gpkg", "layer": "districts"},
    {"name": "series", "type": "timeseries", "path": "s.csv", "key": "id", "value": "kw", "time_field": "t",
     "interpolation": "linear"},
    {"name": "rec", "type": "replay", "path": "rec.jsonl", "key": "topic:1", "speed": 8, "loop": true},
    {"name": "meters", "type": "mqtt", "url": "mqtts://broker.example:8883", "topic": "city/+/kwh",
     "key": "topic:1", "qos": 1, "username": "u", "password_env": "CT_PASS",
     "tls": {"ca": "/etc/ssl/ca.pem", "insecure": true}, "reconnect": {"min_s": 0.5, "max_s": 60}}],
  "layers": [
    {"name": "Use", "type": "color", "source": "energy", "field": "use", "ramp": "categorical",
     "classes": [{"value": "home", "color": "#ff0000", "label": "Homes"}, {"value": 3}], "unlit": true,
     "title": "Building use", "opacity": 0.75},
    {"name": "Energy", "type": "color", "source": "series", "field": "kw", "ramp": "magma", "domain": [-1.5, 2e6],
     "no_data": "#00000080", "units": "kW", "visible": false},
    {"name": "Lamps", "type": "lights", "on_field": "on", "dimming_field": "dim", "cct_field": "cct",
     "default_cct": 4000, "default_lumens": 5000, "default_wattage": 45, "radius": 30, "mount_height": 6},
    {"name": "Flood", "type": "flood", "raster": "depth.tif", "seeds": [[151.2, -33.87]],
     "seeds_local": [[10.5, -20]], "depth_classes_m": [0.2, 1], "water_color": "#1e90ffc0"},
    {"name": "Lux", "type": "overlay", "compute": "illuminance", "lights_layer": "Lamps", "cell_size": 1,
     "ramp": ["#000000", "#ffffff"], "domain": [0, 50]},
    {"name": "Districts", "type": "zones", "source": "zones", "field": "kind", "fill": "#00ff0040",
     "outline": "#000000", "extrude": 20},
    {"name": "Parks", "type": "zones", "path": "/data/parks.geojson"}],
  "time": "2024-12-21T06:00:00.500Z",
  "bookmarks": [{"name": "Overview", "eye": [0, 500, 800.5], "target": [0, 0, 0], "fov_deg": 35}],
  "scenarios": [{"name": "retrofit", "whatif": {"Retrofit share residential": 0.3, "Water level [m]": 4.5},
                 "layers": [{"name": "Energy", "visible": true, "opacity": 0.8, "ramp": "viridis",
                             "domain": [50, 300]}, {"name": "Lamps", "visible": false}],
                 "time": "2026-06-21T21:30:00+08:00",
                 "camera": {"eye": [0, 300, 400.5], "target": [0, 0, 0], "fov": 35}},
                {"name": "empty"}],
  "camera_paths": {"tour": [1, 2, 3]}})";
}  // namespace

TEST(SceneFile, RoundTripParseSaveParseIsEqual) {
  TempDir dir;
  auto first = parseSceneFile(kRichScene, dir.path.string(), "rich.json");
  ASSERT_TRUE(first.ok()) << first.firstError();
  ASSERT_TRUE(first.warnings().empty()) << first.warnings().front();
  // Spot checks against the text above, so that equality below is not equality of two empty specs.
  const SceneSpec& s = first.value();
  EXPECT_EQ(s.models[2].footprints.metresPerStorey, 3.5);
  EXPECT_EQ(s.sources[4].tls.caFile, "/etc/ssl/ca.pem");
  EXPECT_TRUE(s.sources[4].tls.enabled);  // mqtts://
  EXPECT_EQ(s.sources[4].reconnectMaxS, 60.0);
  EXPECT_EQ(s.layers[0].classes.size(), 2u);
  EXPECT_EQ(std::get<double>(s.layers[0].classes[1].value), 3.0);
  EXPECT_EQ(s.layers[3].raster, (dir.path / "depth.tif").string());
  EXPECT_EQ(s.layers[3].seedsLocal[0], (LocalPoint{10.5, -20.0}));
  EXPECT_EQ(s.layers[4].compute, OverlayCompute::Illuminance);
  EXPECT_EQ(s.layers[5].outline, (Rgba8{0, 0, 0, 255}));
  EXPECT_EQ(s.timeUnixSeconds, 1734760800.5);  // 2024-12-21: day 20078
  ASSERT_EQ(s.scenarios.size(), 2u);
  EXPECT_EQ(s.scenarios[0].whatif.at("Water level [m]"), 4.5);
  EXPECT_EQ(s.scenarios[0].layers[1].visible, false);
  EXPECT_EQ(s.scenarios[0].camera->eye[2], 400.5);
  EXPECT_EQ(s.scenarios[1].name, "empty");

  const fs::path file = dir.path / "saved.json";
  auto saved = saveSceneFile(s, file.string());
  ASSERT_TRUE(saved.ok()) << saved.firstError();
  const std::string text = readText(file);
  EXPECT_NE(text.find("\"path\": \"data/energy.csv\""), std::string::npos) << "paths written relative";
  EXPECT_NE(text.find("\"path\": \"/data/parks.geojson\""), std::string::npos) << "outside paths stay absolute";
  auto second = loadSceneFile(file.string());
  ASSERT_TRUE(second.ok()) << second.firstError();
  EXPECT_TRUE(second.warnings().empty()) << second.warnings().front();
  EXPECT_EQ(second.value(), s);

  // Equality sees a change in a deep field (the check above can fail).
  SceneSpec changed = s;
  changed.layers[3].seedsLocal[0].z = -20.25;
  EXPECT_FALSE(changed == s);
  changed = s;
  changed.scenarios[0].layers[0].domain = std::array<double, 2>{50, 301};
  EXPECT_FALSE(changed == s);

  // The issue's example round-trips through text too, including from a different folder.
  auto issue = parseSceneFile(kIssueExample, dir.path.string(), "issue.json");
  ASSERT_TRUE(issue.ok());
  fs::create_directory(dir.path / "sub");
  ASSERT_TRUE(saveSceneFile(issue.value(), (dir.path / "sub" / "issue.json").string()).ok());
  EXPECT_NE(readText(dir.path / "sub" / "issue.json").find("\"path\": \"../city.glb\""), std::string::npos);
  auto again = loadSceneFile((dir.path / "sub" / "issue.json").string());
  ASSERT_TRUE(again.ok()) << again.firstError();
  EXPECT_EQ(again.value(), issue.value());
}

namespace {
int failEacces(const char*, int, unsigned) {
  errno = EACCES;
  return -1;
}
long failEnospc(int, const void*, size_t) {
  errno = ENOSPC;
  return -1;
}
long shortWrites(int fd, const void* data, size_t size) {  // 7 bytes at a time: the loop must finish the job
  return static_cast<long>(::write(fd, data, size < 7 ? size : 7));
}
int failExdev(const char*, const char*) {
  errno = EXDEV;
  return -1;
}
}  // namespace

TEST(SceneFile, FailedSavesLeaveTheOldFile) {
  TempDir dir;
  const fs::path file = dir.path / "scene.json";
  const std::string old = "{\"citytwin\": 1}\n";
  std::ofstream(file) << old;
  auto spec = parseSceneFile(kIssueExample, dir.path.string(), "x");
  ASSERT_TRUE(spec.ok());

  struct Case {
    const char* what;
    detail::SaveHooks hooks;
    const char* message;
  };
  const Case cases[] = {
      {"create refused", {failEacces, nullptr, nullptr}, "cannot create a temporary file in"},
      {"disk full", {nullptr, failEnospc, nullptr}, "write failed: No space left on device"},
      {"rename fails", {nullptr, nullptr, failExdev}, "cannot rename the temporary file over"},
  };
  for (const Case& c : cases) {
    auto r = detail::saveSceneFileWith(spec.value(), file.string(), c.hooks);
    EXPECT_FALSE(r.ok()) << c.what;
    EXPECT_NE(r.firstError().find(c.message), std::string::npos) << c.what << ": " << r.firstError();
    EXPECT_EQ(r.firstError().rfind(file.string() + ": cannot save: ", 0), 0u) << r.firstError();
    EXPECT_EQ(readText(file), old) << c.what;
    EXPECT_EQ(dir.entries(), 1u) << c.what << ": a temp file was left behind";
  }

  // Short writes still produce the whole file.
  auto ok = detail::saveSceneFileWith(spec.value(), file.string(), {nullptr, shortWrites, nullptr});
  ASSERT_TRUE(ok.ok()) << ok.firstError();
  auto back = loadSceneFile(file.string());
  ASSERT_TRUE(back.ok()) << back.firstError();
  EXPECT_EQ(back.value(), spec.value());
  EXPECT_EQ(dir.entries(), 1u);

  // A missing folder: nothing is created.
  EXPECT_FALSE(saveSceneFile(spec.value(), (dir.path / "nope" / "s.json").string()).ok());
  EXPECT_FALSE(fs::exists(dir.path / "nope"));
}

TEST(SceneFile, SaveKeepsTheOldFilesPermissions) {
  TempDir dir;
  const fs::path file = dir.path / "scene.json";
  const std::string old = "{\"citytwin\": 1}\n";
  std::ofstream(file) << old;
  ::chmod(file.c_str(), 0600);
  SceneSpec spec;
  ASSERT_TRUE(saveSceneFile(spec, file.string()).ok());
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(readText(file), "{\n  \"citytwin\": 1\n}\n");
}

TEST(SceneFile, SaveIntoAReadOnlyFolderLeavesTheOldFile) {
  TempDir dir;
  const fs::path file = dir.path / "scene.json";
  const std::string old = "{\"citytwin\": 1}\n";
  std::ofstream(file) << old;
  SceneSpec spec;
  ::chmod(dir.path.c_str(), 0555);
  // Root ignores folder permissions: the real read-only case is tested only where it can happen (the
  // simulated refusal above runs everywhere).
  const fs::path probe = dir.path / "probe";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd >= 0) {
    ::close(fd);
    ::unlink(probe.c_str());
    GTEST_SKIP() << "skipped: the folder is writable despite 0555 (running as root)";
  }
  auto r = saveSceneFile(spec, file.string());
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("Permission denied"), std::string::npos) << r.firstError();
  EXPECT_EQ(readText(file), old);
  EXPECT_EQ(dir.entries(), 1u);
}

TEST(SceneFile, DocumentedExampleParsesWithoutWarnings) {
  const char* env = std::getenv("CITYTWIN_SOURCE_DIR");
  const fs::path root = env ? fs::path(env) : fs::path(__FILE__).parent_path() / "../../..";
  const fs::path doc = root / "samples" / "SCENE_FORMAT.md";
  if (!fs::exists(doc)) GTEST_SKIP() << "skipped: " << doc << " missing";
  const std::string text = readText(doc);
  const size_t start = text.find("```json\n");
  ASSERT_NE(start, std::string::npos);
  const size_t end = text.find("```", start + 8);
  ASSERT_NE(end, std::string::npos);
  auto r = parseSceneFile(text.substr(start + 8, end - start - 8), "/samples", "SCENE_FORMAT.md");
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_TRUE(r.warnings().empty()) << r.warnings().front();
  EXPECT_EQ(r.value().layers.size(), 10u);
  auto again = parseSceneFile(sceneToJson(r.value()), "/samples", "saved");
  ASSERT_TRUE(again.ok()) << again.firstError();
  EXPECT_EQ(again.value(), r.value());
}
