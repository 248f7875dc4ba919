// `citytwin view` end to end under xvfb-run on lavapipe (issue 10): the window shows the city and the inspector
// and, between the panels, the same pixels as `citytwin render --camera`; a scripted click selects the building
// that `render --aov id` names at that pixel; the water level slider gives `analyze flood --level`'s numbers and
// a different picture; the retrofit, PV and lighting sliders give the totals computed here from the features
// with the sim module; a saved scenario reopens identically; a save killed half-way leaves the scene intact.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "export/png.h"
#include "sim/energy_model.h"
#include "sim/solar_year.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace t = ct::test;
using nlohmann::json;

namespace {

const std::string kCamera = "420,260,420,0,0,0,45";

std::string cli() { return t::shellQuote(CITYTWIN_CLI); }
fs::path district() { return t::sourceDir() / "samples" / "district" / "scene.json"; }

fs::path dir(const std::string& name) { return t::tempDir("viewer_" + name + "_" + std::to_string(::getpid())); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The district scene with absolute paths, in a folder of its own (scenario saves write to it).
fs::path districtCopy(const fs::path& folder) {
  std::string text = slurp(district());
  const std::string assets = (t::sourceDir() / "assets").string() + "/";
  for (size_t at; (at = text.find("../../assets/")) != std::string::npos;) text.replace(at, 13, assets);
  const fs::path out = folder / "scene.json";
  t::writeText(out, text);
  return out;
}

// Runs the viewer on a script; returns its state (and exit code, stderr).
struct ViewRun {
  int exitCode = -1;
  std::string err;
  json state;
};
ViewRun view(const fs::path& scene, const json& events, const fs::path& folder, const std::string& extra = "") {
  static int serial = 0;
  const std::string tag = std::to_string(serial++);
  const fs::path script = folder / ("events" + tag + ".json"), state = folder / ("state" + tag + ".json");
  t::writeText(script, json{{"events", events}}.dump());
  const auto r = t::run("xvfb-run -a -s '-screen 0 1280x720x24' " + cli() + " view " + t::shellQuote(scene.string()) +
                        " --width 1280 --height 720 --script " + t::shellQuote(script.string()) + " --state-out " +
                        t::shellQuote(state.string()) + " " + extra);
  ViewRun v;
  v.exitCode = r.exitCode;
  v.err = r.stderrText;
  if (fs::exists(state)) v.state = json::parse(slurp(state), nullptr, false);
  return v;
}

ct::RgbaImage png(const fs::path& p) {
  auto img = ct::exporter::readPng(p);
  EXPECT_TRUE(img) << p;
  return img ? img.value() : ct::RgbaImage{};
}

uint32_t idAt(const ct::RgbaImage& ids, uint32_t x, uint32_t y) {
  const uint8_t* p = &ids.pixels[(size_t(y) * ids.width + x) * 4];
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16;
}

// stdout of a command (t::run keeps only stderr).
std::string stdoutOf(const std::string& cmd, int& exitCode) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// The share of pixels in columns [x0, x1) and rows [y0, height) of two equal-size images whose colours differ by
// at most 2/255 (the window's copy of the view against an offline render).
double sameShare(const ct::RgbaImage& a, const ct::RgbaImage& b, uint32_t x0, uint32_t x1, uint32_t y0 = 0) {
  uint64_t same = 0, total = 0;
  for (uint32_t y = y0; y < a.height; ++y)
    for (uint32_t x = x0; x < x1 && x < a.width; ++x) {
      const size_t i = (size_t(y) * a.width + x) * 4;
      int delta = 0;
      for (int c = 0; c < 3; ++c) delta = std::max(delta, std::abs(int(a.pixels[i + c]) - int(b.pixels[i + c])));
      ++total;
      same += delta <= 2;
    }
  return total ? double(same) / double(total) : 0.0;
}

bool haveXvfb() {
  return std::system("command -v xvfb-run >/dev/null 2>&1") == 0;
}

}  // namespace

TEST(ViewerCli, OpensTheDistrictWithTheInspectorOverTheSamePictureAsRender) {
  ASSERT_TRUE(haveXvfb()) << "xvfb-run is missing (tools/setup.sh installs xvfb)";
  const fs::path d = dir("open");
  const auto v = view(district(), {{{"frame", 2}, {"type", "screenshot"}, {"path", (d / "window.png").string()}}}, d,
                      "--camera " + kCamera);
  ASSERT_EQ(v.exitCode, 0) << v.err;
  const auto r = t::run(cli() + " render " + t::shellQuote(district().string()) + " --camera " + kCamera +
                        " --width 1280 --height 720 --out " + t::shellQuote((d / "render.png").string()));
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;
  const ct::RgbaImage win = png(d / "window.png"), ren = png(d / "render.png");
  ASSERT_EQ(win.width, 1280u);
  ASSERT_EQ(win.height, 720u);
  // Between the panels (x 400..880) the window shows the render; under the panels it does not.
  uint64_t same = 0, total = 0, panelDiffer = 0, panelTotal = 0;
  for (uint32_t y = 0; y < 720; ++y)
    for (uint32_t x = 0; x < 1280; ++x) {
      const size_t i = (size_t(y) * 1280 + x) * 4;
      int delta = 0;
      for (int c = 0; c < 3; ++c) delta = std::max(delta, std::abs(int(win.pixels[i + c]) - int(ren.pixels[i + c])));
      if (x >= 400 && x < 880) {
        ++total;
        same += delta <= 2;
      } else if (x < 360 || x >= 920) {
        ++panelTotal;
        panelDiffer += delta > 8;
      }
    }
  EXPECT_GE(double(same) / double(total), 0.995) << same << " of " << total << " view pixels match the render";
  EXPECT_GE(double(panelDiffer) / double(panelTotal), 0.5) << "the panels cover the sides";
  EXPECT_TRUE(v.state["layers"].is_array());
  EXPECT_TRUE(v.state["whatif"].contains("Water level (m)"));
}

// The other sample: Jakarta's 7 689 footprints over the flood-depth raster (third-party data in ../shared/data).
TEST(ViewerCli, OpensJakartaWithItsFloodTotalsAndTheSamePictureAsRender) {
  const fs::path data = t::sharedData() / "inasafe-jakarta-flood/safe/test/data/gisv4";
  if (t::sharedData().empty() || !fs::exists(data / "exposure/jakarta_building.gpkg"))
    GTEST_SKIP() << "skipped: shared data missing";
  ASSERT_TRUE(haveXvfb());
  const fs::path d = dir("jakarta");
  const fs::path scene = t::sourceDir() / "samples" / "jakarta" / "scene.json";
  const auto v = view(scene, {{{"frame", 2}, {"type", "screenshot"}, {"path", (d / "window.png").string()}}}, d,
                      "--bookmark centre");
  ASSERT_EQ(v.exitCode, 0) << v.err;
  const auto r = t::run(cli() + " render " + t::shellQuote(scene.string()) + " --bookmark centre" +
                        " --width 1280 --height 720 --out " + t::shellQuote((d / "render.png").string()));
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;
  const ct::RgbaImage win = png(d / "window.png"), ren = png(d / "render.png");
  ASSERT_EQ(win.pixels.size(), ren.pixels.size());
  EXPECT_GE(sameShare(win, ren, 400, 880), 0.995) << "the view between the panels is not the render";
  // A depth raster: no water-level slider, and the totals are the raster's analysis.
  int code = -1;
  const json report =
      json::parse(stdoutOf(cli() + " analyze flood " + t::shellQuote(scene.string()) + " 2>/dev/null", code));
  ASSERT_EQ(code, 0);
  EXPECT_FALSE(v.state["whatif"].contains("Water level (m)")) << v.state["whatif"].dump();
  EXPECT_EQ(v.state["totals"]["flooded_buildings"].get<double>(), report["in_water"].get<double>());
  EXPECT_EQ(report["in_water"].get<int>(), 4020);
}

TEST(ViewerCli, ClickSelectsTheBuildingThatTheIdImageNamesThere) {
  ASSERT_TRUE(haveXvfb());
  const fs::path d = dir("pick");
  const auto r = t::run(cli() + " render " + t::shellQuote(district().string()) + " --camera " + kCamera +
                        " --width 1280 --height 720 --aov id --out " + t::shellQuote((d / "ids.png").string()));
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;
  const ct::RgbaImage ids = png(d / "ids.png");
  // Points between the panels inside a uniform 5x5 patch of one feature, a few different features.
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> points;
  std::set<uint32_t> seen;
  for (uint32_t y = 100; y < 640 && points.size() < 4; y += 37)
    for (uint32_t x = 420; x < 860 && points.size() < 4; x += 29) {
      const uint32_t id = idAt(ids, x, y);
      if (id == 0 || seen.count(id)) continue;
      bool uniform = true;
      for (int dy = -2; dy <= 2 && uniform; ++dy)
        for (int dx = -2; dx <= 2 && uniform; ++dx) uniform = idAt(ids, x + dx, y + dy) == id;
      if (!uniform) continue;
      seen.insert(id);
      points.emplace_back(x, y, id);
    }
  ASSERT_GE(points.size(), 3u);
  json events = json::array();
  int frame = 2;
  for (const auto& [x, y, id] : points) {
    events.push_back({{"frame", frame}, {"type", "click"}, {"x", x}, {"y", y}, {"button", "left"}});
    frame += 3;
  }
  const auto v = view(district(), events, d, "--camera " + kCamera);
  ASSERT_EQ(v.exitCode, 0) << v.err;
  ASSERT_EQ(v.state["picks"].size(), points.size());
  for (size_t i = 0; i < points.size(); ++i)
    EXPECT_EQ(v.state["picks"][i]["row"].get<int64_t>(), int64_t(std::get<2>(points[i])) - 1) << "click " << i;
  // The last one stays selected, and the panel lists its properties.
  const json& sel = v.state["selection"];
  ASSERT_TRUE(sel.is_object());
  EXPECT_EQ(sel["row"].get<int64_t>(), int64_t(std::get<2>(points.back())) - 1);
  EXPECT_EQ(sel["properties"]["key"], sel["key"]);
  EXPECT_TRUE(sel["properties"].contains("height")) << sel.dump();
}

TEST(ViewerCli, WaterLevelSliderGivesAnalyzeFloodsNumbersAndANewPicture) {
  ASSERT_TRUE(haveXvfb());
  const fs::path d = dir("flood");
  const json events = {
      {{"frame", 2}, {"type", "screenshot"}, {"view", true}, {"path", (d / "before.png").string()}},
      {{"frame", 3}, {"type", "set"}, {"widget", "Water level (m)"}, {"value", -1.5}},
      {{"frame", 4}, {"type", "screenshot"}, {"view", true}, {"path", (d / "after.png").string()}}};
  const auto v = view(district(), events, d, "--camera " + kCamera);
  ASSERT_EQ(v.exitCode, 0) << v.err;
  int code = -1;
  const json report = json::parse(stdoutOf(cli() + " analyze flood " + t::shellQuote(district().string()) +
                                           " --level -1.5 2>/dev/null", code));
  ASSERT_EQ(code, 0);
  EXPECT_EQ(v.state["whatif"]["Water level (m)"].get<double>(), -1.5);
  EXPECT_EQ(v.state["totals"]["flooded_buildings"].get<double>(), report["in_water"].get<double>());
  EXPECT_NEAR(v.state["totals"]["flooded_area_m2"].get<double>(), report["flooded_area_m2"].get<double>(), 1e-6);
  EXPECT_NE(report["in_water"].get<int>(), 25) << "-1.5 m floods fewer buildings than the scene's -1.0 m";
  const ct::RgbaImage before = png(d / "before.png"), after = png(d / "after.png");
  ASSERT_EQ(before.pixels.size(), after.pixels.size());
  const auto diff = t::compareImages(before.pixels, after.pixels, before.width, before.height, 8);
  EXPECT_GT(diff.differing, 1000u) << "the water and the flooded buildings change on screen";
}

TEST(ViewerCli, RetrofitPvAndLightingSlidersGiveTheSimModelsTotals) {
  ASSERT_TRUE(haveXvfb());
  const fs::path d = dir("energy");
  // The features (floor area, floors, use, year) as `info --features` lists them; the lamps' wattage and type
  // as the GeoJSON gives them.
  int code = -1;
  const json features = json::parse(stdoutOf(cli() + " info " + t::shellQuote(district().string()) +
                                             " --features 2>/dev/null", code))["feature_rows"];
  ASSERT_EQ(code, 0);
  double baseline = 0, residential = 0, roof = 0;
  for (const json& f : features) {
    const json& p = f["properties"];
    if (!p.contains("floor_area") || !p["floor_area"].is_number() || p["floor_area"].get<double>() <= 0) continue;
    const double area = p["floor_area"].get<double>();
    const std::string usage = p.contains("usage") && p["usage"].is_string() ? p["usage"].get<std::string>() : "";
    const int year = p.contains("year_built") && p["year_built"].is_number() ? p["year_built"].get<int>() : 0;
    const double floors = p.contains("floors") && p["floors"].is_number() ? p["floors"].get<double>() : 1.0;
    const double b = area * ct::sim::medianIntensity(usage, year);
    baseline += b;
    if (usage == "residential") residential += b;
    roof += area / std::max(1.0, floors);
  }
  const json lamps = json::parse(slurp(t::sourceDir() / "assets" / "sample_city_lamps.geojson"))["features"];
  double sodiumW = 0, ledW = 0;
  for (const json& l : lamps)
    (l["properties"]["type"] == "sodium" ? sodiumW : ledW) += l["properties"]["wattage"].get<double>();
  ct::sim::SolarYearOptions so;
  so.utcOffsetHours = 8.0;  // the scene's time is +08:00
  const ct::sim::SolarYear year = ct::sim::solarYear(22.5431, 114.0579, 0.0, so);

  const json events = {{{"frame", 2}, {"type", "set"}, {"widget", "Retrofit share residential"}, {"value", 0.5}},
                       {{"frame", 2}, {"type", "set"}, {"widget", "PV roof share"}, {"value", 0.3}},
                       {{"frame", 3}, {"type", "set"}, {"widget", "LED retrofit share"}, {"value", 0.5}},
                       {{"frame", 3}, {"type", "set"}, {"widget", "Night dimming level (00-05)"}, {"value", 0.5}}};
  const auto v = view(district(), events, d);
  ASSERT_EQ(v.exitCode, 0) << v.err;
  const json& tot = v.state["totals"];
  const double use = baseline - residential * 0.5 * 0.4;  // half the residential floor area saves 40 %
  const double pv = roof * 0.3 * year.horizontalKwhPerM2 * 0.20 * 0.80;
  EXPECT_NEAR(tot["energy_baseline_kwh_per_year"].get<double>(), baseline, baseline * 1e-9);
  EXPECT_NEAR(tot["energy_kwh_per_year"].get<double>(), use, use * 1e-9);
  EXPECT_NEAR(tot["pv_kwh_per_year"].get<double>(), pv, pv * 1e-9);
  EXPECT_NEAR(tot["energy_cost_per_year"].get<double>(), (use - pv) * 0.25, use * 1e-9);
  // Half the sodium lamps become LEDs at half the power; every lamp at half power from 00 to 05.
  const double watts = ledW + sodiumW * (0.5 + 0.5 * 0.5);
  const double hours = year.darknessHours - year.darkHoursInWindow + 0.5 * year.darkHoursInWindow;
  const double kwh = watts * hours / 1000.0;
  EXPECT_NEAR(tot["lighting_kwh_per_year"].get<double>(), kwh, kwh * 1e-9);
  EXPECT_NEAR(tot["lighting_co2_kg_per_year"].get<double>(), kwh * 0.4, kwh * 1e-9);
}

TEST(ViewerCli, SavedScenarioReopensIdentically) {
  ASSERT_TRUE(haveXvfb());
  const fs::path d = dir("scenario");
  const fs::path scene = districtCopy(d);
  const json events = {{{"frame", 2}, {"type", "drag"}, {"x", 640}, {"y", 400}, {"to_x", 700}, {"to_y", 380}},
                       {{"frame", 9}, {"type", "scroll"}, {"x", 640}, {"y", 360}, {"dy", 2}},
                       {{"frame", 10}, {"type", "set"}, {"widget", "Water level (m)"}, {"value", -0.5}},
                       {{"frame", 10}, {"type", "set"}, {"widget", "Retrofit share office"}, {"value", 0.7}},
                       {{"frame", 10}, {"type", "set"}, {"widget", "Opacity##Energy use"}, {"value", 0.6}},
                       {{"frame", 10}, {"type", "set"}, {"widget", "Ramp##Energy use"}, {"value", "magma"}},
                       {{"frame", 10}, {"type", "set"}, {"widget", "LED retrofit share"}, {"value", 1.0}},
                       {{"frame", 10}, {"type", "set"}, {"widget", "Time of day (h)"}, {"value", 22.5}},
                       {{"frame", 11}, {"type", "set"}, {"widget", "Scenario name"}, {"value", "high water"}},
                       {{"frame", 12}, {"type", "press"}, {"widget", "Save scenario"}}};
  const auto saved = view(scene, events, d);
  ASSERT_EQ(saved.exitCode, 0) << saved.err;
  const auto reopened =
      view(scene,
           {{{"frame", 2}, {"type", "move"}, {"x", 10}, {"y", 10}},
            {{"frame", 3}, {"type", "screenshot"}, {"view", true}, {"path", (d / "view.png").string()}}},
           d, "--scenario 'high water'");
  ASSERT_EQ(reopened.exitCode, 0) << reopened.err;
  // Headless from the saved file: `render --scenario` draws what the window shows for it.
  const auto r = t::run(cli() + " render " + t::shellQuote(scene.string()) + " --scenario 'high water'" +
                        " --width 1280 --height 720 --out " + t::shellQuote((d / "render.png").string()));
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;
  const auto plain = t::run(cli() + " render " + t::shellQuote(scene.string()) + " --width 1280 --height 720 --out " +
                            t::shellQuote((d / "plain.png").string()));
  ASSERT_EQ(plain.exitCode, 0) << plain.stderrText;
  {
    const ct::RgbaImage shown = png(d / "view.png"), rendered = png(d / "render.png"), without = png(d / "plain.png");
    ASSERT_EQ(shown.pixels.size(), rendered.pixels.size());
    EXPECT_GE(sameShare(shown, rendered, 0, 1280), 0.999) << "render --scenario is not what the window shows";
    EXPECT_LT(sameShare(without, rendered, 0, 1280), 0.9) << "the scenario changes nothing: the check cannot fail";
  }
  const json& a = saved.state;
  const json& b = reopened.state;
  EXPECT_NE(a["camera"], json::parse(R"({"eye":[0,0,0]})")) << "the drag moved the camera";
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(a["camera"]["eye"][i].get<double>(), b["camera"]["eye"][i].get<double>(), 1e-9);
    EXPECT_NEAR(a["camera"]["target"][i].get<double>(), b["camera"]["target"][i].get<double>(), 1e-9);
  }
  EXPECT_EQ(a["whatif"], b["whatif"]);
  EXPECT_EQ(a["totals"], b["totals"]);
  EXPECT_EQ(a["time"], b["time"]);
  ASSERT_EQ(a["layers"].size(), b["layers"].size());
  for (size_t i = 0; i < a["layers"].size(); ++i) {
    EXPECT_EQ(a["layers"][i]["visible"], b["layers"][i]["visible"]);
    EXPECT_NEAR(a["layers"][i]["opacity"].get<double>(), b["layers"][i]["opacity"].get<double>(), 1e-9);
  }
  EXPECT_EQ(b["scenario"], "high water");
  EXPECT_NEAR(a["layers"][0]["opacity"].get<double>(), 0.6, 1e-9);
  EXPECT_EQ(a["whatif"]["Retrofit share office"].get<double>(), 0.7);
}

