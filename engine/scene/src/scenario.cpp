// Scenarios in the scene file: parsing and validating the "scenarios" array, writing one scenario, and saving or
// deleting one scenario in a scene file (re-read, change, atomic save).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/time.h"
#include "scene_file_internal.h"

namespace ct::scene {

using detail::fail;
using detail::Json;
using detail::ObjectReader;
using detail::ParseContext;
using OrderedJson = nlohmann::ordered_json;

namespace {

// The named ramps a layer knows (scene_file_layers.cpp); a scenario may only pick one of them.
const std::set<std::string> kRampNames = {"viridis", "magma", "rdbu", "categorical"};

// Names from the file go into one-line messages: control characters are shown as \xNN, long names cut.
std::string shown(std::string_view s) {
  std::string out;
  for (unsigned char c : s.substr(0, 120)) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  if (s.size() > 120) out += "...";
  return out;
}

std::array<double, 3> vec3(const Json& v, const std::string& path) {
  const Json& a = detail::asArray(v, path, 3, 3);
  return {detail::asNumber(a[0], detail::indexPath(path, 0)), detail::asNumber(a[1], detail::indexPath(path, 1)),
          detail::asNumber(a[2], detail::indexPath(path, 2))};
}

CameraState parseCamera(const Json& v, const std::string& path, ParseContext& ctx) {
  ObjectReader r(v, path);
  CameraState c;
  c.eye = vec3(r.require("eye"), r.keyPath("eye"));
  c.target = vec3(r.require("target"), r.keyPath("target"));
  if (c.eye == c.target) fail(r.keyPath("target"), "the same point as eye (no view direction)");
  if (const Json* f = r.find("fov")) {
    c.fovDeg = detail::asNumber(*f, r.keyPath("fov"));
    if (!(c.fovDeg > 0.0 && c.fovDeg < 180.0)) {
      fail(r.keyPath("fov"),
           "expected a number of degrees above 0 and below 180, got " + detail::formatNumber(c.fovDeg));
    }
  }
  // Bookmarks spell it fov_deg: too far from "fov" for the near-name hint, so say it here.
  if (r.find("fov_deg")) ctx.warnings.push_back(r.keyPath("fov_deg") + ": unknown key (ignored); did you mean 'fov'?");
  r.finish(ctx.warnings, {"eye", "target", "fov"});
  return c;
}

LayerState parseLayerState(const Json& v, const std::string& path, const SceneSpec& spec, ParseContext& ctx) {
  ObjectReader r(v, path);
  LayerState l;
  l.name = detail::asNonEmptyString(r.require("name", "the layer these settings are for"), r.keyPath("name"));
  if (!spec.findLayer(l.name) && l.name != kEnergyWhatIfLayer) {
    ctx.warnings.push_back(r.keyPath("name") + ": no layer '" + shown(l.name) +
                           "' in this scene (ignored when applied)");
  }
  l.visible = r.boolean("visible", true);
  l.opacity = r.numIn("opacity", 1.0, 0.0, 1.0, "from 0 to 1");
  if (const Json* ramp = r.find("ramp")) {
    l.ramp = detail::asNonEmptyString(*ramp, r.keyPath("ramp"));
    if (!kRampNames.count(l.ramp)) {
      fail(r.keyPath("ramp"), "unknown ramp '" + shown(l.ramp) + "' (expected viridis, magma, rdbu, categorical)");
    }
  }
  if (const Json* d = r.find("domain")) {
    const std::string p = r.keyPath("domain");
    const Json& a = detail::asArray(*d, p, 2, 2);
    const double lo = detail::asNumber(a[0], detail::indexPath(p, 0));
    const double hi = detail::asNumber(a[1], detail::indexPath(p, 1));
    if (!(lo < hi))
      fail(p, "expected [min, max] with min < max, got [" + detail::formatNumber(lo) + ", " + detail::formatNumber(hi) +
                  "]");
    l.domain = std::array<double, 2>{lo, hi};
  }
  r.finish(ctx.warnings, {"name", "visible", "opacity", "ramp", "domain"});
  return l;
}

Scenario parseScenario(const Json& v, const std::string& path, const SceneSpec& spec, ParseContext& ctx) {
  ObjectReader r(v, path);
  Scenario s;
  s.name = detail::asNonEmptyString(r.require("name", "a scenario needs a name"), r.keyPath("name"));
  if (s.name.size() > kMaxScenarioNameBytes) {
    fail(r.keyPath("name"),
         "longer than " + std::to_string(kMaxScenarioNameBytes) + " bytes (" + std::to_string(s.name.size()) + ")");
  }
  if (const Json* w = r.find("whatif")) {
    const std::string p = r.keyPath("whatif");
    ObjectReader wr(*w, p);  // checks it is an object
    if (w->size() > kMaxScenarioWhatif) {
      fail(p,
           "more than " + std::to_string(kMaxScenarioWhatif) + " what-if values (" + std::to_string(w->size()) + ")");
    }
    for (auto it = w->begin(); it != w->end(); ++it) {
      const std::string& key = it.key();
      if (key.rfind("//", 0) == 0) continue;  // a comment, as everywhere in the format
      if (key.empty()) fail(p, "a what-if value needs a non-empty name");
      s.whatif.emplace(key, detail::asNumber(it.value(), detail::childPath(p, shown(key))));
    }
  }
  if (const Json* l = r.find("layers")) {
    const std::string p = r.keyPath("layers");
    const Json& a = detail::asArray(*l, p, 0, kMaxSceneLayers);
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string ip = detail::indexPath(p, i);
      s.layers.push_back(parseLayerState(a[i], ip, spec, ctx));
      auto [at, fresh] = seen.emplace(s.layers.back().name, i);
      if (!fresh) {
        fail(ip + ".name", "settings for layer '" + shown(s.layers.back().name) + "' given twice (also " +
                               detail::indexPath(p, at->second) + ")");
      }
    }
  }
  if (const Json* t = r.find("time")) {
    s.time = detail::asNonEmptyString(*t, r.keyPath("time"));
    auto instant = parseIso8601(s.time);
    if (!instant) fail(r.keyPath("time"), instant.firstError());
  }
  if (const Json* c = r.find("camera")) s.camera = parseCamera(*c, r.keyPath("camera"), ctx);
  r.finish(ctx.warnings, {"name", "whatif", "layers", "time", "camera"});
  return s;
}

OrderedJson vec3Json(const std::array<double, 3>& v) {
  return {detail::jsonNumber(v[0]), detail::jsonNumber(v[1]), detail::jsonNumber(v[2])};
}

// Saves a scene re-read from `path` with its scenarios changed; `what` starts the refusal ("scenario 'x' not saved").
Result<bool> saveChanged(const std::string& path, const SceneSpec& spec, std::vector<std::string> warnings,
                         const std::string& what) {
  auto refused = [&](const std::string& why) { return Result<bool>::fail(path + ": " + what + ": " + why, warnings); };
  // The scenario is checked by the parser's rules on the text the save will write: NaN (written as null), an
  // empty name, eye == target... are refused before the file is touched.
  std::string text;
  try {
    text = sceneToJson(spec);
  } catch (const nlohmann::json::exception&) {
    return refused("text that is not valid UTF-8");
  }
  auto check = parseSceneFile(text, spec.baseDir, path);
  for (const std::string& w : check.warnings()) {
    if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) warnings.push_back(w);
  }
  if (!check) {
    std::string why = check.firstError();
    if (why.rfind(path + ": ", 0) == 0) why.erase(0, path.size() + 2);
    return refused(why);
  }
  auto saved = saveSceneFile(spec, path);
  if (!saved) return Result<bool>::fail(saved.firstError(), warnings);
  warnings.insert(warnings.end(), saved.warnings().begin(), saved.warnings().end());
  return Result<bool>::ok(true, std::move(warnings));
}

}  // namespace

