// A loaded twin: a scene file (or a bare model) composed into one scene, with its data sources, layers, flood
// water, lamps, time and sun. Its frame loop: update(now) polls the sources and re-evaluates the layers; applyTo()
// hands the renderer what changed (per-feature state, point lights, lighting). The CLI, and the viewer next,
// drive the same object.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/memory_budget.h"
#include "core/time.h"
#include "data/source.h"
#include "geo/crs.h"
#include "geo/raster.h"
#include "layers/layer_manager.h"
#include "render/lights.h"
#include "render/renderer.h"
#include "scene/batching.h"
#include "scene/coarse_lod.h"
#include "scene/scenario.h"
#include "scene/scene.h"
#include "scene/scene_file.h"
#include "sim/flood.h"
#include "sim/sun_position.h"

namespace ct::app {

// Render intensity of a point light per candela: street lamps (a few thousand cd) then light the street below
// about as brightly as the night exposure needs (tuned by eye on the generated district).
inline constexpr float kCandelaToRender = 1.0f / 30.0f;
// Raster layers are drawn with at most this many cells (coarser blocks past it); analyses use every cell.
inline constexpr size_t kMaxDrapedCells = 250000;
// The layer the viewer's energy what-if colours (added when buildings have a floor_area property).
using scene::kEnergyWhatIfLayer;
geo::Raster displayGrid(const geo::Raster& r, size_t maxCells, std::vector<std::string>& warnings,
                        const std::string& what);

struct TwinOptions {
  bool batch = true;
  bool printWarnings = true;  // "warning: FILE: ..." for each load warning, on stderr
  uint64_t maxMemoryBytes = MemoryBudget::defaultLimit();
  // --layers: only these layers are shown (by name); nullopt: the scene's own visibility.
  std::optional<std::vector<std::string>> layers;
  std::optional<Instant> time;  // --time: overrides the scene's
  std::optional<double> floodLevel;  // --level: overrides every flood layer's level
  bool connectLive = true;      // open MQTT sources (analysis and info do not need them)
  bool buildGeometry = true;    // water, overlay, zone and ground meshes (analysis does not draw)
};

// A flood layer as evaluated: the extent (level over terrain) or the depth raster, and which buildings it holds.
struct FloodState {
  std::string layer;
  bool fromRaster = false;
  double level = 0.0;
  sim::FloodExtent extent;              // level mode: on the terrain's grid
  const geo::Raster* depth = nullptr;   // the depth grid (extent.depth, or the raster read)
  std::vector<double> depthOfRow;       // per feature row: its water depth (0: dry)
  sim::FloodReport report;
  // Level mode: what a new level needs (Twin::setFloodLevel).
  std::vector<sim::Seed> seeds;
  std::vector<sim::BuildingFootprint> footprints;
  std::vector<double> classes;
  layers::MapValueTable* depthTable = nullptr;  // "flood:LAYER" as the layers read it
};

class Twin {
 public:
  // Opens a scene file (.json) or a model (.gltf/.glb/.b3dm, used as-is). nullptr with `error` set to one line
  // ("FILE: what is wrong") for bad input.
  static std::unique_ptr<Twin> open(const std::string& path, const TwinOptions& options, std::string& error);
  ~Twin();

  scene::Scene& scene() { return mScene; }
  const scene::Scene& scene() const { return mScene; }
  const scene::SceneSpec& spec() const { return mSpec; }
  const std::string& path() const { return mPath; }
  const std::vector<std::string>& warnings() const { return mWarnings; }
  double loadMs() const { return mLoadMs; }
  const scene::BatchStats& batched() const { return mBatched; }

  // Time and light: the instant (--time, else the scene's time, else none), the sun there (needs the scene's
  // origin), and the renderer's lighting for it (the renderer's default day without a time).
  const std::optional<Instant>& time() const { return mTime; }
  const std::optional<sim::SunPosition>& sun() const { return mSun; }
  render::Lighting lighting() const;
  bool lampsOn() const;
  // A new instant (UTC seconds; the offset kept): sun, sky and lamps follow at the next update().
  void setTime(double unixSeconds);

  // One frame: polls every source (never blocks), re-evaluates the layers whose inputs changed. True when the
  // per-feature state or the lights changed.
  bool update(double nowUnixSeconds);
  // Uploads what changed since the last call (all of it the first time) to the renderer.
  void applyTo(render::Renderer& renderer);
  const layers::FeatureVisuals& visuals() const { return mLayers.visuals(); }
  layers::LayerManager& layerManager() { return mLayers; }
  std::vector<render::PointLight> pointLights() const;
  std::vector<layers::Legend> legends() const;

  // Live sources: whether any, and their status (one line each for the CLI).
  bool hasLiveSources() const;
  void waitForLiveConnections(double timeoutSeconds) const;
  std::vector<data::SourceStatus> sourceStatus() const;
  std::vector<std::string> layerWarnings() const;

  const std::vector<FloodState>& floods() const { return mFloods; }

