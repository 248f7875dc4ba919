// Per-building flood analysis, from a depth raster or from a level's extent, and its JSON report.
#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/flood.h"

namespace ct::sim {

namespace {

// Fractional (col, row) of a raster x/y (cell corners at integers); the inverse of the geotransform.
glm::dvec2 toIndexSpace(const geo::Raster& r, glm::dvec2 p) {
  double det = r.gt[1] * r.gt[5] - r.gt[2] * r.gt[4];
  double dx = p.x - r.gt[0], dy = p.y - r.gt[3];
  return {(dx * r.gt[5] - dy * r.gt[2]) / det, (dy * r.gt[1] - dx * r.gt[4]) / det};
}

std::string checkRaster(const geo::Raster& r, const std::string& what) {
  if (r.empty()) return what + " raster is empty";
  if (r.values.size() != size_t(r.cols) * size_t(r.rows))
    return what + " raster has " + std::to_string(r.values.size()) + " values for " + std::to_string(r.cols) + " x " +
           std::to_string(r.rows) + " cells";
  double det = r.gt[1] * r.gt[5] - r.gt[2] * r.gt[4];
  if (det == 0.0 || !std::isfinite(det)) return what + " raster has a degenerate geotransform";
  return {};
}

std::string checkClasses(const std::vector<double>& classes) {
  for (size_t i = 0; i < classes.size(); ++i) {
    if (!std::isfinite(classes[i]) || classes[i] <= 0.0)
      return "flood: depth class " + std::to_string(i) + " (" + std::to_string(classes[i]) +
             ") is not a positive number";
    if (i > 0 && !(classes[i] > classes[i - 1]))
      return "flood: depth classes must be strictly increasing (class " + std::to_string(i) + ": " +
             std::to_string(classes[i]) + " after " + std::to_string(classes[i - 1]) + ")";
  }
  return {};
}

// The cells a polygon's bounding box touches, in index space, clamped to the grid. False when it misses the grid.
struct CellRange {
  int c0, c1, r0, r1;
};
bool polygonCells(const std::vector<std::vector<glm::dvec2>>& ringsInIndexSpace, const geo::Raster& grid,
                  CellRange& out) {
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (const auto& ring : ringsInIndexSpace)
    for (glm::dvec2 p : ring) {
      x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
      y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    }
  if (!(x1 >= 0.0 && y1 >= 0.0 && x0 < grid.cols && y0 < grid.rows)) return false;  // also rejects NaN
  out.c0 = int(std::max(0.0, std::floor(x0)));
  out.r0 = int(std::max(0.0, std::floor(y0)));
  out.c1 = int(std::min(double(grid.cols - 1), std::floor(x1)));
  out.r1 = int(std::min(double(grid.rows - 1), std::floor(y1)));
  return true;
}

std::vector<std::vector<glm::dvec2>> ringsToIndexSpace(const geo::Polygon& polygon, const geo::Raster& grid) {
  std::vector<std::vector<glm::dvec2>> rings;
  for (const auto& ring : polygon.rings) {
    rings.emplace_back();
    for (glm::dvec2 p : ring) rings.back().push_back(toIndexSpace(grid, p));
  }
  return rings;
}

// Area of a ring clipped to the unit cell [c, c+1] x [r, r+1] (Sutherland-Hodgman against the four sides: exact
// for any simple ring against a convex window).
double clippedRingArea(const std::vector<glm::dvec2>& ring, double c, double r) {
  std::vector<glm::dvec2> poly = ring, next;
  auto clip = [&](auto inside, auto intersect) {
    next.clear();
    for (size_t i = 0, n = poly.size(); i < n; ++i) {
      glm::dvec2 a = poly[i], b = poly[(i + 1) % n];
      bool ia = inside(a), ib = inside(b);
      if (ia) next.push_back(a);
      if (ia != ib) next.push_back(intersect(a, b));
    }
    poly.swap(next);
  };
  auto atX = [](double x) { return [x](glm::dvec2 a, glm::dvec2 b) { return glm::dvec2(x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)); }; };
  auto atY = [](double y) { return [y](glm::dvec2 a, glm::dvec2 b) { return glm::dvec2(a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y); }; };
  clip([c](glm::dvec2 p) { return p.x >= c; }, atX(c));
  if (!poly.empty()) clip([c](glm::dvec2 p) { return p.x <= c + 1.0; }, atX(c + 1.0));
  if (!poly.empty()) clip([r](glm::dvec2 p) { return p.y >= r; }, atY(r));
  if (!poly.empty()) clip([r](glm::dvec2 p) { return p.y <= r + 1.0; }, atY(r + 1.0));
  double sum = 0.0;
  for (size_t i = 0, n = poly.size(); i < n; ++i) {
    glm::dvec2 a = poly[i] - glm::dvec2(c, r), b = poly[(i + 1) % n] - glm::dvec2(c, r);
    sum += a.x * b.y - b.x * a.y;
  }
  return 0.5 * std::abs(sum);
}

// Overlap areas below this fraction of a cell are a footprint edge lying on a cell edge, not water inside.
constexpr double kMinOverlap = 1e-9;

void finish(FloodReport& report, const std::vector<BuildingFootprint>& footprints, bool floatPrecision) {
  report.buildings = footprints.size();
  report.byDepthClass.assign(report.classes.size() + 1, 0);
  for (size_t i = 0; i < footprints.size(); ++i) {
    double d = report.depths[i];
    if (!(d > 0.0)) continue;
    ++report.inWater;
    size_t k = report.classes.size();
    for (size_t j = 0; j < report.classes.size(); ++j) {
      bool within = floatPrecision ? float(d) <= float(report.classes[j]) : d <= report.classes[j];
      if (within) {
        k = j;
        break;
      }
    }
    ++report.byDepthClass[k];
    report.keys.push_back(footprints[i].key);
  }
  std::sort(report.keys.begin(), report.keys.end());
}

}  // namespace

