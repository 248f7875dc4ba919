// `citytwin analyze flood` end to end (issue 9, item 4): the Jakarta report against a separate computation that
// reads the same GeoPackage and GeoTIFF with GDAL/OGR's C API; on the district, the buildings listed for a level
// against the water in rendered id images; malformed inputs (exit 2, one "error: " line naming the problem).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "export/png.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace t = ct::test;
using nlohmann::json;

namespace {

std::string cli() { return t::shellQuote(CITYTWIN_CLI); }

struct Output {
  int exitCode = -1;
  std::string out, err;
};

// Runs `citytwin ARGS`, keeping stdout and stderr apart.
Output runCli(const std::string& args) {
  // ctest runs these tests as parallel processes: the folder names the process, not only the call.
  static int serial = 0;
  const fs::path errFile =
      t::tempDir("flood_cli_stderr_" + std::to_string(::getpid()) + "_" + std::to_string(serial++)) / "stderr.txt";
  Output o;
  FILE* p = popen((cli() + " " + args + " 2>" + t::shellQuote(errFile.string())).c_str(), "r");
  if (!p) return o;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) o.out.append(buf, n);
  const int status = pclose(p);
  o.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(errFile);
  std::stringstream ss;
  ss << in.rdbuf();
  o.err = ss.str();
  return o;
}

json analyze(const std::string& args) {
  Output o = runCli("analyze flood " + args);
  EXPECT_EQ(o.exitCode, 0) << args << ": " << o.err;
  json j = json::parse(o.out, nullptr, false);
  EXPECT_TRUE(j.is_object()) << args << ": " << o.out;
  return j.is_object() ? j : json::object();
}

// ---- Plane geometry of the independent computation (its own code: nothing from engine/sim) ----

struct P {
  double x, y;
};
using Ring = std::vector<P>;
struct Poly {
  std::vector<Ring> rings;  // outer first, then holes; as OGR gives them (closing point repeated)
};

// Twice the signed area of a ring, about `o` (lon/lat degrees of 10^2: subtracting keeps the digits).
double area2(const Ring& r, P o) {
  double s = 0.0;
  for (size_t i = 0; i < r.size(); ++i) {
    const P a{r[i].x - o.x, r[i].y - o.y}, b{r[(i + 1) % r.size()].x - o.x, r[(i + 1) % r.size()].y - o.y};
    s += a.x * b.y - b.x * a.y;
  }
  return s;
}

// Area centroid of the outer ring minus the holes: sum of |A_k| C_k (holes negative) over the net area. A polygon
// of zero area falls back to the mean of its outer ring's distinct vertices (the engine's stated convention).
P areaCentroid(const Poly& poly) {
  const Ring& outer = poly.rings.front();
  const P o = outer.front();
  double netArea = 0.0, mx = 0.0, my = 0.0;
  for (size_t k = 0; k < poly.rings.size(); ++k) {
    const Ring& r = poly.rings[k];
    double a2 = 0.0, cx = 0.0, cy = 0.0;
    for (size_t i = 0; i < r.size(); ++i) {
      const P a{r[i].x - o.x, r[i].y - o.y}, b{r[(i + 1) % r.size()].x - o.x, r[(i + 1) % r.size()].y - o.y};
      const double c = a.x * b.y - b.x * a.y;
      a2 += c;
      cx += (a.x + b.x) * c;
      cy += (a.y + b.y) * c;
    }
    if (a2 == 0.0) continue;
    const double w = (k == 0 ? 1.0 : -1.0) * std::abs(a2) / a2;  // |A| C = (moment / 3) * sign(A)
    netArea += w * a2 / 2.0;
    mx += w * cx / 6.0;
    my += w * cy / 6.0;
  }
  if (netArea == 0.0) {
    size_t n = outer.size();
    if (n > 1 && outer.back().x == outer.front().x && outer.back().y == outer.front().y) --n;
    double sx = 0.0, sy = 0.0;
    for (size_t i = 0; i < n; ++i) sx += outer[i].x - o.x, sy += outer[i].y - o.y;
    return {o.x + sx / double(n), o.y + sy / double(n)};
  }
  return {o.x + mx / netArea, o.y + my / netArea};
}

// Winding number of a closed ring around p (Sunday's crossing rule with the signed "is left" test).
int winding(const Ring& r, P p) {
  int wn = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    const P a = r[i], b = r[(i + 1) % r.size()];
    const double left = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y);
    if (a.y <= p.y) {
      if (b.y > p.y && left > 0) ++wn;
    } else if (b.y <= p.y && left < 0) {
      --wn;
    }
  }
  return wn;
}

