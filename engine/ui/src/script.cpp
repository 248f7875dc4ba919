#include "ui/script.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ct::ui {
namespace {
using Json = nlohmann::json;
using R = Result<std::vector<ScriptEvent>>;

struct Fail {
  std::string message;
};

double number(const Json& e, const char* key, const std::string& at, bool required, double fallback = 0.0) {
  auto it = e.find(key);
  if (it == e.end()) {
    if (required) throw Fail{at + ": missing \"" + key + "\""};
    return fallback;
  }
  if (!it->is_number()) throw Fail{at + "." + key + ": expected a number"};
  double v = it->get<double>();
  if (!std::isfinite(v) || std::abs(v) > 1e9) throw Fail{at + "." + key + ": expected a finite number"};
  return v;
}

std::string text(const Json& e, const char* key, const std::string& at) {
  auto it = e.find(key);
  if (it == e.end()) throw Fail{at + ": missing \"" + key + "\""};
  if (!it->is_string()) throw Fail{at + "." + key + ": expected a string"};
  std::string s = it->get<std::string>();
  if (s.empty() || s.size() > 4096) throw Fail{at + "." + key + ": expected 1 to 4096 characters"};
  return s;
}

ScriptEvent parseEvent(const Json& e, const std::string& at) {
  if (!e.is_object()) throw Fail{at + ": expected an object"};
  ScriptEvent ev;
  auto f = e.find("frame");
  if (f == e.end()) throw Fail{at + ": missing \"frame\""};
  if (!f->is_number_integer() || f->get<int64_t>() < 0 || f->get<int64_t>() > kMaxScriptFrame)
    throw Fail{at + ".frame: expected a whole number from 0 to " + std::to_string(kMaxScriptFrame)};
  ev.frame = f->get<int64_t>();
  const std::string type = text(e, "type", at);
  static const std::pair<const char*, EventType> kTypes[] = {
      {"move", EventType::Move},   {"click", EventType::Click}, {"drag", EventType::Drag},
      {"scroll", EventType::Scroll}, {"key", EventType::Key},   {"set", EventType::Set},
      {"press", EventType::Press}, {"screenshot", EventType::Screenshot}, {"quit", EventType::Quit}};
  auto t = std::find_if(std::begin(kTypes), std::end(kTypes), [&](const auto& p) { return type == p.first; });
  if (t == std::end(kTypes))
    throw Fail{at + ".type: unknown event type '" + type +
               "' (move, click, drag, scroll, key, set, press, screenshot, quit)"};
  ev.type = t->second;
  switch (ev.type) {
    case EventType::Move:
    case EventType::Click:
    case EventType::Drag:
    case EventType::Scroll: {
      ev.x = number(e, "x", at, true);
      ev.y = number(e, "y", at, true);
      if (ev.x < 0 || ev.y < 0) throw Fail{at + ": x and y must not be negative"};
      if (ev.type == EventType::Drag) {
        ev.toX = number(e, "to_x", at, true);
        ev.toY = number(e, "to_y", at, true);
      }
      if (ev.type == EventType::Scroll) ev.dy = number(e, "dy", at, true);
      if (auto b = e.find("button"); b != e.end()) {
        if (!b->is_string()) throw Fail{at + ".button: expected left, right or middle"};
        const std::string s = b->get<std::string>();
        if (s == "left") ev.button = MouseButton::Left;
        else if (s == "right") ev.button = MouseButton::Right;
        else if (s == "middle") ev.button = MouseButton::Middle;
        else throw Fail{at + ".button: expected left, right or middle, got '" + s + "'"};
      }
      if (auto d = e.find("double"); d != e.end()) {
        if (!d->is_boolean()) throw Fail{at + ".double: expected true or false"};
        ev.doubleClick = d->get<bool>();
      }
      break;
    }
    case EventType::Key: {
      ev.key = text(e, "key", at);
      std::string upper = ev.key;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const auto& names = scriptKeyNames();
      if (std::find(names.begin(), names.end(), upper) == names.end())
        throw Fail{at + ".key: unknown key '" + ev.key + "'"};
      ev.key = upper;
      break;
    }
    case EventType::Set: {
      ev.widget = text(e, "widget", at);
      auto v = e.find("value");
      if (v == e.end()) throw Fail{at + ": missing \"value\""};
      if (v->is_boolean()) ev.value = v->get<bool>() ? 1.0 : 0.0;
      else if (v->is_number()) ev.value = number(e, "value", at, true);
      else if (v->is_string() && v->get<std::string>().size() <= 4096) ev.value = v->get<std::string>();
      else throw Fail{at + ".value: expected a number, true/false or a string"};
      break;
    }
    case EventType::Press: ev.widget = text(e, "widget", at); break;
    case EventType::Screenshot: {
      ev.path = text(e, "path", at);
      if (auto v = e.find("view"); v != e.end()) {
        if (!v->is_boolean()) throw Fail{at + ".view: expected true or false"};
        ev.view = v->get<bool>();
      }
      const double w = number(e, "width", at, false), h = number(e, "height", at, false);
      if (w < 0 || h < 0 || w > 16384 || h > 16384 || w != std::floor(w) || h != std::floor(h))
        throw Fail{at + ": width and height must be whole numbers up to 16384"};
      if ((w > 0 || h > 0) && !ev.view) throw Fail{at + ": a chosen size needs \"view\": true"};
      ev.width = static_cast<uint32_t>(w);
      ev.height = static_cast<uint32_t>(h);
      break;
    }
    case EventType::Quit: break;
  }
  return ev;
}
}  // namespace

