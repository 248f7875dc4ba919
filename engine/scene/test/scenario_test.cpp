// Scenarios in the scene file: the documented form parses to hand-read values, every bad value is one error with
// its JSON path, the writer's output matches a hand-written JSON, saveScenario keeps the rest of a scene (checked
// on the raw JSON of the samples), and a save killed half-way leaves the previous file intact.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scene/scene_file.h"

namespace fs = std::filesystem;
using namespace ct::scene;

namespace {

// The issue's JSON form, verbatim.
const char* kIssueScenario =
    R"json({"name": "high water", "whatif": {"Water level (m)": 4.5, "Retrofit share residential": 0.3},
 "layers": [{"name": "Energy use", "visible": true, "opacity": 0.8, "ramp": "magma", "domain": [50, 300]}],
 "time": "2026-06-21T21:30:00+08:00",
 "camera": {"eye": [0, 300, 400], "target": [0, 0, 0], "fov": 45}})json";

// A scene with a layer "Energy use" and the given "scenarios" value (JSON text).
std::string withScenarios(const std::string& scenarios) {
  return R"({"citytwin": 1, "sources": [{"name": "energy", "type": "csv", "path": "e.csv", "key": "id"}],
            "layers": [{"name": "Energy use", "type": "color", "source": "energy", "field": "kwh"}],
            "scenarios": )" +
         scenarios + "}";
}

ct::Result<SceneSpec> parse(const std::string& json) {
  return parseSceneFile(json, "/city", "scene.json");
}

