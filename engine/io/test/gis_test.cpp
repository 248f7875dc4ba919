// GIS input: ear clipping against shoelace areas, storeys parsing, hand-made footprints extruded to known
// triangle counts and areas, the Jakarta OpenStreetMap footprints and flood raster against values written down
// from ogrinfo/gdalinfo, the generator's terrain grid, and malformed files that must fail with one message.
#include "io/gis.h"

#include <chrono>
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "geo/crs.h"
#include "test_support.h"

namespace ct::io {
namespace {

namespace fs = std::filesystem;
using glm::dvec2;

// Shoelace area of rings (outer minus holes), the oracle for roof areas.
double polygonArea(const std::vector<std::vector<dvec2>>& rings) {
  double total = 0.0;
  for (size_t k = 0; k < rings.size(); ++k) {
    double a = 0.0;
    const auto& r = rings[k];
    for (size_t i = 0; i < r.size(); ++i) a += r[i].x * r[(i + 1) % r.size()].y - r[(i + 1) % r.size()].x * r[i].y;
    total += (k == 0 ? 1.0 : -1.0) * std::abs(0.5 * a);
  }
  return total;
}

struct TriangleSum {
  double area = 0.0;
  bool allCcw = true;
};
TriangleSum triangleAreas(const std::vector<std::vector<dvec2>>& rings, const std::vector<uint32_t>& tris) {
  std::vector<dvec2> pts;
  for (const auto& r : rings) pts.insert(pts.end(), r.begin(), r.end());
  TriangleSum s;
  for (size_t t = 0; t + 2 < tris.size(); t += 3) {
    const dvec2 a = pts.at(tris[t]), b = pts.at(tris[t + 1]), c = pts.at(tris[t + 2]);
    const double cr = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    s.area += 0.5 * cr;
    if (cr <= 0.0) s.allCcw = false;
  }
  return s;
}

const std::vector<dvec2> kSquare = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
const std::vector<dvec2> kL = {{0, 0}, {20, 0}, {20, 8}, {8, 8}, {8, 20}, {0, 20}};  // area 160 + 96 = 256
const std::vector<dvec2> kHole = {{3, 3}, {3, 7}, {7, 7}, {7, 3}};                    // area 16, clockwise

TEST(GisTriangulate, SquareLShapeAndHole) {
  auto sq = triangulate({kSquare});
  EXPECT_EQ(sq.size(), 6u);
  EXPECT_DOUBLE_EQ(triangleAreas({kSquare}, sq).area, 100.0);
  auto l = triangulate({kL});
  EXPECT_EQ(l.size(), 12u);
  EXPECT_DOUBLE_EQ(triangleAreas({kL}, l).area, 256.0);
  auto h = triangulate({kSquare, kHole});
  EXPECT_EQ(h.size(), 24u);  // 4 + 4 points + 2 bridge copies = 10 corners: 8 triangles
  const TriangleSum hs = triangleAreas({kSquare, kHole}, h);
  EXPECT_DOUBLE_EQ(hs.area, 84.0);
  EXPECT_TRUE(hs.allCcw);
}

TEST(GisTriangulate, ClockwiseInputConcaveCombAndTwoHoles) {
  // A comb (deeply concave), given clockwise: n - 2 triangles covering its shoelace area.
  std::vector<dvec2> comb = {{0, 0}, {0, 10}};
  for (int t = 0; t < 5; ++t) {
    const double x = t * 4.0;
    comb.insert(comb.end(), {{x + 1, 10}, {x + 1, 2}, {x + 3, 2}, {x + 3, 10}});
  }
  comb.insert(comb.end(), {{20, 10}, {20, 0}});
  ASSERT_GT(polygonArea({comb}), 0.0);
  auto tris = triangulate({comb});
  EXPECT_EQ(tris.size(), 3 * (comb.size() - 2));
  TriangleSum s = triangleAreas({comb}, tris);
  EXPECT_NEAR(s.area, polygonArea({comb}), 1e-9);
  EXPECT_TRUE(s.allCcw);

  const std::vector<dvec2> big = {{0, 0}, {30, 0}, {30, 10}, {0, 10}};
  const std::vector<dvec2> h1 = {{2, 2}, {8, 2}, {8, 8}, {2, 8}}, h2 = {{20, 2}, {26, 2}, {23, 8}};
  const std::vector<std::vector<dvec2>> rings = {big, h1, h2};
  auto t2 = triangulate(rings);
  s = triangleAreas(rings, t2);
  EXPECT_NEAR(s.area, 300.0 - 36.0 - 18.0, 1e-9);
  EXPECT_TRUE(s.allCcw);
  EXPECT_EQ(t2.size(), 3u * (4 + 4 + 3 + 4 - 2));
}

TEST(GisTriangulate, DegenerateInputsDoNotHang) {
  EXPECT_TRUE(triangulate({}).empty());
  EXPECT_TRUE(triangulate({{{0, 0}, {1, 1}}}).empty());
  EXPECT_TRUE(triangulate({{{0, 0}, {1, 1}, {2, 2}}}).empty());  // collinear: no area
  // A bow tie (self-crossing): some triangles, no hang, no index out of range.
  const std::vector<dvec2> bow = {{0, 0}, {10, 10}, {10, 0}, {0, 10}};
  for (uint32_t i : triangulate({bow})) EXPECT_LT(i, 4u);
}

TEST(GisStoreys, OsmLevels) {
  EXPECT_EQ(parseStoreys("3"), 3.0);
  EXPECT_EQ(parseStoreys("2.5"), 2.5);
  EXPECT_EQ(parseStoreys("10+"), 10.0);
  EXPECT_EQ(parseStoreys(" 4 "), 4.0);
  for (const char* bad : {"", "fix me", "Tarihuniyah", "4-7", ">7", "0", "-2", "nan", "1e9", "3 floors"})
    EXPECT_FALSE(parseStoreys(bad).has_value()) << bad;
}

// The hand-made footprints: a square (height field), an L (storeys "3"), a square with a hole (storeys "10+"),
// and one with no usable value (the default 2 storeys).
const char* kFootprints = R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "sq", "h": 12.5, "levels": null},
  "geometry": {"type": "Polygon", "coordinates": [[[0,0],[10,0],[10,10],[0,10],[0,0]]]}},
 {"type": "Feature", "properties": {"name": "ell", "h": null, "levels": "3"},
  "geometry": {"type": "Polygon", "coordinates": [[[100,0],[120,0],[120,8],[108,8],[108,20],[100,20],[100,0]]]}},
 {"type": "Feature", "properties": {"name": "court", "h": null, "levels": "10+"},
  "geometry": {"type": "Polygon", "coordinates": [[[200,0],[210,0],[210,10],[200,10],[200,0]],
                                                  [[203,3],[203,7],[207,7],[207,3],[203,3]]]}},
 {"type": "Feature", "properties": {"name": "plain", "h": null, "levels": "fix me"},
  "geometry": {"type": "Polygon", "coordinates": [[[300,0],[300,10],[310,10],[310,0],[300,0]]]}}
]})";

