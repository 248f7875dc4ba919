// Zones: polygons (GeoJSON source, or a GeoJSON/GeoPackage/Shapefile path) draped on the ground or extruded,
// filled by a property through a ramp or classes (or one fill colour), outlined, with a legend.
#include <algorithm>
#include <map>

#include "data/file_source.h"
#include "data/geojson.h"
#include "io/gis.h"
#include "layers/color_layer.h"
#include "scene/compose.h"
#include "twin.h"
#include "twin_internal.h"

namespace ct::app {
namespace {

struct Zone {
  std::vector<std::vector<glm::dvec3>> rings;  // local metres (y unused until draped)
  std::optional<double> number;
  std::string text;
};

std::string textOf(const scene::PropertyValue& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return scene::toString(v);
}

}  // namespace

bool Twin::buildZones(const scene::LayerSpec& layer, std::string& error) {
  const std::string at = "layer '" + layer.name + "'";
  std::vector<Zone> zones;
  bool geographic = true;
  std::optional<geo::CrsTransform> toWgs84;
  auto local = [&](double x, double y) -> std::optional<glm::dvec3> {
    if (!geographic) return glm::dvec3(x, 0.0, -y);
    if (!mFrame) return std::nullopt;
    if (toWgs84) {
      auto r = mFrame->toLocal(*toWgs84, x, y, 0.0);
      return r ? std::optional<glm::dvec3>(r.value()) : std::nullopt;
    }
    return toLocal(x, y, 0.0);
  };
  const SourceHolder* source = layer.source.empty() ? nullptr : findSource(layer.source);
  if (!layer.source.empty() && !source) {
    error = where(at + ": unknown source '" + layer.source + "'");
    return false;
  }
  if (auto* geojson = source ? dynamic_cast<const data::GeoJsonSource*>(source->source.get()) : nullptr) {
    if (!mFrame) {
      error = where(at + ": zones at lon/lat need the scene's \"origin\"");
      return false;
    }
    for (const data::GeoJsonFeature& f : geojson->features()) {
      if (!f.geometry) continue;
      Zone base;
      if (!layer.field.empty())
        for (const auto& [name, value] : f.properties)
          if (name == layer.field) {
            base.number = value.asNumber();
            base.text = value.isText() ? value.text : value.isNumber() ? scene::toString(value.number) : "";
          }
      for (const data::PolygonRings& poly : f.geometry->polygons) {
        Zone z = base;
        for (const data::PositionList& ring : poly) {
          std::vector<glm::dvec3> r;
          for (size_t i = 0; i + 1 < ring.size() || (i < ring.size() && ring.front() != ring.back()); ++i)
            if (auto p = local(ring[i].x, ring[i].y)) r.push_back(*p);
          if (r.size() >= 3) z.rings.push_back(std::move(r));
        }
        if (!z.rings.empty()) zones.push_back(std::move(z));
      }
    }
  } else {
    const std::string path = layer.path.empty() && source ? source->spec.path : layer.path;
    if (path.empty()) {
      error = where(at + ": a zones layer needs a \"source\" (GeoJSON) or a \"path\"");
      return false;
    }
    auto v = io::readVector(path);
    if (!v) {
      error = where(at + ": " + v.firstError());  // io names the file
      return false;
    }
    geographic = !v->crs.empty();
    if (geographic) {
      auto t = geo::CrsTransform::create(v->crs, geo::kWgs84Crs);
      if (!t) {
        error = path + ": " + t.firstError();
        return false;
      }
      toWgs84.emplace(std::move(t.value()));
      if (!mFrame) {
        error = where(at + ": zones in a CRS need the scene's \"origin\"");
        return false;
      }
    }
    for (const io::VectorFeature& f : v->features) {
      Zone base;
      if (const scene::PropertyValue* p = layer.field.empty() ? nullptr : v->value(f, layer.field)) {
        if (auto* d = std::get_if<double>(p)) base.number = *d;
        else if (auto* n = std::get_if<int64_t>(p)) base.number = double(*n);
        base.text = textOf(*p);
      }
      for (const geo::Polygon& poly : f.polygons) {
        Zone z = base;
        for (const auto& ring : poly.rings) {
          std::vector<glm::dvec3> r;
          for (const glm::dvec2& q : ring)
            if (auto p = local(q.x, q.y)) r.push_back(*p);
          if (r.size() >= 3) z.rings.push_back(std::move(r));
        }
        if (!z.rings.empty()) zones.push_back(std::move(z));
      }
    }
  }
  if (zones.empty()) {
    mWarnings.push_back(at + ": no polygons to draw");
    return true;
  }

  // Colours: numbers through the ramp over the domain, texts as classes, else the fill colour.
  bool numeric = !layer.field.empty() && std::all_of(zones.begin(), zones.end(), [](const Zone& z) { return z.number.has_value(); });
  std::vector<std::string> classes;
  if (!layer.field.empty() && !numeric) {
    std::map<std::string, int> seen;
    for (const Zone& z : zones)
      if (seen.emplace(z.text, 0).second) classes.push_back(z.text);
  }
  std::vector<std::string> stops;
  for (const auto& c : layer.ramp.stops) stops.push_back(hexOf(c));
  double lo = 0.0, hi = 1.0;
  if (layer.domain) {
    lo = (*layer.domain)[0];
    hi = (*layer.domain)[1];
  } else if (numeric) {
    lo = 1e300;
    hi = -1e300;
    for (const Zone& z : zones) {
      lo = std::min(lo, *z.number);
      hi = std::max(hi, *z.number);
    }
    if (lo == hi) hi = lo + 1.0;
  }
  const std::string rampName = !classes.empty() ? "categorical" : layer.ramp.name.empty() ? "viridis" : layer.ramp.name;
  auto ramp = layers::buildRamp(layer.name, rampName, classes.empty() ? stops : std::vector<std::string>{}, lo, hi,
                                hexOf(layer.noData));
  if (!ramp) {
    error = where(ramp.firstError());
    return false;
  }
  auto colorOf = [&](const Zone& z) -> layers::Srgb {
    if (layer.field.empty()) return {layer.fill.r, layer.fill.g, layer.fill.b, 255.0f};
    if (numeric) return ramp->sample(*z.number);
    const auto it = std::find(classes.begin(), classes.end(), z.text);
    return ramp->classColor(it - classes.begin());
  };

  // One cell budget for the layer: the cells grow when the zones are large, and zones spanning more than a
  // region are refused (a continent-sized polygon would otherwise cost minutes and gigabytes).
  glm::dvec2 allLo(1e300), allHi(-1e300);
  double boxArea = 0.0;
  for (const Zone& z : zones) {
    glm::dvec2 zl(1e300), zh(-1e300);
    for (const glm::dvec3& p : z.rings.front()) {
      zl = glm::min(zl, glm::dvec2(p.x, -p.z));
      zh = glm::max(zh, glm::dvec2(p.x, -p.z));
    }
    allLo = glm::min(allLo, zl);
    allHi = glm::max(allHi, zh);
    boxArea += (zh.x - zl.x) * (zh.y - zl.y);
  }
  constexpr double kMaxExtentM = 200000.0, kMaxCells = double(kMaxDrapedCells);
  if (!(allHi.x - allLo.x <= kMaxExtentM && allHi.y - allLo.y <= kMaxExtentM)) {
    error = where(at + ": the zones span " + std::to_string(int64_t(std::max(allHi.x - allLo.x, allHi.y - allLo.y) / 1000.0)) +
                  " km (at most 200 km around the scene)");
    return false;
  }
  double cs = std::max(3.0, layer.cellSize);
  if (boxArea / (cs * cs) > kMaxCells) {
    cs = std::sqrt(boxArea / kMaxCells);
    mWarnings.push_back(at + ": zones drawn with " + std::to_string(int(std::ceil(cs))) + " m cells (at most " +
                        std::to_string(int64_t(kMaxCells)) + " cells a layer)");
  }
  scene::Primitive fill, outline;
  outline.topology = scene::Topology::Lines;
  const double lift = 0.4, height = std::max(0.0, layer.extrude);
  for (const Zone& z : zones) {
    const layers::Srgb c = colorOf(z);
    const glm::vec4 col(layers::srgbToLinear(glm::vec3(c) / 255.0f), 1.0f);
    std::vector<std::vector<glm::dvec2>> rings2;
    std::vector<glm::dvec3> flat;
    for (const auto& ring : z.rings) {
      rings2.emplace_back();
      for (const glm::dvec3& p : ring) {
        rings2.back().push_back({p.x, -p.z});
        glm::dvec3 q = p;
        q.y = terrainHeightAt(p.x, p.z, p.y) + lift;
        flat.push_back(q);
      }
    }
    if (height > 0.0) {  // extruded: a flat top over the triangulated polygon (walls below)
      const std::vector<uint32_t> tris = io::triangulate(rings2);
      const auto base = uint32_t(fill.vertices.size());
      for (const glm::dvec3& p : flat) {
        scene::Vertex v;
        v.position = glm::vec3(p + glm::dvec3(0.0, height, 0.0));
        v.color = col;
        fill.vertices.push_back(v);
        fill.bounds.extend(glm::dvec3(v.position));
      }
      for (uint32_t i : tris) fill.indices.push_back(base + i);
    } else {
      // Draped: cells whose centres lie in the polygon (holes excluded, even-odd by scanline), each following
      // the terrain, so that a zone across a valley lies on the valley floor instead of spanning it.
      glm::dvec2 lo(1e300), hi(-1e300);
      for (const glm::dvec2& q : rings2.front()) {
        lo = glm::min(lo, q);
        hi = glm::max(hi, q);
      }
      const int ny = int(std::ceil((hi.y - lo.y) / cs));
      std::vector<double> xs;
      for (int j = 0; j < ny; ++j) {
        const double n = lo.y + (j + 0.5) * cs;  // the row's centre line
        xs.clear();
        for (const auto& ring : rings2)
          for (size_t k = 0; k < ring.size(); ++k) {
            const glm::dvec2 a = ring[k], b = ring[(k + 1) % ring.size()];
            if ((a.y <= n) != (b.y <= n)) xs.push_back(a.x + (n - a.y) / (b.y - a.y) * (b.x - a.x));
          }
        std::sort(xs.begin(), xs.end());
        for (size_t k = 0; k + 1 < xs.size(); k += 2) {
          // Cells whose centre x lies in [xs[k], xs[k+1]).
          const int i0 = std::max(0, int(std::ceil((xs[k] - lo.x) / cs - 0.5)));
          const int i1 = int(std::ceil((xs[k + 1] - lo.x) / cs - 0.5));
          for (int i = i0; i < i1; ++i) {
            const double x = lo.x + i * cs, s0 = n - cs * 0.5;
            const auto base = uint32_t(fill.vertices.size());
            for (auto [dx, dn] : {std::pair{0.0, 0.0}, {cs, 0.0}, {cs, cs}, {0.0, cs}}) {
              const double px = x + dx, pz = -(s0 + dn);
              scene::Vertex v;
              v.position = glm::vec3(px, terrainHeightAt(px, pz, 0.0) + lift, pz);
              v.color = col;
              fill.vertices.push_back(v);
              fill.bounds.extend(glm::dvec3(v.position));
            }
            fill.indices.insert(fill.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
          }
        }
      }
    }
    size_t ringStart = 0;
    for (const auto& ring : z.rings) {
      const auto n = uint32_t(ring.size());
      for (uint32_t i = 0; i < n; ++i) {
        const glm::dvec3 a = flat[ringStart + i], b = flat[ringStart + (i + 1) % n];
        const auto ob = uint32_t(outline.vertices.size());
        for (const glm::dvec3& p : {a, b}) {
          scene::Vertex v;
          v.position = glm::vec3(p + glm::dvec3(0.0, height + 0.05, 0.0));
          v.color = layer.outline ? glm::vec4(layers::srgbToLinear(glm::vec3(layer.outline->r, layer.outline->g,
                                                                               layer.outline->b) / 255.0f), 1.0f)
                                  : glm::vec4(glm::vec3(col) * 0.5f, 1.0f);
          outline.vertices.push_back(v);
          outline.bounds.extend(glm::dvec3(v.position));
        }
        outline.indices.insert(outline.indices.end(), {ob, ob + 1});
        if (height > 0.0) {  // a wall under the edge
          const auto wb = uint32_t(fill.vertices.size());
          for (const glm::dvec3& p : {a, b, b + glm::dvec3(0, height, 0), a + glm::dvec3(0, height, 0)}) {
            scene::Vertex v;
            v.position = glm::vec3(p);
            v.color = col;
            fill.vertices.push_back(v);
            fill.bounds.extend(p);
          }
          fill.indices.insert(fill.indices.end(), {wb, wb + 1, wb + 2, wb, wb + 2, wb + 3});
        }
      }
      ringStart += n;
    }
  }
  const float alpha = float(std::clamp(layer.opacity, 0.05, 1.0));
  fill.material = outline.material = [&] {
    scene::Material m;
    m.name = "zones:" + layer.name;
    m.baseColorFactor = glm::vec4(1.0f, 1.0f, 1.0f, alpha);
    m.alphaMode = alpha < 1.0f ? scene::AlphaMode::Blend : scene::AlphaMode::Opaque;
    m.metallicFactor = 0.0f;
    m.roughnessFactor = 1.0f;  // lit like the ground it lies on: readable by day, dim at night
    m.doubleSided = true;
    mScene.materials.push_back(m);
    return int(mScene.materials.size()) - 1;
  }();
  scene::Mesh mesh{"zones:" + layer.name, {std::move(fill)}};
  if (!outline.indices.empty()) mesh.primitives.push_back(std::move(outline));
  scene::addStandaloneMesh(mScene, std::move(mesh), "zones:" + layer.name);
  const std::string title = layer.title.empty() ? layer.name : layer.title;
  if (!classes.empty())
    mExtraLegends.push_back(layers::classLegend(title, layer.units, ramp.value(), classes, false));
  else if (numeric)
    mExtraLegends.push_back(layers::rampLegend(title, layer.units, ramp.value(), false));
  else
    mExtraLegends.push_back(layers::classLegend(title, layer.units,
                                                layers::Ramp::categorical({{float(layer.fill.r), float(layer.fill.g),
                                                                            float(layer.fill.b), 255.0f}}),
                                                {title}, false));
  return true;
}

}  // namespace ct::app