std::string readText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeText(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

struct TempDir {  // mkdtemp: unique per process, so parallel ctest processes never share one
  fs::path path;
  TempDir() {
    std::string tmpl = "/tmp/ct_scenario_" + std::to_string(::getpid()) + "_XXXXXX";
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

Scenario highWater() {
  Scenario s;
  s.name = "high water";
  s.whatif = {{"Water level (m)", 4.5}, {"Retrofit share residential", 0.3}};
  LayerState l;
  l.name = "Energy use";
  l.opacity = 0.8;
  l.ramp = "magma";
  l.domain = std::array<double, 2>{50, 300};
  s.layers.push_back(l);
  s.time = "2026-06-21T21:30:00+08:00";
  s.camera = CameraState{{0, 300, 400}, {0, 0, 0}, 45};
  return s;
}

}  // namespace

TEST(Scenario, IssueFormParsesToHandReadValues) {
  auto r = parse(withScenarios(std::string("[") + kIssueScenario + "]"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_TRUE(r.warnings().empty()) << r.warnings().front();
  ASSERT_EQ(r.value().scenarios.size(), 1u);
  const Scenario& s = r.value().scenarios[0];
  EXPECT_EQ(s.name, "high water");
  ASSERT_EQ(s.whatif.size(), 2u);
  EXPECT_EQ(s.whatif.at("Water level (m)"), 4.5);
  EXPECT_EQ(s.whatif.at("Retrofit share residential"), 0.3);
  ASSERT_EQ(s.layers.size(), 1u);
  EXPECT_EQ(s.layers[0].name, "Energy use");
  EXPECT_TRUE(s.layers[0].visible);
  EXPECT_EQ(s.layers[0].opacity, 0.8);
  EXPECT_EQ(s.layers[0].ramp, "magma");
  EXPECT_EQ(s.layers[0].domain, (std::array<double, 2>{50, 300}));
  EXPECT_EQ(s.time, "2026-06-21T21:30:00+08:00");
  ASSERT_TRUE(s.camera.has_value());
  EXPECT_EQ(s.camera->eye, (std::array<double, 3>{0, 300, 400}));
  EXPECT_EQ(s.camera->target, (std::array<double, 3>{0, 0, 0}));
  EXPECT_EQ(s.camera->fovDeg, 45.0);
  EXPECT_EQ(s, highWater());
  EXPECT_EQ(r.value().findScenario("high water"), &r.value().scenarios[0]);
  EXPECT_EQ(r.value().findScenario("High water"), nullptr);

  // Defaults: only a name.
  auto bare = parse(withScenarios(R"([{"name": "x"}, {"name": "y", "layers": [{"name": "Energy use"}]}])"));
  ASSERT_TRUE(bare.ok()) << bare.firstError();
  const Scenario& x = bare.value().scenarios[0];
  EXPECT_TRUE(x.whatif.empty() && x.layers.empty() && x.time.empty() && !x.camera);
  const LayerState& y = bare.value().scenarios[1].layers[0];
  EXPECT_TRUE(y.visible);
  EXPECT_EQ(y.opacity, 1.0);
  EXPECT_TRUE(y.ramp.empty() && !y.domain);
}

TEST(Scenario, BadValuesAreOneErrorWithTheirJsonPath) {
  const std::string longName(201, 'n');
  std::string manyWhatif = "{";
  for (int i = 0; i < 1001; ++i) manyWhatif += (i ? ",\"w" : "\"w") + std::to_string(i) + "\": 1";
  manyWhatif += "}";
  std::string manyScenarios = "[";
  for (int i = 0; i < 10001; ++i)
    manyScenarios += (i ? ",{\"name\": \"s" : "{\"name\": \"s") + std::to_string(i) + "\"}";
  manyScenarios += "]";
  const std::pair<std::string, std::string> cases[] = {
      {R"({"name": "a"})", "scene.json: scenarios: expected an array"},
      {R"([{"name": "a"}, {"name": "b", "camera": {"eye": [0, 1, 2], "target": [0, 0, 0], "fov": 180}}])",
       "scene.json: scenarios[1].camera.fov: expected a number of degrees above 0 and below 180, got 180"},
      {R"([{"name": "a", "camera": {"eye": [0, 1, 2], "target": [0, 0, 0], "fov": 0}}])",
       "scene.json: scenarios[0].camera.fov: expected a number of degrees above 0 and below 180, got 0"},
      {R"([{"name": "a", "camera": {"eye": [0, 1, 2], "target": [0, 0, 0], "fov": "45"}}])",
       "scene.json: scenarios[0].camera.fov: expected a number"},
      {R"([{"name": "a", "camera": {"eye": [1, 2, 3], "target": [1, 2, 3]}}])",
       "scene.json: scenarios[0].camera.target: the same point as eye (no view direction)"},
      {R"([{"name": "a", "camera": {"eye": [1, 2], "target": [1, 2, 3]}}])",
       "scene.json: scenarios[0].camera.eye: expected 3 elements, got 2"},
      {R"([{"name": "a", "camera": {"eye": [1, 2, null], "target": [1, 2, 3]}}])",
       "scene.json: scenarios[0].camera.eye[2]: expected a number"},
      {R"([{"name": "a", "camera": {"target": [1, 2, 3]}}])", "scene.json: scenarios[0].camera.eye: missing"},
      {R"([{"name": "a", "camera": [1]}])", "scene.json: scenarios[0].camera: expected an object, got an array"},
      {R"([{"name": "a"}, {"name": "a"}])",
       "scene.json: scenarios[1].name: duplicate scenario name 'a' (also scenarios[0])"},
      {R"([{"whatif": {}}])", "scene.json: scenarios[0].name: missing (a scenario needs a name)"},
      {R"([{"name": ""}])", "scene.json: scenarios[0].name: expected a non-empty string"},
      {R"([{"name": 7}])", "scene.json: scenarios[0].name: expected a string"},
      {"[{\"name\": \"" + longName + "\"}]", "scene.json: scenarios[0].name: longer than 200 bytes (201)"},
      {R"([{"name": "a", "whatif": [1]}])", "scene.json: scenarios[0].whatif: expected an object, got an array"},
      {R"json([{"name": "a", "whatif": {"Water level (m)": "4.5"}}])json",
       "scene.json: scenarios[0].whatif.Water level (m): expected a number"},
      {R"([{"name": "a", "whatif": {"": 1}}])",
       "scene.json: scenarios[0].whatif: a what-if value needs a non-empty name"},
      {R"([{"name": "a", "whatif": )" + manyWhatif + "}]",
       "scene.json: scenarios[0].whatif: more than 1000 what-if values (1001)"},
      {manyScenarios, "scene.json: scenarios: expected 0 to 10000 elements, got 10001"},
      {R"([{"name": "a", "layers": {}}])", "scene.json: scenarios[0].layers: expected an array"},
      {R"([{"name": "a", "layers": [{"visible": true}]}])",
       "scene.json: scenarios[0].layers[0].name: missing (the layer these settings are for)"},
      {R"([{"name": "a", "layers": [{"name": "Energy use", "visible": 1}]}])",
       "scene.json: scenarios[0].layers[0].visible: expected true or false"},
      {R"([{"name": "a", "layers": [{"name": "Energy use", "opacity": 1.01}]}])",
       "scene.json: scenarios[0].layers[0].opacity: expected a number from 0 to 1, got 1.01"},
      {R"([{"name": "a", "layers": [{"name": "Energy use", "opacity": -0.5}]}])",
       "scene.json: scenarios[0].layers[0].opacity: expected a number from 0 to 1, got -0.5"},
      {R"([{"name": "a", "layers": [{"name": "Energy use", "domain": [300, 300]}]}])",
       "scene.json: scenarios[0].layers[0].domain: expected [min, max] with min < max, got [300, 300]"},
      {R"([{"name": "a", "layers": [{"name": "Energy use", "domain": [300, 50]}]}])",
       "scene.json: scenarios[0].layers[0].domain: expected [min, max] with min < max, got [300, 50]"},
      {R"([{"name": "a", "layers": [{"name": "Energy use", "domain": [1]}]}])",
       "scene.json: scenarios[0].layers[0].domain: expected 2 elements, got 1"},
      {R"([{"name": "a", "layers": [{"name": "Energy use", "ramp": "plasma"}]}])",
       "scene.json: scenarios[0].layers[0].ramp: unknown ramp 'plasma' (expected viridis, magma, rdbu, categorical)"},
      {R"([{"name": "a", "layers": [{"name": "Energy use"}, {"name": "Energy use", "visible": false}]}])",
       "scene.json: scenarios[0].layers[1].name: settings for layer 'Energy use' given twice (also "
       "scenarios[0].layers[0])"},
      {R"([{"name": "a", "time": "2026-02-30T10:00:00Z"}])", ""},  // message from parseIso8601: checked below
      {R"([{"name": "a", "time": 2026}])", "scene.json: scenarios[0].time: expected a string"},
  };
  for (const auto& [scenarios, expected] : cases) {
    auto r = parse(withScenarios(scenarios));
    ASSERT_FALSE(r.ok()) << scenarios.substr(0, 200);
    EXPECT_EQ(r.errors().size(), 1u);
    if (!expected.empty()) {
      EXPECT_EQ(r.firstError(), expected);
    } else {
      EXPECT_EQ(r.firstError().rfind("scene.json: scenarios[0].time: ", 0), 0u) << r.firstError();
      EXPECT_NE(r.firstError().find("day"), std::string::npos) << r.firstError();
    }
  }

  // The limits are inclusive: 200 bytes, 1000 values, fov just inside (0, 180), opacity 0 and 1.
  std::string thousand = manyWhatif.substr(0, manyWhatif.rfind(",\"w1000\"")) + "}";
  auto edge = parse(withScenarios("[{\"name\": \"" + std::string(200, 'n') + "\", \"whatif\": " + thousand +
                                  R"(, "camera": {"eye": [0, 1, 0], "target": [0, 0, 0], "fov": 179.5},
                                  "layers": [{"name": "Energy use", "opacity": 0}]},
                                  {"name": "b", "camera": {"eye": [0, 1, 0], "target": [0, 0, 0], "fov": 0.5},
                                  "layers": [{"name": "Energy use", "opacity": 1}]}])"));
  ASSERT_TRUE(edge.ok()) << edge.firstError();
  EXPECT_EQ(edge.value().scenarios[0].whatif.size(), 1000u);
  EXPECT_EQ(edge.value().scenarios[1].camera->fovDeg, 0.5);
}

TEST(Scenario, UnknownKeysAndLayersAreWarnings) {
  auto r = parse(withScenarios(R"([{"name": "a", "wahtif": {"x": 1}, "overrides": {"share": 0.3},
      "// note": "comments are silent", "whatif": {"// also": "silent", "x": 2},
      "layers": [{"name": "Energy use", "opactiy": 0.5}, {"name": "Gone layer", "visible": false},
                 {"name": "Energy what-if", "visible": true}],
      "camera": {"eye": [0, 1, 0], "target": [0, 0, 0], "fov_deg": 30}}])"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  const std::vector<std::string> expected = {
      "scene.json: scenarios[0].layers[0].opactiy: unknown key (ignored); did you mean 'opacity'?",
      "scene.json: scenarios[0].layers[1].name: no layer 'Gone layer' in this scene (ignored when applied)",
      "scene.json: scenarios[0].camera.fov_deg: unknown key (ignored); did you mean 'fov'?",
      "scene.json: scenarios[0].overrides: unknown key (ignored)",
      "scene.json: scenarios[0].wahtif: unknown key (ignored); did you mean 'whatif'?",
  };
  EXPECT_EQ(r.warnings(), expected);
  const Scenario& s = r.value().scenarios[0];
  EXPECT_EQ(s.whatif, (std::map<std::string, double>{{"x", 2}}));  // the comment key is not a value
  EXPECT_EQ(s.layers[1].name, "Gone layer");                       // kept: the scene may get the layer back
  EXPECT_EQ(s.layers[2].name, "Energy what-if");  // the twin's own layer: no warning
  EXPECT_EQ(s.camera->fovDeg, 45.0);
}

TEST(Scenario, WrittenInTheFormatsKeyOrderAndReadBack) {
  SceneSpec spec;
  Scenario bare;
  bare.name = "bare";
  spec.scenarios = {highWater(), bare};
  const std::string text = sceneToJson(spec);
  // Hand-written expectation: whatif keys sorted, defaults of a layer written (a scenario states them), the
  // empty sections of "bare" left out.
  const auto expected = nlohmann::json::parse(R"json({"citytwin": 1, "scenarios": [
      {"name": "high water", "whatif": {"Retrofit share residential": 0.3, "Water level (m)": 4.5},
       "layers": [{"name": "Energy use", "visible": true, "opacity": 0.8, "ramp": "magma", "domain": [50, 300]}],
       "time": "2026-06-21T21:30:00+08:00", "camera": {"eye": [0, 300, 400], "target": [0, 0, 0], "fov": 45}},
      {"name": "bare"}]})json");
  EXPECT_EQ(nlohmann::json::parse(text), expected) << text;
  size_t at = 0;
  for (const char* key :
       {"\"name\"", "\"whatif\"", "\"Retrofit share residential\"", "\"Water level (m)\"", "\"layers\"", "\"visible\"",
        "\"opacity\"", "\"ramp\"", "\"domain\"", "\"time\"", "\"camera\"", "\"eye\"", "\"target\"", "\"fov\""}) {
    const size_t next = text.find(key, at);
    ASSERT_NE(next, std::string::npos) << key << " missing or out of order in\n" << text;
    at = next;
  }
  EXPECT_NE(text.find("\"domain\": [\n            50,"), std::string::npos) << "whole numbers without a fraction";

  auto back = parseSceneFile(text, "", "saved.json");
  ASSERT_TRUE(back.ok()) << back.firstError();
  EXPECT_EQ(back.value().scenarios, spec.scenarios);
  // Equality sees the scenarios (so the round trip above could fail).
  SceneSpec other = spec;
  other.scenarios[0].whatif["Water level (m)"] = 4.25;
  EXPECT_FALSE(other == spec);
  other = spec;
  std::swap(other.scenarios[0], other.scenarios[1]);
  EXPECT_FALSE(other == spec);
}