// Layer x/y taken as local metres east/north.
bool metres(const glm::dvec3& p, glm::dvec3& local) {
  local = {p.x, 0.0, -p.y};
  return true;
}

struct MeshStats {
  size_t triangles = 0, roofTriangles = 0;
  double roofArea = 0.0, top = -1e30;
  bool windingMatchesNormals = true, featureTagged = true;
};
MeshStats stats(const scene::Mesh& m, uint32_t feature) {
  MeshStats s;
  for (const scene::Primitive& p : m.primitives)
    for (size_t t = 0; t + 2 < p.indices.size(); t += 3) {
      const scene::Vertex &a = p.vertices[p.indices[t]], &b = p.vertices[p.indices[t + 1]],
                          &c = p.vertices[p.indices[t + 2]];
      const glm::dvec3 n = glm::cross(glm::dvec3(b.position - a.position), glm::dvec3(c.position - a.position));
      ++s.triangles;
      if (glm::dot(n, glm::dvec3(a.normal)) <= 0.0) s.windingMatchesNormals = false;
      if (a.feature != feature || b.feature != feature || c.feature != feature) s.featureTagged = false;
      if (a.normal.y > 0.5f) {
        ++s.roofTriangles;
        s.roofArea += 0.5 * glm::length(n);
      }
      s.top = std::max({s.top, double(a.position.y), double(b.position.y), double(c.position.y)});
    }
  return s;
}