  // ---- what-if (the viewer) ----
  // Re-floods every level-mode flood layer at `level` (the numbers `analyze flood --level` prints for it) and
  // redraws its water: the scene's geometry changes (geometryVersion), so a renderer must be made anew.
  bool setFloodLevel(double level, std::string& error);
  bool hasLevelFlood() const;
  // The first level-mode flood layer's report at another level, leaving the twin as it is (compare mode).
  std::optional<sim::FloodReport> floodReportAt(double level) const;
  uint64_t geometryVersion() const { return mGeometryVersion; }
  // Coarse levels of detail (scene/coarse_lod.h) for every large primitive now, and for the water of every later
  // flood level: the viewer's frames while the camera moves.
  scene::CoarseLodStats buildCoarseLods();
  // The next applyTo() uploads everything (a new renderer).
  void resetApplied() { mFirstApply = true; }
  // Ground height (scene +Y) under scene x/z from the terrain, if any.
  std::optional<double> groundHeight(double x, double z) const;
  // Every property of a feature row: its feature-table properties, then each source's fields for its key.
  std::vector<std::pair<std::string, std::string>> describe(int64_t row) const;
  // Numeric source values for a key ("source.field"), for live plots.
  std::vector<std::pair<std::string, double>> numericValues(const std::string& key) const;
  const std::vector<layers::LampInput>& lamps() const { return mLamps; }
  // Lighting what-if on the picture: a share of the non-LED lamps shown as LEDs (the first ones by id hash),
  // and every lamp dimmed to `dimming` (1: as the data says).
  void setLightingWhatIf(double ledShare, double dimming);
  // Energy what-if on the picture: kWh/m2 a year per building key for the "Energy what-if" layer.
  void setEnergyWhatIf(const std::vector<std::pair<std::string, double>>& kwhPerM2);
  bool hasEnergyWhatIfLayer() const { return mEnergyWhatIf != nullptr; }
  const geo::Raster* terrain() const { return mTerrain ? &*mTerrain : nullptr; }

 private:
  struct SourceHolder {
    explicit SourceHolder(std::unique_ptr<data::Source> s);
    ~SourceHolder();
    scene::SourceSpec spec;
    std::unique_ptr<data::Source> source;
    std::unique_ptr<layers::ValueTable> view;  // the table as the layers read it
  };
  Twin() = default;
  const SourceHolder* findSource(const std::string& name) const;
  bool load(const TwinOptions& options, std::string& error);
  bool loadModels(const TwinOptions& options, std::string& error);
  bool loadTerrain(std::string& error);
  bool openSources(const TwinOptions& options, std::string& error);
  bool buildLayers(const TwinOptions& options, std::string& error);
  bool buildFlood(const scene::LayerSpec& layer, const TwinOptions& options, std::string& error);
  bool buildLamps(const scene::LayerSpec& layer, std::string& error);
  bool buildOverlay(const scene::LayerSpec& layer, std::string& error);
  bool buildZones(const scene::LayerSpec& layer, std::string& error);
  void setTime(const TwinOptions& options);
  layers::LayerInputs inputs() const;
  void applyFloodFlags();
  void addWater(scene::Mesh mesh, const std::string& layerName);
  int waterMaterial();
  void addTerrainMesh();
  std::optional<scene::Scene> loadFootprints(const scene::ModelSpec& model, std::string& error);
  bool terrainXy(const glm::dvec3& local, glm::dvec2& xy) const;   // local point -> terrain raster x/y
  glm::dvec3 terrainToLocal(glm::dvec2 xy, double height) const;   // terrain raster x/y + height -> local
  std::string where(const std::string& what) const;  // "SCENE: what"
  // Scene-frame position of a WGS84 point (needs the origin).
  glm::dvec3 toLocal(double lon, double lat, double height) const;
  double terrainHeightAt(double x, double z, double fallback) const;

  std::string mPath;
  scene::SceneSpec mSpec;
  scene::Scene mScene;
  std::optional<geo::LocalFrame> mFrame;
  std::optional<geo::Raster> mTerrain;  // in the scene frame (x east, y north) unless mTerrainCrs is set
  std::optional<geo::CrsTransform> mTerrainToWgs84;
  std::vector<std::string> mWarnings;
  double mLoadMs = 0.0;
  scene::BatchStats mBatched;
  std::optional<Instant> mTime;
  std::optional<sim::SunPosition> mSun;

  std::vector<std::unique_ptr<SourceHolder>> mSources;
  std::vector<std::unique_ptr<layers::ValueTable>> mExtraTables;  // flood depths, scene lamps' attributes
  std::vector<std::pair<std::string, const layers::ValueTable*>> mExtraTableNames;
  layers::LayerManager mLayers;
  std::vector<layers::LampInput> mLamps;
  uint64_t mLampsVersion = 1;
  bool mHasLightsLayer = false;
  std::vector<FloodState> mFloods;
  // GIS footprints as read (for flood analysis in a raster's CRS): key and polygon per building, layer CRS.
  struct FootprintSet {
    std::string crs;
    std::vector<std::string> keys;
    std::vector<geo::Polygon> polygons;
  };
  std::vector<FootprintSet> mFootprintSets;
  std::vector<layers::Legend> mExtraLegends;  // overlays and zones (drawn as meshes, not per feature)
  uint64_t mAppliedVisualsVersion = ~0ull;
  bool mCoarseLods = false;
  uint64_t mGeometryVersion = 1;
  std::vector<layers::LampInput> mLampsAsData;  // before the lighting what-if
  layers::MapValueTable* mEnergyWhatIf = nullptr;
  bool mLightsDirty = true;
  bool mFirstApply = true;
};

}  // namespace ct::app
