// The scene file ("citytwin": 1, JSON): a plain-data SceneSpec with its parser, validator (errors carry the JSON
// path) and atomic saver. The format is documented in samples/SCENE_FORMAT.md; the parser opens no other file.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "geo/geodetic.h"
#include "scene/scenario.h"

namespace ct::scene {

inline constexpr int kSceneFormatVersion = 1;
inline constexpr uint64_t kMaxSceneFileBytes = 64ull << 20;  // 64 MiB
inline constexpr int kMaxSceneJsonDepth = 64;                // nesting of objects and arrays
// JSON values in one file: bounds the parser's memory (~50 bytes a value) and time whatever the file holds.
inline constexpr size_t kMaxSceneJsonValues = 2'000'000;
// Array limits: far above any real scene, low enough that a hostile file cannot ask for much work.
inline constexpr size_t kMaxSceneModels = 10000;
inline constexpr size_t kMaxSceneSources = 1000;
inline constexpr size_t kMaxSceneLayers = 1000;
inline constexpr size_t kMaxSceneBookmarks = 10000;
inline constexpr size_t kMaxRampStops = 256;
inline constexpr size_t kMaxLayerClasses = 4096;
inline constexpr size_t kMaxFloodSeeds = 100000;
inline constexpr size_t kMaxDepthClasses = 64;

// "#RRGGBB" or "#RRGGBBAA".
struct Rgba8 {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba8&) const = default;
};
// Parses "#RRGGBB" / "#RRGGBBAA" (hex digits in either case); nullopt for anything else.
std::optional<Rgba8> parseHexColor(std::string_view text);
// "#rrggbb", or "#rrggbbaa" when alpha is not 255.
std::string formatHexColor(Rgba8 c);

// ---- models -------------------------------------------------------------------------------------------------
// Where a model's own coordinates sit in the scene frame.
struct PlaceAsIs {  // no "origin": the model's coordinates are the scene frame's
  bool operator==(const PlaceAsIs&) const = default;
};
struct PlaceGeodetic {  // "origin": {"lon", "lat", "height", "heading_deg"}: the model's (0,0,0) there
  double lon = 0.0, lat = 0.0, height = 0.0;
  double headingDeg = 0.0;  // rotation about up, clockwise from north seen from above
  bool operator==(const PlaceGeodetic&) const = default;
};
struct PlaceCrs {  // "origin": {"crs", "x", "y", "z", "heading_deg"}: a point in any CRS PROJ knows
  std::string crs;  // "EPSG:4547", a PROJ string, WKT...
  double x = 0.0, y = 0.0, z = 0.0;
  double headingDeg = 0.0;
  bool operator==(const PlaceCrs&) const = default;
};
using Placement = std::variant<PlaceAsIs, PlaceGeodetic, PlaceCrs>;

enum class ModelKind { Gltf, Glb, B3dm, Footprints };
const char* modelKindName(ModelKind k);  // "gltf", "glb", "b3dm", "footprints"

// Footprints (GeoJSON, GeoPackage, Shapefile polygons) extruded into buildings.
struct FootprintOptions {
  std::string heightField;     // metres; empty: none
  std::string storeysField;    // storeys x metresPerStorey when there is no height; empty: none
  double metresPerStorey = 3.0;
  int defaultStoreys = 2;      // when a feature has neither
  std::string keyField;        // feature key; empty: the feature id (FID)
  std::string layer;           // GeoPackage layer name; empty: the first
  bool operator==(const FootprintOptions&) const = default;
};

struct ModelSpec {
  std::string path;  // resolved (absolute when the scene came from a file)
  ModelKind kind = ModelKind::Glb;  // from the extension unless "kind" is given
  Placement placement;
  std::string name;  // optional label
  FootprintOptions footprints;  // kind == Footprints only
  bool operator==(const ModelSpec&) const = default;
};

// ---- terrain ------------------------------------------------------------------------------------------------
enum class TerrainFormat { AsciiGrid, GeoTiff };  // .asc (as the generator writes) / .tif .tiff through GDAL
struct TerrainSpec {
  std::string path;
  TerrainFormat format = TerrainFormat::AsciiGrid;
  std::string crs;   // empty: the raster's own, or the scene frame for an ASCII grid
  bool draw = true;  // false: used for flood and draping only
  bool operator==(const TerrainSpec&) const = default;
};

