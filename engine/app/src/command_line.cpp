// The shared command-line walk of the commands that render a model.
#include "command_line.h"

#include <algorithm>

namespace ct::app {

std::optional<std::string> parseMaxMemory(const std::string& value, uint64_t& bytes) {
  auto parsed = parseByteSize(value);
  if (!parsed || *parsed < (1u << 20))
    return "--max-memory: '" + value + "' is not a size of at least 1M (e.g. 512M, 4G)";
  bytes = *parsed;
  return std::nullopt;
}

ParseOutcome parseModelCommand(int argc, char** argv, const std::string& command, ModelCommandOptions& o,
                               const ExtraOptionParser& extra) {
  ParseOutcome out;
  const std::string seeHelp = " (see citytwin " + command + " --help)";
  ArgReader args(argc, argv, 2);
  while (!args.done()) {
    std::string a = args.take();
    if (a == "-h" || a == "--help") {
      out.help = true;
      return out;
    }
    if (a == "--verbose") {
      o.verbose = true;
      continue;
    }
    if (a == "--no-batch") {
      o.batch = false;
      continue;
    }
    if (a == "--time" || a == "--layers") {
      auto v = args.value(a);
      if (!v) {
        out.error = v.firstError();
        return out;
      }
      if (a == "--time") {
        auto t = parseIso8601(v.value());
        if (!t) {
          out.error = "--time: " + t.firstError();
          return out;
        }
        o.time = t.value();
      } else {
        std::vector<std::string> names;
        for (size_t start = 0; start <= v.value().size();) {
          const size_t end = std::min(v.value().find(',', start), v.value().size());
          if (end == start) {
            out.error = "--layers: empty layer name";
            return out;
          }
          names.push_back(v.value().substr(start, end - start));
          start = end + 1;
        }
        o.layers = std::move(names);
      }
      continue;
    }
    if (a == "--max-memory") {
      auto v = args.value(a);
      if (!v) {
        out.error = v.firstError();
        return out;
      }
      if (auto error = parseMaxMemory(v.value(), o.maxMemoryBytes)) {
        out.error = *error;
        return out;
      }
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      if (!o.input.empty()) {
        out.error = "unexpected argument '" + a + "'";
        return out;
      }
      o.input = a;
      continue;
    }
    if (extra) {
      if (auto handled = extra(a, args)) {
        if (!handled->empty()) {
          out.error = *handled;
          return out;
        }
        continue;
      }
    }
    auto v = args.value(a);
    if (!v) {
      out.error = v.firstError();
      return out;
    }
    auto handled = parseViewOption(a, v.value(), o.settings, o.device);
    if (!handled) {
      out.error = "unknown option '" + a + "'" + seeHelp;
      return out;
    }
    if (!handled->empty()) {
      out.error = *handled;
      return out;
    }
  }
  if (o.input.empty()) out.error = "missing INPUT" + seeHelp;
  return out;
}

}  // namespace ct::app