// Inside the outer ring and outside every hole.
bool inside(const Poly& poly, P p) {
  if (winding(poly.rings.front(), p) == 0) return false;
  for (size_t k = 1; k < poly.rings.size(); ++k)
    if (winding(poly.rings[k], p) != 0) return false;
  return true;
}

// ---- GDAL/OGR readers (C API, read-only, no .aux.xml written beside the shared data) ----

struct Footprint {
  std::string key;  // the FID
  Poly poly;        // the largest part of a multipolygon (by outer-ring area, first on ties)
  int parts = 0;
};

Poly polygonOf(OGRGeometryH g) {
  Poly poly;
  for (int i = 0, n = OGR_G_GetGeometryCount(g); i < n; ++i) {
    OGRGeometryH ring = OGR_G_GetGeometryRef(g, i);
    Ring r;
    for (int k = 0, m = OGR_G_GetPointCount(ring); k < m; ++k) r.push_back({OGR_G_GetX(ring, k), OGR_G_GetY(ring, k)});
    poly.rings.push_back(std::move(r));
  }
  return poly;
}

std::vector<Footprint> readFootprints(const fs::path& gpkg) {
  std::vector<Footprint> out;
  GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!ds) return out;
  OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
  OGR_L_ResetReading(layer);
  while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
    Footprint fp;
    fp.key = std::to_string(OGR_F_GetFID(f));
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    std::vector<Poly> parts;
    if (g && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPolygon) parts.push_back(polygonOf(g));
    if (g && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbMultiPolygon)
      for (int i = 0, n = OGR_G_GetGeometryCount(g); i < n; ++i) parts.push_back(polygonOf(OGR_G_GetGeometryRef(g, i)));
    std::erase_if(parts, [](const Poly& p) { return p.rings.empty() || p.rings[0].size() < 4; });
    fp.parts = int(parts.size());
    double best = -1.0;
    for (const Poly& p : parts)
      if (std::abs(area2(p.rings[0], p.rings[0][0])) > best) {
        best = std::abs(area2(p.rings[0], p.rings[0][0]));
        fp.poly = p;
      }
    if (fp.parts > 0) out.push_back(std::move(fp));
    OGR_F_Destroy(f);
  }
  GDALClose(ds);
  return out;
}

struct Grid {
  int cols = 0, rows = 0;
  std::array<double, 6> gt{};
  std::vector<float> v;
  bool hasNoData = false;
  double noData = 0.0;
  bool wet(int c, int r) const {
    const float d = v[size_t(r) * cols + c];
    return !std::isnan(d) && !(hasNoData && double(d) == noData) && d > 0.0f;
  }
  float at(int c, int r) const { return v[size_t(r) * cols + c]; }
};

Grid readGrid(const fs::path& tif) {
  Grid g;
  GDALDatasetH ds = GDALOpenEx(tif.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!ds) return g;
  GDALGetGeoTransform(ds, g.gt.data());
  g.cols = GDALGetRasterXSize(ds);
  g.rows = GDALGetRasterYSize(ds);
  GDALRasterBandH band = GDALGetRasterBand(ds, 1);
  int has = 0;
  g.noData = GDALGetRasterNoDataValue(band, &has);
  g.hasNoData = has != 0;
  g.v.resize(size_t(g.cols) * g.rows);
  if (GDALRasterIO(band, GF_Read, 0, 0, g.cols, g.rows, g.v.data(), g.cols, g.rows, GDT_Float32, 0, 0) != CE_None)
    g.v.clear();
  GDALClose(ds);
  return g;
}

}  // namespace

