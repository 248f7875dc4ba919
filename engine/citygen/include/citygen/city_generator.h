// A deterministic procedural city district: street grid, blocks with varied buildings, parks with trees.
// It makes the bundled sample and test cities; the same parameters always give the same scene.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "scene/scene.h"

namespace ct::citygen {

struct CityParams {
  int buildings = 250;  // exactly this many building nodes
  uint64_t seed = 1;
  double originLat = 22.5431;   // where the local frame's origin lies (default: Futian, central Shenzhen)
  double originLon = 114.0579;
  bool merge = false;  // all buildings in one node (one primitive per material) instead of a node each
};

// Every building is one node named "bldg_NNNNNN" (numbered from the centre outwards) and one row of the
// feature table (usage, type, year_built, floors, floor_area, base_elevation, height), its vertices tagged
// with that row; trees are nodes
// "tree_NNNNNN" sharing one mesh; ground, blocks and road markings are one node each. Y is up, metres,
// the district centred on the origin.
scene::Scene generateCity(const CityParams& params);

// A street lamp: local position (metres, Y up, +X east, -Z north) and its geographic position
// (geo::localToGeodetic around the origin).
struct Lamp {
  std::string id;
  glm::dvec3 position{0.0};
  double lat = 0.0, lon = 0.0;
  double wattage = 0.0;
  std::string type;  // "LED" or "sodium"
};

// Terrain heights on a regular grid (row-major, rows along +Z), as written to terrain.asc.
struct TerrainGrid {
  double x0 = 0, z0 = 0, cell = 10;
  int cols = 0, rows = 0;
  std::vector<float> heights;
  float at(int col, int row) const { return heights[size_t(row) * cols + col]; }
};

// A flood-risk zone along the river: a polygon (outer ring, then holes) of lon/lat points.
struct FloodZone {
  std::string id;
  std::string risk;  // "high": the valley floor and its edge; "medium": the rest of the valley's banks
  std::vector<std::vector<glm::dvec2>> rings;  // [lon, lat], rings not closed
};

struct City {
  scene::Scene scene;
  std::vector<Lamp> lamps;  // one lamp_NNNNNN node each in the scene, too
  TerrainGrid terrain;
  std::vector<FloodZone> zones;
};
// The zones as a GeoJSON FeatureCollection of Polygons with id and risk.
std::string zonesGeoJson(const std::vector<FloodZone>& zones);
// ESRI ASCII grid text of the terrain (a raster GDAL reads): local metres, north = -Z, cell centres.
std::string terrainAsciiGrid(const TerrainGrid& grid);
City generateCityWithLamps(const CityParams& params);

// The lamps as a GeoJSON FeatureCollection of Points ([lon, lat, height]) with id, wattage and type.
std::string lampsGeoJson(const std::vector<Lamp>& lamps);

}  // namespace ct::citygen