namespace {

fs::path sourceRoot() {
  const char* env = std::getenv("CITYTWIN_SOURCE_DIR");
  return env ? fs::path(env) : fs::path(__FILE__).parent_path() / "../../..";
}

// Every key/value of `original` is in `saved` with an equal value (the saver may add defaults it leaves implicit
// in the file). nlohmann compares 1 and 1.0 as equal numbers.
void expectKept(const nlohmann::json& original, const nlohmann::json& saved, const std::string& path) {
  if (original.is_object()) {
    ASSERT_TRUE(saved.is_object()) << path;
    for (auto it = original.begin(); it != original.end(); ++it) {
      ASSERT_TRUE(saved.contains(it.key())) << path << "." << it.key() << " lost";
      expectKept(it.value(), saved[it.key()], path + "." + it.key());
    }
  } else if (original.is_array()) {
    ASSERT_TRUE(saved.is_array()) << path;
    ASSERT_EQ(saved.size(), original.size()) << path;
    for (size_t i = 0; i < original.size(); ++i)
      expectKept(original[i], saved[i], path + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(saved, original) << path;
  }
}

}  // namespace

// On temp copies of the samples (in the same folder layout, so relative paths stay relative): the rest of the
// scene is kept, checked on the raw JSON of the original file rather than through SceneSpec.
TEST(Scenario, SaveScenarioKeepsTheRestOfTheSamples) {
  for (const char* sample : {"district", "jakarta"}) {
    SCOPED_TRACE(sample);
    const fs::path original = sourceRoot() / "samples" / sample / "scene.json";
    if (!fs::exists(original)) GTEST_SKIP() << "skipped: " << original << " missing";
    TempDir dir;
    const fs::path folder = dir.path / "samples" / sample;
    fs::create_directories(folder);
    const fs::path file = folder / "scene.json";
    fs::copy_file(original, file);
    const auto raw = nlohmann::json::parse(readText(original));
    ASSERT_FALSE(raw.contains("scenarios")) << "the sample has scenarios now: update this test";
    auto before = loadSceneFile(file.string());
    ASSERT_TRUE(before.ok()) << before.firstError();

    auto saved = saveScenario(file.string(), highWater());
    ASSERT_TRUE(saved.ok()) << saved.firstError();
    Scenario low = highWater();
    low.name = "low water";
    low.whatif["Water level (m)"] = -1.5;
    low.camera.reset();
    ASSERT_TRUE(saveScenario(file.string(), low).ok());

    auto written = nlohmann::json::parse(readText(file));
    auto rest = written;
    rest.erase("scenarios");
    expectKept(raw, rest, "");
    EXPECT_EQ(rest.size(), raw.size()) << "no top-level section added";
    ASSERT_EQ(written["scenarios"].size(), 2u);
    EXPECT_EQ(written["scenarios"][0]["name"], "high water");
    EXPECT_EQ(written["scenarios"][1]["whatif"]["Water level (m)"], -1.5);

    auto after = loadSceneFile(file.string());
    ASSERT_TRUE(after.ok()) << after.firstError();
    SceneSpec expected = before.value();
    expected.scenarios = {highWater(), low};
    EXPECT_EQ(after.value(), expected);
  }
}

TEST(Scenario, SaveReplacesByNameKeepsOrderAndDeleteRemoves) {
  TempDir dir;
  const fs::path file = dir.path / "scene.json";
  writeText(file,
            withScenarios(R"([{"name": "first"}, {"name": "high water", "whatif": {"x": 1}}, {"name": "last"}])"));
  Scenario s = highWater();
  auto r = saveScenario(file.string(), s);
  ASSERT_TRUE(r.ok()) << r.firstError();
  auto back = loadSceneFile(file.string());
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back.value().scenarios.size(), 3u);
  EXPECT_EQ(back.value().scenarios[0].name, "first");
  EXPECT_EQ(back.value().scenarios[1], s);  // replaced in place, the old "x" gone
  EXPECT_EQ(back.value().scenarios[2].name, "last");