TEST(GisExtrude, HandMadeFootprints) {
  const fs::path dir = test::tempDir("gis_footprints");
  test::writeText(dir / "f.geojson", kFootprints);
  auto layer = readVector((dir / "f.geojson").string(), {"", 0, "name"});
  ASSERT_TRUE(layer) << layer.firstError();
  ASSERT_EQ(layer->features.size(), 4u);
  auto scene = extrudeFootprints(layer.value(), {"h", "levels"}, metres);
  ASSERT_TRUE(scene) << scene.firstError();
  const scene::Scene& s = scene.value();
  ASSERT_EQ(s.features.size(), 4u);
  ASSERT_EQ(s.meshes.size(), 4u);
  ASSERT_EQ(s.instances.size(), 4u);
  // name, triangles (walls 2 per edge + roof), roof area, height, centre
  struct Expect {
    const char* key;
    size_t triangles, roof;
    double area, height;
    glm::dvec3 centre;
  } expect[] = {{"sq", 10, 2, 100.0, 12.5, {5, 0, -5}},
                {"ell", 16, 4, 256.0, 9.0, {110, 0, -10}},
                {"court", 24, 8, 84.0, 30.0, {205, 0, -5}},
                {"plain", 10, 2, 100.0, 6.0, {305, 0, -5}}};
  for (const Expect& e : expect) {
    const int64_t row = s.features.find(e.key);
    ASSERT_GE(row, 0) << e.key;
    const scene::Instance* inst = nullptr;
    for (const scene::Instance& i : s.instances)
      if (s.nodes[size_t(i.node)].name == e.key) inst = &i;
    ASSERT_NE(inst, nullptr) << e.key;
    EXPECT_EQ(inst->feature, uint32_t(row) + 1);
    const MeshStats m = stats(s.meshes[size_t(inst->mesh)], uint32_t(row) + 1);
    EXPECT_EQ(m.triangles, e.triangles) << e.key;
    EXPECT_EQ(m.roofTriangles, e.roof) << e.key;
    EXPECT_NEAR(m.roofArea, e.area, 1e-4) << e.key;
    EXPECT_NEAR(m.top, e.height, 1e-5) << e.key;
    EXPECT_TRUE(m.windingMatchesNormals) << e.key;
    EXPECT_TRUE(m.featureTagged) << e.key;
    EXPECT_LT(glm::length(glm::dvec3(inst->world[3]) - e.centre), 1e-9) << e.key;
    const auto* h = s.features.column("extruded_height");
    ASSERT_NE(h, nullptr);
    EXPECT_DOUBLE_EQ(std::get<double>(h->values[size_t(row)]), e.height);
  }
  // Attributes keep their types.
  ASSERT_NE(s.features.column("h"), nullptr);
  EXPECT_EQ(s.features.column("h")->type, "FLOAT64");
  EXPECT_EQ(s.features.column("levels")->type, "STRING");
  // One building defaulted ("fix me"), said in a warning.
  ASSERT_EQ(scene.warnings().size(), 1u);
  EXPECT_NE(scene.warnings()[0].find("1 building(s)"), std::string::npos) << scene.warnings()[0];
}

TEST(GisExtrude, WallNormalsPointOutOfTheBuilding) {
  const fs::path dir = test::tempDir("gis_normals");
  test::writeText(dir / "f.geojson", kFootprints);
  auto layer = readVector((dir / "f.geojson").string(), {"", 0, "name"});
  ASSERT_TRUE(layer);
  auto scene = extrudeFootprints(layer.value(), {}, metres);
  ASSERT_TRUE(scene);
  const scene::Scene& s = scene.value();
  // The courtyard building (centre 205, -5 local; the hole spans local x 203..207, z -7..-3).
  const int64_t row = s.features.find("court");
  const scene::Mesh& m = s.meshes[size_t(row)];
  int outerWalls = 0, holeWalls = 0;
  for (const scene::Vertex& v : m.primitives[0].vertices) {
    if (std::abs(v.normal.y) > 0.5f) continue;
    const glm::vec2 p(v.position.x, v.position.z), n(v.normal.x, v.normal.z);
    const bool onHole = std::abs(p.x) <= 2.0f + 1e-4f && std::abs(p.y) <= 2.0f + 1e-4f;
    // Outer walls face away from the centre; the courtyard's walls face into the courtyard, i.e. the centre.
    if (onHole) {
      ++holeWalls;
      EXPECT_LT(glm::dot(n, p), 0.0f);
    } else {
      ++outerWalls;
      EXPECT_GT(glm::dot(n, p), 0.0f);
    }
  }
  EXPECT_EQ(outerWalls, 16);
  EXPECT_EQ(holeWalls, 16);
}

