// The event-script parser: the issue's example, every event type, and malformed scripts (one error with the path).
#include <gtest/gtest.h>

#include "ui/script.h"

using ct::ui::EventType;
using ct::ui::parseScript;

TEST(Script, ParsesTheIssuesExampleSortedByFrame) {
  auto r = parseScript(R"J({"events": [
    {"frame": 9,  "type": "scroll", "x": 640, "y": 360, "dy": -2},
    {"frame": 5,  "type": "move",  "x": 640, "y": 360},
    {"frame": 6,  "type": "click", "x": 641, "y": 362, "button": "right", "double": true},
    {"frame": 8,  "type": "drag",  "x": 640, "y": 360, "to_x": 700, "to_y": 350},
    {"frame": 10, "type": "key",   "key": "tab"},
    {"frame": 12, "type": "set",   "widget": "Water level (m)", "value": 4.5},
    {"frame": 13, "type": "set",   "widget": "Scenario name", "value": "high water"},
    {"frame": 13, "type": "set",   "widget": "Visible##Energy use", "value": false},
    {"frame": 14, "type": "press", "widget": "Save scenario"},
    {"frame": 16, "type": "screenshot", "path": "after.png"}]})J",
                       "e.json");
  ASSERT_TRUE(r) << r.firstError();
  const auto& e = r.value();
  ASSERT_EQ(e.size(), 10u);
  EXPECT_EQ(e[0].type, EventType::Move);
  EXPECT_EQ(e[1].type, EventType::Click);
  EXPECT_EQ(e[1].button, ct::ui::MouseButton::Right);
  EXPECT_TRUE(e[1].doubleClick);
  EXPECT_EQ(e[1].x, 641);
  EXPECT_EQ(e[2].toX, 700);
  EXPECT_EQ(e[2].toY, 350);
  EXPECT_EQ(e[3].dy, -2);
  EXPECT_EQ(e[4].key, "TAB");
  EXPECT_EQ(std::get<double>(e[5].value), 4.5);
  EXPECT_EQ(std::get<std::string>(e[6].value), "high water");
  EXPECT_EQ(std::get<double>(e[7].value), 0.0);  // false
  EXPECT_EQ(e[7].frame, 13);                      // stable among equal frames
  EXPECT_EQ(e[8].widget, "Save scenario");
  EXPECT_EQ(e[9].path, "after.png");
  EXPECT_FALSE(e[9].view);
}

TEST(Script, MalformedScriptsGiveOneErrorWithTheirPath) {
  const std::pair<const char*, const char*> cases[] = {
      {"not json", "e.json: not valid JSON"},
      {"[]", "e.json: expected an object with \"events\""},
      {"{}", "e.json: missing \"events\""},
      {R"J({"events": {}})J", "e.json: events: expected an array"},
      {R"J({"events": [], "extra": 1})J", "e.json: unknown key 'extra'"},
      {R"J({"events": [1]})J", "e.json: events[0]: expected an object"},
      {R"J({"events": [{"type": "move", "x": 1, "y": 1}]})J", "e.json: events[0]: missing \"frame\""},
      {R"J({"events": [{"frame": -1, "type": "move", "x": 1, "y": 1}]})J",
       "e.json: events[0].frame: expected a whole number from 0 to 10000000"},
      {R"J({"events": [{"frame": 1.5, "type": "move", "x": 1, "y": 1}]})J",
       "e.json: events[0].frame: expected a whole number from 0 to 10000000"},
      {R"J({"events": [{"frame": 1, "type": "jump"}]})J",
       "e.json: events[0].type: unknown event type 'jump' (move, click, drag, scroll, key, set, press, screenshot, quit)"},
      {R"J({"events": [{"frame": 1, "type": "move", "x": "a", "y": 1}]})J", "e.json: events[0].x: expected a number"},
      {R"J({"events": [{"frame": 1, "type": "move", "x": -4, "y": 1}]})J",
       "e.json: events[0]: x and y must not be negative"},
      {R"J({"events": [{"frame": 1, "type": "drag", "x": 1, "y": 1, "to_x": 2}]})J",
       "e.json: events[0]: missing \"to_y\""},
      {R"J({"events": [{"frame": 1, "type": "click", "x": 1, "y": 1, "button": "thumb"}]})J",
       "e.json: events[0].button: expected left, right or middle, got 'thumb'"},
      {R"J({"events": [{"frame": 1, "type": "key", "key": "HYPER"}]})J", "e.json: events[0].key: unknown key 'HYPER'"},
      {R"J({"events": [{"frame": 1, "type": "set", "widget": "x"}]})J", "e.json: events[0]: missing \"value\""},
      {R"J({"events": [{"frame": 1, "type": "set", "widget": "x", "value": [1]}]})J",
       "e.json: events[0].value: expected a number, true/false or a string"},
      {R"J({"events": [{"frame": 1, "type": "press", "widget": ""}]})J",
       "e.json: events[0].widget: expected 1 to 4096 characters"},
      {R"J({"events": [{"frame": 1, "type": "screenshot", "path": "a.png", "width": 100}]})J",
       "e.json: events[0]: a chosen size needs \"view\": true"},
      {R"J({"events": [{"frame": 1, "type": "screenshot", "path": "a.png", "view": true, "width": 1e6}]})J",
       "e.json: events[0]: width and height must be whole numbers up to 16384"},
      {R"J({"events": [{"frame": 1, "type": "scroll", "x": 1, "y": 1, "dy": 1e300}]})J",
       "e.json: events[0].dy: expected a finite number"},
  };
  for (const auto& [json, message] : cases) {
    auto r = parseScript(json, "e.json");
    ASSERT_FALSE(r) << json;
    EXPECT_EQ(r.firstError(), message) << json;
  }
}

TEST(Script, TooManyEventsAreRefused) {
  std::string s = R"J({"events": [)J";
  for (size_t i = 0; i <= ct::ui::kMaxScriptEvents; ++i) s += std::string(i ? "," : "") + R"J({"frame":0,"type":"quit"})J";
  s += "]}";
  auto r = parseScript(s, "e.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.firstError(), "e.json: events: more than 100000 events");
}
