// Geometry the twin makes from data: footprints extruded into buildings (with a ground under them when the
// scene has no terrain), the terrain mesh, value overlays draped on the ground, zones.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "data/file_source.h"
#include "data/geojson.h"
#include "io/gis.h"
#include "layers/color_layer.h"
#include "layers/lights_layer.h"
#include "scene/compose.h"
#include "twin.h"
#include "twin_internal.h"

namespace ct::app {
namespace {

scene::Vertex vertexAt(const glm::dvec3& p, const glm::vec4& color) {
  scene::Vertex v;
  v.position = glm::vec3(p);
  v.normal = glm::vec3(0.0f, 1.0f, 0.0f);
  v.color = color;
  return v;
}

// A draped, unlit, blended material with vertex colours.
int drapeMaterial(scene::Scene& s, const std::string& name, float alpha) {
  scene::Material m;
  m.name = name;
  m.baseColorFactor = glm::vec4(1.0f, 1.0f, 1.0f, alpha);
  m.alphaMode = alpha < 1.0f ? scene::AlphaMode::Blend : scene::AlphaMode::Opaque;
  m.unlit = true;
  m.doubleSided = true;
  m.metallicFactor = 0.0f;
  s.materials.push_back(m);
  return int(s.materials.size()) - 1;
}

}  // namespace

// A raster coarse enough to draw: blocks of step x step cells become one (the largest value in the block, so
// that a deep cell or a bright spot is not averaged away); the original when it is small enough. The analysis
// always uses the full raster.
geo::Raster displayGrid(const geo::Raster& r, size_t maxCells, std::vector<std::string>& warnings,
                        const std::string& what) {
  const size_t cells = size_t(r.cols) * size_t(r.rows);
  if (cells <= maxCells) return r;
  const int step = int(std::ceil(std::sqrt(double(cells) / double(maxCells))));
  geo::Raster out;
  out.cols = (r.cols + step - 1) / step;
  out.rows = (r.rows + step - 1) / step;
  out.crs = r.crs;
  out.gt[0] = r.gt[0];
  out.gt[3] = r.gt[3];
  out.gt[1] = r.gt[1] * step;
  out.gt[2] = r.gt[2] * step;
  out.gt[4] = r.gt[4] * step;
  out.gt[5] = r.gt[5] * step;
  out.values.assign(size_t(out.cols) * out.rows, geo::Raster::kNoData);
  for (int row = 0; row < r.rows; ++row)
    for (int col = 0; col < r.cols; ++col) {
      const float v = r.at(col, row);
      if (geo::Raster::isNoData(v)) continue;
      float& o = out.values[out.index(col / step, row / step)];
      o = geo::Raster::isNoData(o) ? v : std::max(o, v);
    }
  warnings.push_back(what + ": a " + std::to_string(r.cols) + " x " + std::to_string(r.rows) + " raster is drawn in " +
                     std::to_string(step) + " x " + std::to_string(step) + " blocks (the analysis uses every cell)");
  return out;
}

namespace {

glm::vec4 linearColor(const layers::Srgb& c255) {
  return glm::vec4(layers::srgbToLinear(glm::vec3(c255) / 255.0f), 1.0f);
}

}  // namespace

std::optional<scene::Scene> Twin::loadFootprints(const scene::ModelSpec& model, std::string& error) {
  auto layer = io::readVector(model.path, {.layer = model.footprints.layer, .keyField = model.footprints.keyField});
  if (!layer) {
    error = where("footprints: " + layer.firstError());  // io names the file
    return std::nullopt;
  }
  for (const std::string& w : layer.warnings()) mWarnings.push_back(model.path + ": " + w);
  io::VectorLayer& v = layer.value();
  std::optional<geo::CrsTransform> toWgs84;
  if (!v.crs.empty()) {
    auto t = geo::CrsTransform::create(v.crs, geo::kWgs84Crs);
    if (!t) {
      error = model.path + ": " + t.firstError();
      return std::nullopt;
    }
    toWgs84.emplace(std::move(t.value()));
    if (!mFrame) {
      // No origin: the centre of the footprints' extent, so that a GIS layer opens without writing one.
      glm::dvec2 lo(1e300), hi(-1e300);
      for (const auto& f : v.features)
        for (const auto& p : f.polygons)
          for (const glm::dvec2& q : p.rings.front()) {
            lo = glm::min(lo, q);
            hi = glm::max(hi, q);
          }
      auto c = toWgs84->transform({(lo.x + hi.x) * 0.5, (lo.y + hi.y) * 0.5, 0.0});
      if (!c) {
        error = model.path + ": " + c.firstError();
        return std::nullopt;
      }
      mSpec.origin = geo::Geodetic{c.value().y, c.value().x, 0.0};
      mFrame.emplace(*mSpec.origin);
      mWarnings.push_back("no \"origin\": the scene frame is centred on " + model.path + "'s extent");
    }
  }
  io::ToLocal toLocalFn = [&](const glm::dvec3& xyz, glm::dvec3& local) {
    if (!toWgs84) {
      local = {xyz.x, xyz.z, -xyz.y};
      return true;
    }
    auto r = mFrame->toLocal(*toWgs84, xyz.x, xyz.y, 0.0);
    if (!r) return false;
    local = r.value();
    return true;
  };
  io::BaseHeight base;
  if (mTerrain) base = [this](double x, double z) { return terrainHeightAt(x, z, 0.0); };
  io::FootprintOptions fo;
  fo.heightField = model.footprints.heightField;
  fo.storeysField = model.footprints.storeysField;
  fo.metresPerStorey = model.footprints.metresPerStorey;
  fo.defaultStoreys = model.footprints.defaultStoreys;
  auto extruded = io::extrudeFootprints(v, fo, toLocalFn, base);
  if (!extruded) {
    error = model.path + ": " + extruded.firstError();
    return std::nullopt;
  }
  for (const std::string& w : extruded.warnings()) mWarnings.push_back(model.path + ": " + w);
  FootprintSet set;
  set.crs = v.crs;
  for (const io::VectorFeature& f : v.features) {
    if (f.polygons.empty()) continue;
    // A multipolygon building is analysed by its largest part.
    const geo::Polygon* largest = &f.polygons.front();
    double best = -1.0;
    for (const geo::Polygon& p : f.polygons) {
      double a = 0.0;
      const auto& r = p.rings.front();
      for (size_t i = 0; i < r.size(); ++i) a += r[i].x * r[(i + 1) % r.size()].y - r[(i + 1) % r.size()].x * r[i].y;
      if (std::abs(a) > best) {
        best = std::abs(a);
        largest = &p;
      }
    }
    set.keys.push_back(f.key);
    set.polygons.push_back(*largest);
  }
  mFootprintSets.push_back(std::move(set));
  scene::Scene s = std::move(extruded.value());
  if (!mTerrain) {
    // A ground under the buildings (slightly below the tangent plane they stand on).
    s.computeBounds();
    const scene::Bounds b = s.bounds;
    if (!b.empty()) {
      const double margin = 0.1 * std::max(b.max.x - b.min.x, b.max.z - b.min.z) + 50.0;
      scene::Material ground;
      ground.name = "ground";
      ground.baseColorFactor = glm::vec4(0.10f, 0.11f, 0.09f, 1.0f);  // dark: the buildings and water read on it
      ground.metallicFactor = 0.0f;
      ground.roughnessFactor = 0.95f;
      s.materials.push_back(ground);
      scene::Primitive p;
      p.material = int(s.materials.size()) - 1;
      const int n = 32;
      for (int j = 0; j <= n; ++j)
        for (int i = 0; i <= n; ++i) {
          const double x = b.min.x - margin + (b.max.x - b.min.x + 2 * margin) * i / n;
          const double z = b.min.z - margin + (b.max.z - b.min.z + 2 * margin) * j / n;
          const glm::dvec3 pos(x, -0.05, z);  // the tangent plane the footprints stand on
          p.vertices.push_back(vertexAt(pos, glm::vec4(1.0f)));
          p.bounds.extend(pos);
        }
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
          const uint32_t a = uint32_t(j * (n + 1) + i), c = a + uint32_t(n + 1);
          p.indices.insert(p.indices.end(), {a, c, a + 1, a + 1, c, c + 1});
        }
      scene::addStandaloneMesh(s, scene::Mesh{"ground", {std::move(p)}}, "ground");
    }
  }
  return s;
}