// The rule, computed here: depth = max(depth of the cell holding the footprint's area centroid, depths of
// the cells whose centres lie inside the footprint, holes excluded); nodata, NaN and <= 0 are dry. A multipolygon
// is its largest part, as engine/app/src/twin_geometry.cpp's loadFootprints takes it. Both files are EPSG:4326
// with lon/lat as x/y (the raster has no rotation terms), so no reprojection is needed.
TEST(FloodCli, JakartaAnalysisAgreesWithAnIndependentComputation) {
  const fs::path data = t::sharedData() / "inasafe-jakarta-flood/safe/test/data/gisv4";
  const fs::path gpkg = data / "exposure/jakarta_building.gpkg", tif = data / "hazard/jakarta_continuous_flood.tif";
  if (t::sharedData().empty() || !fs::exists(gpkg) || !fs::exists(tif))
    GTEST_SKIP() << "skipped: shared data missing";
  const json report = analyze(t::shellQuote((t::sourceDir() / "samples/jakarta/scene.json").string()));
  ASSERT_TRUE(report.contains("keys"));

  CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");  // never write a .aux.xml beside the read-only data
  GDALAllRegister();
  const std::vector<Footprint> footprints = readFootprints(gpkg);
  const Grid grid = readGrid(tif);
  ASSERT_EQ(footprints.size(), 7689u);  // the layer's feature count (ogrinfo), all with a polygon
  ASSERT_EQ(grid.cols, 339);
  ASSERT_EQ(grid.rows, 195);
  ASSERT_EQ(grid.v.size(), size_t(339 * 195));
  ASSERT_EQ(grid.gt[2], 0.0);
  ASSERT_EQ(grid.gt[4], 0.0);

  const std::vector<double> bounds{0.1, 0.5, 1.0, 2.0};
  std::map<std::string, float> depthOf;  // FID -> depth, for the buildings in water
  std::vector<size_t> byClass(bounds.size() + 1, 0);
  size_t multipart = 0, holed = 0, fromCentroidOnly = 0, onBound = 0, noCentreInside = 0;
  for (const Footprint& fp : footprints) {
    multipart += fp.parts > 1;
    holed += fp.poly.rings.size() > 1;
    float best = 0.0f;
    const P c = areaCentroid(fp.poly);
    const int cc = int(std::floor((c.x - grid.gt[0]) / grid.gt[1])), cr = int(std::floor((c.y - grid.gt[3]) / grid.gt[5]));
    if (cc >= 0 && cr >= 0 && cc < grid.cols && cr < grid.rows && grid.wet(cc, cr)) best = grid.at(cc, cr);
    const float atCentroid = best;
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    for (const P& p : fp.poly.rings[0]) x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    const int c0 = std::max(0, int(std::floor((x0 - grid.gt[0]) / grid.gt[1])));
    const int c1 = std::min(grid.cols - 1, int(std::floor((x1 - grid.gt[0]) / grid.gt[1])));
    const int r0 = std::max(0, int(std::floor((y1 - grid.gt[3]) / grid.gt[5])));  // gt[5] < 0: north is row 0
    const int r1 = std::min(grid.rows - 1, int(std::floor((y0 - grid.gt[3]) / grid.gt[5])));
    bool anyCentre = false;
    for (int r = r0; r <= r1; ++r)
      for (int col = c0; col <= c1; ++col)
        if (inside(fp.poly, {grid.gt[0] + (col + 0.5) * grid.gt[1], grid.gt[3] + (r + 0.5) * grid.gt[5]})) {
          anyCentre = true;
          if (grid.wet(col, r) && grid.at(col, r) > best) best = grid.at(col, r);
        }
    noCentreInside += !anyCentre;
    if (!(best > 0.0f)) continue;
    fromCentroidOnly += best == atCentroid;
    depthOf[fp.key] = best;
    // The raster holds float32 depths: a bound is compared as the float32 a raster would store for it (a cell
    // written as 0.1 holds 0.1f = 0.10000000149, which belongs in (0, 0.1]). Count the depths where that matters.
    size_t k = bounds.size();
    for (size_t j = 0; j < bounds.size(); ++j)
      if (best <= float(bounds[j])) {
        k = j;
        break;
      }
    for (double b : bounds) onBound += double(best) > b && best <= float(b);
    ++byClass[k];
  }
  std::printf("[ figures  ] %zu footprints (%zu multipart, %zu with holes, %zu holding no cell centre), %zu in water "
              "(%zu at the depth of the centroid's cell), by class %zu/%zu/%zu/%zu/%zu, %zu on a float32 class bound\n",
              footprints.size(), multipart, holed, noCentreInside, depthOf.size(), fromCentroidOnly, byClass[0], byClass[1],
              byClass[2], byClass[3], byClass[4], onBound);

  EXPECT_EQ(report.value("buildings", size_t(0)), footprints.size());
  EXPECT_EQ(report.value("in_water", size_t(0)), depthOf.size());
  EXPECT_EQ(report["depth_classes_m"], json(bounds));
  EXPECT_EQ(report["by_depth_class"], json(byClass));
  std::set<std::string> cliKeys;
  for (const auto& k : report["keys"]) cliKeys.insert(k.get<std::string>());
  size_t missing = 0, extra = 0;  // the first 20 of each are named
  for (const auto& [key, d] : depthOf)
    if (!cliKeys.count(key) && ++missing <= 20)
      ADD_FAILURE() << "FID " << key << ": in water here at depth " << d << " m, not listed by the CLI";
  for (const std::string& key : cliKeys)
    if (!depthOf.count(key) && ++extra <= 20) ADD_FAILURE() << "FID " << key << ": listed by the CLI, dry here (depth 0)";
  EXPECT_EQ(missing, 0u) << "buildings in water here that the CLI does not list";
  EXPECT_EQ(extra, 0u) << "buildings the CLI lists that are dry here";
  // Flooded area: wet cells times their area on the WGS84 ellipsoid (M N cos(lat) dlat dlon at the cell's centre
  // latitude); the engine measures cells on its local tangent plane, within a part in 10^5 over a city.
  double area = 0.0;
  const double a = 6378137.0, f = 1.0 / 298.257223563, e2 = f * (2.0 - f), rad = M_PI / 180.0;
  for (int r = 0; r < grid.rows; ++r) {
    const double lat = (grid.gt[3] + (r + 0.5) * grid.gt[5]) * rad, s2 = std::sin(lat) * std::sin(lat);
    const double m = a * (1.0 - e2) / std::pow(1.0 - e2 * s2, 1.5), n = a / std::sqrt(1.0 - e2 * s2);
    for (int c = 0; c < grid.cols; ++c)
      if (grid.wet(c, r)) area += m * n * std::cos(lat) * std::abs(grid.gt[1] * grid.gt[5]) * rad * rad;
  }
  std::printf("[ figures  ] flooded area: CLI %.1f m2, ellipsoid %.1f m2\n", report.value("flooded_area_m2", 0.0), area);
  EXPECT_NEAR(report.value("flooded_area_m2", 0.0), area, area * 1e-4);
}

