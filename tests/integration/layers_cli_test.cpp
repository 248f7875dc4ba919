// Colour layers through `citytwin render` end to end (issue 9, "Done when" 2 and 3): an unlit colour layer shows
// exactly the ramp colour of each building's value under the id AOV, and live MQTT readings recolour exactly the
// buildings they name. The expected colours come from a ramp written here, not from the layers module.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "export/png.h"
#include "mosquitto_broker.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace t = ct::test;
using nlohmann::json;

namespace {

// A near-top view of the whole sample city: every building shows its roof, none hides another.
const char* kCamera = "0,2400,350,0,0,0,23";
const int kTolerance = 2;  // per channel, of 255 (the issue's bound)

std::string cli() {
  return t::shellQuote(CITYTWIN_CLI);
}

struct Rgb {
  double r = 0, g = 0, b = 0;
};

Rgb hex(const std::string& s) {
  auto byte = [&](size_t i) { return double(std::stoi(s.substr(i, 2), nullptr, 16)); };
  return {byte(1), byte(3), byte(5)};
}

// The oracle: stops spread evenly over [lo, hi], linear between neighbours on the sRGB values, clamped outside.
Rgb rampColour(const std::vector<std::string>& stops, double lo, double hi, double x) {
  const double u = std::clamp((x - lo) / (hi - lo), 0.0, 1.0) * double(stops.size() - 1);
  const size_t i = std::min(size_t(u), stops.size() - 2);
  const double f = u - double(i);
  const Rgb a = hex(stops[i]), b = hex(stops[i + 1]);
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

// stdout of a CLI run (stderr dropped).
std::string captureStdout(const std::string& args) {
  FILE* p = popen((cli() + " " + args + " 2>/dev/null").c_str(), "r");
  std::string out;
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// Feature keys by row, as `citytwin info --features` lists them for the sample city.
std::vector<std::string> sampleCityRows() {
  const std::string out =
      captureStdout("info --features " + t::shellQuote((t::sourceDir() / "assets" / "sample_city.glb").string()));
  std::vector<std::string> keys;
  const json info = json::parse(out, nullptr, false);
  if (info.is_discarded() || !info.contains("feature_rows")) return keys;
  for (const json& r : info["feature_rows"]) keys.push_back(r["key"].get<std::string>());
  return keys;
}

ct::RgbaImage readImage(const fs::path& png) {
  auto img = ct::exporter::readPng(png);
  return img ? img.value() : ct::RgbaImage{};
}

uint32_t idAt(const ct::RgbaImage& img, uint32_t x, uint32_t y) {
  const uint8_t* p = &img.pixels[(size_t(y) * img.width + x) * 4];
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16;
}

struct Comparison {
  uint64_t checked = 0;     // pixels whose 3x3 neighbourhood is one building
  uint64_t within = 0;      // ... whose colour is within kTolerance of the expected one
  int worst = 0;            // the largest channel difference over the checked pixels
  std::set<uint32_t> rows;  // rows seen at checked pixels
  std::string firstMiss;    // where the first pixel beyond the tolerance is, for the failure message
};

// Every pixel whose 3x3 neighbourhood in the id image names one building row, against that row's expected colour.
Comparison compareWithIds(const ct::RgbaImage& colour, const ct::RgbaImage& ids, const std::vector<std::string>& keys,
                          const std::vector<Rgb>& expected) {
  Comparison c;
  for (uint32_t y = 1; y + 1 < ids.height; ++y)
    for (uint32_t x = 1; x + 1 < ids.width; ++x) {
      const uint32_t id = idAt(ids, x, y);
      if (id == 0 || id > keys.size() || keys[id - 1].rfind("bldg_", 0) != 0) continue;
      bool uniform = true;
      for (int dy = -1; dy <= 1 && uniform; ++dy)
        for (int dx = -1; dx <= 1 && uniform; ++dx) uniform = idAt(ids, x + dx, y + dy) == id;
      if (!uniform) continue;
      const uint8_t* p = &colour.pixels[(size_t(y) * colour.width + x) * 4];
      const Rgb& e = expected[id - 1];
      const int d = int(std::ceil(std::max({std::abs(p[0] - e.r), std::abs(p[1] - e.g), std::abs(p[2] - e.b)}) - 1e-9));
      ++c.checked;
      c.rows.insert(id - 1);
      c.worst = std::max(c.worst, d);
      if (d <= kTolerance)
        ++c.within;
      else if (c.firstMiss.empty()) {
        std::ostringstream s;
        s << "pixel (" << x << "," << y << ") of " << keys[id - 1] << ": got " << int(p[0]) << "," << int(p[1]) << ","
          << int(p[2]) << ", expected " << e.r << "," << e.g << "," << e.b;
        c.firstMiss = s.str();
      }
    }
  return c;
}

// `citytwin render` into `png`; the exit code and stderr.
t::CommandResult render(const fs::path& scene, const fs::path& png, const std::string& extra = {}) {
  return t::run(cli() + " render " + t::shellQuote(scene.string()) + " --out " + t::shellQuote(png.string()) +
                " --width 1280 --height 720 --camera " + kCamera + (extra.empty() ? "" : " " + extra));
}

json sampleCityModel() {
  return json::array({{{"path", (t::sourceDir() / "assets" / "sample_city.glb").string()}}});
}

// (id, kwh_per_m2 text) of every row of the bundled energy CSV.
std::vector<std::pair<std::string, std::string>> bundledEnergy() {
  std::ifstream in(t::sourceDir() / "assets" / "sample_city_energy.csv");
  std::vector<std::pair<std::string, std::string>> rows;
  std::string line;
  int idCol = -1, valueCol = -1;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
    if (idCol < 0) {
      for (size_t i = 0; i < cells.size(); ++i) {
        if (cells[i] == "id") idCol = int(i);
        if (cells[i] == "kwh_per_m2") valueCol = int(i);
      }
      if (valueCol < 0) return {};
      continue;
    }
    if (int(cells.size()) > std::max(idCol, valueCol)) rows.emplace_back(cells[idCol], cells[valueCol]);
  }
  return rows;
}

}  // namespace

TEST(LayersCli, UnlitColourLayerMatchesTheRampUnderEachId) {
  const std::vector<std::string> stops = {"#1a9850", "#fee08b", "#d73027"};
  const double lo = 70.0, hi = 200.0;  // the bundled values run from 45 to 647: both ends clamp
  const std::string noData = "#3a3aff";
  const std::vector<std::string> keys = sampleCityRows();
  ASSERT_EQ(keys.size(), 200u);

  // Our own CSV: every fourth building left out, one with an empty value, and a key the city does not have.
  fs::path dir = t::tempDir("layers_cli_unlit");
  auto energy = bundledEnergy();
  ASSERT_EQ(energy.size(), 200u);
  std::map<std::string, double> value;
  std::ostringstream csv;
  csv << "id,kwh_per_m2\n";
  for (size_t i = 0; i < energy.size(); ++i) {
    if (i % 4 == 1) continue;
    if (i == 10) {
      csv << energy[i].first << ",\n";
      continue;
    }
    csv << energy[i].first << "," << energy[i].second << "\n";
    value[energy[i].first] = std::stod(energy[i].second);
  }
  csv << "bldg_999999,100\n";
  t::writeText(dir / "energy.csv", csv.str());

  auto writeScene = [&](const fs::path& path, bool unlit) {
    json scene = {
        {"citytwin", 1},
        {"models", sampleCityModel()},
        {"sources", json::array({{{"name", "energy"}, {"type", "csv"}, {"path", "energy.csv"}, {"key", "id"}}})},
        {"layers", json::array({{{"name", "Energy"},
                                 {"type", "color"},
                                 {"source", "energy"},
                                 {"field", "kwh_per_m2"},
                                 {"ramp", stops},
                                 {"domain", {lo, hi}},
                                 {"no_data", noData},
                                 {"unlit", unlit}}})}};
    t::writeText(path, scene.dump(2));
  };
  writeScene(dir / "unlit.json", true);
  writeScene(dir / "lit.json", false);

  std::vector<Rgb> expected;
  size_t below = 0, above = 0, missing = 0;
  for (const std::string& key : keys) {
    auto it = value.find(key);
    if (it == value.end()) {
      expected.push_back(hex(noData));
      ++missing;
      continue;
    }
    expected.push_back(rampColour(stops, lo, hi, it->second));
    below += it->second < lo;
    above += it->second > hi;
  }
  ASSERT_GT(below, 0u);
  ASSERT_GT(above, 0u);
  ASSERT_GT(missing, 40u);

  for (const auto& [scene, png, extra] :
       {std::tuple{"unlit.json", "unlit.png", ""}, std::tuple{"unlit.json", "ids.png", "--aov id"},
        std::tuple{"lit.json", "lit.png", ""}}) {
    auto r = render(dir / scene, dir / png, extra);
    ASSERT_EQ(r.exitCode, 0) << png << ": " << r.stderrText;
    EXPECT_TRUE(r.stderrText.empty()) << png << ": " << r.stderrText;
  }
  const ct::RgbaImage ids = readImage(dir / "ids.png"), unlit = readImage(dir / "unlit.png"),
                      lit = readImage(dir / "lit.png");
  ASSERT_EQ(ids.width, 1280u);
  ASSERT_EQ(unlit.width, 1280u);
  ASSERT_EQ(lit.width, 1280u);

  const Comparison c = compareWithIds(unlit, ids, keys, expected);
  std::printf("unlit: %llu pixels checked over %zu buildings, worst channel difference %d/255\n",
              static_cast<unsigned long long>(c.checked), c.rows.size(), c.worst);
  EXPECT_GT(c.checked, 5000u);
  EXPECT_EQ(c.within, c.checked) << c.firstMiss;
  EXPECT_LE(c.worst, kTolerance);
  // Every building shows up (those with a value, those without, the clamped ones among them).
  for (size_t row = 0; row < keys.size(); ++row) EXPECT_TRUE(c.rows.count(uint32_t(row))) << keys[row] << " not seen";

  // The same check against the lit render fails for most pixels: it can tell shaded colours from exact ones.
  const Comparison l = compareWithIds(lit, ids, keys, expected);
  std::printf("lit: %llu of %llu pixels within %d/255, worst %d/255\n", static_cast<unsigned long long>(l.within),
              static_cast<unsigned long long>(l.checked), kTolerance, l.worst);
  EXPECT_LT(double(l.within), 0.5 * double(l.checked));
}

namespace {

// A scene with the sample city and one unlit colour layer over an MQTT source (no other source).
json mqttScene(const std::string& url, const std::vector<std::string>& stops, double lo, double hi,
               const std::string& noData) {
  return {{"citytwin", 1},
          {"models", sampleCityModel()},
          {"sources", json::array({{{"name", "meters"},
                                    {"type", "mqtt"},
                                    {"url", url},
                                    {"topic", "city/energy/#"},
                                    {"key", "topic:2"},
                                    {"value", "kwh"},
                                    {"qos", 1}}})},
          {"layers", json::array({{{"name", "Live"},
                                   {"type", "color"},
                                   {"source", "meters"},
                                   {"field", "kwh"},
                                   {"ramp", stops},
                                   {"domain", {lo, hi}},
                                   {"no_data", noData},
                                   {"unlit", true}}})}};
}

size_t countOf(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST(LayersCli, LiveMqttValuesColourExactlyThoseBuildings) {
  CT_REQUIRE_MOSQUITTO();
  t::MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  const std::vector<std::string> stops = {"#1a9850", "#fee08b", "#d73027"};
  const double lo = 0.0, hi = 100.0;
  const std::string noData = "#3a3aff";
  const std::vector<std::string> keys = sampleCityRows();
  ASSERT_EQ(keys.size(), 200u);
  fs::path dir = t::tempDir("layers_cli_mqtt");
  t::writeText(dir / "live.json", mqttScene(broker.url(), stops, lo, hi, noData).dump(2));

  // Retained before the render: the CLI gets them when it subscribes.
  const std::map<std::string, double> retained = {{"bldg_000010", 10}, {"bldg_000050", 50}, {"bldg_000120", 120}};
  for (const auto& [key, kwh] : retained)
    ASSERT_TRUE(broker.publish("city/energy/" + key, json{{"kwh", kwh}}.dump(), true)) << broker.log();
  // Live, once the CLI is connected: two good readings (one a plain number) and four malformed ones, one of them
  // for a building that already has a retained value (which must keep it).
  const std::map<std::string, double> live = {{"bldg_000077", 25}, {"bldg_000150", 75}};
  const std::vector<std::pair<std::string, std::string>> livePayloads = {
      {"city/energy/bldg_000005", "not json"},
      {"city/energy/bldg_000077", R"({"kwh": 25})"},
      {"city/energy/bldg_000010", R"({"kwh": "abc"})"},
      {"city/energy/bldg_000150", "75"},
      {"city/energy/bldg_000007", R"({"kwh": "NaN"})"},
      {"city/energy", R"({"kwh": 5})"},  // too short: no level 2 for the key
  };
  const std::string connected = "New client connected";
  const size_t clientsBefore = countOf(broker.log(), connected);
  bool published = true, sawClient = false;
  std::thread publisher([&] {
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!(sawClient = countOf(broker.log(), connected) > clientsBefore) && std::chrono::steady_clock::now() < giveUp)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!sawClient) return;
    std::this_thread::sleep_for(std::chrono::seconds(1));  // well after its SUBSCRIBE
    for (const auto& [topic, payload] : livePayloads) published &= broker.publish(topic, payload);
  });
  auto r = render(dir / "live.json", dir / "live.png", "--live-wait 3");
  std::string ids =
      t::run(cli() + " render " + t::shellQuote((dir / "live.json").string()) + " --out " +
             t::shellQuote((dir / "ids.png").string()) + " --width 1280 --height 720 --camera " + kCamera + " --aov id")
          .stderrText;
  publisher.join();
  ASSERT_TRUE(sawClient) << "the CLI never connected: " << broker.log();
  ASSERT_TRUE(published) << broker.log();
  ASSERT_EQ(r.exitCode, 0) << r.stderrText;

