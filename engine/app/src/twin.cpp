// Opening a twin (scene file or bare model), its time and light, and its frame loop (twin.h).
#include "twin.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <glm/gtc/matrix_transform.hpp>

#include "data/time_series.h"
#include "io/gis.h"
#include "io/gltf_loader.h"
#include "scene/compose.h"
#include "sim/daylight.h"
#include "twin_internal.h"

namespace ct::app {
namespace {

bool endsWith(std::string s, const char* suffix) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  const std::string x(suffix);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

// A bare model as a scene with one model used as-is.
scene::SceneSpec specForModel(const std::string& path) {
  scene::SceneSpec spec;
  spec.baseDir = std::filesystem::path(path).parent_path().string();
  scene::ModelSpec m;
  m.path = path;
  m.kind = endsWith(path, ".gltf") ? scene::ModelKind::Gltf
           : endsWith(path, ".b3dm") ? scene::ModelKind::B3dm
                                     : scene::ModelKind::Glb;
  spec.models.push_back(m);
  return spec;
}

// Rotation about +Y that turns north (-Z) clockwise (seen from above) by `headingDeg`.
glm::dmat4 headingRotation(double headingDeg) {
  return glm::rotate(glm::dmat4(1.0), glm::radians(-headingDeg), glm::dvec3(0.0, 1.0, 0.0));
}

}  // namespace

Twin::~Twin() = default;

std::string Twin::where(const std::string& what) const { return mPath + ": " + what; }

glm::dvec3 Twin::toLocal(double lon, double lat, double height) const {
  return mFrame->toLocal(geo::Geodetic{lat, lon, height});
}

std::unique_ptr<Twin> Twin::open(const std::string& path, const TwinOptions& options, std::string& error) {
  std::unique_ptr<Twin> twin(new Twin());
  twin->mPath = path;
  const auto t0 = std::chrono::steady_clock::now();
  if (endsWith(path, ".json")) {
    auto spec = scene::loadSceneFile(path);
    if (!spec) {
      error = spec.firstError();
      if (error.rfind(path, 0) != 0) error = path + ": " + error;
      return nullptr;
    }
    for (std::string w : spec.warnings()) {
      if (w.rfind(path + ": ", 0) == 0) w.erase(0, path.size() + 2);
      twin->mWarnings.push_back(std::move(w));
    }
    twin->mSpec = std::move(spec.value());
  } else {
    twin->mSpec = specForModel(path);
  }
  if (!twin->load(options, error)) return nullptr;
  twin->mLoadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (options.printWarnings)
    for (const std::string& w : twin->mWarnings) std::fprintf(stderr, "warning: %s: %s\n", path.c_str(), w.c_str());
  return twin;
}

bool Twin::load(const TwinOptions& options, std::string& error) {
  if (mSpec.origin) mFrame.emplace(*mSpec.origin);
  if (!loadTerrain(error) || !loadModels(options, error)) return false;
  if (options.buildGeometry && mSpec.terrain && mSpec.terrain->draw) addTerrainMesh();
  if (!openSources(options, error) || !buildLayers(options, error)) return false;
  mScene.computeBounds();
  if (options.batch) mBatched = scene::batchSmallInstances(mScene);
  setTime(options);
  update(nowUnixSeconds());
  return true;
}

bool Twin::loadModels(const TwinOptions& options, std::string& error) {
  bool first = true;
  for (size_t i = 0; i < mSpec.models.size(); ++i) {
    const scene::ModelSpec& m = mSpec.models[i];
    const std::string at = "models[" + std::to_string(i) + "]";
    scene::Scene model;
    glm::dmat4 place(1.0);
    if (m.kind == scene::ModelKind::Footprints) {
      auto extruded = loadFootprints(m, error);
      if (!extruded) return false;
      model = std::move(*extruded);
    } else {
      auto loaded = io::loadGltf(m.path, {.maxMemoryBytes = options.maxMemoryBytes});
      if (!loaded) {
        error = m.path == mPath ? m.path + ": " + loaded.firstError() : where(at + ": " + m.path + ": " + loaded.firstError());
        return false;
      }
      for (const std::string& w : loaded.warnings()) mWarnings.push_back(m.path == mPath ? w : m.path + ": " + w);
      model = std::move(loaded.value());
      if (auto* g = std::get_if<scene::PlaceGeodetic>(&m.placement)) {
        if (!mFrame) {
          error = where(at + ".origin: placing a model at lon/lat needs the scene's \"origin\"");
          return false;
        }
        place = glm::translate(glm::dmat4(1.0), toLocal(g->lon, g->lat, g->height)) * headingRotation(g->headingDeg);
      } else if (auto* c = std::get_if<scene::PlaceCrs>(&m.placement)) {
        if (!mFrame) {
          error = where(at + ".origin: placing a model in a CRS needs the scene's \"origin\"");
          return false;
        }
        auto t = geo::CrsTransform::create(c->crs, geo::kWgs84Crs);
        if (!t) {
          error = where(at + ".origin.crs: " + t.firstError());
          return false;
        }
        auto local = mFrame->toLocal(t.value(), c->x, c->y, c->z);
        if (!local) {
          error = where(at + ".origin: " + local.firstError());
          return false;
        }
        place = glm::translate(glm::dmat4(1.0), local.value()) * headingRotation(c->headingDeg);
      }
    }
    if (first && place == glm::dmat4(1.0)) {
      mScene = std::move(model);
    } else {
      scene::appendScene(mScene, std::move(model), place, (m.name.empty() ? at : m.name) + ":");
    }
    first = false;
  }
  if (mSpec.models.empty()) mWarnings.push_back("the scene has no models");
  return true;
}

bool Twin::loadTerrain(std::string& error) {
  if (!mSpec.terrain) return true;
  auto raster = io::readRaster(mSpec.terrain->path);
  if (!raster) {
    error = where("terrain: " + raster.firstError());  // io names the file
    return false;
  }
  mTerrain = std::move(raster.value());
  if (!mSpec.terrain->crs.empty()) mTerrain->crs = mSpec.terrain->crs;
  if (!mTerrain->crs.empty()) {
    if (!mFrame) {
      error = where("terrain: a terrain in a CRS needs the scene's \"origin\"");
      return false;
    }
    auto t = geo::CrsTransform::create(mTerrain->crs, geo::kWgs84Crs);
    if (!t) {
      error = where("terrain.crs: " + t.firstError());
      return false;
    }
    mTerrainToWgs84.emplace(std::move(t.value()));
  }
  return true;
}

// Raster x/y of a local point, for the terrain.
bool Twin::terrainXy(const glm::dvec3& local, glm::dvec2& xy) const {
  if (!mTerrainToWgs84) {
    xy = {local.x, -local.z};
    return true;
  }
  const geo::Geodetic g = mFrame->toGeodetic(local);
  auto r = mTerrainToWgs84->inverse({g.lon, g.lat, 0.0});
  if (!r) return false;
  xy = {r.value().x, r.value().y};
  return true;
}

glm::dvec3 Twin::terrainToLocal(glm::dvec2 xy, double height) const {
  if (!mTerrainToWgs84) return {xy.x, height, -xy.y};
  auto g = mTerrainToWgs84->transform({xy.x, xy.y, 0.0});
  if (!g) return {xy.x, height, -xy.y};
  return toLocal(g.value().x, g.value().y, height);
}

double Twin::terrainHeightAt(double x, double z, double fallback) const {
  if (!mTerrain) return fallback;
  glm::dvec2 xy;
  int col = 0, row = 0;
  if (!terrainXy({x, 0.0, z}, xy) || !mTerrain->cellAt(xy, col, row)) return fallback;
  const float h = mTerrain->at(col, row);
  return geo::Raster::isNoData(h) ? fallback : double(h);
}

void Twin::setTime(double unixSeconds) {
  if (!std::isfinite(unixSeconds)) return;
  TwinOptions o;
  o.time = Instant{unixSeconds, mTime ? mTime->offsetMinutes : mSpec.timeOffsetMinutes};
  setTime(o);
  mLightsDirty = true;
}

void Twin::setTime(const TwinOptions& options) {
  if (options.time) {
    mTime = options.time;
  } else if (!mSpec.time.empty()) {
    mTime = Instant{mSpec.timeUnixSeconds, mSpec.timeOffsetMinutes};
  }
  if (!mTime) return;
  if (!mSpec.origin) {
    mWarnings.push_back("a time is given but the scene has no \"origin\": the sun cannot be placed (default daylight)");
    return;
  }
  sim::SunInput in;
  in.unixSeconds = mTime->unixSeconds;
  in.latitudeDeg = mSpec.origin->lat;
  in.longitudeDeg = mSpec.origin->lon;
  in.elevationM = mSpec.origin->height;
  auto sun = sim::sunPosition(in);
  if (sun) mSun = sun.value();
  else mWarnings.push_back("sun: " + sun.firstError());
}

render::Lighting Twin::lighting() const {
  render::Lighting l;
  if (!mSun) return l;
  const sim::Daylight d = sim::daylight(*mSun);
  const bool sunUp = glm::dot(d.sunColor, glm::vec3(1.0f)) > 0.0f;
  l.sunDirection = glm::dvec3(sunUp ? d.sunDirection : d.moonDirection);
  l.sunColor = sunUp ? d.sunColor : d.moonColor;
  l.skyZenith = d.skyZenith;
  l.skyHorizon = d.skyHorizon;
  l.groundColor = d.groundColor;
  l.exposure = d.exposure;
  l.night = d.nightFactor;
  return l;
}

bool Twin::lampsOn() const { return mSun && sim::daylight(*mSun).lampsOn; }

layers::LayerInputs Twin::inputs() const {
  layers::LayerInputs in;
  in.features = &mScene.features;
  in.featuresVersion = 1;
  for (const auto& s : mSources) in.sources[s->spec.name] = s->view.get();
  for (const auto& [name, table] : mExtraTableNames) in.sources[name] = table;
  in.lamps = &mLamps;
  in.lampsVersion = mLampsVersion;
  in.sunElevationDeg = mSun ? mSun->geometricElevationDeg : 90.0;  // lamps follow the sky's sunset rule
  return in;
}

bool Twin::update(double now) {
  for (auto& s : mSources) {
    if (mTime)
      if (auto* series = dynamic_cast<data::TimeSeriesSource*>(s->source.get())) series->setTime(mTime->unixSeconds);
    s->source->poll(now);
  }
  const bool changed = mLayers.update(inputs());
  if (changed) {
    applyFloodFlags();
    mLightsDirty = true;  // the manager does not say which of visuals and lights changed: lights are cheap to resend
  }
  return changed;
}

void Twin::applyTo(render::Renderer& renderer) {
  static_assert(sizeof(layers::FeatureVisual) == sizeof(render::FeatureStyle));
  layers::FeatureVisuals& v = mLayers.visuals();
  layers::DirtyRange dirty = v.takeDirty();
  if (mFirstApply) dirty = {0, v.size()};
  if (!dirty.empty() && dirty.end <= v.size())
    renderer.setFeatureStyles(static_cast<uint32_t>(dirty.begin),
                              reinterpret_cast<const render::FeatureStyle*>(v.data() + dirty.begin),
                              dirty.end - dirty.begin);
  if (mLightsDirty || mFirstApply) renderer.setPointLights(pointLights());
  mLightsDirty = false;
  mFirstApply = false;
}

std::vector<render::PointLight> Twin::pointLights() const {
  // Each pixel pays for every light whose radius reaches it: the layer's "radius" (default 25 m) caps the
  // photometric reach (down to 0.3 lx, often 50 m and more), where a pool's visible edge already lies.
  double cap = 25.0;
  for (const scene::LayerSpec& l : mSpec.layers)
    if (l.type == scene::LayerType::Lights) {
      cap = l.radius;
      break;
    }
  std::vector<render::PointLight> out;
  for (const layers::LampLight& l : mLayers.lights()) {
    if (!l.on || l.intensity <= 0.0f) continue;
    render::PointLight p;
    p.position = l.position;
    p.color = l.color;
    p.intensity = l.intensity * kCandelaToRender;
    p.radius = std::min(l.radius, float(cap));
    out.push_back(p);
  }
  return out;
}

std::vector<layers::Legend> Twin::legends() const {
  std::vector<layers::Legend> out = mLayers.legends();
  // A flood's tint has no "no data": dry buildings keep their colour. (Legends come in layer order, one per
  // visible layer that has one: colour and flood layers, then lights.)
  size_t legend = 0;
  for (const auto& p : mLayers.props()) {
    if (!layers::layerVisible(p) || legend >= out.size()) continue;
    const std::string& id = layers::layerId(p);
    if (out[legend].title != [&] {
          const scene::LayerSpec* s = mSpec.findLayer(id);
          return s && !s->title.empty() ? s->title : id;
        }())
      continue;  // this layer made no legend
    for (const FloodState& f : mFloods)
      if (f.layer == id) out[legend].showNoData = false;
    if (const scene::LayerSpec* s = mSpec.findLayer(id))  // class labels the scene gives
      for (size_t k = 0; k < s->classes.size() && k < out[legend].classes.size(); ++k)
        if (!s->classes[k].label.empty()) out[legend].classes[k].label = s->classes[k].label;
    ++legend;
  }
  out.insert(out.end(), mExtraLegends.begin(), mExtraLegends.end());
  return out;
}

std::vector<std::string> Twin::layerWarnings() const {
  std::vector<std::string> out;
  for (const auto& p : mLayers.props()) {
    const layers::LayerStatus* s = mLayers.status(layers::layerId(p));
    if (!s) continue;
    for (const std::string& e : s->errors) out.push_back("layer '" + s->id + "': " + e);
    for (const std::string& w : s->warnings) out.push_back("layer '" + s->id + "': " + w);
  }
  return out;
}

}  // namespace ct::app