size_t depthClass(double depth, const std::vector<double>& classes) {
  for (size_t j = 0; j < classes.size(); ++j)
    if (depth <= classes[j]) return j;
  return classes.size();
}

Result<FloodReport> analyzeRaster(const std::vector<BuildingFootprint>& footprints, const geo::Raster& depth,
                                  const std::vector<double>& classes, const CellAreaFn& cellArea) {
  if (std::string e = checkClasses(classes); !e.empty()) return Result<FloodReport>::fail(e);
  if (std::string e = checkRaster(depth, "flood: the depth"); !e.empty()) return Result<FloodReport>::fail(e);
  FloodReport report;
  report.classes = classes;
  report.depths.assign(footprints.size(), 0.0);
  for (size_t i = 0; i < footprints.size(); ++i) {
    const geo::Polygon& polygon = footprints[i].polygon;
    if (polygon.rings.empty() || polygon.rings[0].empty()) continue;
    float best = 0.0f;  // NaN and negatives never win a `>` comparison: they stay dry
    int col = 0, row = 0;
    if (depth.cellAt(polygonCentroid(polygon), col, row) && depth.at(col, row) > best) best = depth.at(col, row);
    CellRange range;
    if (polygonCells(ringsToIndexSpace(polygon, depth), depth, range)) {
      for (int r = range.r0; r <= range.r1; ++r)
        for (int c = range.c0; c <= range.c1; ++c) {
          float v = depth.at(c, r);
          if (v > best && pointInPolygon(polygon, depth.cellCenter(c, r))) best = v;
        }
    }
    report.depths[i] = double(best);
  }
  size_t wet = 0;
  for (int r = 0; r < depth.rows; ++r)
    for (int c = 0; c < depth.cols; ++c)
      if (depth.at(c, r) > 0.0f) {
        ++wet;
        if (cellArea) report.floodedAreaM2 += cellArea(c, r);
      }
  if (!cellArea) report.floodedAreaM2 = double(wet) * depth.cellArea();
  finish(report, footprints, true);
  return Result<FloodReport>::ok(std::move(report));
}

Result<FloodReport> analyzeLevel(const std::vector<BuildingFootprint>& footprints, const geo::Raster& terrain,
                                 const FloodExtent& extent, double level, const std::vector<double>& classes) {
  if (std::string e = checkClasses(classes); !e.empty()) return Result<FloodReport>::fail(e);
  if (std::string e = checkRaster(terrain, "flood: the terrain"); !e.empty()) return Result<FloodReport>::fail(e);
  if (extent.depth.cols != terrain.cols || extent.depth.rows != terrain.rows ||
      extent.depth.values.size() != terrain.values.size())
    return Result<FloodReport>::fail("flood: the flood extent was not computed on this terrain's grid");
  if (!std::isfinite(level)) return Result<FloodReport>::fail("flood: the water level is not a finite number");
  FloodReport report;
  report.classes = classes;
  report.floodedAreaM2 = extent.floodedAreaM2;
  report.depths.assign(footprints.size(), 0.0);
  for (size_t i = 0; i < footprints.size(); ++i) {
    const geo::Polygon& polygon = footprints[i].polygon;
    if (polygon.rings.empty() || polygon.rings[0].size() < 3) continue;
    auto rings = ringsToIndexSpace(polygon, terrain);
    CellRange range;
    if (!polygonCells(rings, terrain, range)) continue;
    double lowest = INFINITY;
    for (int r = range.r0; r <= range.r1; ++r)
      for (int c = range.c0; c <= range.c1; ++c) {
        if (!extent.wet(c, r) || !(double(terrain.at(c, r)) < lowest)) continue;
        double area = clippedRingArea(rings[0], c, r);
        for (size_t h = 1; h < rings.size() && area > kMinOverlap; ++h) area -= clippedRingArea(rings[h], c, r);
        if (area > kMinOverlap) lowest = double(terrain.at(c, r));
      }
    if (std::isfinite(lowest)) report.depths[i] = level - lowest;
  }
  finish(report, footprints, false);
  return Result<FloodReport>::ok(std::move(report));
}

std::string toJson(const FloodReport& report) {
  nlohmann::ordered_json j;
  j["buildings"] = report.buildings;
  j["in_water"] = report.inWater;
  j["depth_classes_m"] = report.classes;
  j["by_depth_class"] = report.byDepthClass;
  j["flooded_area_m2"] = report.floodedAreaM2;
  j["keys"] = report.keys;
  return j.dump(2);
}

}  // namespace ct::sim