// Illuminance from the lamps (all on, as at night) or a value raster, draped on the terrain through a ramp.
bool Twin::buildOverlay(const scene::LayerSpec& layer, std::string& error) {
  const std::string at = "layer '" + layer.name + "'";
  const double lo = layer.domain ? (*layer.domain)[0] : 0.0, hi = layer.domain ? (*layer.domain)[1] : 30.0;
  auto ramp = layers::buildRamp(layer.name, layer.ramp.name.empty() ? "viridis" : layer.ramp.name,
                                [&] {
                                  std::vector<std::string> s;
                                  for (const auto& c : layer.ramp.stops) s.push_back(hexOf(c));
                                  return s;
                                }(),
                                lo, hi, "#00000000");
  if (!ramp) {
    error = where(ramp.firstError());
    return false;
  }
  scene::Primitive prim;
  if (layer.compute == scene::OverlayCompute::Illuminance || layer.raster.empty()) {
    layers::LightsLayerProps lp;
    std::vector<layers::LampLight> lamps = layers::evaluateLights(lp, mLamps, -90.0);
    if (lamps.empty()) {
      mWarnings.push_back(at + ": no lamps to compute illuminance from (a lights layer must come first)");
      return true;
    }
    // Cells over the lamps' reach; each lamp adds E = I cos(theta) / d^2 to the cells within its radius, on
    // the ground under each cell (the terrain's height there).
    // Only lamps over the scene count (a stray lamp on another continent would stretch the grid).
    scene::Bounds area = mScene.bounds;
    area.extend(area.min - glm::dvec3(100.0));
    area.extend(area.max + glm::dvec3(100.0));
    scene::Bounds reach;
    size_t outside = 0;
    std::vector<layers::LampLight> inside;
    for (const auto& l : lamps) {
      if (area.empty() || l.position.x < area.min.x || l.position.x > area.max.x || l.position.z < area.min.z ||
          l.position.z > area.max.z) {
        ++outside;
        continue;
      }
      reach.extend(l.position - glm::dvec3(l.radius));
      reach.extend(l.position + glm::dvec3(l.radius));
      inside.push_back(l);
    }
    if (outside) mWarnings.push_back(at + ": " + std::to_string(outside) + " lamp(s) away from the scene left out");
    if (reach.empty()) return true;
    if (layer.cellSize < 0.5) mWarnings.push_back(at + ": cell_size raised to 0.5 m");
    const double cell = std::max({0.5, layer.cellSize,
                                  std::sqrt((reach.max.x - reach.min.x) * (reach.max.z - reach.min.z) / double(kMaxDrapedCells))});
    const int cols = int(std::ceil((reach.max.x - reach.min.x) / cell));
    const int rows = int(std::ceil((reach.max.z - reach.min.z) / cell));
    std::vector<float> lux(size_t(cols) * rows, 0.0f), ground(size_t(cols) * rows, 0.0f);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c)
        ground[size_t(r) * cols + c] = float(terrainHeightAt(reach.min.x + (c + 0.5) * cell,
                                                             reach.min.z + (r + 0.5) * cell, 0.0));
    for (const auto& l : inside) {
      if (!l.on || l.intensity <= 0.0f) continue;
      const int c0 = std::max(0, int((l.position.x - l.radius - reach.min.x) / cell));
      const int c1 = std::min(cols - 1, int((l.position.x + l.radius - reach.min.x) / cell));
      const int r0 = std::max(0, int((l.position.z - l.radius - reach.min.z) / cell));
      const int r1 = std::min(rows - 1, int((l.position.z + l.radius - reach.min.z) / cell));
      for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
          const size_t i = size_t(r) * cols + c;
          const glm::dvec3 p(reach.min.x + (c + 0.5) * cell, ground[i], reach.min.z + (r + 0.5) * cell);
          const glm::dvec3 d = l.position - p;
          const double d2 = glm::dot(d, d);
          if (d.y <= 0.0 || d2 > double(l.radius) * l.radius) continue;
          lux[i] += float(l.intensity * (d.y / std::sqrt(d2)) / std::max(d2, 1.0));
        }
    }
    const float floor = float(lo + (hi - lo) * 0.02);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        const size_t i = size_t(r) * cols + c;
        if (lux[i] <= floor) continue;
        const glm::vec4 col = linearColor(ramp->sample(lux[i]));
        const double x = reach.min.x + c * cell, z = reach.min.z + r * cell, y = ground[i] + 0.3;
        const auto base = uint32_t(prim.vertices.size());
        for (auto [dx, dz] : {std::pair{0.0, 0.0}, {cell, 0.0}, {cell, cell}, {0.0, cell}}) {
          glm::dvec3 p(x + dx, y, z + dz);
          prim.vertices.push_back(vertexAt(p, col));
          prim.bounds.extend(p);
        }
        prim.indices.insert(prim.indices.end(), {base, base + 2, base + 1, base, base + 3, base + 2});
      }
  } else {
    auto raster = io::readRaster(layer.raster);
    if (!raster) {
      error = where(at + ": " + raster.firstError());  // io names the file
      return false;
    }
    const geo::Raster g = displayGrid(raster.value(), kMaxDrapedCells, mWarnings, at);
    std::optional<geo::CrsTransform> toWgs84;
    if (!g.crs.empty()) {
      if (!mFrame) {
        error = where(at + ": a raster in a CRS needs the scene's \"origin\"");
        return false;
      }
      auto t = geo::CrsTransform::create(g.crs, geo::kWgs84Crs);
      if (!t) {
        error = where(at + ": " + t.firstError());
        return false;
      }
      toWgs84.emplace(std::move(t.value()));
    }
    auto corner = [&](double c, double r) {
      const glm::dvec2 xy(g.gt[0] + c * g.gt[1] + r * g.gt[2], g.gt[3] + c * g.gt[4] + r * g.gt[5]);
      glm::dvec3 p(xy.x, 0.0, -xy.y);
      if (toWgs84)
        if (auto w = toWgs84->transform({xy.x, xy.y, 0.0})) p = toLocal(w.value().x, w.value().y, 0.0);
      p.y = terrainHeightAt(p.x, p.z, p.y) + 0.3;
      return p;
    };
    for (int r = 0; r < g.rows; ++r)
      for (int c = 0; c < g.cols; ++c) {
        const float v = g.at(c, r);
        if (geo::Raster::isNoData(v)) continue;
        const glm::vec4 col = linearColor(ramp->sample(v));
        const auto base = uint32_t(prim.vertices.size());
        for (auto [dc, dr] : {std::pair{0, 0}, {1, 0}, {1, 1}, {0, 1}}) {
          const glm::dvec3 p = corner(c + dc, r + dr);
          prim.vertices.push_back(vertexAt(p, col));
          prim.bounds.extend(p);
        }
        prim.indices.insert(prim.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
      }
  }
  if (prim.indices.empty()) return true;
  prim.material = drapeMaterial(mScene, "overlay:" + layer.name, float(std::clamp(layer.opacity, 0.05, 1.0)));
  scene::addStandaloneMesh(mScene, scene::Mesh{"overlay:" + layer.name, {std::move(prim)}}, "overlay:" + layer.name);
  mExtraLegends.push_back(layers::rampLegend(layer.title.empty() ? layer.name : layer.title,
                                             layer.units.empty() && layer.compute == scene::OverlayCompute::Illuminance
                                                 ? "lx"
                                                 : layer.units,
                                             ramp.value(), false));
  return true;
}

}  // namespace ct::app