namespace detail {

void parseScenarios(const Json& v, const std::string& path, SceneSpec& spec, ParseContext& ctx) {
  const Json& a = asArray(v, path, 0, kMaxSceneScenarios);
  spec.scenarios.reserve(a.size());
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string ip = indexPath(path, i);
    spec.scenarios.push_back(parseScenario(a[i], ip, spec, ctx));
    auto [at, fresh] = seen.emplace(spec.scenarios.back().name, i);
    if (!fresh) {
      fail(ip + ".name", "duplicate scenario name '" + shown(spec.scenarios.back().name) + "' (also " +
                             indexPath(path, at->second) + ")");
    }
  }
}

OrderedJson scenarioJson(const Scenario& s) {
  OrderedJson o;
  o["name"] = s.name;
  if (!s.whatif.empty()) {
    OrderedJson w = OrderedJson::object();
    for (const auto& [key, value] : s.whatif) w[key] = jsonNumber(value);
    o["whatif"] = w;
  }
  if (!s.layers.empty()) {
    OrderedJson a = OrderedJson::array();
    for (const LayerState& l : s.layers) {
      OrderedJson lj;
      lj["name"] = l.name;
      lj["visible"] = l.visible;
      lj["opacity"] = jsonNumber(l.opacity);
      if (!l.ramp.empty()) lj["ramp"] = l.ramp;
      if (l.domain) lj["domain"] = {jsonNumber((*l.domain)[0]), jsonNumber((*l.domain)[1])};
      a.push_back(lj);
    }
    o["layers"] = a;
  }
  if (!s.time.empty()) o["time"] = s.time;
  if (s.camera) {
    o["camera"] = {{"eye", vec3Json(s.camera->eye)},
                   {"target", vec3Json(s.camera->target)},
                   {"fov", jsonNumber(s.camera->fovDeg)}};
  }
  return o;
}

}  // namespace detail

