// GeoJSON: hand-written documents with known features, every malformed case with its JSON path, and the
// Cambridge street lights file against figures computed with Python's json module.
#include <gtest/gtest.h>

#include "data/geojson.h"
#include "test_support.h"

using namespace ct::data;

namespace {
GeoJsonOptions opts(std::string key = "") {
  GeoJsonOptions o;
  o.key = std::move(key);
  o.location = "g.json";
  return o;
}
std::string collection(const std::string& features) { return R"({"type":"FeatureCollection","features":[)" + features + "]}"; }
bool hasWarning(const ct::Result<GeoJsonDocument>& r, const std::string& text) {
  for (const auto& w : r.warnings())
    if (w == text) return true;
  return false;
}
}  // namespace

TEST(GeoJson, EveryGeometryTypeAndProperties) {
  const std::string doc = collection(R"(
    {"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[0.5,51.25,12]},
     "properties":{"name":"lamp","watts":70,"on":true,"off":false,"note":null,"tags":{"a":[1,2]}}},
    {"type":"Feature","id":"L","geometry":{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]},"properties":null},
    {"type":"Feature","id":"P","geometry":{"type":"Polygon","coordinates":[
       [[0,0],[4,0],[4,4],[0,4],[0,0]], [[1,1],[2,1],[2,2],[1,1]]]}},
    {"type":"Feature","id":"MP","geometry":{"type":"MultiPolygon","coordinates":[
       [[[0,0],[1,0],[1,1],[0,0]]], [[[5,5],[6,5],[6,6],[5,5]]]]}},
    {"type":"Feature","id":"MPt","geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}},
    {"type":"Feature","id":"ML","geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[2,2],[3,3],[4,4]]]}},
    {"type":"Feature","id":"GC","geometry":{"type":"GeometryCollection","geometries":[
       {"type":"Point","coordinates":[-180,-90]},{"type":"LineString","coordinates":[[180,90],[0,0]]}]}},
    {"type":"Feature","id":"none","geometry":null,"properties":{"name":"unlocated"}})");
  auto r = parseGeoJson(doc, opts());
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& d = r.value();
  EXPECT_TRUE(r.warnings().empty());
  ASSERT_EQ(d.features.size(), 8u);
  EXPECT_EQ(d.featuresRead, 8u);
  const auto& lamp = d.features[0];
  EXPECT_EQ(lamp.id, "7");
  EXPECT_EQ(lamp.key, "7");  // no key property named: the id
  ASSERT_TRUE(lamp.geometry);
  EXPECT_EQ(lamp.geometry->type, GeometryType::Point);
  EXPECT_EQ(lamp.geometry->points, (PositionList{{0.5, 51.25, 12}}));
  EXPECT_TRUE(lamp.geometry->hasHeight);
  EXPECT_EQ(d.table.get("7", "name")->text, "lamp");
  EXPECT_EQ(d.table.get("7", "watts")->number, 70.0);
  EXPECT_EQ(d.table.get("7", "on")->number, 1.0);
  EXPECT_EQ(d.table.get("7", "off")->number, 0.0);
  EXPECT_TRUE(d.table.get("7", "note")->isNone());
  EXPECT_EQ(d.table.get("7", "tags")->text, R"({"a":[1,2]})");
  EXPECT_EQ(d.features[1].geometry->lines, (std::vector<PositionList>{{{0, 0, 0}, {1, 1, 0}, {2, 0, 0}}}));
  EXPECT_FALSE(d.features[1].geometry->hasHeight);
  const auto& poly = d.features[2].geometry->polygons;
  ASSERT_EQ(poly.size(), 1u);
  ASSERT_EQ(poly[0].size(), 2u);  // outer ring and one hole
  EXPECT_EQ(poly[0][1][2], Position(2, 2, 0));
  EXPECT_EQ(d.features[3].geometry->polygons.size(), 2u);
  EXPECT_EQ(d.features[3].geometry->polygons[1][0][1], Position(6, 5, 0));
  EXPECT_EQ(d.features[4].geometry->points, (PositionList{{1, 2, 0}, {3, 4, 0}}));
  EXPECT_EQ(d.features[5].geometry->lines.size(), 2u);
  EXPECT_EQ(d.features[5].geometry->lines[1].size(), 3u);
  const auto& gc = *d.features[6].geometry;
  ASSERT_EQ(gc.children.size(), 2u);
  EXPECT_EQ(gc.children[0].points[0], Position(-180, -90, 0));
  EXPECT_EQ(gc.children[1].type, GeometryType::LineString);
  EXPECT_FALSE(d.features[7].geometry);
  EXPECT_EQ(d.table.get("none", "name")->text, "unlocated");
  EXPECT_EQ(d.table.size(), 8u);
}

TEST(GeoJson, BadFeaturesAreSkippedWithTheirPath) {
  const std::string doc = collection(R"(
    {"type":"Feature","id":"ok","geometry":{"type":"Point","coordinates":[1,2]}},
    {"type":"Feature","id":"a","geometry":{"type":"LineString","coordinates":[[0,0],["x",1]]}},
    {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[10,95]}},
    {"type":"Feature","id":"c","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}},
    {"type":"Feature","id":"d","geometry":{"type":"Hexagon","coordinates":[]}},
    {"type":"Fature","id":"e"},
    {"type":"Feature","id":"f","properties":[1]},
    {"type":"Feature","id":{"x":1}},
    {"type":"Feature","id":"g","geometry":{"type":"Point","coordinates":[200,0]}},
    {"type":"Feature","id":"h","geometry":{"type":"Point","coordinates":[1]}},
    {"type":"Feature","id":"i","geometry":{"type":"LineString","coordinates":[[1,1]]}},
    {"type":"Feature","id":"j","geometry":{"type":"Point"}},
    {"type":"Feature","id":"k","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,"n"]}]}},
    17)");
  auto r = parseGeoJson(doc, opts());
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& d = r.value();
  EXPECT_EQ(d.featuresRead, 14u);
  EXPECT_EQ(d.badFeatures, 13u);
  ASSERT_EQ(d.features.size(), 1u);
  EXPECT_EQ(d.table.keys(), (std::vector<std::string>{"ok"}));
  const char* expected[] = {
      "g.json: features[1].geometry.coordinates[1][0]: expected a number; feature skipped",
      "g.json: features[2].geometry.coordinates[1]: latitude 95 outside [-90, 90]; feature skipped",
      "g.json: features[3].geometry.coordinates[0]: linear ring is not closed (first and last positions differ); "
      "feature skipped",
      "g.json: features[4].geometry.type: unknown geometry type \"Hexagon\"; feature skipped",
      "g.json: features[5].type: is \"Fature\", expected \"Feature\"; feature skipped",
      "g.json: features[6].properties: expected an object or null; feature skipped",
      "g.json: features[7].id: expected a string or a number; feature skipped",
      "g.json: features[8].geometry.coordinates[0]: longitude 200 outside [-180, 180]; feature skipped",
      "g.json: features[9].geometry.coordinates: expected a position [longitude, latitude(, height)]; feature skipped",
      "g.json: features[10].geometry.coordinates: a LineString needs at least 2 positions, has 1; feature skipped",
      "g.json: features[11].geometry.coordinates: missing; feature skipped",
      "g.json: features[12].geometry.geometries[0].coordinates[1]: expected a number; feature skipped",
      "g.json: features[13]: expected a Feature object; feature skipped",
  };
  ASSERT_EQ(r.warnings().size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) EXPECT_EQ(r.warnings()[i], expected[i]);
  EXPECT_EQ(d.problems[0].path, "features[1].geometry.coordinates[1][0]");
  EXPECT_EQ(d.problems[0].message, "expected a number; feature skipped");
}

TEST(GeoJson, KeysFromAPropertyTheIdOrNone) {
  const std::string doc = collection(R"(
    {"type":"Feature","id":1,"properties":{"ref":"A","v":1}},
    {"type":"Feature","id":2,"properties":{"ref":12,"v":2}},
    {"type":"Feature","id":3,"properties":{"v":3}},
    {"type":"Feature","id":4,"properties":{"ref":"A","v":4,"w":1}})");
  auto r = parseGeoJson(doc, opts("ref"));
  ASSERT_TRUE(r.ok());
  const auto& d = r.value();
  EXPECT_EQ(d.features.size(), 4u);  // the keyless one keeps its geometry (here none) but has no row
  EXPECT_EQ(d.table.keys(), (std::vector<std::string>{"A", "12"}));
  EXPECT_EQ(d.featuresWithoutKey, 1u);
  EXPECT_EQ(d.duplicateKeys, 1u);
  EXPECT_EQ(d.table.get("A", "v")->number, 4.0);  // the later feature wins
  EXPECT_EQ(d.table.get("12", "ref")->number, 12.0);
  EXPECT_TRUE(hasWarning(r, "g.json: features[2]: no key property \"ref\"; feature kept without data"));
  EXPECT_TRUE(hasWarning(r, "g.json: features[3]: key \"A\" repeats an earlier feature's; the later one wins"));
  // key "id" falls back to the id member when no property has that name.
  auto byId = parseGeoJson(doc, opts("id"));
  ASSERT_TRUE(byId.ok());
  EXPECT_EQ(byId.value().table.keys(), (std::vector<std::string>{"1", "2", "3", "4"}));
}

TEST(GeoJson, LoneFeatureAndBareGeometry) {
  auto f = parseGeoJson(R"({"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[3,4]},"properties":{"a":1}})", opts());
  ASSERT_TRUE(f.ok()) << f.firstError();
  EXPECT_EQ(f.value().table.get("x", "a")->number, 1.0);
  auto g = parseGeoJson(R"({"type":"MultiPoint","coordinates":[[1,1],[2,2,3]]})", opts());
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(g.value().features.size(), 1u);
  EXPECT_EQ(g.value().features[0].geometry->points[1], Position(2, 2, 3));
  EXPECT_EQ(g.value().table.size(), 0u);
  // Their only feature bad: the document is an error, with the path.
  auto bad = parseGeoJson(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})", opts());
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.firstError(), "g.json: coordinates[0]: a linear ring needs at least 4 positions, has 3");
}

