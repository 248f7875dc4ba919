// Scene files on the command line: malformed scenes and the data files they name give one line and exit 2
// (render, info, bench), bad rows are warnings that do not stop the render, --layers and --time are checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "test_support.h"

namespace t = ct::test;

namespace {

std::string cli() { return CITYTWIN_CLI; }
std::string asset(const std::string& name) { return (t::sourceDir() / "assets" / name).string(); }

// A scene around the sample city with the given sources and layers (JSON text of their arrays).
std::string sceneText(const std::string& sources, const std::string& layers, const std::string& extra = "") {
  return R"({"citytwin": 1, "origin": {"lat": 22.5431, "lon": 114.0579, "height": 0},
  "models": [{"path": ")" + asset("sample_city.glb") + R"("}],
  "terrain": {"path": ")" + asset("sample_city_terrain.asc") + R"(", "draw": false},
  "sources": )" + sources + R"(, "layers": )" + layers + extra + "}";
}

size_t lines(const std::string& s) { return size_t(std::count(s.begin(), s.end(), '\n')); }

struct Case {
  const char* name;
  std::string scene;               // the scene file's text
  std::string dataName, dataText;  // a data file beside it (may be empty)
  const char* message;             // what the one error line must contain
};

TEST(SceneCli, MalformedScenesAndDataExitTwoWithOneLine) {
  const auto dir = t::tempDir("scene_cli_bad");
  const std::string csvSource = R"([{"name": "e", "type": "csv", "path": "e.csv", "key": "id"}])";
  const std::string colour = R"([{"name": "E", "type": "color", "source": "e", "field": "v", "domain": [0, 1]}])";
  const std::vector<Case> cases = {
      {"not_json", "{\"citytwin\": 1, \"models\": [", "", "", "scene.json"},
      {"wrong_version", "{\"citytwin\": 2}", "", "", "citytwin"},
      {"domain_type", sceneText(csvSource, R"([{"name": "E", "type": "color", "source": "e", "field": "v", "domain": [0, "x"]}])"),
       "", "", "layers[0].domain[1]: expected a number"},
      {"unknown_layer_type", sceneText("[]", R"([{"name": "E", "type": "colour"}])"), "", "",
       "layers[0].type: unknown layer type 'colour'"},
      {"missing_model", R"({"citytwin": 1, "models": [{"path": "nowhere.glb"}]})", "", "", "nowhere.glb"},
      {"missing_csv", sceneText(csvSource, colour), "", "", "e.csv"},
      {"csv_without_key_column", sceneText(csvSource, colour), "e.csv", "name,v\na,1\n", "id"},
      {"empty_csv", sceneText(csvSource, colour), "e.csv", "", "e.csv"},
      {"geojson_not_geojson",
       sceneText(R"([{"name": "g", "type": "geojson", "path": "g.geojson", "key": "id"}])", "[]"), "g.geojson",
       "{\"type\": \"Nonsense\"}", "g.geojson"},
      {"raster_garbage", sceneText("[]", R"([{"name": "F", "type": "flood", "raster": "d.tif"}])"), "d.tif",
       "this is not a GeoTIFF", "d.tif"},
      {"flood_without_level_or_raster", sceneText("[]", R"([{"name": "F", "type": "flood"}])"), "", "",
       "a flood layer needs a level or a depth raster"},
      {"reserved_source_name", sceneText(R"([{"name": "features", "type": "csv", "path": "e.csv"}])", "[]"), "", "",
       "'features' is reserved"},
      {"mqtt_bad_url",
       sceneText(R"([{"name": "m", "type": "mqtt", "url": "http://x", "topic": "a/+", "key": "topic:1"}])", "[]"),
       "", "", "mqtt"},
  };
  for (const Case& c : cases) {
    const auto caseDir = dir / c.name;
    std::filesystem::create_directories(caseDir);
    t::writeText(caseDir / "scene.json", c.scene);
    if (!c.dataName.empty()) t::writeText(caseDir / c.dataName, c.dataText);
    const std::string scene = t::shellQuote((caseDir / "scene.json").string());
    for (const std::string& command : {"render " + scene + " --out " + t::shellQuote((caseDir / "o.png").string()),
                                      "info " + scene}) {
      auto r = t::run(cli() + " " + command);
      EXPECT_EQ(r.exitCode, 2) << c.name << ": " << command << "\n" << r.stderrText;
      EXPECT_EQ(lines(r.stderrText), 1u) << c.name << ": " << r.stderrText;
      EXPECT_EQ(r.stderrText.rfind("error: ", 0), 0u) << c.name << ": " << r.stderrText;
      EXPECT_NE(r.stderrText.find(c.message), std::string::npos) << c.name << ": " << r.stderrText;
    }
    EXPECT_FALSE(std::filesystem::exists(caseDir / "o.png")) << c.name;
  }
}

TEST(SceneCli, BadRowsAreCountedAndTheRestStillApplies) {
  const auto dir = t::tempDir("scene_cli_rows");
  // Row 3 has a field too many, row 4 an unterminated quote (it runs to the end: one bad row), the rest are good.
  t::writeText(dir / "e.csv", "id,v\nbldg_000001,0.5\nbldg_000002,0.1,extra\nbldg_000003,0.9\n");
  t::writeText(dir / "scene.json",
               sceneText(R"([{"name": "e", "type": "csv", "path": "e.csv", "key": "id"}])",
                         R"([{"name": "E", "type": "color", "source": "e", "field": "v", "domain": [0, 1]}])"));
  auto r = t::run(cli() + " info " + t::shellQuote((dir / "scene.json").string()));
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;
  // info prints JSON on stdout (discarded by run): ask again capturing it.
  const auto out = dir / "info.json";
  r = t::run("sh -c " + t::shellQuote(cli() + " info " + t::shellQuote((dir / "scene.json").string()) + " > " +
                                      t::shellQuote(out.string())));
  ASSERT_EQ(r.exitCode, 0);
  const auto bytes = t::readBytes(out);
  const auto j = nlohmann::json::parse(std::string(bytes.begin(), bytes.end()));
  ASSERT_EQ(j["sources"].size(), 1u);
  EXPECT_EQ(j["sources"][0]["rows"], 2);  // bldg_000001 and bldg_000003
  EXPECT_EQ(j["sources"][0]["bad"], 1);
  ASSERT_EQ(j["sources"][0]["problems"].size(), 1u);
  EXPECT_NE(j["sources"][0]["problems"][0].get<std::string>().find(":3"), std::string::npos)
      << j["sources"][0]["problems"][0];  // the line of the bad row
  EXPECT_EQ(j["layers"][0]["features"]["with_value"], 2);
  // And the render goes on.
  r = t::run(cli() + " render " + t::shellQuote((dir / "scene.json").string()) + " --width 64 --height 36 --out " +
             t::shellQuote((dir / "o.png").string()));
  EXPECT_EQ(r.exitCode, 0) << r.stderrText;
  EXPECT_TRUE(std::filesystem::exists(dir / "o.png"));
}

TEST(SceneCli, LayersAndTimeOptionsAreChecked) {
  const auto dir = t::tempDir("scene_cli_options");
  t::writeText(dir / "scene.json", sceneText("[]", R"([{"name": "Age", "type": "color", "field": "year_built"}])"));
  const std::string scene = t::shellQuote((dir / "scene.json").string());
  const std::string out = " --width 64 --height 36 --out " + t::shellQuote((dir / "o.png").string());
  auto r = t::run(cli() + " render " + scene + out + " --layers Nope");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.stderrText.find("no layer named 'Nope' (the scene has: Age)"), std::string::npos) << r.stderrText;
  r = t::run(cli() + " render " + scene + out + " --time 2024-13-01T00:00");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.stderrText.find("--time"), std::string::npos) << r.stderrText;
  r = t::run(cli() + " render " + scene + out + " --layers Age --time 2024-06-21T12:00:00+08:00 --legend");
  EXPECT_EQ(r.exitCode, 0) << r.stderrText;
  r = t::run(cli() + " render " + scene + out + " --bookmark nowhere");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.stderrText.find("no bookmark named 'nowhere'"), std::string::npos) << r.stderrText;
}

}  // namespace