  ASSERT_TRUE(deleteScenario(file.string(), "first").ok());
  back = loadSceneFile(file.string());
  ASSERT_EQ(back.value().scenarios.size(), 2u);
  EXPECT_EQ(back.value().scenarios[0], s);
  EXPECT_EQ(back.value().scenarios[1].name, "last");

  const std::string kept = readText(file);
  auto missing = deleteScenario(file.string(), "first");
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.firstError(), file.string() + ": no scenario 'first' to delete");
  EXPECT_EQ(readText(file), kept);

  // A layer the scene does not have is saved, with a warning.
  Scenario other;
  other.name = "other";
  other.layers.push_back(LayerState{"Not a layer", false, 0.5, "", std::nullopt});
  auto warned = saveScenario(file.string(), other);
  ASSERT_TRUE(warned.ok()) << warned.firstError();
  ASSERT_EQ(warned.warnings().size(), 1u);
  EXPECT_EQ(
      warned.warnings()[0],
      file.string() + ": scenarios[2].layers[0].name: no layer 'Not a layer' in this scene (ignored when applied)");
}

TEST(Scenario, InvalidScenariosAndBrokenFilesLeaveTheFileUntouched) {
  TempDir dir;
  const fs::path file = dir.path / "scene.json";
  writeText(file, withScenarios(R"([{"name": "keep"}])"));
  const std::string before = readText(file);
  const std::string prefix = file.string() + ": scenario '";

  struct Case {
    Scenario s;
    std::string error;
  };
  std::vector<Case> cases;
  Scenario nan = highWater();
  nan.whatif["Water level (m)"] = std::numeric_limits<double>::quiet_NaN();
  cases.push_back({nan, prefix + "high water' not saved: scenarios[1].whatif.Water level (m): expected a number"});
  Scenario inf = highWater();
  inf.layers[0].domain = std::array<double, 2>{0, std::numeric_limits<double>::infinity()};
  cases.push_back({inf, prefix + "high water' not saved: scenarios[1].layers[0].domain[1]: expected a number"});
  Scenario unnamed = highWater();
  unnamed.name = "";
  cases.push_back({unnamed, prefix + "' not saved: scenarios[1].name: expected a non-empty string"});
  Scenario blind = highWater();
  blind.camera->target = blind.camera->eye;
  cases.push_back(
      {blind, prefix + "high water' not saved: scenarios[1].camera.target: the same point as eye (no view direction)"});
  Scenario wide = highWater();
  wide.camera->fovDeg = 180;
  cases.push_back({wide, prefix +
                             "high water' not saved: scenarios[1].camera.fov: expected a number of degrees above 0 "
                             "and below 180, got 180"});
  Scenario late = highWater();
  late.time = "tomorrow";
  cases.push_back({late, ""});
  Scenario badUtf8 = highWater();
  badUtf8.name = "caf\xc3";  // cut in the middle of "é"
  cases.push_back({badUtf8, prefix + "caf\xc3' not saved: text that is not valid UTF-8"});
  for (const Case& c : cases) {
    auto r = saveScenario(file.string(), c.s);
    ASSERT_FALSE(r.ok()) << c.s.name;
    if (c.error.empty()) {
      EXPECT_EQ(r.firstError().rfind(prefix + "high water' not saved: scenarios[1].time: ", 0), 0u) << r.firstError();
    } else {
      EXPECT_EQ(r.firstError(), c.error);
    }
    EXPECT_EQ(readText(file), before);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path), {}), 1) << "a temp file was left";
  }

  // A file that does not parse is never overwritten (the user's work in it would be lost).
  const std::string broken = "{\"citytwin\": 1, \"layers\": [}";
  writeText(file, broken);
  auto r = saveScenario(file.string(), highWater());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.firstError().rfind(file.string() + ": line 1, column", 0), 0u) << r.firstError();
  EXPECT_EQ(readText(file), broken);
  EXPECT_FALSE(saveScenario((dir.path / "absent.json").string(), highWater()).ok());
  EXPECT_FALSE(fs::exists(dir.path / "absent.json"));
}

