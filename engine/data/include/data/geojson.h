// GeoJSON (RFC 7946) into features with plain geometry and a DataTable of their properties keyed by a named
// property or the feature id. A bad feature is skipped and reported with its JSON path; only a document that
// is not GeoJSON at all (or not JSON) is an error.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <glm/vec3.hpp>

#include "core/result.h"
#include "data/table.h"

namespace ct::data {

enum class GeometryType { Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection };
const char* geometryTypeName(GeometryType type);

using Position = glm::dvec3;                 // x = longitude, y = latitude (degrees), z = height (0 when absent)
using PositionList = std::vector<Position>;  // a line string, or a ring (closed: first == last)
using PolygonRings = std::vector<PositionList>;  // outer ring first, then holes

struct Geometry {
  GeometryType type = GeometryType::Point;
  PositionList points;                // Point (one), MultiPoint
  std::vector<PositionList> lines;    // LineString (one), MultiLineString
  std::vector<PolygonRings> polygons; // Polygon (one), MultiPolygon
  std::vector<Geometry> children;     // GeometryCollection
  bool hasHeight = false;             // some position gave a third number
};

struct GeoJsonFeature {
  size_t index = 0;     // position in the document's features array (0 for a lone Feature or geometry)
  std::string key;      // empty when the feature has none (it is then not in the table)
  std::string id;       // the "id" member as text, empty when absent
  std::optional<Geometry> geometry;  // none for "geometry": null
  // Properties in document order: numbers, strings, booleans (1 / 0), null (none); arrays and objects as
  // their JSON text.
  std::vector<std::pair<std::string, Value>> properties;
};

struct GeoJsonOptions {
  // The property holding the feature key; empty: the "id" member. A feature without the named property
  // falls back to its "id" when key is "id".
  std::string key;
  std::string location;  // how messages name the document; empty: "geojson"
  uint64_t maxFileBytes = uint64_t(512) << 20;
  size_t maxFeatures = 5'000'000;
  size_t maxDepth = 256;  // JSON nesting
};

struct GeoJsonProblem {
  std::string path;  // "features[12].geometry.coordinates[0][3]"
  std::string message;
};

struct GeoJsonDocument {
  static constexpr size_t kMaxListed = 1000;

  std::vector<GeoJsonFeature> features;  // the good ones
  DataTable table;                       // properties of the features that have a key, by key
  size_t featuresRead = 0;               // good + bad
  size_t badFeatures = 0;
  size_t featuresWithoutKey = 0;
  size_t duplicateKeys = 0;
  std::vector<GeoJsonProblem> problems;  // bad features, missing and duplicate keys: the first kMaxListed
};

// Errors: "<location>: not JSON: ..." (with line and column), "<location>: not GeoJSON: ...". Warnings: one per
// problem ("<location>: features[3].geometry.coordinates[0]: ..."), the first 100, then a count.
Result<GeoJsonDocument> parseGeoJson(std::string_view text, const GeoJsonOptions& options);
Result<GeoJsonDocument> loadGeoJson(const std::filesystem::path& path, GeoJsonOptions options);

}  // namespace ct::data