TEST(GisRaster, GeneratorTerrainGrid) {
  const fs::path asc = test::sourceDir() / "assets" / "sample_city_terrain.asc";
  if (!fs::exists(asc)) GTEST_SKIP() << "skipped: assets/sample_city_terrain.asc missing";
  auto r = readRaster(asc.string());
  ASSERT_TRUE(r) << r.firstError();
  EXPECT_EQ(r->cols, 98);
  EXPECT_EQ(r->rows, 99);
  EXPECT_TRUE(r->crs.empty());
  // Header: xllcenter -481.312, yllcenter -491.732, cellsize 10: corners half a cell out, top = bottom + 99 cells.
  EXPECT_NEAR(r->gt[0], -486.312, 1e-9);
  EXPECT_NEAR(r->gt[1], 10.0, 1e-12);
  EXPECT_NEAR(r->gt[3], -496.732 + 990.0, 1e-9);
  EXPECT_NEAR(r->gt[5], -10.0, 1e-12);
  EXPECT_FLOAT_EQ(r->at(0, 0), -0.92f);  // the first number of the first data row
  EXPECT_FLOAT_EQ(r->at(1, 0), -0.90f);
}

TEST(GisRaster, NoDataBecomesNaN) {
  const fs::path dir = test::tempDir("gis_nodata");
  test::writeText(dir / "g.asc", "ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 2\nNODATA_value -9999\n"
                                 "1 -9999 3\n4 5.5 -9999\n");
  auto r = readRaster((dir / "g.asc").string());
  ASSERT_TRUE(r) << r.firstError();
  ASSERT_EQ(r->values.size(), 6u);
  EXPECT_EQ(r->at(0, 0), 1.0f);
  EXPECT_TRUE(std::isnan(r->at(1, 0)));
  EXPECT_EQ(r->at(1, 1), 5.5f);
  EXPECT_TRUE(std::isnan(r->at(2, 1)));
  EXPECT_DOUBLE_EQ(r->gt[3], 4.0);
  EXPECT_FALSE(readRaster((dir / "g.asc").string(), 2));  // one band only
}

