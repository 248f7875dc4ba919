// Building footprints for flood analysis: per feature row of a scene, the 2-D convex hull of its geometry in the
// raster frame (x east, y north = local -Z) and its base height; or footprints taken directly from GIS polygons.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "geo/raster.h"
#include "scene/scene.h"

namespace ct::sim {

struct BuildingFootprint {
  std::string key;
  int64_t row = -1;  // feature table row; -1 for footprints that did not come from a scene
  geo::Polygon polygon;  // in the raster's x/y; from a scene: one counter-clockwise ring (the convex hull)
  double base = std::numeric_limits<double>::quiet_NaN();  // lowest local Y of the geometry; NaN: unknown
};

// Convex hull (Andrew's monotone chain): counter-clockwise, starting at the lowest-x (then lowest-y) point,
// without collinear or repeated points. Fewer than three distinct points come back as they are (deduplicated).
std::vector<glm::dvec2> convexHull(std::vector<glm::dvec2> points);

// One footprint per feature row that has geometry (vertices with `feature` = row + 1, or instances tagged with
// the row), in feature-row order. World transforms are applied; a local point (x, y, z) maps to raster (x, -z).
// Only triangle primitives count (lines and points are outlines and markers, not walls).
std::vector<BuildingFootprint> footprintsFromScene(const scene::Scene& scene);

// Footprints from polygons already in the raster's CRS (GIS footprints); keys and polygons pair up by index.
std::vector<BuildingFootprint> footprintsFromPolygons(const std::vector<std::string>& keys,
                                                      const std::vector<geo::Polygon>& polygons);

// Maps every polygon vertex (e.g. local frame -> a raster's CRS). Hulls stay hulls for the near-affine maps
// between a city's local frame and a projected CRS; over a building's extent any CRS is near-affine.
void mapFootprints(std::vector<BuildingFootprint>& footprints, const std::function<glm::dvec2(glm::dvec2)>& map);

// Polygon helpers shared by the analysis (rings closed implicitly; holes by the even-odd rule).
double polygonArea(const geo::Polygon& polygon);  // outer ring minus holes, always >= 0
// Area centroid (holes subtracted); the mean of the outer ring's vertices when the area is zero.
glm::dvec2 polygonCentroid(const geo::Polygon& polygon);
// Even-odd crossing test over all rings: a point inside a hole is outside. Points on an edge may go either way.
bool pointInPolygon(const geo::Polygon& polygon, glm::dvec2 p);

}  // namespace ct::sim
