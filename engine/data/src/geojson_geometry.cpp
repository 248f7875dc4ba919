// GeoJSON geometry objects -> plain Geometry structs, every coordinate checked, errors with their JSON path.
#include <cmath>
#include <cstdio>

#include "geojson_internal.h"

namespace ct::data {

const char* geometryTypeName(GeometryType type) {
  switch (type) {
    case GeometryType::Point: return "Point";
    case GeometryType::MultiPoint: return "MultiPoint";
    case GeometryType::LineString: return "LineString";
    case GeometryType::MultiLineString: return "MultiLineString";
    case GeometryType::Polygon: return "Polygon";
    case GeometryType::MultiPolygon: return "MultiPolygon";
    case GeometryType::GeometryCollection: return "GeometryCollection";
  }
  return "?";
}

std::optional<GeometryType> geometryTypeFromName(std::string_view name) {
  for (auto t : {GeometryType::Point, GeometryType::MultiPoint, GeometryType::LineString,
                 GeometryType::MultiLineString, GeometryType::Polygon, GeometryType::MultiPolygon,
                 GeometryType::GeometryCollection})
    if (name == geometryTypeName(t)) return t;
  return std::nullopt;
}

std::string JsonPath::str() const {
  std::string s;
  for (const auto& p : mParts) {
    if (p.isIndex) {
      s += '[';
      s += std::to_string(p.index);
      s += ']';
    } else {
      if (!s.empty()) s += ".";
      s += p.name;
    }
  }
  return s;
}

namespace {

bool fail(GeoJsonProblem& err, const JsonPath& path, std::string message) {
  err.path = path.str();
  err.message = std::move(message);
  return false;
}

std::string numberText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

bool readPosition(const Json& j, JsonPath& path, Position& out, bool& hasHeight, GeoJsonProblem& err) {
  if (!j.is_array() || j.size() < 2) return fail(err, path, "expected a position [longitude, latitude(, height)]");
  double v[3] = {0, 0, 0};
  for (size_t i = 0; i < j.size() && i < 3; ++i) {
    PathScope s(path, i);
    if (!j[i].is_number()) return fail(err, path, "expected a number");
    v[i] = j[i].get<double>();
    if (!std::isfinite(v[i])) return fail(err, path, "expected a finite number");
  }
  if (v[0] < -180.0 || v[0] > 180.0) {
    PathScope s(path, size_t(0));
    return fail(err, path, "longitude " + numberText(v[0]) + " outside [-180, 180]");
  }
  if (v[1] < -90.0 || v[1] > 90.0) {
    PathScope s(path, size_t(1));
    return fail(err, path, "latitude " + numberText(v[1]) + " outside [-90, 90]");
  }
  if (j.size() >= 3) hasHeight = true;
  out = Position(v[0], v[1], v[2]);
  return true;
}

bool readPositions(const Json& j, JsonPath& path, size_t minCount, const char* what, PositionList& out,
                   bool& hasHeight, GeoJsonProblem& err) {
  if (!j.is_array()) return fail(err, path, std::string("expected an array of positions (") + what + ")");
  if (j.size() < minCount)
    return fail(err, path, std::string(what) + " needs at least " + std::to_string(minCount) + " positions, has " +
                               std::to_string(j.size()));
  out.resize(j.size());
  for (size_t i = 0; i < j.size(); ++i) {
    PathScope s(path, i);
    if (!readPosition(j[i], path, out[i], hasHeight, err)) return false;
  }
  return true;
}

bool readRings(const Json& j, JsonPath& path, PolygonRings& out, bool& hasHeight, GeoJsonProblem& err) {
  if (!j.is_array()) return fail(err, path, "expected an array of linear rings");
  out.resize(j.size());
  for (size_t i = 0; i < j.size(); ++i) {
    PathScope s(path, i);
    if (!readPositions(j[i], path, 4, "a linear ring", out[i], hasHeight, err)) return false;
    if (out[i].front() != out[i].back()) return fail(err, path, "linear ring is not closed (first and last positions differ)");
  }
  return true;
}

}  // namespace

bool readGeometry(const Json& j, JsonPath& path, Geometry& out, GeoJsonProblem& err) {
  if (!j.is_object()) return fail(err, path, "expected a geometry object");
  auto typeIt = j.find("type");
  if (typeIt == j.end() || !typeIt->is_string()) {
    PathScope s(path, "type");
    return fail(err, path, "expected a geometry type name");
  }
  auto type = geometryTypeFromName(typeIt->get_ref<const std::string&>());
  if (!type) {
    PathScope s(path, "type");
    return fail(err, path, "unknown geometry type \"" + typeIt->get<std::string>().substr(0, 40) + "\"");
  }
  out.type = *type;
  if (*type == GeometryType::GeometryCollection) {
    PathScope s(path, "geometries");
    auto g = j.find("geometries");
    if (g == j.end() || !g->is_array()) return fail(err, path, "expected an array of geometries");
    out.children.resize(g->size());
    for (size_t i = 0; i < g->size(); ++i) {
      PathScope si(path, i);
      if (!readGeometry((*g)[i], path, out.children[i], err)) return false;
      out.hasHeight = out.hasHeight || out.children[i].hasHeight;
    }
    return true;
  }
  PathScope s(path, "coordinates");
  auto c = j.find("coordinates");
  if (c == j.end()) return fail(err, path, "missing");
  const Json& cj = *c;
  bool& h = out.hasHeight;
  switch (*type) {
    case GeometryType::Point:
      out.points.resize(1);
      return readPosition(cj, path, out.points[0], h, err);
    case GeometryType::MultiPoint:
      return readPositions(cj, path, 0, "MultiPoint", out.points, h, err);
    case GeometryType::LineString:
      out.lines.resize(1);
      return readPositions(cj, path, 2, "a LineString", out.lines[0], h, err);
    case GeometryType::MultiLineString:
      if (!cj.is_array()) return fail(err, path, "expected an array of LineStrings");
      out.lines.resize(cj.size());
      for (size_t i = 0; i < cj.size(); ++i) {
        PathScope si(path, i);
        if (!readPositions(cj[i], path, 2, "a LineString", out.lines[i], h, err)) return false;
      }
      return true;
    case GeometryType::Polygon:
      out.polygons.resize(1);
      return readRings(cj, path, out.polygons[0], h, err);
    case GeometryType::MultiPolygon:
      if (!cj.is_array()) return fail(err, path, "expected an array of Polygons");
      out.polygons.resize(cj.size());
      for (size_t i = 0; i < cj.size(); ++i) {
        PathScope si(path, i);
        if (!readRings(cj[i], path, out.polygons[i], h, err)) return false;
      }
      return true;
    case GeometryType::GeometryCollection:
      break;
  }
  return true;
}

}  // namespace ct::data