// Malformed files: each fails with one message that names the file.
TEST(GisMalformed, OneClearErrorEach) {
  const fs::path dir = test::tempDir("gis_malformed");
  test::writeText(dir / "empty.tif", "");
  test::writeText(dir / "garbage.tif", "this is not a raster at all, just words\n");
  test::writeBytes(dir / "truncated.tif", {'I', 'I', 42, 0, 8, 0, 0, 0, 12, 0});  // header, IFD cut short
  test::writeText(dir / "grid.asc", "ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n4");  // short
  test::writeText(dir / "bad.geojson", R"({"type": "FeatureCollection", "features": [{"type": "Feature", "geo)");
  test::writeText(dir / "empty.geojson", "");
  fs::create_directories(dir / "folder.tif");
  const fs::path missing = dir / "missing.tif";
  for (const fs::path& p : {dir / "empty.tif", dir / "garbage.tif", dir / "truncated.tif", dir / "grid.asc", missing,
                            dir / "folder.tif"}) {
    auto r = readRaster(p.string());
    ASSERT_FALSE(r) << p;
    std::printf("%s\n", r.firstError().c_str());
    EXPECT_EQ(r.errors().size(), 1u) << p;
    EXPECT_NE(r.firstError().find(p.string()), std::string::npos) << r.firstError();
  }
  for (const fs::path& p : {dir / "bad.geojson", dir / "empty.geojson", dir / "garbage.tif", missing}) {
    auto r = readVector(p.string());
    ASSERT_FALSE(r) << p;
    std::printf("%s\n", r.firstError().c_str());
    EXPECT_EQ(r.errors().size(), 1u) << p;
    EXPECT_NE(r.firstError().find(p.string()), std::string::npos) << r.firstError();
  }
  // fuzz_raster's find: a 2 x 2 TIFF whose pixel-interleaved blocks of 16 x 4096 cells span 64 770 bands, which
  // GDAL would allocate (8 GB) to read one cell.
  const fs::path blocks = test::sourceDir() / "tests/fuzz/corpus/fuzz_raster/huge_interleaved_blocks.tif";
  auto huge = readRaster(blocks.string());
  ASSERT_FALSE(huge);
  EXPECT_NE(huge.firstError().find("bands"), std::string::npos) << huge.firstError();
  EXPECT_FALSE(readRaster("/vsimem/anything.tif"));  // GDAL's virtual paths are not for outside input
  test::writeText(dir / "f.geojson", kFootprints);
  auto noKey = readVector((dir / "f.geojson").string(), {"", 0, "no_such_field"});
  ASSERT_FALSE(noKey);
  EXPECT_NE(noKey.firstError().find("no_such_field"), std::string::npos);
  EXPECT_FALSE(readVector((dir / "f.geojson").string(), {"", 3, ""}));
  EXPECT_FALSE(readVector((dir / "f.geojson").string(), {"nope", 0, ""}));
}

fs::path jakarta(const std::string& relative) {
  const fs::path data = test::sharedData();
  if (data.empty()) return {};
  const fs::path p = data / "inasafe-jakarta-flood/safe/test/data" / relative;
  return fs::exists(p) ? p : fs::path();
}

TEST(GisJakarta, FloodDepthRaster) {
  const fs::path tif = jakarta("gisv4/hazard/jakarta_continuous_flood.tif");
  if (tif.empty()) GTEST_SKIP() << "skipped: shared data missing";
  auto r = readRaster(tif.string());
  ASSERT_TRUE(r) << r.firstError();
  // gdalinfo: Size is 339, 195; Origin = (106.820303889506647,-6.114711978364528);
  // Pixel Size = (0.000452288197160,-0.000452288197160); WGS 84.
  EXPECT_EQ(r->cols, 339);
  EXPECT_EQ(r->rows, 195);
  EXPECT_NEAR(r->gt[0], 106.820303889506647, 1e-12);
  EXPECT_NEAR(r->gt[3], -6.114711978364528, 1e-12);
  EXPECT_NEAR(r->gt[1], 0.000452288197160, 1e-14);
  EXPECT_NEAR(r->gt[5], -0.000452288197160, 1e-14);
  EXPECT_NE(r->crs.find("WGS 84"), std::string::npos);
  // gdallocationinfo -valonly <tif> 100 100 -> 0.412800014019012; 200 50 -> 1.43340003490448.
  EXPECT_FLOAT_EQ(r->at(100, 100), 0.412800014019012f);
  EXPECT_FLOAT_EQ(r->at(200, 50), 1.43340003490448f);
  // gdal_translate -of AAIGrid, then summed with awk: 66105 cells, none -9999, sum 34797.9, max 5.8627.
  double sum = 0.0, mx = 0.0;
  for (float v : r->values) {
    ASSERT_FALSE(std::isnan(v));
    sum += v;
    mx = std::max(mx, double(v));
  }
  EXPECT_NEAR(sum, 34797.9, 0.1);
  EXPECT_NEAR(mx, 5.8627, 1e-4);
  // The CRS goes through PROJ: the raster's centre is in Jakarta.
  auto toWgs = geo::CrsTransform::create(r->crs, geo::kWgs84Crs);
  ASSERT_TRUE(toWgs) << toWgs.firstError();
  auto c = toWgs->transform({r->cellCenter(169, 97).x, r->cellCenter(169, 97).y, 0.0});
  ASSERT_TRUE(c);
  EXPECT_NEAR(c.value().x, 106.8969667, 1e-3);  // gdalinfo's Center
  EXPECT_NEAR(c.value().y, -6.1588101, 1e-3);
}