// ---- sources (one struct; which fields a type reads is listed per field) ------------------------------------
enum class SourceType { Csv, GeoJson, GeoPackage, Shapefile, TimeSeries, Replay, Mqtt };
const char* sourceTypeName(SourceType t);  // "csv", "geojson", "gpkg", "shp", "timeseries", "replay", "mqtt"
enum class Interpolation { Step, Linear };

struct MqttTls {
  bool enabled = false;  // "tls" present (mqtts:// turns it on too)
  std::string caFile, certFile, keyFile;  // resolved paths; empty: system CAs / no client certificate
  bool insecure = false;                  // skip host name verification (test brokers only)
  bool operator==(const MqttTls&) const = default;
};

struct SourceSpec {
  std::string name;  // unique, required
  SourceType type = SourceType::Csv;
  std::string path;  // files: csv, geojson, gpkg, shp, timeseries, replay
  std::string key;   // key field; mqtt: a payload field or "topic:N" (0-based topic level)
  int keyTopicLevel = -1;  // mqtt "topic:N" -> N; -1 otherwise
  std::string value;       // timeseries/mqtt: value field ("a.b" goes into objects); empty for mqtt: plain number
  bool watch = true;       // files: reload on change
  std::string layer;       // gpkg: layer name; empty: the first
  // timeseries
  std::string timeField = "time";
  Interpolation interpolation = Interpolation::Step;
  // replay
  double speed = 1.0;
  bool loop = false;
  // mqtt
  std::string url;    // mqtt://host:port or mqtts://host:port
  std::string topic;  // filter, + and # wildcards
  int qos = 0;
  std::string username, password, passwordEnv;  // passwordEnv: read the password from this variable
  MqttTls tls;
  double reconnectMinS = 1.0, reconnectMaxS = 30.0;  // exponential backoff bounds
  bool operator==(const SourceSpec&) const = default;
};

// ---- layers (one struct; fields per type as marked) ---------------------------------------------------------
enum class LayerType { Color, Lights, Flood, Overlay, Zones };
const char* layerTypeName(LayerType t);  // "color", "lights", "flood", "overlay", "zones"

// A named ramp ("viridis", "magma", "rdbu", "categorical") or explicit stops spread evenly over the domain.
struct RampSpec {
  std::string name = "viridis";  // empty when stops are given
  std::vector<Rgba8> stops;
  bool operator==(const RampSpec&) const = default;
};
using ClassValue = std::variant<std::string, double>;
struct LayerClass {  // categorical colouring: a value, its colour, its legend label
  ClassValue value;
  std::optional<Rgba8> color;  // none: next colour of the categorical palette
  std::string label;           // empty: the value
  bool operator==(const LayerClass&) const = default;
};
struct LocalPoint {  // scene frame, metres: x east, z = -north
  double x = 0.0, z = 0.0;
  bool operator==(const LocalPoint&) const = default;
};
struct LonLat {
  double lon = 0.0, lat = 0.0;
  bool operator==(const LonLat&) const = default;
};
enum class OverlayCompute { None, Illuminance };

struct LayerSpec {
  // common
  std::string name;  // unique, required
  LayerType type = LayerType::Color;
  bool visible = true;
  std::string source;  // a SourceSpec name (required by color; optional for lights and zones)
  std::string field;   // the value a feature is coloured/driven by
  std::string title;   // legend title; empty: the name
  std::string units;   // legend units
  double opacity = 1.0;
  // color, overlay
  RampSpec ramp;
  std::optional<std::array<double, 2>> domain;  // [min, max], min < max; none: the data's range
  Rgba8 noData{0x80, 0x80, 0x80, 0xff};
  bool unlit = false;
  std::vector<LayerClass> classes;  // color with the categorical ramp
  // lights (no source: the generator's lamps from the model)
  std::string onField, dimmingField, cctField;  // on/off, dimming 0..1, colour temperature in kelvin
  double defaultCct = 3000.0;
  double defaultLumens = 3000.0;
  double defaultWattage = 30.0;
  double radius = 25.0;        // metres a lamp lights
  double mountHeight = 8.0;    // metres above ground, for points without a height
  // flood: a level, or a depth raster
  std::optional<double> level;  // metres in the scene frame (+Y)
  std::string raster;           // flood: depth raster; overlay: value raster
  std::vector<LonLat> seeds;
  std::vector<LocalPoint> seedsLocal;
  std::vector<double> depthClassesM{0.1, 0.5, 1.0, 2.0};
  Rgba8 waterColor{0x2a, 0x6f, 0x97, 0xff};
  // overlay
  OverlayCompute compute = OverlayCompute::None;
  std::string lightsLayer;  // compute illuminance from this lights layer; empty: every lights layer
  double cellSize = 2.0;    // metres per computed overlay cell
  // zones (source or path)
  std::string path;
  Rgba8 fill{0xff, 0xa5, 0x00, 0xff};
  std::optional<Rgba8> outline;
  double extrude = 0.0;  // metres; 0: draped on the terrain
  bool operator==(const LayerSpec&) const = default;
};