TEST(ViewerCli, KillDuringAScenarioSaveLeavesTheSceneFileIntact) {
  ASSERT_TRUE(haveXvfb());
  const fs::path d = dir("kill");
  const fs::path scene = districtCopy(d);
  const std::string before = slurp(scene);
  const fs::path marker = d / "paused";
  const fs::path script = d / "events.json";
  t::writeText(script, json{{"events",
                             {{{"frame", 2}, {"type", "set"}, {"widget", "Scenario name"}, {"value", "doomed"}},
                              {{"frame", 3}, {"type", "press"}, {"widget", "Save scenario"}}}}}
                           .dump());
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setpgid(0, 0);
    ::setenv("CITYTWIN_TEST_SAVE_PAUSE", marker.c_str(), 1);
    const std::string cmd = "exec xvfb-run -a -s '-screen 0 1280x720x24' " + cli() + " view " +
                            t::shellQuote(scene.string()) + " --script " + t::shellQuote(script.string());
    execl("/bin/sh", "sh", "-c", cmd.c_str(), nullptr);
    _exit(127);
  }
  bool paused = false;
  for (int i = 0; i < 600 && !paused; ++i) {
    paused = fs::exists(marker);
    if (!paused) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Half the new file is written: kill the viewer (and its X server) there.
  ::kill(-child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(paused) << "the save never reached its pause";
  EXPECT_EQ(slurp(scene), before) << "the scene file changed although the save was killed";
  auto reload = t::run(cli() + " info " + t::shellQuote(scene.string()) + " > /dev/null");
  EXPECT_EQ(reload.exitCode, 0) << reload.stderrText;
}

TEST(ViewerCli, CompareTwoScenariosSideBySideWithTheirDifferingTotals) {
  ASSERT_TRUE(haveXvfb());
  const fs::path d = dir("compare");
  const fs::path scene = districtCopy(d);
  {  // A scenario that names one what-if only: the rest is the current state's when it is compared.
    json j = json::parse(slurp(scene));
    j["scenarios"] = json::array({{{"name", "lights only"}, {"whatif", {{"LED retrofit share", 1.0}}}}});
    t::writeText(scene, j.dump(2));
  }
  const fs::path csv = d / "compare.csv", partialCsv = d / "partial.csv", window = d / "split.png";
  const std::string high = "high, \"dry\"";  // a name the CSV must quote
  // A: water at -0.5 m. B: water at -1.5 m, every lamp LED, the energy colours off (visible on every building).
  // Then a third state (-2.0 m, energy colours on) that comparing must leave as it is.
  const json events = {{{"frame", 2}, {"type", "set"}, {"widget", "Water level (m)"}, {"value", -0.5}},
                       {{"frame", 2}, {"type", "set"}, {"widget", "Scenario name"}, {"value", "low"}},
                       {{"frame", 3}, {"type", "press"}, {"widget", "Save scenario"}},
                       {{"frame", 4}, {"type", "set"}, {"widget", "Water level (m)"}, {"value", -1.5}},
                       {{"frame", 4}, {"type", "set"}, {"widget", "LED retrofit share"}, {"value", 1.0}},
                       {{"frame", 4}, {"type", "set"}, {"widget", "Visible##Energy use"}, {"value", false}},
                       {{"frame", 4}, {"type", "set"}, {"widget", "Scenario name"}, {"value", high}},
                       {{"frame", 5}, {"type", "press"}, {"widget", "Save scenario"}},
                       {{"frame", 6}, {"type", "set"}, {"widget", "Water level (m)"}, {"value", -2.0}},
                       {{"frame", 6}, {"type", "set"}, {"widget", "LED retrofit share"}, {"value", 0.0}},
                       {{"frame", 6}, {"type", "set"}, {"widget", "Visible##Energy use"}, {"value", true}},
                       {{"frame", 7}, {"type", "set"}, {"widget", "Compare mode"}, {"value", "split"}},
                       {{"frame", 7}, {"type", "set"}, {"widget", "Scenario A"}, {"value", "low"}},
                       {{"frame", 7}, {"type", "set"}, {"widget", "Scenario B"}, {"value", high}},
                       {{"frame", 8}, {"type", "set"}, {"widget", "Compare CSV"}, {"value", csv.string()}},
                       {{"frame", 9}, {"type", "press"}, {"widget", "Export comparison CSV"}},
                       {{"frame", 10}, {"type", "screenshot"}, {"path", window.string()}},
                       {{"frame", 11}, {"type", "set"}, {"widget", "Scenario B"}, {"value", "lights only"}},
                       {{"frame", 12}, {"type", "set"}, {"widget", "Compare CSV"}, {"value", partialCsv.string()}},
                       {{"frame", 13}, {"type", "press"}, {"widget", "Export comparison CSV"}},
                       {{"frame", 13}, {"type", "screenshot"}, {"path", (d / "partial.png").string()}},
                       {{"frame", 14}, {"type", "set"}, {"widget", "Compare mode"}, {"value", "off"}},
                       {{"frame", 15}, {"type", "screenshot"}, {"view", true}, {"path", (d / "after.png").string()}}};
  const auto v = view(scene, events, d, "--camera " + kCamera);
  ASSERT_EQ(v.exitCode, 0) << v.err;
  ASSERT_TRUE(fs::exists(csv)) << v.err;
  ASSERT_TRUE(fs::exists(partialCsv)) << v.err;
  int code = -1;
  auto flood = [&](const char* level) {
    const json j = json::parse(stdoutOf(
        cli() + " analyze flood " + t::shellQuote(district().string()) + " --level " + level + " 2>/dev/null", code));
    EXPECT_EQ(code, 0);
    return j;
  };
  const json lowFlood = flood("-0.5"), highFlood = flood("-1.5"), thirdFlood = flood("-2.0");
  // Comparing left the third state as it was: its level, its totals, its picture.
  EXPECT_EQ(v.state["whatif"]["Water level (m)"].get<double>(), -2.0);
  EXPECT_EQ(v.state["whatif"]["LED retrofit share"].get<double>(), 0.0);
  EXPECT_EQ(v.state["totals"]["flooded_buildings"].get<double>(), thirdFlood["in_water"].get<double>());
  EXPECT_TRUE(v.state["layers"][0]["visible"].get<bool>());
  const auto third =
      view(scene,
           {{{"frame", 2}, {"type", "set"}, {"widget", "Water level (m)"}, {"value", -2.0}},
            {{"frame", 3}, {"type", "screenshot"}, {"view", true}, {"path", (d / "third.png").string()}}},
           d, "--camera " + kCamera);
  ASSERT_EQ(third.exitCode, 0) << third.err;
  {
    const ct::RgbaImage after = png(d / "after.png"), expected = png(d / "third.png");
    ASSERT_EQ(after.pixels.size(), expected.pixels.size());
    const auto diff = t::compareImages(after.pixels, expected.pixels, after.width, after.height, 2);
    EXPECT_LT(diff.fraction, 0.005) << "after comparing, the view is not the state it was in";
  }
  // The partial scenario: its LED share over the current state (-2.0 m), not over A's or B's level.
  {
    std::istringstream in(slurp(partialCsv));
    std::string line, name, a, b;
    std::getline(in, line);
    EXPECT_EQ(line, "total,low,lights only,difference");
    bool sawFlood = false;
    while (std::getline(in, line)) {
      std::stringstream ls(line);
      std::getline(ls, name, ',');
      std::getline(ls, a, ',');
      std::getline(ls, b, ',');
      if (name != "flooded_buildings") continue;
      sawFlood = true;
      EXPECT_EQ(std::stod(a), lowFlood["in_water"].get<double>());
      EXPECT_EQ(std::stod(b), thirdFlood["in_water"].get<double>());
    }
    EXPECT_TRUE(sawFlood) << slurp(partialCsv);
    // Its half of the picture: the current state with every lamp LED (night: the lamps' colour shows).
    const auto ref =
        view(scene,
             {{{"frame", 2}, {"type", "set"}, {"widget", "Water level (m)"}, {"value", -2.0}},
              {{"frame", 2}, {"type", "set"}, {"widget", "LED retrofit share"}, {"value", 1.0}},
              {{"frame", 3}, {"type", "screenshot"}, {"view", true}, {"path", (d / "lights.png").string()}}},
             d, "--camera " + kCamera);
    ASSERT_EQ(ref.exitCode, 0) << ref.err;
    const ct::RgbaImage split = png(d / "partial.png"), lights = png(d / "lights.png");
    ASSERT_EQ(split.pixels.size(), lights.pixels.size());
    EXPECT_GE(sameShare(split, lights, 644, 880, 60), 0.995) << "right of the divider is not the partial scenario";
  }

  // The table: one row per differing total, with the numbers `analyze flood` gives at each level and the
  // lighting energy falling; the building energy (no building slider moved) is the same and not listed.
  std::istringstream in(slurp(csv));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "total,low,\"high, \"\"dry\"\"\",difference");
  std::map<std::string, std::vector<double>> rows;
  while (std::getline(in, line)) {
    std::stringstream ls(line);
    std::string name, a, b, diff;
    std::getline(ls, name, ',');
    std::getline(ls, a, ',');
    std::getline(ls, b, ',');
    std::getline(ls, diff, ',');
    rows[name] = {std::stod(a), std::stod(b), std::stod(diff)};
  }
  ASSERT_TRUE(rows.count("flooded_buildings")) << slurp(csv);
  EXPECT_NE(lowFlood["in_water"], highFlood["in_water"]);
  EXPECT_EQ(rows["flooded_buildings"][0], lowFlood["in_water"].get<double>());
  EXPECT_EQ(rows["flooded_buildings"][1], highFlood["in_water"].get<double>());
  EXPECT_EQ(rows["flooded_buildings"][2], highFlood["in_water"].get<double>() - lowFlood["in_water"].get<double>());
  EXPECT_NEAR(rows["flooded_area_m2"][0], lowFlood["flooded_area_m2"].get<double>(), 1e-3);
  EXPECT_NEAR(rows["flooded_area_m2"][1], highFlood["flooded_area_m2"].get<double>(), 1e-3);
  ASSERT_TRUE(rows.count("lighting_kwh_per_year")) << slurp(csv);
  EXPECT_LT(rows["lighting_kwh_per_year"][1], rows["lighting_kwh_per_year"][0]);
  EXPECT_FALSE(rows.count("energy_kwh_per_year")) << slurp(csv);

  // The picture: left of the middle what scenario A shows, right of it what B shows, each as the viewer shows
  // that scenario alone at the same camera (below the scenario labels, between the panels).
  const auto refA =
      view(scene, {{{"frame", 2}, {"type", "screenshot"}, {"view", true}, {"path", (d / "a.png").string()}}}, d,
           "--scenario low --camera " + kCamera);
  const auto refB =
      view(scene, {{{"frame", 2}, {"type", "screenshot"}, {"view", true}, {"path", (d / "b.png").string()}}}, d,
           "--scenario " + t::shellQuote(high) + " --camera " + kCamera);
  ASSERT_EQ(refA.exitCode, 0) << refA.err;
  ASSERT_EQ(refB.exitCode, 0) << refB.err;
  const ct::RgbaImage split = png(window), a = png(d / "a.png"), b = png(d / "b.png");
  ASSERT_EQ(split.pixels.size(), a.pixels.size());
  ASSERT_EQ(split.pixels.size(), b.pixels.size());
  EXPECT_GE(sameShare(split, a, 400, 636, 60), 0.995) << "left of the divider is not A";
  EXPECT_GE(sameShare(split, b, 644, 880, 60), 0.995) << "right of the divider is not B";
  EXPECT_LT(sameShare(split, a, 644, 880, 60), 0.9) << "A and B look alike: the check would not see the sides swapped";
}

