// Footprints to buildings: each polygon feature extruded to its height (from a height or storeys field), walls
// and a flat roof, one node per building keyed like its feature row, attributes as properties.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <glm/gtc/matrix_transform.hpp>

#include "io/gis.h"

namespace ct::io {
namespace {

constexpr size_t kMaxBuildingPoints = 20'000;  // ear clipping is quadratic; real footprints have tens of points
constexpr double kMaxHeight = 1000.0;

// A number in text, all of it (surrounding spaces allowed): "12.5" yes, "12 m" no.
std::optional<double> parseNumber(const std::string& text) {
  const char* s = text.c_str();
  char* end = nullptr;
  const double v = std::strtod(s, &end);
  if (end == s) return std::nullopt;
  while (*end == ' ' || *end == '\t') ++end;
  if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<double> numberOf(const scene::PropertyValue* v) {
  if (!v) return std::nullopt;
  if (auto* i = std::get_if<int64_t>(v)) return double(*i);
  if (auto* d = std::get_if<double>(v)) return std::isfinite(*d) ? std::optional<double>(*d) : std::nullopt;
  if (auto* s = std::get_if<std::string>(v)) return parseNumber(*s);
  return std::nullopt;
}

struct Counts {
  uint64_t defaulted = 0, noPolygon = 0, unmapped = 0, tooBig = 0, forced = 0, renamed = 0;
};

// One building's mesh in coordinates relative to `centre` (x east, z south), walls and roof in one primitive.
class BuildingMesh {
 public:
  BuildingMesh(float height, uint32_t feature) : mHeight(height), mFeature(feature) {}

  // A ring in (east, north) metres relative to the centre; `outer` rings run counter-clockwise, holes clockwise.
  void walls(const std::vector<glm::dvec2>& ring) {
    for (size_t i = 0, n = ring.size(); i < n; ++i) {
      const glm::dvec2 a = ring[i], b = ring[(i + 1) % n];
      const glm::dvec2 d = b - a;
      const double len = glm::length(d);
      if (len == 0.0) continue;
      // Material on the left of a ccw outer ring and of a cw hole: outward is to the right.
      const glm::vec3 out(float(d.y / len), 0.0f, float(d.x / len));  // (right_e, 0, -right_n), right = (dn, -de)
      const glm::vec3 a0 = at(a, 0.0f), b0 = at(b, 0.0f), b1 = at(b, mHeight), a1 = at(a, mHeight);
      const uint32_t base = uint32_t(mPrim.vertices.size());
      for (const glm::vec3& p : {a0, b0, b1, a1}) vertex(p, out);
      const bool flip = glm::dot(glm::cross(b0 - a0, b1 - a0), out) < 0.0f;
      const uint32_t quad[6] = {0, 1, 2, 0, 2, 3}, flipped[6] = {0, 2, 1, 0, 3, 2};
      for (uint32_t k : flip ? flipped : quad) mPrim.indices.push_back(base + k);
    }
  }

  void roof(const std::vector<std::vector<glm::dvec2>>& rings, Counts& counts) {
    int forced = 0;
    const std::vector<uint32_t> tris = triangulate(rings, &forced);
    counts.forced += uint64_t(forced);
    const uint32_t base = uint32_t(mPrim.vertices.size());
    for (const auto& r : rings)
      for (const glm::dvec2& p : r) vertex(at(p, mHeight), {0.0f, 1.0f, 0.0f});
    for (size_t t = 0; t + 2 < tris.size(); t += 3) {
      // Counter-clockwise in (east, north) seen from above stays counter-clockwise in (x, up, -north).
      mPrim.indices.insert(mPrim.indices.end(), {base + tris[t], base + tris[t + 1], base + tris[t + 2]});
    }
  }

  scene::Primitive take() {
    mPrim.material = 0;
    for (const scene::Vertex& v : mPrim.vertices) mPrim.bounds.extend(glm::dvec3(v.position));
    return std::move(mPrim);
  }

 private:
  static glm::vec3 at(glm::dvec2 en, float y) { return {float(en.x), y, float(-en.y)}; }
  void vertex(const glm::vec3& p, const glm::vec3& n) {
    scene::Vertex v;
    v.position = p;
    v.normal = n;
    v.feature = mFeature;
    mPrim.vertices.push_back(v);
  }
  scene::Primitive mPrim;
  float mHeight;
  uint32_t mFeature;
};

std::string formatMetres(double m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g m", m);
  return buf;
}

double ringArea(const std::vector<glm::dvec2>& r) {
  double a = 0.0;
  for (size_t i = 0, n = r.size(); i < n; ++i) a += r[i].x * r[(i + 1) % n].y - r[(i + 1) % n].x * r[i].y;
  return 0.5 * a;
}

}  // namespace

std::optional<double> parseStoreys(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '+')) t.pop_back();  // "10+": at least 10
  const std::optional<double> v = parseNumber(t);
  if (!v || *v <= 0.0 || *v > 1000.0) return std::nullopt;
  return v;
}

