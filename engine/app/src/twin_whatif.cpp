// The twin's what-if hooks for the viewer: a new flood level (extent, buildings, depths, water mesh), lamps as
// LEDs or dimmed, per-building energy after retrofit; plus what the inspector shows about a feature.
#include <algorithm>
#include <cmath>
#include <functional>

#include "twin.h"
#include "twin_internal.h"

namespace ct::app {

bool Twin::hasLevelFlood() const {
  return std::any_of(mFloods.begin(), mFloods.end(), [](const FloodState& f) { return !f.fromRaster; });
}

std::optional<sim::FloodReport> Twin::floodReportAt(double level) const {
  for (const FloodState& f : mFloods) {
    if (f.fromRaster || !mTerrain || !std::isfinite(level)) continue;
    auto extent = sim::floodFromLevel(*mTerrain, level, f.seeds);
    if (!extent) return std::nullopt;
    auto report = sim::analyzeLevel(f.footprints, *mTerrain, extent.value(), level, f.classes);
    if (!report) return std::nullopt;
    return std::move(report.value());
  }
  return std::nullopt;
}

scene::CoarseLodStats Twin::buildCoarseLods() {
  mCoarseLods = true;
  return scene::buildCoarseLods(mScene);
}

bool Twin::setFloodLevel(double level, std::string& error) {
  if (!std::isfinite(level)) {
    error = "the water level must be a finite number";
    return false;
  }
  for (FloodState& f : mFloods) {
    if (f.fromRaster || !mTerrain) continue;
    auto extent = sim::floodFromLevel(*mTerrain, level, f.seeds);
    if (!extent) {
      error = where("layer '" + f.layer + "': " + extent.firstError());
      return false;
    }
    auto report = sim::analyzeLevel(f.footprints, *mTerrain, extent.value(), level, f.classes);
    if (!report) {
      error = where("layer '" + f.layer + "': " + report.firstError());
      return false;
    }
    f.level = level;
    f.extent = std::move(extent.value());
    f.report = std::move(report.value());
    f.depthOfRow.assign(mScene.features.size(), 0.0);
    for (size_t i = 0; i < f.footprints.size() && i < f.report.depths.size(); ++i) {
      const double d = f.report.depths[i];
      const int64_t row = f.footprints[i].row >= 0 ? f.footprints[i].row : mScene.features.find(f.footprints[i].key);
      if (d > 0.0 && row >= 0 && size_t(row) < f.depthOfRow.size())
        f.depthOfRow[size_t(row)] = std::max(f.depthOfRow[size_t(row)], d);
      if (f.depthTable) {
        if (d > 0.0) f.depthTable->setNumber(f.footprints[i].key, "depth", d);
        else f.depthTable->setNone(f.footprints[i].key, "depth");
      }
    }
    // The water: the layer's node gets the new surface (or one is added on the layer's feature row).
    const scene::LayerSpec* spec = mSpec.findLayer(f.layer);
    if (!spec || !spec->visible) continue;
    sim::WaterSurfaceOptions wo = waterLook();
    wo.level = level;
    sim::RasterToLocal toLocalFn;
    if (mTerrainToWgs84) toLocalFn = [this](glm::dvec2 xy, double h) { return terrainToLocal(xy, h); };
    scene::Mesh mesh = sim::waterSurface(f.extent, *mTerrain, toLocalFn, wo);
    const int64_t row = mScene.features.find("flood:" + f.layer);
    const uint32_t feature = row >= 0 ? uint32_t(row) + 1 : 0;
    const int material = waterMaterial();
    for (scene::Primitive& p : mesh.primitives) {
      p.material = material;
      for (scene::Vertex& v : p.vertices) v.feature = feature;
    }
    mesh.name = "flood_water";
    if (mCoarseLods)
      for (scene::Primitive& p : mesh.primitives) p.coarseIndices = scene::coarseIndices(p);
    const std::string nodeName = "flood_water:" + f.layer;
    auto node = std::find_if(mScene.nodes.begin(), mScene.nodes.end(),
                             [&](const scene::Node& n) { return n.name == nodeName; });
    if (node != mScene.nodes.end() && node->mesh >= 0) {
      mScene.meshes[size_t(node->mesh)] = std::move(mesh);
    } else {
      const int meshIndex = int(mScene.meshes.size());
      mScene.meshes.push_back(std::move(mesh));
      scene::Node n;
      n.name = nodeName;
      n.mesh = meshIndex;
      mScene.nodes.push_back(n);
      scene::Instance instance;
      instance.mesh = meshIndex;
      instance.node = int(mScene.nodes.size()) - 1;
      instance.feature = feature;
      mScene.instances.push_back(instance);
    }
    mScene.computeBounds();
    ++mGeometryVersion;
  }
  mLayers.update(inputs());
  applyFloodFlags();
  return true;
}

std::optional<double> Twin::groundHeight(double x, double z) const {
  if (!mTerrain) return std::nullopt;
  const double h = terrainHeightAt(x, z, std::nan(""));
  if (std::isnan(h)) return std::nullopt;
  return h;
}

std::vector<std::pair<std::string, std::string>> Twin::describe(int64_t row) const {
  std::vector<std::pair<std::string, std::string>> out;
  if (row < 0 || size_t(row) >= mScene.features.size()) return out;
  const std::string& key = mScene.features.key(size_t(row));
  out.emplace_back("key", key);
  for (const scene::PropertyColumn& c : mScene.features.columns())
    if (size_t(row) < c.values.size() && !std::holds_alternative<std::monostate>(c.values[size_t(row)]))
      out.emplace_back(c.name, scene::toString(c.values[size_t(row)]));
  for (const auto& s : mSources) {
    const data::DataTable& t = s->source->table();
    const int64_t r = t.find(key);
    if (r < 0) continue;
    for (size_t f = 0; f < t.fieldCount(); ++f) {
      const data::Value* v = t.get(uint32_t(r), int(f));
      if (!v || (!v->isNumber() && !v->isText())) continue;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", v->number);
      out.emplace_back(s->spec.name + "." + t.fieldNames()[f], v->isText() ? v->text : std::string(buf));
    }
  }
  for (const FloodState& f : mFloods)
    if (size_t(row) < f.depthOfRow.size()) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f m", f.depthOfRow[size_t(row)]);
      out.emplace_back(f.layer + ".depth", buf);
    }
  return out;
}