namespace {

// ---- The district: analyze's list against the water in id images ----

const char* kCamera = "0,20000,0.01,0,0,0,3";  // straight down from 20 km: 1048 m across at the ground
constexpr int kSize = 2200;                    // 2.1 px per metre

// The district scene with absolute paths (so that it can live in a temporary folder), flood level `level`.
fs::path districtSceneAt(double level) {
  const fs::path src = t::sourceDir() / "samples/district/scene.json";
  std::ifstream in(src);
  json j = json::parse(in);
  auto absolute = [&](json& p) { p = (src.parent_path() / p.get<std::string>()).lexically_normal().string(); };
  for (auto& m : j["models"]) absolute(m["path"]);
  absolute(j["terrain"]["path"]);
  for (auto& s : j["sources"])
    if (s.contains("path")) absolute(s["path"]);  // files; an MQTT source has none
  for (auto& l : j["layers"])
    if (l["type"] == "flood") l["level"] = level;
  const fs::path out = t::tempDir("flood_cli_district_" + std::to_string(::getpid()) + "_" +
                                  std::to_string(int(std::lround(level * 1000)))) / "scene.json";
  t::writeText(out, j.dump(2));
  return out;
}

struct ModelRows {
  std::vector<std::string> keys;  // feature rows of the district's model, in id order (id = row + 1)
  std::map<std::string, double> base;  // each building's base_elevation property: the top of its block's slab
};

const ModelRows& modelRows() {
  static const ModelRows rows = [] {
    ModelRows r;
    Output o = runCli("info " + t::shellQuote((t::sourceDir() / "assets/sample_city.glb").string()) + " --features");
    json j = json::parse(o.out, nullptr, false);
    if (!j.is_object()) return r;
    for (const auto& row : j["feature_rows"]) {
      r.keys.push_back(row["key"].get<std::string>());
      r.base[r.keys.back()] = row["properties"].value("base_elevation", NAN);
    }
    return r;
  }();
  return rows;
}

std::vector<uint32_t> renderIds(const fs::path& scene, const std::string& extra, const fs::path& png) {
  auto r = t::run(cli() + " render " + t::shellQuote(scene.string()) + " --aov id --camera " + kCamera + " --width " +
                  std::to_string(kSize) + " --height " + std::to_string(kSize) + " --out " +
                  t::shellQuote(png.string()) + extra);
  EXPECT_EQ(r.exitCode, 0) << r.stderrText;
  auto img = ct::exporter::readPng(png);
  if (!img || img.value().width != uint32_t(kSize) || img.value().height != uint32_t(kSize)) return {};
  std::vector<uint32_t> ids(size_t(kSize) * kSize);
  const auto& px = img.value().pixels;
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = px[4 * i] | uint32_t(px[4 * i + 1]) << 8 | uint32_t(px[4 * i + 2]) << 16;
  return ids;
}

struct DistrictRun {
  json report;
  std::set<std::string> listed;   // analyze's keys
  std::set<std::string> touched;  // buildings with water ids under their pixels
  std::map<std::string, size_t> pixels, wetPixels;
  std::set<uint32_t> hiddenIds;  // ids seen with every building hidden
  size_t waterPixels = 0;
};

// analyze at `level`; then two renders from the same camera: every building hidden (the water mask: pixels whose
// id is the flood row, the row after the model's), and everything drawn (each building's pixels).
const DistrictRun& districtAt(double level) {
  static std::map<double, DistrictRun> cache;
  if (auto it = cache.find(level); it != cache.end()) return it->second;
  DistrictRun& run = cache[level];
  const ModelRows& rows = modelRows();
  const fs::path scene = districtSceneAt(level);
  run.report = analyze(t::shellQuote(scene.string()));
  for (const auto& k : run.report.value("keys", json::array())) run.listed.insert(k.get<std::string>());
  std::string hide;
  for (const std::string& k : rows.keys)
    if (k.rfind("bldg_", 0) == 0) hide += (hide.empty() ? "" : ",") + k;
  const fs::path dir = scene.parent_path();
  const std::vector<uint32_t> water = renderIds(scene, " --hide " + hide, dir / "hidden.png");
  const std::vector<uint32_t> all = renderIds(scene, "", dir / "all.png");
  if (water.empty() || all.empty()) return run;
  const uint32_t waterId = uint32_t(rows.keys.size()) + 1;
  for (size_t i = 0; i < all.size(); ++i) {
    run.hiddenIds.insert(water[i]);
    run.waterPixels += water[i] == waterId;
    if (all[i] == 0 || all[i] > rows.keys.size()) continue;
    const std::string& key = rows.keys[all[i] - 1];
    ++run.pixels[key];
    if (water[i] == waterId) {
      ++run.wetPixels[key];
      run.touched.insert(key);
    }
  }
  return run;
}

}  // namespace

