// Command dispatch and top-level help.
#include "app/cli.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

#include "commands.h"

namespace ct::app {
namespace {

const char* kHelp =
    "citytwin - city digital twin engine (glTF, Vulkan)\n"
    "\n"
    "usage: citytwin <command> [options]\n"
    "\n"
    "commands:\n"
    "  render INPUT --out FILE.png [options]   render a scene file (.json) or a glTF/GLB model to a PNG\n"
    "  info INPUT                              print a JSON summary of a glTF/GLB model\n"
    "  generate-city --out DIR [options]       write a procedural city district to DIR/city.glb\n"
    "  bench INPUT [options]                   render N frames offscreen, print timings as JSON\n"
    "  analyze flood SCENE [--level M]         which buildings stand in the water, as JSON\n"
    "  sun --at LAT,LON --time ISO-8601        print the sun's azimuth and elevation (NREL SPA) as JSON\n"
    "  publish-energy --url URL --keys K,...   replay hourly energy profiles to an MQTT broker as live readings\n"
    "  view SCENE [--script EVENTS.json]       the interactive window with the inspector (what-if, scenarios)\n"
    "\n"
    "global options:\n"
    "  -h, --help       this help; `citytwin <command> --help` explains a command\n"
    "  --version        print the version\n"
    "\n"
    "exit codes: 0 success, 1 failure (no Vulkan device, cannot write output),\n"
    "            2 bad input (unreadable or malformed file, bad option), 3 Vulkan validation messages\n"
    "environment: CITYTWIN_VALIDATION=1 turns on the Vulkan validation layers in any build.\n";

int dispatch(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
    std::fputs(kHelp, stdout);
    return argc < 2 ? kExitBadInput : kExitOk;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::puts("citytwin 0.1.0");
    return kExitOk;
  }
  if (!std::strcmp(argv[1], "render")) return renderCommand(argc, argv);
  if (!std::strcmp(argv[1], "info")) return infoCommand(argc, argv);
  if (!std::strcmp(argv[1], "generate-city")) return generateCityCommand(argc, argv);
  if (!std::strcmp(argv[1], "bench")) return benchCommand(argc, argv);
  if (!std::strcmp(argv[1], "analyze")) return analyzeCommand(argc, argv);
  if (!std::strcmp(argv[1], "sun")) return sunCommand(argc, argv);
  if (!std::strcmp(argv[1], "publish-energy")) return publishEnergyCommand(argc, argv);
  if (!std::strcmp(argv[1], "view")) return viewCommand(argc, argv);
  std::fprintf(stderr, "error: unknown command '%s' (see citytwin --help)\n", argv[1]);
  return kExitBadInput;
}

}  // namespace

int runCli(int argc, char** argv) {
  // Bad input travels as Result and exits 2 from the command; an exception reaching here is no input error
  // the loaders recognised, so it is a failure with a message (exit 1), never an abort.
  try {
    return dispatch(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fputs("error: out of memory (a smaller --max-memory makes loads fail early with a message)\n", stderr);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: internal error: %s\n", e.what());
  } catch (...) {
    std::fputs("error: internal error: unknown exception\n", stderr);
  }
  return kExitFailure;
}

}  // namespace ct::app