struct Bookmark {
  std::string name;  // unique
  std::array<double, 3> eye{0.0, 0.0, 0.0};
  std::array<double, 3> target{0.0, 0.0, 0.0};
  double fovDeg = 45.0;  // vertical
  bool operator==(const Bookmark&) const = default;
};

struct SceneSpec {
  std::string baseDir;  // the folder relative paths were resolved against (saves write paths relative to it)
  std::optional<geo::Geodetic> origin;  // the local ENU frame's origin (+X east, +Y up, -Z north), metres
  std::vector<ModelSpec> models;
  std::optional<TerrainSpec> terrain;
  std::vector<SourceSpec> sources;
  std::vector<LayerSpec> layers;
  std::string time;  // ISO-8601 as written; empty: none (now)
  double timeUnixSeconds = 0.0;
  int timeOffsetMinutes = 0;
  std::vector<Bookmark> bookmarks;
  std::vector<Scenario> scenarios;  // in file order; names unique
  std::string cameraPathsJson;  // raw JSON (compact); empty: absent

  bool operator==(const SceneSpec& o) const;  // content only: baseDir is left out
  const SourceSpec* findSource(std::string_view name) const;
  const LayerSpec* findLayer(std::string_view name) const;
  const Scenario* findScenario(std::string_view name) const;
};

// Parses and validates scene JSON. Relative paths resolve against baseDir (absolute paths stay); displayName
// starts every message: "scene.json: layers[2].domain[1]: expected a number". One error at most; unknown keys
// are warnings with their path.
Result<SceneSpec> parseSceneFile(std::string_view json, const std::string& baseDir, const std::string& displayName);
// Reads (at most kMaxSceneFileBytes) and parses; paths resolve against the file's folder.
Result<SceneSpec> loadSceneFile(const std::string& path);
// Pretty JSON (2-space indent) in the format's key order; paths relative to spec.baseDir when both lie under the
// same top folder (/home/a/city.glb from /home/a/scenes: "../city.glb"), absolute otherwise.
std::string sceneToJson(const SceneSpec& spec);
// Atomic: a temp file in the same folder (".NAME.tmp-PID-N"), fsync, rename over, fsync the folder. Paths are
// written relative to the target's folder. On any failure the old file is left as it was and no temp file stays.
// After a successful rename, temp files of the same name pattern left by a killed save (their process is gone,
// their mtime older than the file just written) are removed; those of a live process are left alone.
//
// Test seam (for kill tests only): when the environment variable CITYTWIN_TEST_SAVE_PAUSE names a file, the
// save writes the first half of the text to the temp file, fsyncs it, creates that file (empty), then sleeps
// in 20 ms steps until 30 s have passed or the file has been removed, and only then writes the rest.
inline constexpr const char* kSavePauseEnv = "CITYTWIN_TEST_SAVE_PAUSE";
Result<bool> saveSceneFile(const SceneSpec& spec, const std::string& path);

namespace detail {
// Test seams for saveSceneFile: replace the system calls that can fail (nullptr: the real one).
struct SaveHooks {
  int (*open)(const char* path, int flags, unsigned mode) = nullptr;  // creating the temp file
  long (*write)(int fd, const void* data, size_t size) = nullptr;
  int (*rename)(const char* from, const char* to) = nullptr;
};
Result<bool> saveSceneFileWith(const SceneSpec& spec, const std::string& path, const SaveHooks& hooks);
}  // namespace detail

}  // namespace ct::scene
