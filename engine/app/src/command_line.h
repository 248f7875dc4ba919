// What every command that renders a model accepts (INPUT, view options, --device, --verbose, --no-batch) and
// the one parser for it; a command adds only its own options. render and bench use it, so will view and export.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "args.h"
#include "core/memory_budget.h"
#include "core/time.h"
#include "render/renderer.h"

namespace ct::app {

struct ModelCommandOptions {
  std::string input;  // the model file
  render::RenderSettings settings;
  int device = -1;  // -1: the best device
  bool verbose = false;
  bool batch = true;  // merge small instances at load (--no-batch turns it off)
  uint64_t maxMemoryBytes = MemoryBudget::defaultLimit();  // --max-memory: the load's memory budget
  std::optional<Instant> time;                             // --time ISO-8601: the sun and the lamps then
  std::optional<std::vector<std::string>> layers;          // --layers A,B: only these layers of a scene
};

// --max-memory SIZE ("512M", "4G"): the budget, or the error.
std::optional<std::string> parseMaxMemory(const std::string& value, uint64_t& bytes);

// A command's own options: nullopt when `option` is not one of them; otherwise "" on success or the error.
// It takes the option's value from `args` if it has one.
using ExtraOptionParser = std::function<std::optional<std::string>(const std::string& option, ArgReader& args)>;

struct ParseOutcome {
  bool help = false;  // -h/--help was given: print the command's help and exit 0
  std::string error;  // non-empty: print "error: <error>" and exit 2
};

// Walks argv from argv[2] on. `command` names the command in messages ("see citytwin <command> --help").
ParseOutcome parseModelCommand(int argc, char** argv, const std::string& command, ModelCommandOptions& options,
                               const ExtraOptionParser& extra = {});

}  // namespace ct::app