// The scene loads while the window opens: a bad scene is still exit 2 with one line, with a display or without
// one; a good scene without a display is exit 1 (no window), and says so.
TEST(ViewerCli, BadSceneIsExitTwoWithOrWithoutADisplay) {
  ASSERT_TRUE(haveXvfb());
  const fs::path d = dir("bad");
  const fs::path broken = d / "broken.json";
  t::writeText(broken, R"({"citytwin": 1, "models": [{"path": 42}]})");
  for (const std::string& prefix :
       {std::string("env -u DISPLAY -u WAYLAND_DISPLAY "), std::string("xvfb-run -a -s '-screen 0 640x360x24' ")}) {
    for (const fs::path& scene : {d / "missing.json", broken}) {
      const auto r = t::run(prefix + cli() + " view " + t::shellQuote(scene.string()));
      EXPECT_EQ(r.exitCode, 2) << prefix << scene << ": " << r.stderrText;
      EXPECT_EQ(std::count(r.stderrText.begin(), r.stderrText.end(), '\n'), 1) << r.stderrText;
      EXPECT_NE(r.stderrText.find(scene.filename().string()), std::string::npos) << r.stderrText;
    }
  }
  const auto r = t::run("env -u DISPLAY -u WAYLAND_DISPLAY " + cli() + " view " + t::shellQuote(district().string()));
  EXPECT_EQ(r.exitCode, 1) << r.stderrText;
  EXPECT_NE(r.stderrText.find("cannot open a window"), std::string::npos) << r.stderrText;
  // A scenario the scene does not have, in the window and headless: exit 2, one line naming what it has.
  for (const std::string& command : {std::string("env -u DISPLAY -u WAYLAND_DISPLAY ") + cli() + " view ",
                                     cli() + " render --out " + t::shellQuote((d / "x.png").string()) + " "}) {
    const auto s = t::run(command + t::shellQuote(district().string()) + " --scenario nope");
    EXPECT_EQ(s.exitCode, 2) << command << ": " << s.stderrText;
    EXPECT_EQ(std::count(s.stderrText.begin(), s.stderrText.end(), '\n'), 1) << s.stderrText;
    EXPECT_NE(s.stderrText.find("no scenario named 'nope'"), std::string::npos) << s.stderrText;
  }
  EXPECT_FALSE(fs::exists(d / "x.png"));
}