  // stderr: nine messages, five keys, the four malformed ones counted and named.
  EXPECT_NE(r.stderrText.find("live: mqtt: connected, 9 messages, 5 keys, 4 malformed"), std::string::npos)
      << r.stderrText;
  EXPECT_EQ(countOf(r.stderrText, "live:   skipped "), 4u) << r.stderrText;
  for (const char* topic :
       {"'city/energy/bldg_000005'", "'city/energy/bldg_000010'", "'city/energy/bldg_000007'", "'city/energy'"})
    EXPECT_NE(r.stderrText.find(std::string("skipped topic ") + topic), std::string::npos) << topic << r.stderrText;

  // The image: the five buildings in their ramp colours, every other one no_data.
  std::vector<Rgb> expected;
  std::map<std::string, double> values = retained;
  values.insert(live.begin(), live.end());
  for (const std::string& key : keys) {
    auto it = values.find(key);
    expected.push_back(it == values.end() ? hex(noData) : rampColour(stops, lo, hi, it->second));
  }
  const ct::RgbaImage colour = readImage(dir / "live.png"), idImage = readImage(dir / "ids.png");
  ASSERT_EQ(colour.width, 1280u) << r.stderrText;
  ASSERT_EQ(idImage.width, 1280u) << ids;
  const Comparison c = compareWithIds(colour, idImage, keys, expected);
  std::printf("live: %llu pixels checked over %zu buildings, worst channel difference %d/255\n",
              static_cast<unsigned long long>(c.checked), c.rows.size(), c.worst);
  EXPECT_GT(c.checked, 5000u);
  EXPECT_EQ(c.within, c.checked) << c.firstMiss;
  for (const auto& [key, kwh] : values) {
    const size_t row = size_t(std::find(keys.begin(), keys.end(), key) - keys.begin());
    EXPECT_TRUE(c.rows.count(uint32_t(row))) << key << " not seen";
  }
}

TEST(LayersCli, LiveWaitWithoutLiveSourcesWarnsAndMalformedMqttUrlIsOneLine) {
  fs::path dir = t::tempDir("layers_cli_live_errors");
  const std::vector<std::string> stops = {"#000000", "#ffffff"};
  json scene = mqttScene("mqtt://127.0.0.1:1883", stops, 0.0, 1.0, "#808080");
  json noLive = scene;
  noLive["sources"] = json::array({{{"name", "meters"}, {"type", "csv"}, {"path", "energy.csv"}, {"key", "id"}}});
  t::writeText(dir / "energy.csv", "id,kwh\nbldg_000001,0.5\n");
  t::writeText(dir / "no_live.json", noLive.dump(2));
  auto r = t::run(cli() + " render " + t::shellQuote((dir / "no_live.json").string()) + " --out " +
                  t::shellQuote((dir / "no_live.png").string()) + " --width 64 --height 48 --live-wait 0.2");
  EXPECT_EQ(r.exitCode, 0) << r.stderrText;
  EXPECT_EQ(r.stderrText,
            "warning: " + (dir / "no_live.json").string() + ": --live-wait: the scene has no live sources\n");
  EXPECT_TRUE(fs::exists(dir / "no_live.png"));

  for (const std::string url :
       {"http://127.0.0.1:1883", "mqtt://127.0.0.1:99999", "mqtt://:1883", "mqtt://127.0.0.1:port", ""}) {
    scene["sources"][0]["url"] = url;
    t::writeText(dir / "bad_url.json", scene.dump(2));
    fs::remove(dir / "bad_url.png");
    auto bad = t::run(cli() + " render " + t::shellQuote((dir / "bad_url.json").string()) + " --out " +
                      t::shellQuote((dir / "bad_url.png").string()) + " --width 64 --height 48 --live-wait 1");
    EXPECT_EQ(bad.exitCode, 2) << url << ": " << bad.stderrText;
    EXPECT_EQ(bad.stderrText.rfind("error: " + (dir / "bad_url.json").string() + ": sources[0].url: ", 0), 0u)
        << url << ": " << bad.stderrText;
    EXPECT_EQ(countOf(bad.stderrText, "\n"), 1u) << url << ": " << bad.stderrText;
    EXPECT_FALSE(fs::exists(dir / "bad_url.png")) << url;
  }
}