TEST(GeoJson, NotJsonOrNotGeoJsonIsAnError) {
  auto syntax = parseGeoJson("{\"type\":\n \"FeatureCollection\",]", opts());
  EXPECT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.firstError().rfind("g.json: not JSON: parse error at line 2, column", 0), 0u) << syntax.firstError();
  EXPECT_EQ(parseGeoJson("", opts()).firstError().rfind("g.json: not JSON:", 0), 0u);
  EXPECT_EQ(parseGeoJson("[1,2]", opts()).firstError(), "g.json: not GeoJSON: the top level is not an object");
  EXPECT_EQ(parseGeoJson(R"({"features":[]})", opts()).firstError(), "g.json: not GeoJSON: no \"type\" member");
  EXPECT_EQ(parseGeoJson(R"({"type":"Topology"})", opts()).firstError(),
            "g.json: not GeoJSON: type \"Topology\" is none of FeatureCollection, Feature or a geometry type");
  EXPECT_EQ(parseGeoJson(R"({"type":"FeatureCollection","features":{}})", opts()).firstError(),
            "g.json: not GeoJSON: a FeatureCollection needs a \"features\" array");
  std::string deep = R"({"type":"Feature","properties":{"p":)" + std::string(300, '[') + std::string(300, ']') + "}}";
  EXPECT_EQ(parseGeoJson(deep, opts()).firstError(), "g.json: not GeoJSON: nested deeper than 256 at byte 290");
  // Brackets inside strings do not count.
  std::string inString = R"({"type":"Feature","properties":{"p":")" + std::string(300, '[') + "\"}}";
  EXPECT_TRUE(parseGeoJson(inString, opts()).ok());
}