namespace {

// Temp files of saves into `dir` for the file named `name`, by name.
std::vector<std::string> tempFiles(const fs::path& dir, const std::string& name) {
  std::vector<std::string> out;
  const std::string prefix = "." + name + ".tmp-";
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.rfind(prefix, 0) == 0) out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void setMtime(const fs::path& p, time_t secondsFromNow) {
  struct timespec times[2];
  ::clock_gettime(CLOCK_REALTIME, &times[0]);
  times[0].tv_sec += secondsFromNow;
  times[1] = times[0];
  ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0);
}

}  // namespace

// A child process saves a scenario with the pause seam on and is SIGKILLed half-way through writing the temp
// file: the scene file must be byte-identical and still load. The next save succeeds and removes the killed
// save's temp file (its process is gone, it is older), but not a live process's, a newer one, or other files.
TEST(Scenario, SaveKilledHalfWayLeavesThePreviousFile) {
  TempDir dir;
  const fs::path file = dir.path / "scene.json";
  writeText(file, withScenarios(R"([{"name": "before", "whatif": {"x": 1}}])"));
  const std::string before = readText(file);
  const fs::path marker = dir.path / "paused";

  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0) << "fork failed";
  if (child == 0) {
    ::setenv(kSavePauseEnv, marker.c_str(), 1);
    auto r = saveScenario(file.string(), highWater());
    ::_exit(r.ok() ? 0 : 3);  // reached only if the pause did not happen or ended
  }
  bool paused = false;
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 1000 && !paused; ++i) {  // 10 s
    if (fs::exists(marker)) {
      paused = true;
      break;
    }
    if (::waitpid(child, &status, WNOHANG) == child) {
      exited = true;
      break;
    }
    ::usleep(10000);
  }
  if (!exited) {
    ::kill(child, SIGKILL);
    ASSERT_EQ(::waitpid(child, &status, 0), child);
  }
  ASSERT_TRUE(paused) << "the child never reached the pause (exit status " << status << ")";
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

  EXPECT_EQ(readText(file), before) << "the scene file changed under a killed save";
  auto loaded = loadSceneFile(file.string());
  ASSERT_TRUE(loaded.ok()) << loaded.firstError();
  ASSERT_EQ(loaded.value().scenarios.size(), 1u);
  EXPECT_EQ(loaded.value().scenarios[0].name, "before");
  const std::vector<std::string> stale = tempFiles(dir.path, "scene.json");
  ASSERT_EQ(stale.size(), 1u) << "the killed save's temp file";
  EXPECT_EQ(stale[0].rfind(".scene.json.tmp-" + std::to_string(child) + "-", 0), 0u) << stale[0];
  const std::string half = readText(dir.path / stale[0]);

  // What the cleanup must leave alone: a live process's temp (the test's parent), a newer one of the dead
  // child's, another file's, and names that do not follow the pattern.
  const std::string live = ".scene.json.tmp-" + std::to_string(::getppid()) + "-0";
  const std::string newer = ".scene.json.tmp-" + std::to_string(child) + "-77";
  const std::string otherFile = ".other.json.tmp-" + std::to_string(child) + "-0";
  const std::string odd = ".scene.json.tmp-" + std::to_string(child) + "-x";
  for (const std::string& n : {live, newer, otherFile, odd}) writeText(dir.path / n, "{");
  for (const std::string& n : {live, otherFile, odd}) setMtime(dir.path / n, -60);
  setMtime(dir.path / newer, 3600);
  setMtime(dir.path / stale[0], -1);  // file times are coarse (a jiffy): make "older" unambiguous

  auto again = saveScenario(file.string(), highWater());
  ASSERT_TRUE(again.ok()) << again.firstError();
  auto after = loadSceneFile(file.string());
  ASSERT_TRUE(after.ok()) << after.firstError();
  ASSERT_NE(after.value().findScenario("high water"), nullptr);
  EXPECT_EQ(*after.value().findScenario("high water"), highWater());
  EXPECT_EQ(after.value().scenarios[0].name, "before");

  // The killed save had written exactly the first half of the same text.
  const std::string full = readText(file);
  EXPECT_EQ(half.size(), full.size() / 2);
  EXPECT_EQ(full.compare(0, half.size(), half), 0);

  EXPECT_FALSE(fs::exists(dir.path / stale[0])) << "the killed save's temp file stayed";
  for (const std::string& n : {live, newer, otherFile, odd}) EXPECT_TRUE(fs::exists(dir.path / n)) << n << " removed";
}

// The seam ends its pause when the marker is removed (and the save then completes normally).
TEST(Scenario, SavePauseEndsWhenTheMarkerIsRemoved) {
  TempDir dir;
  const fs::path file = dir.path / "scene.json";
  writeText(file, withScenarios("[]"));
  const fs::path marker = dir.path / "paused";
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::setenv(kSavePauseEnv, marker.c_str(), 1);
    ::_exit(saveScenario(file.string(), highWater()).ok() ? 0 : 3);
  }
  for (int i = 0; i < 1000 && !fs::exists(marker); ++i) ::usleep(10000);
  const bool paused = fs::exists(marker);
  fs::remove(marker);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(paused);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  auto after = loadSceneFile(file.string());
  ASSERT_TRUE(after.ok()) << after.firstError();
  EXPECT_EQ(after.value().scenarios, std::vector<Scenario>{highWater()});
  EXPECT_TRUE(tempFiles(dir.path, "scene.json").empty());
}