Result<scene::Scene> extrudeFootprints(const VectorLayer& layer, const FootprintOptions& options,
                                       const ToLocal& toLocal, const BaseHeight& baseHeight) {
  using R = Result<scene::Scene>;
  const std::string where = "layer '" + layer.name + "'";
  for (const std::string* f : {&options.heightField, &options.storeysField})
    if (!f->empty() && layer.fieldIndex(*f) < 0) return R::fail(where + ": no field named '" + *f + "'");
  if (!(options.metresPerStorey > 0.0) || !(options.defaultStoreys > 0.0) || !(options.defaultHeight >= 0.0))
    return R::fail(where + ": metres per storey and default storeys must be positive");
  if (!toLocal) return R::fail(where + ": no transform to the scene frame");
  const double fallback =
      options.defaultHeight > 0.0 ? options.defaultHeight : options.defaultStoreys * options.metresPerStorey;

  scene::Scene s;
  scene::Material m;
  m.name = "building";
  m.baseColorFactor = {0.80f, 0.77f, 0.72f, 1.0f};  // light warm grey
  m.metallicFactor = 0.0f;
  m.roughnessFactor = 0.8f;
  s.materials.push_back(m);
  Counts counts;
  for (const VectorFeature& f : layer.features) {
    if (f.polygons.empty()) {
      ++counts.noPolygon;
      continue;
    }
    size_t points = 0;
    for (const geo::Polygon& p : f.polygons)
      for (const auto& r : p.rings) points += r.size();
    if (points > kMaxBuildingPoints) {
      ++counts.tooBig;
      continue;
    }
    // Height: the height field, else storeys, else the default.
    std::optional<double> height;
    if (!options.heightField.empty()) {
      height = numberOf(layer.value(f, options.heightField));
      if (height && !(*height > 0.0 && *height <= kMaxHeight)) height.reset();
    }
    if (!height && !options.storeysField.empty()) {
      const scene::PropertyValue* v = layer.value(f, options.storeysField);
      std::optional<double> storeys;
      if (v && std::holds_alternative<std::string>(*v)) storeys = parseStoreys(std::get<std::string>(*v));
      else if ((storeys = numberOf(v)) && !(*storeys > 0.0 && *storeys <= 1000.0)) storeys.reset();
      if (storeys) height = *storeys * options.metresPerStorey;
    }
    if (!height) {
      ++counts.defaulted;
      height = fallback;
    }
    // Footprint to local metres, then to (east, north) around the building's centre.
    std::vector<geo::Polygon> local = f.polygons;
    glm::dvec2 lo(INFINITY), hi(-INFINITY);
    bool mapped = true;
    for (geo::Polygon& p : local)
      for (auto& r : p.rings)
        for (glm::dvec2& q : r) {
          glm::dvec3 l;
          if (!toLocal({q.x, q.y, 0.0}, l) || !std::isfinite(l.x) || !std::isfinite(l.z)) mapped = false;
          q = {l.x, -l.z};
          lo = glm::min(lo, q);
          hi = glm::max(hi, q);
        }
    if (!mapped) {
      ++counts.unmapped;
      continue;
    }
    const glm::dvec2 centre = 0.5 * (lo + hi);
    std::string key = f.key;
    if (s.features.find(key) >= 0) {
      key += "#" + std::to_string(f.fid);
      ++counts.renamed;
    }
    const uint32_t row = s.features.add(key);
    BuildingMesh mesh(float(*height), row + 1);
    for (geo::Polygon& p : local) {
      for (size_t i = 0; i < p.rings.size(); ++i) {
        auto& r = p.rings[i];
        for (glm::dvec2& q : r) q -= centre;
        const double a = ringArea(r);
        if ((i == 0) != (a > 0.0)) std::reverse(r.begin(), r.end());  // outer ccw, holes cw
        mesh.walls(r);
      }
      mesh.roof(p.rings, counts);
    }
    for (size_t i = 0; i < layer.fields.size() && i < f.values.size(); ++i)
      if (!std::holds_alternative<std::monostate>(f.values[i]))
        s.features.set(row, layer.fields[i].name, layer.fields[i].type, f.values[i]);
    s.features.set(row, "extruded_height", "FLOAT64", *height);

    const double base = baseHeight ? baseHeight(centre.x, -centre.y) : 0.0;
    s.meshes.push_back({key, {mesh.take()}});
    scene::Node node;
    node.name = key;
    node.mesh = int(s.meshes.size()) - 1;
    node.world = glm::translate(glm::dmat4(1.0), glm::dvec3(centre.x, std::isfinite(base) ? base : 0.0, -centre.y));
    s.nodes.push_back(node);
    s.instances.push_back({node.mesh, int(s.nodes.size()) - 1, node.world, row + 1});
  }
  s.computeBounds();
  std::vector<std::string> warnings;
  auto warn = [&](uint64_t n, const std::string& what) {
    if (n) warnings.push_back(where + ": " + std::to_string(n) + " " + what);
  };
  warn(counts.defaulted, "building(s) without a usable height or storeys value got " + formatMetres(fallback));
  warn(counts.noPolygon, "feature(s) without polygons left out");
  warn(counts.unmapped, "footprint(s) outside what the scene frame can map left out");
  warn(counts.tooBig, "footprint(s) of more than " + std::to_string(kMaxBuildingPoints) + " points left out");
  warn(counts.forced, "roof triangulation(s) had to cut through self-touching or crossing rings");
  warn(counts.renamed, "repeated key(s) made unique with '#FID'");
  return R::ok(std::move(s), std::move(warnings));
}

}  // namespace ct::io