const std::vector<std::string>& scriptKeyNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {"TAB", "ESCAPE", "SPACE", "ENTER", "F", "F11", "F12", "HOME",
                                  "UP", "DOWN", "LEFT", "RIGHT", "SHIFT", "CTRL"};
    for (char c = 'A'; c <= 'Z'; ++c) n.push_back(std::string(1, c));
    for (char c = '0'; c <= '9'; ++c) n.push_back(std::string(1, c));
    return n;
  }();
  return names;
}

Result<std::vector<ScriptEvent>> parseScript(std::string_view json, const std::string& displayName) {
  if (json.size() > kMaxScriptBytes) return R::fail(displayName + ": larger than 16 MiB");
  Json doc = Json::parse(json.begin(), json.end(), nullptr, false);
  if (doc.is_discarded()) return R::fail(displayName + ": not valid JSON");
  try {
    if (!doc.is_object()) throw Fail{"expected an object with \"events\""};
    auto events = doc.find("events");
    if (events == doc.end()) throw Fail{"missing \"events\""};
    if (!events->is_array()) throw Fail{"events: expected an array"};
    if (events->size() > kMaxScriptEvents)
      throw Fail{"events: more than " + std::to_string(kMaxScriptEvents) + " events"};
    for (auto it = doc.begin(); it != doc.end(); ++it)
      if (it.key() != "events") throw Fail{"unknown key '" + it.key() + "'"};
    std::vector<ScriptEvent> out;
    for (size_t i = 0; i < events->size(); ++i)
      out.push_back(parseEvent((*events)[i], "events[" + std::to_string(i) + "]"));
    std::stable_sort(out.begin(), out.end(), [](const ScriptEvent& a, const ScriptEvent& b) { return a.frame < b.frame; });
    return R::ok(std::move(out));
  } catch (const Fail& f) {
    return R::fail(displayName + ": " + f.message);
  }
}

Result<std::vector<ScriptEvent>> loadScript(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return R::fail(path + ": cannot open the script");
  std::string data;
  data.resize(kMaxScriptBytes + 1);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<size_t>(in.gcount()));
  return parseScript(data, path);
}

}  // namespace ct::ui
