// Internals of the GeoJSON reader shared by its two sources: JSON paths for messages and the geometry reader.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/geojson.h"

namespace ct::data {

using Json = nlohmann::json;

// The path to the value being read ("features[12].geometry.coordinates[0]"), built into text only for errors.
class JsonPath {
 public:
  void push(std::string_view name) { mParts.push_back({false, 0, name}); }
  void push(size_t index) { mParts.push_back({true, index, {}}); }
  void pop() { mParts.pop_back(); }
  std::string str() const;

 private:
  struct Part {
    bool isIndex;
    size_t index;
    std::string_view name;  // names are literals or keys owned by the document
  };
  std::vector<Part> mParts;
};

struct PathScope {
  PathScope(JsonPath& p, std::string_view name) : path(p) { p.push(name); }
  PathScope(JsonPath& p, size_t index) : path(p) { p.push(index); }
  PathScope(const PathScope&) = delete;
  PathScope& operator=(const PathScope&) = delete;
  ~PathScope() { path.pop(); }
  JsonPath& path;
};

std::optional<GeometryType> geometryTypeFromName(std::string_view name);
// Reads a geometry object; false with err set (path and message) at the first problem.
bool readGeometry(const Json& j, JsonPath& path, Geometry& out, GeoJsonProblem& err);

}  // namespace ct::data
