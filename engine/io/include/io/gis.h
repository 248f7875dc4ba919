// Real GIS data in, through GDAL: rasters (GeoTIFF, ESRI ASCII grid, ...) as geo::Raster, vector layers
// (GeoJSON, GeoPackage, Shapefile) as features with keys, attributes and geometry, and building footprints
// extruded into a scene (one node per building, keyed feature rows, attributes as properties).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "geo/raster.h"
#include "scene/scene.h"

namespace ct::io {

// Limits on what one file may make us allocate; past them the read fails with a message.
inline constexpr uint64_t kMaxRasterCells = uint64_t(1) << 28;
inline constexpr uint64_t kMaxVectorFeatures = 5'000'000;
inline constexpr uint64_t kMaxVectorVertices = 100'000'000;

// One band of a raster file as float32, nodata as NaN, with its geotransform and CRS (WKT; empty when the file
// has none, as the generator's terrain.asc: the scene frame). Raster drivers allowed: GTiff, AAIGrid, GPKG, HFA,
// ENVI, EHdr, XYZ, PNG, JPEG (no VRT: it may point at any file). GDAL never writes anything (no .aux.xml).
Result<geo::Raster> readRaster(const std::string& path, int band = 1);

struct VectorOptions {
  std::string layer;    // layer name; empty: the layer at layerIndex
  int layerIndex = 0;
  std::string keyField; // field whose text is each feature's key; empty: the FID
};

struct VectorField {
  std::string name;
  std::string type;  // feature-table type: "INT64", "FLOAT64" or "STRING" (dates and lists as text)
};

struct VectorFeature {
  int64_t fid = 0;
  std::string key;
  std::vector<scene::PropertyValue> values;  // one per VectorLayer::fields; monostate where null or unset
  std::vector<geo::Polygon> polygons;        // a multipolygon gives several
  std::vector<glm::dvec3> points;            // points and multipoints (z = 0 when 2D)
};

struct VectorLayer {
  std::string name;
  std::string crs;  // WKT of the layer's CRS; empty when it has none
  std::vector<VectorField> fields;
  std::vector<VectorFeature> features;  // only those with usable geometry; others are counted in warnings

  int fieldIndex(const std::string& name) const;  // -1 when absent
  const scene::PropertyValue* value(const VectorFeature& f, const std::string& field) const;  // null when absent
};

// A vector layer (GeoJSON, GeoJSONSeq, GeoPackage, Shapefile, FlatGeobuf). Features without geometry, with
// unsupported geometry (lines) or with non-finite coordinates are skipped and counted in a warning with their
// FIDs; polygons' rings lose their closing point and repeated points.
Result<VectorLayer> readVector(const std::string& path, const VectorOptions& options = {});

struct FootprintOptions {
  std::string heightField;    // metres; used where it holds a positive number
  std::string storeysField;   // storeys x metresPerStorey, where the height field does not give one
  double metresPerStorey = 3.0;
  double defaultStoreys = 2.0;  // where neither field gives a height (missing, empty, garbage, <= 0)
  double defaultHeight = 0.0;   // > 0: used instead of defaultStoreys x metresPerStorey
};

// A layer's x/y/z to scene local metres (+X east, +Y up, -Z north); false where the point cannot be mapped.
// For a layer in some CRS: geo::LocalFrame::toLocal with a CrsTransform to WGS84.
using ToLocal = std::function<bool(const glm::dvec3& xyz, glm::dvec3& local)>;
// The ground height (local Y) under a building's footprint centre (local x, z), e.g. sampled from terrain.
using BaseHeight = std::function<double(double x, double z)>;

// Storeys in an OpenStreetMap-like text: "3" -> 3, "2.5" -> 2.5, "10+" -> 10; nothing for "", garbage, "4-7",
// ">7" or a value <= 0 or > 1000.
std::optional<double> parseStoreys(const std::string& text);

// Each polygon feature becomes one building: walls per ring edge (holes included, normals outward), a flat roof
// (ear clipping with holes), no floor; base at baseHeight (0 when none). One mesh, node and instance per
// building, named by its key; vertices relative to the building's centre, the instance carrying the centre; every
// vertex tagged with its feature row + 1; properties from the layer's attributes plus "extruded_height" (FLOAT64,
// metres). Features without polygons are left out (counted in a warning); storeys that do not parse are counted.
Result<scene::Scene> extrudeFootprints(const VectorLayer& layer, const FootprintOptions& options,
                                       const ToLocal& toLocal, const BaseHeight& baseHeight = {});

// Ear clipping of a polygon with holes (first ring outer, any orientation, closing point not repeated). Returns
// triangles as index triples into the rings' points concatenated in order, each wound counter-clockwise in x/y;
// `forced` counts ears cut where no clean ear was left (self-touching or degenerate rings).
std::vector<uint32_t> triangulate(const std::vector<std::vector<glm::dvec2>>& rings, int* forced = nullptr);

}  // namespace ct::io