TEST(GisJakarta, FloodMultipartShapefile) {
  const fs::path shp = jakarta("hazard/flood_multipart_polygons.shp");
  if (shp.empty()) GTEST_SKIP() << "skipped: shared data missing";
  auto layer = readVector(shp.string());
  ASSERT_TRUE(layer) << layer.firstError();
  // ogrinfo: 31 features, 30 polygons and one multipolygon of 2 parts; fields OBJECTID (Integer), KAB_NAME, ...
  ASSERT_EQ(layer->features.size(), 31u);
  size_t polygons = 0;
  for (const VectorFeature& f : layer->features) polygons += f.polygons.size();
  EXPECT_EQ(polygons, 32u);
  EXPECT_EQ(layer->fields.at(0).name, "OBJECTID");
  EXPECT_EQ(layer->fields.at(0).type, "INT64");
  EXPECT_GE(layer->fieldIndex("KAB_NAME"), 0);
  EXPECT_NE(layer->crs.find("WGS 84"), std::string::npos);
  for (const VectorFeature& f : layer->features)
    for (const geo::Polygon& p : f.polygons)
      for (const glm::dvec2& q : p.rings.at(0)) {  // extent (106.808010, -6.195310) - (106.834569, -6.167526)
        EXPECT_GE(q.x, 106.808009);
        EXPECT_LE(q.y, -6.167525);
      }
}

