// The twin's flood layers: water at a level over the terrain (filling only ground connected to the river or the
// scene's seeds) or a depth raster; which buildings stand in it; the water surface the renderer draws.
#include <algorithm>
#include <cmath>
#include <optional>

#include "io/gis.h"
#include "scene/compose.h"
#include "sim/footprints.h"
#include "twin.h"
#include "twin_internal.h"

namespace ct::app {
namespace {

// Polygon area on the local frame's plane (shoelace over x and -z), for cells of geographic rasters.
double localArea(const std::vector<glm::dvec3>& corners) {
  double a = 0.0;
  for (size_t i = 0; i < corners.size(); ++i) {
    const glm::dvec3& p = corners[i];
    const glm::dvec3& q = corners[(i + 1) % corners.size()];
    a += p.x * (-q.z) - q.x * (-p.z);
  }
  return std::abs(a) * 0.5;
}

}  // namespace

// Flood water reads as water, not as glare: muddy teal where shallow to deep blue from 3 m.
sim::WaterSurfaceOptions waterLook() {
  sim::WaterSurfaceOptions o;
  o.shallowColor = {0.16f, 0.36f, 0.40f};
  o.deepColor = {0.02f, 0.07f, 0.20f};
  o.deepDepth = 3.0;
  return o;
}

bool Twin::buildFlood(const scene::LayerSpec& layer, const TwinOptions& options, std::string& error) {
  FloodState state;
  state.layer = layer.name;
  const std::string at = "layer '" + layer.name + "'";
  std::vector<double> classes = layer.depthClassesM;
  std::vector<sim::BuildingFootprint> footprints;

  if (!layer.raster.empty()) {
    // ---- a depth raster ----
    state.fromRaster = true;
    auto depth = io::readRaster(layer.raster);
    if (!depth) {
      error = where(at + ": " + depth.firstError());  // io names the file
      return false;
    }
    state.extent.depth = std::move(depth.value());
    geo::Raster& grid = state.extent.depth;
    std::optional<geo::CrsTransform> gridToWgs84;
    if (!grid.crs.empty()) {
      if (!mFrame) {
        error = where(at + ": a depth raster in a CRS needs the scene's \"origin\"");
        return false;
      }
      auto t = geo::CrsTransform::create(grid.crs, geo::kWgs84Crs);
      if (!t) {
        error = where(at + ": " + layer.raster + ": " + t.firstError());
        return false;
      }
      gridToWgs84.emplace(std::move(t.value()));
    }
    auto rasterToLocal = [&](glm::dvec2 xy, double height) -> glm::dvec3 {
      if (!gridToWgs84) return {xy.x, height, -xy.y};
      // On the tangent plane, as extruded footprints stand (heights are above the plane, not the ellipsoid).
      auto g = gridToWgs84->transform({xy.x, xy.y, 0.0});
      glm::dvec3 p = g ? toLocal(g.value().x, g.value().y, 0.0) : glm::dvec3(xy.x, 0.0, -xy.y);
      p.y = height;
      return p;
    };
    // Footprints in the raster's CRS: GIS polygons transformed from their layer's CRS, else the scene's hulls.
    for (const FootprintSet& set : mFootprintSets) {
      std::vector<geo::Polygon> polygons = set.polygons;
      // Into the raster's x/y: CRS to CRS, or through the scene frame when one side has none (x east, y north).
      std::optional<geo::CrsTransform> t;
      if (!set.crs.empty() || !grid.crs.empty()) {
        auto made = geo::CrsTransform::create(set.crs.empty() ? geo::kWgs84Crs : set.crs,
                                              grid.crs.empty() ? geo::kWgs84Crs : grid.crs);
        if (!made) {
          error = where(at + ": " + made.firstError());
          return false;
        }
        t.emplace(std::move(made.value()));
      }
      if (set.crs != grid.crs && (set.crs.empty() || grid.crs.empty()) && !mFrame) {
        error = where(at + ": footprints and depth raster in different frames need the scene's \"origin\"");
        return false;
      }
      for (geo::Polygon& p : polygons)
        for (auto& ring : p.rings)
          for (glm::dvec2& v : ring) {
            if (set.crs.empty() && grid.crs.empty()) continue;
            glm::dvec3 q(v.x, v.y, 0.0);
            if (set.crs.empty()) {  // scene frame -> lon/lat
              const geo::Geodetic g = mFrame->toGeodetic({v.x, 0.0, -v.y});
              q = {g.lon, g.lat, 0.0};
            }
            auto r = t->transform(q);  // -> the raster's CRS, or lon/lat when it has none
            if (!r) continue;
            if (grid.crs.empty()) {  // lon/lat -> scene frame
              const glm::dvec3 local = toLocal(r.value().x, r.value().y, 0.0);
              v = {local.x, -local.z};
            } else {
              v = {r.value().x, r.value().y};
            }
          }
      auto fp = sim::footprintsFromPolygons(set.keys, polygons);
      for (auto& f : fp) f.row = mScene.features.find(f.key);
      footprints.insert(footprints.end(), fp.begin(), fp.end());
    }
    if (mFootprintSets.empty()) {
      footprints = sim::footprintsFromScene(mScene);
      std::erase_if(footprints, [](const sim::BuildingFootprint& f) { return f.key.rfind("flood:", 0) == 0; });
      if (gridToWgs84)
        sim::mapFootprints(footprints, [&](glm::dvec2 xy) {
          const geo::Geodetic g = mFrame->toGeodetic({xy.x, 0.0, -xy.y});
          auto r = gridToWgs84->inverse({g.lon, g.lat, 0.0});
          return r ? glm::dvec2(r.value().x, r.value().y) : xy;
        });
    }
    sim::CellAreaFn cellArea;
    if (gridToWgs84)
      cellArea = [&](int col, int row) {
        std::vector<glm::dvec3> corners;
        for (auto [dc, dr] : {std::pair{0, 0}, {1, 0}, {1, 1}, {0, 1}}) {
          const double c = col + dc, r = row + dr;
          corners.push_back(rasterToLocal({grid.gt[0] + c * grid.gt[1] + r * grid.gt[2],
                                           grid.gt[3] + c * grid.gt[4] + r * grid.gt[5]}, 0.0));
        }
        return localArea(corners);
      };
    auto report = sim::analyzeRaster(footprints, grid, classes, cellArea);
    if (!report) {
      error = where(at + ": " + report.firstError());
      return false;
    }
    state.report = std::move(report.value());
    if (options.buildGeometry && layer.visible) {
      scene::Mesh water =
          sim::waterSurfaceFromDepth(displayGrid(grid, kMaxDrapedCells, mWarnings, at), rasterToLocal, waterLook());
      addWater(std::move(water), layer.name);
    }
  } else {
    // ---- a level over the terrain ----
    if (!mTerrain) {
      error = where(at + ": a flood level needs the scene's \"terrain\"");
      return false;
    }
    if (!options.floodLevel && !layer.level) {
      error = where(at + ": a flood layer needs a \"level\" or a \"raster\"");
      return false;
    }
    state.level = options.floodLevel ? *options.floodLevel : *layer.level;
    std::vector<sim::Seed> seeds;
    for (const scene::LonLat& s : layer.seeds) {
      if (!mFrame) {
        error = where(at + ": seeds at lon/lat need the scene's \"origin\"");
        return false;
      }
      glm::dvec2 xy;
      if (terrainXy(toLocal(s.lon, s.lat, 0.0), xy)) seeds.push_back(sim::Seed::at(xy));
    }
    for (const scene::LocalPoint& s : layer.seedsLocal) {
      glm::dvec2 xy;
      if (terrainXy({s.x, 0.0, s.z}, xy)) seeds.push_back(sim::Seed::at(xy));
    }
    sim::LocalToRaster toRaster;
    if (mTerrainToWgs84)
      toRaster = [this](glm::dvec3 local) {
        glm::dvec2 xy(0.0);
        terrainXy(local, xy);
        return xy;
      };
    if (seeds.empty()) seeds = sim::seedsFromWaterMeshes(mScene, *mTerrain, toRaster);
    if (seeds.empty()) mWarnings.push_back(at + ": no seeds and no water meshes: nothing can flood");
    auto extent = sim::floodFromLevel(*mTerrain, state.level, seeds);
    if (!extent) {
      error = where(at + ": " + extent.firstError());
      return false;
    }
    for (const std::string& w : extent.warnings()) mWarnings.push_back(at + ": " + w);
    state.extent = std::move(extent.value());
    state.seeds = seeds;
    state.classes = classes;
    footprints = sim::footprintsFromScene(mScene);
    if (toRaster)
      sim::mapFootprints(footprints, [&](glm::dvec2 xy) { return toRaster({xy.x, 0.0, -xy.y}); });
    // Only features that are buildings: not water or overlays of other layers.
    std::erase_if(footprints, [](const sim::BuildingFootprint& f) { return f.key.rfind("flood:", 0) == 0; });
    auto report = sim::analyzeLevel(footprints, *mTerrain, state.extent, state.level, classes);
    if (!report) {
      error = where(at + ": " + report.firstError());
      return false;
    }
    state.report = std::move(report.value());
    state.footprints = footprints;
    if (options.buildGeometry && layer.visible) {
      sim::WaterSurfaceOptions wo = waterLook();
      wo.level = state.level;
      sim::RasterToLocal toLocalFn;
      if (mTerrainToWgs84) toLocalFn = [this](glm::dvec2 xy, double h) { return terrainToLocal(xy, h); };
      addWater(sim::waterSurface(state.extent, *mTerrain, toLocalFn, wo), layer.name);
    }
  }
  // Without drawn geometry (info, analyze) the water's feature row is still there, so rows match a render's.
  if (!options.buildGeometry && layer.visible) mScene.features.add("flood:" + layer.name);
  // Depth per feature row and the table the layer's tint reads.
  state.depthOfRow.assign(mScene.features.size(), 0.0);
  auto depths = std::make_unique<layers::MapValueTable>();
  for (size_t i = 0; i < footprints.size() && i < state.report.depths.size(); ++i) {
    const double d = state.report.depths[i];
    if (d <= 0.0) continue;
    const int64_t row = footprints[i].row >= 0 ? footprints[i].row : mScene.features.find(footprints[i].key);
    if (row >= 0 && size_t(row) < state.depthOfRow.size())
      state.depthOfRow[size_t(row)] = std::max(state.depthOfRow[size_t(row)], d);
    depths->setNumber(footprints[i].key, "depth", d);
  }
  state.depthTable = depths.get();
  mExtraTableNames.emplace_back("flood:" + layer.name, depths.get());
  mExtraTables.push_back(std::move(depths));
  mFloods.push_back(std::move(state));
  return true;
}

// The scene's flood-water material (added on first use).
int Twin::waterMaterial() {
  for (size_t i = 0; i < mScene.materials.size(); ++i)
    if (mScene.materials[i].name == "flood_water") return int(i);
  mScene.materials.push_back(sim::floodWaterMaterial());
  // Slightly rough: a mirror-sharp sky at grazing angles would hide the depth colours the layer is about.
  mScene.materials.back().roughnessFactor = 0.3f;
  return int(mScene.materials.size()) - 1;
}

// The water surface as its own node and feature row ("flood:LAYER"), so that ids and picking see the water.
void Twin::addWater(scene::Mesh mesh, const std::string& layerName) {
  size_t indices = 0;
  for (const scene::Primitive& p : mesh.primitives) indices += p.indices.size();
  if (indices == 0) {  // no water drawn: the row stays, so that rows do not depend on the level
    mScene.features.add("flood:" + layerName);
    return;
  }
  const int material = waterMaterial();
  for (scene::Primitive& p : mesh.primitives) p.material = material;
  mesh.name = "flood_water";
  scene::addStandaloneMesh(mScene, std::move(mesh), "flood_water:" + layerName, "flood:" + layerName);
}

}  // namespace ct::app
