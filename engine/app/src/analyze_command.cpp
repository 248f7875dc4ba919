// `citytwin analyze flood SCENE [--level METRES] [--layer NAME]`: which buildings stand in the water, as JSON.
#include <cstdio>
#include <cstring>

#include "args.h"
#include "commands.h"
#include "command_line.h"
#include "command_session.h"
#include "sim/flood.h"
#include "twin.h"

namespace ct::app {
namespace {

const char* kAnalyzeHelp =
    "usage: citytwin analyze flood SCENE [--level METRES] [--layer NAME] [--max-memory SIZE]\n"
    "\n"
    "Evaluates a flood layer of SCENE (the first, or --layer NAME) and prints one JSON object:\n"
    "  buildings        buildings considered (footprints of the scene's features, or its GIS footprints)\n"
    "  in_water         buildings with water deeper than 0\n"
    "  depth_classes_m  the class bounds (the layer's \"depth_classes_m\", default [0.1, 0.5, 1, 2])\n"
    "  by_depth_class   counts for depth in (0, 0.1], (0.1, 0.5], (0.5, 1], (1, 2], > 2\n"
    "  flooded_area_m2  area of the wet cells\n"
    "  keys             the feature keys of the buildings in water, sorted\n"
    "A building's depth from a depth raster is the greatest of the depth at its footprint's centroid and the\n"
    "depths of the cells whose centres lie inside its footprint (nodata and negatives are dry); from a level,\n"
    "it is the level minus the lowest terrain among the wet cells that its footprint overlaps, where a cell is\n"
    "wet when its terrain lies below the level and it is connected (edge to edge) to the river or the layer's\n"
    "seeds. The rendered water is exactly those cells.\n"
    "\n"
    "  --level METRES   the water level (scene frame, +Y up), instead of the layer's \"level\"\n"
    "  --layer NAME     the flood layer to evaluate (default: the first)\n"
    "  --max-memory SIZE  memory budget of the model loads (e.g. 512M, 4G)\n";

}  // namespace

int analyzeCommand(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "-h") || !std::strcmp(argv[2], "--help")) {
    std::fputs(kAnalyzeHelp, stdout);
    return argc < 3 ? kExitBadInput : kExitOk;
  }
  if (std::strcmp(argv[2], "flood") != 0)
    return badInput(std::string("analyze: unknown analysis '") + argv[2] + "' (known: flood)");
  std::string input, layerName;
  TwinOptions options;
  options.connectLive = false;
  options.buildGeometry = false;
  options.batch = false;
  options.printWarnings = true;  // e.g. "no seeds and no water meshes: nothing can flood" explains a 0
  ArgReader args(argc, argv, 3);
  while (!args.done()) {
    const std::string a = args.take();
    if (a == "-h" || a == "--help") {
      std::fputs(kAnalyzeHelp, stdout);
      return kExitOk;
    }
    if (a.rfind("--", 0) != 0) {
      if (!input.empty()) return badInput("unexpected argument '" + a + "'");
      input = a;
      continue;
    }
    if (a != "--level" && a != "--layer" && a != "--max-memory")
      return badInput("unknown option '" + a + "' (see citytwin analyze --help)");
    auto v = args.value(a);
    if (!v) return badInput(v.firstError());
    if (a == "--layer") {
      layerName = v.value();
    } else if (a == "--max-memory") {
      if (auto e = parseMaxMemory(v.value(), options.maxMemoryBytes)) return badInput(*e);
    } else {
      auto n = parseNumberList(v.value(), 1, 1);
      if (!n || !(std::abs(n.value()[0]) < 1e6)) return badInput("--level: expected a height in metres");
      options.floodLevel = n.value()[0];
    }
  }
  if (input.empty()) return badInput("missing SCENE (see citytwin analyze --help)");
  std::string error;
  auto twin = Twin::open(input, options, error);
  if (!twin) return badInput(error);
  const FloodState* flood = nullptr;
  for (const FloodState& f : twin->floods())
    if (layerName.empty() || f.layer == layerName) {
      flood = &f;
      break;
    }
  if (!flood)
    return badInput(input + ": " + (layerName.empty() ? std::string("the scene has no flood layer")
                                                      : "no flood layer named '" + layerName + "'"));
  if (options.floodLevel && flood->fromRaster)
    return badInput(input + ": --level: flood layer '" + flood->layer + "' is a depth raster, not a level");
  for (const std::string& w : twin->layerWarnings()) std::fprintf(stderr, "warning: %s: %s\n", input.c_str(), w.c_str());
  std::fputs(sim::toJson(flood->report).c_str(), stdout);
  std::fputc('\n', stdout);
  return kExitOk;
}

}  // namespace ct::app