TEST(GisJakarta, OsmFootprintsExtrudedByLevels) {
  const fs::path gpkg = jakarta("gisv4/exposure/jakarta_building.gpkg");
  if (gpkg.empty()) GTEST_SKIP() << "skipped: shared data missing";
  const auto t0 = std::chrono::steady_clock::now();
  auto layer = readVector(gpkg.string());
  ASSERT_TRUE(layer) << layer.firstError();
  const auto t1 = std::chrono::steady_clock::now();
  // ogrinfo: layer clipped_jakarta_building, 7689 features, one polygon each, 24 holes in all, 45666 points
  // counting each ring's closing point; LEVELS (String) grouped: null 6480, "10+" 141, "2" 390, "1" 368, ...
  EXPECT_EQ(layer->name, "clipped_jakarta_building");
  ASSERT_EQ(layer->features.size(), 7689u);
  std::map<std::string, int> levels;
  size_t holes = 0, points = 0;
  for (const VectorFeature& f : layer->features) {
    const scene::PropertyValue* v = layer->value(f, "LEVELS");
    ASSERT_NE(v, nullptr);
    ++levels[std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : "(null)"];
    ASSERT_EQ(f.polygons.size(), 1u);
    holes += f.polygons[0].rings.size() - 1;
    for (const auto& r : f.polygons[0].rings) points += r.size() + 1;
  }
  EXPECT_EQ(levels.size(), 18u);
  EXPECT_EQ(levels["(null)"], 6480);
  EXPECT_EQ(levels["10+"], 141);
  EXPECT_EQ(levels["2"], 390);
  EXPECT_EQ(levels["4-7"], 41);
  EXPECT_EQ(holes, 24u);
  EXPECT_EQ(points, 45666u);

  // The local frame near the layer's extent centre.
  auto toWgs = geo::CrsTransform::create(layer->crs, geo::kWgs84Crs);
  ASSERT_TRUE(toWgs) << toWgs.firstError();
  const geo::LocalFrame frame(geo::Geodetic{-6.15851, 106.8955, 0.0});
  const ToLocal toLocal = [&](const glm::dvec3& p, glm::dvec3& local) {
    auto r = frame.toLocal(toWgs.value(), p.x, p.y, p.z);
    if (r) local = r.value();
    return bool(r);
  };
  auto scene = extrudeFootprints(layer.value(), {"", "LEVELS"}, toLocal);
  const auto t2 = std::chrono::steady_clock::now();
  ASSERT_TRUE(scene) << scene.firstError();
  const scene::Scene& s = scene.value();
  ASSERT_EQ(s.features.size(), 7689u);
  ASSERT_EQ(s.instances.size(), 7689u);
  // Defaulted: null 6480, "0" 2, "4-7" 41, ">7" 8, "Tarihuniyah" 1, "fix me" 1 = 6533.
  ASSERT_FALSE(scene.warnings().empty());
  EXPECT_NE(scene.warnings()[0].find("6533 building(s)"), std::string::npos) << scene.warnings()[0];

  // Heights: storeys x 3 m, 2 storeys where LEVELS does not parse; "10+" counts as 10; the tallest is "16".
  const auto* lv = s.features.column("LEVELS");
  ASSERT_NE(lv, nullptr);
  size_t badArea = 0, tall = 0;
  uint64_t triangles = 0;
  double worstArea = 0.0;
  for (const scene::Instance& inst : s.instances) {
    const uint32_t row = inst.feature - 1;
    const scene::PropertyValue& level = lv->values[row];
    double storeys = 2.0;
    if (auto* text = std::get_if<std::string>(&level)) {
      if (*text == "10+") storeys = 10.0, ++tall;
      else if (*text != "0" && *text != "4-7" && *text != ">7" && *text != "Tarihuniyah" && *text != "fix me")
        storeys = std::stod(*text);
    }
    const MeshStats m = stats(s.meshes[size_t(inst.mesh)], inst.feature);
    EXPECT_NEAR(m.top, storeys * 3.0, 1e-4) << s.features.key(row);
    EXPECT_TRUE(m.featureTagged);
    triangles += m.triangles;
    // Roof area against the shoelace area of the footprint taken to local metres separately.
    const VectorFeature& f = layer->features[row];
    std::vector<std::vector<dvec2>> rings;
    for (const auto& r : f.polygons[0].rings) {
      rings.emplace_back();
      for (const dvec2& q : r) {
        auto l = frame.toLocal(toWgs.value(), q.x, q.y, 0.0);
        ASSERT_TRUE(l);
        rings.back().push_back({l.value().x, -l.value().z});
      }
    }
    const double area = polygonArea(rings), rel = std::abs(m.roofArea - area) / area;
    worstArea = std::max(worstArea, rel);
    if (rel > 1e-3) ++badArea;
  }
  EXPECT_EQ(tall, 141u);
  EXPECT_EQ(badArea, 0u) << "worst relative roof area error " << worstArea;
  // Walls: 2 triangles per edge (45666 - 7713 rings = 37953 edges); roofs: at most points + 2 * holes - 2 each.
  EXPECT_LE(triangles, 2u * 37953u + (37953u + 2u * 24u - 2u * 7689u));
  EXPECT_GE(triangles, 2u * 37953u + (37953u + 2u * 24u - 2u * 7689u) * 98 / 100);
  // Bounds against the footprints' true extent (ogrinfo -dialect sqlite, min(ST_MinX(geom)) etc.: longitude
  // 106.818976400838 .. 106.972094690174, latitude -6.20403140409668 .. -6.11299171071998; the stored layer
  // extent is rounded), in metres on the WGS84 ellipsoid at the middle latitude: a degree is pi/180 * a cos(lat)
  // / w east and pi/180 * a (1 - e2) / w^3 north, w = sqrt(1 - e2 sin^2(lat)). About 16.9 by 10.1 km.
  const double lat = -6.15851 * M_PI / 180.0, e2 = 0.00669437999014, a = 6378137.0;
  const double w = std::sqrt(1.0 - e2 * std::sin(lat) * std::sin(lat));
  EXPECT_NEAR(s.bounds.size().x, (106.972094690174 - 106.818976400838) * M_PI / 180.0 * a * std::cos(lat) / w, 3.0);
  EXPECT_NEAR(s.bounds.size().z,
              (6.20403140409668 - 6.11299171071998) * M_PI / 180.0 * a * (1.0 - e2) / (w * w * w), 3.0);
  EXPECT_NEAR(s.bounds.min.y, 0.0, 1e-6);
  EXPECT_NEAR(s.bounds.max.y, 48.0, 1e-4);
  std::printf("{\"read_s\": %.3f, \"extrude_s\": %.3f, \"triangles\": %llu, \"worst_roof_area_error\": %.2e}\n",
              std::chrono::duration<double>(t1 - t0).count(), std::chrono::duration<double>(t2 - t1).count(),
              static_cast<unsigned long long>(triangles), worstArea);
}

}  // namespace
}  // namespace ct::io