const Scenario* SceneSpec::findScenario(std::string_view name) const {
  for (const Scenario& s : scenarios) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Result<bool> saveScenario(const std::string& path, const Scenario& scenario) {
  auto loaded = loadSceneFile(path);
  if (!loaded) return Result<bool>::fail(loaded.firstError(), loaded.warnings());
  SceneSpec spec = std::move(loaded.value());
  auto it = std::find_if(spec.scenarios.begin(), spec.scenarios.end(),
                         [&](const Scenario& s) { return s.name == scenario.name; });
  if (it != spec.scenarios.end()) {
    *it = scenario;
  } else {
    if (spec.scenarios.size() >= kMaxSceneScenarios) {
      return Result<bool>::fail(path + ": scenario '" + scenario.name + "' not saved: the file already has " +
                                    std::to_string(kMaxSceneScenarios) + " scenarios",
                                loaded.warnings());
    }
    spec.scenarios.push_back(scenario);
  }
  return saveChanged(path, spec, loaded.warnings(), "scenario '" + shown(scenario.name) + "' not saved");
}

Result<bool> deleteScenario(const std::string& path, const std::string& name) {
  auto loaded = loadSceneFile(path);
  if (!loaded) return Result<bool>::fail(loaded.firstError(), loaded.warnings());
  SceneSpec spec = std::move(loaded.value());
  auto it =
      std::find_if(spec.scenarios.begin(), spec.scenarios.end(), [&](const Scenario& s) { return s.name == name; });
  if (it == spec.scenarios.end()) {
    return Result<bool>::fail(path + ": no scenario '" + shown(name) + "' to delete", loaded.warnings());
  }
  spec.scenarios.erase(it);
  return saveChanged(path, spec, loaded.warnings(), "scenario '" + shown(name) + "' not deleted");
}

}  // namespace ct::scene