namespace {

// The bounds `info` prints for a scene (min and max x of the composed scene).
std::pair<double, double> infoBoundsX(const std::filesystem::path& scene) {
  const auto out = scene.parent_path() / "info.json";
  auto r = t::run("sh -c " + t::shellQuote(cli() + " info " + t::shellQuote(scene.string()) + " > " +
                                           t::shellQuote(out.string())));
  EXPECT_EQ(r.exitCode, 0) << r.stderrText;
  const auto bytes = t::readBytes(out);
  const auto j = nlohmann::json::parse(std::string(bytes.begin(), bytes.end()), nullptr, false);
  if (!j.is_object() || !j["bounds"].is_object()) return {NAN, NAN};
  return {j["bounds"]["min"][0].get<double>(), j["bounds"]["max"][0].get<double>()};
}

}  // namespace

// A model placed at lon/lat, and the same place given in a CRS through PROJ (UTM zone 50N), lands where the
// scene's frame says: 0.001° of longitude east of the origin at 22.5431°N is 102.8 m on the WGS84 ellipsoid
// (N(φ) cos φ · Δλ, N = a / sqrt(1 - e² sin² φ)), computed here independently of the engine.
TEST(SceneCli, ModelsPlacedAtLonLatAndFromACrsLandInTheSceneFrame) {
  const auto dir = t::tempDir("scene_cli_place");
  t::writeBytes(dir / "tri.glb", t::triangleGlb());
  const double lat = 22.5431, a = 6378137.0, f = 1.0 / 298.257223563, e2 = f * (2.0 - f);
  const double phi = lat * M_PI / 180.0;
  const double east = a / std::sqrt(1.0 - e2 * std::sin(phi) * std::sin(phi)) * std::cos(phi) * (0.001 * M_PI / 180.0);
  const std::string origin = R"("origin": {"lat": 22.5431, "lon": 114.0579, "height": 0})";
  auto [plainMin, plainMax] = [&] {
    t::writeText(dir / "plain.json", "{\"citytwin\": 1, " + origin + ", \"models\": [{\"path\": \"tri.glb\"}]}");
    return infoBoundsX(dir / "plain.json");
  }();
  t::writeText(dir / "lonlat.json", "{\"citytwin\": 1, " + origin +
                                        ", \"models\": [{\"path\": \"tri.glb\", \"origin\": {\"lon\": 114.0589, "
                                        "\"lat\": 22.5431, \"height\": 0}}]}");
  auto [llMin, llMax] = infoBoundsX(dir / "lonlat.json");
  EXPECT_NEAR(llMin - plainMin, east, 0.05);
  EXPECT_NEAR(llMax - plainMax, east, 0.05);
  // The same point in UTM 50N (EPSG:32650); its easting/northing from PROJ's cs2cs, written down once:
  //   echo 22.5431 114.0589 | cs2cs EPSG:4326 EPSG:32650 -f %.4f  ->  197492.2508 2495920.9136
  t::writeText(dir / "crs.json", "{\"citytwin\": 1, " + origin +
                                     ", \"models\": [{\"path\": \"tri.glb\", \"origin\": {\"crs\": \"EPSG:32650\", "
                                     "\"x\": 197492.2508, \"y\": 2495920.9136, \"z\": 0}}]}");
  auto [crsMin, crsMax] = infoBoundsX(dir / "crs.json");
  EXPECT_NEAR(crsMin - plainMin, east, 0.05);
  EXPECT_NEAR(crsMax - plainMax, east, 0.05);
  // Without an origin, placing at lon/lat is an error with the JSON path.
  t::writeText(dir / "noorigin.json",
               R"({"citytwin": 1, "models": [{"path": "tri.glb", "origin": {"lon": 114.0, "lat": 22.0}}]})");
  auto r = t::run(cli() + " info " + t::shellQuote((dir / "noorigin.json").string()));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.stderrText.find("models[0].origin"), std::string::npos) << r.stderrText;
}