// What the rendered water does show: it touches no building that analyze leaves out, it covers a touched
// building's whole footprint (no near-zero overlaps at 2.1 px/m), and with the buildings hidden only the water row
// is drawn with an id. (A listed building that no water pixel touched would be one whose block slab stands above
// the level, the water drawn under it: the generator writes the slab tops into terrain.asc so that this cannot
// happen; the check below says so if it ever does.) DistrictLevelMatchesTheRenderedWater states the claim.
TEST(FloodCli, DistrictRenderedWaterTouchesOnlyListedBuildings) {
  const ModelRows& rows = modelRows();
  ASSERT_EQ(rows.keys.size(), 200u);
  for (double level : {-1.5, -1.0}) {
    const DistrictRun& run = districtAt(level);
    const size_t buildings = run.report.value("buildings", size_t(0)), inWater = run.report.value("in_water", size_t(0));
    EXPECT_EQ(buildings, 200u) << level;
    EXPECT_GT(inWater, 0u) << level;
    EXPECT_LT(inWater, buildings) << level;
    EXPECT_EQ(run.listed.size(), inWater) << level;
    EXPECT_EQ(run.hiddenIds, (std::set<uint32_t>{0, uint32_t(rows.keys.size()) + 1})) << level;
    EXPECT_GT(run.waterPixels, size_t(kSize) * kSize / 20) << level;
    size_t underSlab = 0;
    for (const std::string& key : run.touched) {
      EXPECT_TRUE(run.listed.count(key)) << level << ": " << key << " touches the rendered water, not listed";
      EXPECT_EQ(run.wetPixels.at(key), run.pixels.at(key)) << level << ": " << key << " is partly over water";
      EXPECT_LT(rows.base.at(key), level) << key;
    }
    for (const std::string& key : run.listed)
      if (!run.touched.count(key)) {
        ++underSlab;
        EXPECT_GE(rows.base.at(key), level) << level << ": " << key << " is listed, no water pixel under it";
      }
    std::printf("[ figures  ] level %.2f m: %zu listed, %zu touched by rendered water, %zu on slabs above the "
                "level, %zu water pixels\n",
                level, run.listed.size(), run.touched.size(), underSlab, run.waterPixels);
  }
  // The option and the file agree: --level on the sample is the sample with that level written in.
  Output o = runCli("analyze flood " + t::shellQuote((t::sourceDir() / "samples/district/scene.json").string()) +
                    " --level -1");
  EXPECT_EQ(json::parse(o.out, nullptr, false), districtAt(-1.0).report);
  o = runCli("analyze flood " + t::shellQuote((t::sourceDir() / "samples/district/scene.json").string()));
  EXPECT_EQ(json::parse(o.out, nullptr, false), districtAt(-1.0).report);  // the sample's own level
}