TEST(GeoJson, CambridgeStreetLights) {
  auto dir = ct::test::sharedData();
  auto file = dir / "cambridgema-gis" / "Infra" / "Street_Lights" / "INFRA_StreetLights.geojson";
  if (dir.empty() || !std::filesystem::exists(file)) GTEST_SKIP() << "skipped: shared data missing";
  auto r = loadGeoJson(file, opts("PoleID"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& d = r.value();
  // Python's json module: 6,117 Point features with distinct PoleIDs; NumLamps present in 6,019 summing to
  // 6,214; mean position (-71.11363889712102, 42.37508454407478).
  EXPECT_EQ(d.features.size(), 6117u);
  EXPECT_EQ(d.badFeatures, 0u);
  EXPECT_EQ(d.table.size(), 6117u);
  EXPECT_TRUE(r.warnings().empty());
  double lon = 0, lat = 0;
  for (const auto& f : d.features) {
    ASSERT_TRUE(f.geometry && f.geometry->type == GeometryType::Point);
    lon += f.geometry->points[0].x;
    lat += f.geometry->points[0].y;
  }
  EXPECT_NEAR(lon / 6117, -71.11363889712102, 1e-9);
  EXPECT_NEAR(lat / 6117, 42.37508454407478, 1e-9);
  int lamps = d.table.findField("NumLamps");
  double sum = 0;
  size_t with = 0;
  for (uint32_t row = 0; row < d.table.size(); ++row)
    if (auto v = d.table.number(row, lamps)) sum += *v, ++with;
  EXPECT_EQ(with, 6019u);
  EXPECT_EQ(sum, 6214.0);
  EXPECT_EQ(d.table.get("791-2", "Description")->text, "Cobrahead");
  EXPECT_EQ(d.features[0].id, "1");
}
