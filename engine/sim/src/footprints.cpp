// Building footprints: convex hulls of feature geometry in the raster frame, and polygon helpers.
#include "sim/footprints.h"

#include <algorithm>
#include <cmath>

namespace ct::sim {

namespace {

double cross(glm::dvec2 o, glm::dvec2 a, glm::dvec2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Twice the signed area of a ring (counter-clockwise positive), relative to `origin` so that large projected
// coordinates (UTM eastings of 10^5..10^6 m) keep their precision.
double ringSignedArea2(const std::vector<glm::dvec2>& ring, glm::dvec2 origin) {
  double sum = 0.0;
  for (size_t i = 0, n = ring.size(); i < n; ++i) {
    glm::dvec2 a = ring[i] - origin, b = ring[(i + 1) % n] - origin;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum;
}

}  // namespace

std::vector<glm::dvec2> convexHull(std::vector<glm::dvec2> points) {
  std::sort(points.begin(), points.end(),
            [](glm::dvec2 a, glm::dvec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  points.erase(std::unique(points.begin(), points.end()), points.end());
  if (points.size() < 3) return points;
  std::vector<glm::dvec2> hull(2 * points.size());
  size_t k = 0;
  for (size_t i = 0; i < points.size(); ++i) {  // lower chain
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], points[i]) <= 0.0) --k;
    hull[k++] = points[i];
  }
  for (size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {  // upper chain
    while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0.0) --k;
    hull[k++] = points[i];
  }
  hull.resize(k - 1);  // the last point repeats the first
  return hull;
}

std::vector<BuildingFootprint> footprintsFromScene(const scene::Scene& scene) {
  const size_t rows = scene.features.size();
  std::vector<std::vector<glm::dvec2>> points(rows);
  std::vector<double> base(rows, std::numeric_limits<double>::infinity());
  for (const scene::Instance& inst : scene.instances) {
    if (inst.mesh < 0 || size_t(inst.mesh) >= scene.meshes.size()) continue;
    for (const scene::Primitive& prim : scene.meshes[size_t(inst.mesh)].primitives) {
      if (prim.topology != scene::Topology::Triangles) continue;
      for (const scene::Vertex& v : prim.vertices) {
        uint32_t feature = v.feature != 0 ? v.feature : inst.feature;
        if (feature == 0 || feature > rows) continue;
        glm::dvec4 w = inst.world * glm::dvec4(glm::dvec3(v.position), 1.0);
        points[feature - 1].push_back({w.x, -w.z});
        base[feature - 1] = std::min(base[feature - 1], w.y);
      }
    }
  }
  std::vector<BuildingFootprint> out;
  for (size_t row = 0; row < rows; ++row) {
    if (points[row].empty()) continue;
    BuildingFootprint f;
    f.key = scene.features.key(row);
    f.row = int64_t(row);
    f.polygon.rings.push_back(convexHull(std::move(points[row])));
    f.base = base[row];
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<BuildingFootprint> footprintsFromPolygons(const std::vector<std::string>& keys,
                                                      const std::vector<geo::Polygon>& polygons) {
  std::vector<BuildingFootprint> out;
  for (size_t i = 0; i < std::min(keys.size(), polygons.size()); ++i) {
    BuildingFootprint f;
    f.key = keys[i];
    f.polygon = polygons[i];
    out.push_back(std::move(f));
  }
  return out;
}

void mapFootprints(std::vector<BuildingFootprint>& footprints, const std::function<glm::dvec2(glm::dvec2)>& map) {
  for (BuildingFootprint& f : footprints)
    for (auto& ring : f.polygon.rings)
      for (glm::dvec2& p : ring) p = map(p);
}

double polygonArea(const geo::Polygon& polygon) {
  if (polygon.rings.empty() || polygon.rings[0].empty()) return 0.0;
  glm::dvec2 origin = polygon.rings[0][0];
  double area = std::abs(ringSignedArea2(polygon.rings[0], origin));
  for (size_t i = 1; i < polygon.rings.size(); ++i) area -= std::abs(ringSignedArea2(polygon.rings[i], origin));
  return std::max(0.0, 0.5 * area);
}

glm::dvec2 polygonCentroid(const geo::Polygon& polygon) {
  if (polygon.rings.empty() || polygon.rings[0].empty()) return glm::dvec2(0.0);
  const glm::dvec2 origin = polygon.rings[0][0];
  double areaSum = 0.0;
  glm::dvec2 moment(0.0);
  for (size_t r = 0; r < polygon.rings.size(); ++r) {
    const auto& ring = polygon.rings[r];
    double a2 = ringSignedArea2(ring, origin);
    // Outer ring counts positive, holes negative, whatever their winding.
    double sign = (r == 0) == (a2 >= 0.0) ? 1.0 : -1.0;
    glm::dvec2 m(0.0);
    for (size_t i = 0, n = ring.size(); i < n; ++i) {
      glm::dvec2 a = ring[i] - origin, b = ring[(i + 1) % n] - origin;
      double c = a.x * b.y - b.x * a.y;
      m += (a + b) * c;
    }
    areaSum += sign * a2;
    moment += sign * m;
  }
  if (std::abs(areaSum) <= 0.0) {
    glm::dvec2 mean(0.0);
    for (glm::dvec2 p : polygon.rings[0]) mean += p - origin;
    return origin + mean / double(polygon.rings[0].size());
  }
  return origin + moment / (3.0 * areaSum);
}

bool pointInPolygon(const geo::Polygon& polygon, glm::dvec2 p) {
  bool inside = false;
  for (const auto& ring : polygon.rings) {
    for (size_t i = 0, n = ring.size(), j = n - 1; i < n; j = i++) {
      glm::dvec2 a = ring[i], b = ring[j];
      if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
  }
  return inside;
}

}  // namespace ct::sim
