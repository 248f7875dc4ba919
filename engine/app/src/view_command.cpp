// `citytwin view`: parses the options and runs the viewer.
#include <cstdio>
#include <cstring>

#include "args.h"
#include "command_line.h"
#include "commands.h"
#include "viewer.h"

namespace ct::app {
namespace {
const char* kViewHelp =
    "usage: citytwin view SCENE [options]\n"
    "\n"
    "Opens SCENE (a scene file .json, or a .gltf/.glb/.b3dm model) in a window with the inspector.\n"
    "Mouse: left drag orbits, right or middle drag pans, the wheel zooms; click selects, double-click flies\n"
    "to a building. Keys: W/A/S/D fly, Q/E down/up, Tab hides the panels, F12 saves a screenshot, Home\n"
    "frames the scene, Escape clears the selection.\n"
    "\n"
    "options:\n"
    "  --width W, --height H     window size (default 1280x720)\n"
    "  --camera ex,ey,ez,tx,ty,tz[,fovy]\n"
    "                            the first view, as `citytwin render --camera` (same picture at the same size)\n"
    "  --scenario NAME           start in a scenario saved in the scene file\n"
    "  --bookmark NAME           start at the scene's named view\n"
    "  --fullscreen              fullscreen on the primary monitor (kiosk)\n"
    "  --samples N               MSAA samples at full quality (default 4)\n"
    "  --no-vsync                present without waiting for the display\n"
    "  --device N                use Vulkan device N\n"
    "  --script EVENTS.json      replay mouse, key and widget events frame by frame, then exit (README:\n"
    "                            \"Scripted sessions\")\n"
    "  --state-out STATE.json    when the viewer exits, write its state: camera, selection, layers, what-if,\n"
    "                            totals, time, frame times\n"
    "  --max-memory SIZE         memory budget of the load (as `citytwin render`)\n"
    "  -h, --help                this help\n";
}  // namespace

int viewCommand(int argc, char** argv) {
  ViewerOptions o;
  render::RenderSettings rs;
  rs.width = o.width;
  rs.height = o.height;
  int device = -1;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kViewHelp, stdout);
      return 0;
    }
    if (a == "--fullscreen") {
      o.fullscreen = true;
      continue;
    }
    if (a == "--no-vsync") {
      o.vsync = false;
      continue;
    }
    if (a.rfind("--", 0) == 0) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "error: %s needs a value\n", a.c_str());
        return 2;
      }
      const std::string v = argv[++i];
      if (a == "--scenario") o.scenario = v;
      else if (a == "--bookmark") o.bookmark = v;
      else if (a == "--script") o.script = v;
      else if (a == "--state-out") o.stateOut = v;
      else if (a == "--max-memory") {
        if (auto err = parseMaxMemory(v, o.maxMemoryBytes)) {
          std::fprintf(stderr, "error: %s\n", err->c_str());
          return 2;
        }
      } else if (auto err = parseViewOption(a, v, rs, device); !err) {
        std::fprintf(stderr, "error: unknown option %s (see citytwin view --help)\n", a.c_str());
        return 2;
      } else if (!err->empty()) {
        std::fprintf(stderr, "error: %s\n", err->c_str());
        return 2;
      }
      continue;
    }
    if (!o.scene.empty()) {
      std::fprintf(stderr, "error: view takes one scene (got '%s' and '%s')\n", o.scene.c_str(), a.c_str());
      return 2;
    }
    o.scene = a;
  }
  if (o.scene.empty()) {
    std::fputs(kViewHelp, stderr);
    return 2;
  }
  o.width = rs.width;
  o.height = rs.height;
  o.samples = rs.samples;
  o.camera = rs.camera;
  o.device = device;
  return runViewer(o);
}

}  // namespace ct::app