namespace ct::app {

// The terrain raster as a lit mesh (cell centres joined; nodata cells left out).
void Twin::addTerrainMesh() {
  if (!mTerrain || mTerrain->empty()) return;
  const geo::Raster& t = *mTerrain;
  // At most ~1000 x 1000 vertices: larger grids are sampled every `step` cells.
  const int step = std::max(1, int(std::ceil(std::max(t.cols, t.rows) / 1000.0)));
  const int cols = (t.cols + step - 1) / step, rows = (t.rows + step - 1) / step;
  scene::Primitive p;
  std::vector<int64_t> index(size_t(cols) * rows, -1);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int tc = std::min(t.cols - 1, c * step), tr = std::min(t.rows - 1, r * step);
      const float h = t.at(tc, tr);
      if (geo::Raster::isNoData(h)) continue;
      const glm::dvec3 pos = terrainToLocal(t.cellCenter(tc, tr), h);
      index[size_t(r) * cols + c] = int64_t(p.vertices.size());
      p.vertices.push_back(vertexAt(pos, glm::vec4(1.0f)));
      p.bounds.extend(pos);
    }
  for (int r = 0; r + 1 < rows; ++r)
    for (int c = 0; c + 1 < cols; ++c) {
      const int64_t a = index[size_t(r) * cols + c], b = index[size_t(r) * cols + c + 1],
                    d = index[size_t(r + 1) * cols + c], e = index[size_t(r + 1) * cols + c + 1];
      if (a < 0 || b < 0 || d < 0 || e < 0) continue;
      p.indices.insert(p.indices.end(), {uint32_t(a), uint32_t(d), uint32_t(b), uint32_t(b), uint32_t(d), uint32_t(e)});
    }
  if (p.indices.empty()) return;
  // Normals from the faces around each vertex.
  for (auto& v : p.vertices) v.normal = glm::vec3(0.0f);
  for (size_t i = 0; i + 2 < p.indices.size(); i += 3) {
    scene::Vertex &a = p.vertices[p.indices[i]], &b = p.vertices[p.indices[i + 1]], &c = p.vertices[p.indices[i + 2]];
    glm::vec3 n = glm::cross(b.position - a.position, c.position - a.position);
    if (n.y < 0.0f) n = -n;
    a.normal += n;
    b.normal += n;
    c.normal += n;
  }
  for (auto& v : p.vertices) v.normal = glm::length(v.normal) > 0.0f ? glm::normalize(v.normal) : glm::vec3(0, 1, 0);
  scene::Material m;
  m.name = "terrain";
  m.baseColorFactor = glm::vec4(0.30f, 0.36f, 0.24f, 1.0f);
  m.metallicFactor = 0.0f;
  m.roughnessFactor = 0.95f;
  m.doubleSided = true;
  mScene.materials.push_back(m);
  p.material = int(mScene.materials.size()) - 1;
  scene::addStandaloneMesh(mScene, scene::Mesh{"terrain", {std::move(p)}}, "terrain");
}

}  // namespace ct::app