// Issue 9, "Done when" 4: "on the district, the buildings it lists for a level are exactly those the rendered water
// touches". A building touches the rendered water when, with every building hidden, water ids occupy pixels that
// the building covers when drawn.
TEST(FloodCli, DistrictLevelMatchesTheRenderedWater) {
  const ModelRows& rows = modelRows();
  ASSERT_EQ(rows.keys.size(), 200u);
  for (double level : {-1.5, -1.0}) {
    const DistrictRun& run = districtAt(level);
    std::string dry, extra;  // listed but untouched (with the building's base), touched but not listed
    for (const std::string& key : run.listed)
      if (!run.touched.count(key)) {
        std::ostringstream s;
        s << " " << key << " (" << (run.pixels.count(key) ? run.pixels.at(key) : 0) << " px, base "
          << rows.base.at(key) << " m)";
        dry += s.str();
      }
    for (const std::string& key : run.touched)
      if (!run.listed.count(key)) extra += " " + key;
    EXPECT_EQ(run.listed, run.touched)
        << "level " << level << " m: listed by analyze, no rendered water under their pixels:" << dry
        << "; touched by the rendered water, not listed:" << extra;
  }
}

// Bad input to analyze: exit 2, nothing on stdout, one "error: " line naming the problem.
TEST(FloodCli, MalformedInputsExitTwoWithOneLine) {
  const fs::path dir = t::tempDir("flood_cli_bad");
  const std::string glb = (t::sourceDir() / "assets/sample_city.glb").string();
  const std::string district = t::shellQuote((t::sourceDir() / "samples/district/scene.json").string());
  auto rasterScene = [&](const std::string& name, const fs::path& raster) {
    json j = {{"citytwin", 1},
              {"models", {{{"path", glb}}}},
              {"layers", {{{"name", "Depth"}, {"type", "flood"}, {"raster", raster.string()}}}}};
    t::writeText(dir / name, j.dump());
    return t::shellQuote((dir / name).string());
  };
  t::writeText(dir / "no_flood.json", json({{"citytwin", 1}, {"models", {{{"path", glb}}}}}).dump());
  std::vector<uint8_t> garbage(4096);
  uint32_t x = 12345;
  for (uint8_t& b : garbage) b = uint8_t((x = x * 1664525u + 1013904223u) >> 24);
  t::writeBytes(dir / "garbage.tif", garbage);
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
      {t::shellQuote((dir / "no_flood.json").string()), {"no flood layer"}},
      {district + " --layer 'Tidal surge'", {"no flood layer named 'Tidal surge'"}},
      {district + " --level abc", {"--level"}},
      {district + " --level", {"--level"}},
      {rasterScene("missing.json", dir / "missing_depth.tif"), {"missing_depth.tif"}},
      {rasterScene("garbage.json", dir / "garbage.tif"), {"garbage.tif"}},
  };
  for (const auto& [args, words] : cases) {
    Output o = runCli("analyze flood " + args);
    EXPECT_EQ(o.exitCode, 2) << args << ": " << o.err;
    EXPECT_TRUE(o.out.empty()) << args << ": " << o.out;
    EXPECT_EQ(o.err.rfind("error: ", 0), 0u) << args << ": " << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << args << ": " << o.err;
    for (const std::string& w : words) {
      const size_t at = o.err.find(w);
      EXPECT_NE(at, std::string::npos) << args << ": " << o.err << " lacks " << w;
      EXPECT_EQ(o.err.find(w, at + 1), std::string::npos) << args << ": " << o.err << " repeats " << w;
    }
  }
}