std::vector<std::pair<std::string, double>> Twin::numericValues(const std::string& key) const {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& s : mSources) {
    const data::DataTable& t = s->source->table();
    const int64_t r = t.find(key);
    if (r < 0) continue;
    for (size_t f = 0; f < t.fieldCount(); ++f)
      if (auto n = t.number(uint32_t(r), int(f))) out.emplace_back(s->spec.name + "." + t.fieldNames()[f], *n);
  }
  return out;
}

void Twin::setLightingWhatIf(double ledShare, double dimming) {
  if (mLampsAsData.empty()) mLampsAsData = mLamps;
  ledShare = std::clamp(std::isfinite(ledShare) ? ledShare : 0.0, 0.0, 1.0);
  dimming = std::clamp(std::isfinite(dimming) ? dimming : 1.0, 0.0, 1.0);
  // The non-LED lamps in a stable order (by a hash of the id): the first share of them become LEDs.
  std::vector<size_t> old;
  for (size_t i = 0; i < mLampsAsData.size(); ++i)
    if (mLampsAsData[i].type == "sodium") old.push_back(i);
  std::stable_sort(old.begin(), old.end(), [&](size_t a, size_t b) {
    return std::hash<std::string>{}(mLampsAsData[a].id) < std::hash<std::string>{}(mLampsAsData[b].id);
  });
  mLamps = mLampsAsData;
  const size_t convert = size_t(std::llround(ledShare * double(old.size())));
  for (size_t k = 0; k < convert; ++k) {
    layers::LampInput& l = mLamps[old[k]];
    l.type = "LED";
    l.cctK.reset();
  }
  for (layers::LampInput& l : mLamps) l.dimming = l.dimming.value_or(1.0) * dimming;
  ++mLampsVersion;
  if (mLayers.update(inputs())) mLightsDirty = true;
  mLightsDirty = true;
}

void Twin::setEnergyWhatIf(const std::vector<std::pair<std::string, double>>& kwhPerM2) {
  if (!mEnergyWhatIf) return;
  for (const auto& [key, v] : kwhPerM2) mEnergyWhatIf->setNumber(key, "kwh_per_m2", v);
  mLayers.update(inputs());
}

}  // namespace ct::app
