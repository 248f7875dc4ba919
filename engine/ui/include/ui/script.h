// Scripted viewer sessions (`citytwin view SCENE --script events.json`): mouse, key and widget events by frame,
// screenshots, then exit. The format is documented in the README ("Scripted sessions").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace ct::ui {

inline constexpr size_t kMaxScriptBytes = 16u << 20;
inline constexpr size_t kMaxScriptEvents = 100000;
inline constexpr int64_t kMaxScriptFrame = 10000000;
inline constexpr int kDragFrames = 4;  // a drag moves over this many frames, then releases on the next

enum class EventType { Move, Click, Drag, Scroll, Key, Set, Press, Screenshot, Quit };
enum class MouseButton { Left, Right, Middle };

struct ScriptEvent {
  int64_t frame = 0;
  EventType type = EventType::Move;
  double x = 0, y = 0, toX = 0, toY = 0;  // window pixels (logical, top-left origin)
  double dy = 0;                          // scroll: wheel steps, positive away from the user (zoom in)
  MouseButton button = MouseButton::Left;
  bool doubleClick = false;               // click: "double": true
  std::string key;                        // key: TAB, W, A, S, D, Q, E, F12, P, ESCAPE, SPACE, 1..9, ...
  std::string widget;                     // set/press: the widget's label
  std::variant<double, std::string> value;
  std::string path;                       // screenshot: PNG path (relative to the working directory)
  bool view = false;                      // screenshot: the 3D view through the offline renderer, no inspector
  uint32_t width = 0, height = 0;         // screenshot with view: a chosen size (0: the window's)
};

// Key names a script may use.
const std::vector<std::string>& scriptKeyNames();

// Parses a script; events come back sorted by frame (stable). One error naming the JSON path for bad input.
Result<std::vector<ScriptEvent>> parseScript(std::string_view json, const std::string& displayName);
Result<std::vector<ScriptEvent>> loadScript(const std::string& path);

}  // namespace ct::ui
