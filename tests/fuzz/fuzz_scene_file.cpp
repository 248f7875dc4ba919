// Fuzz target: scene file JSON through the parser and validator; whatever parses must survive
// sceneToJson -> parse unchanged (the saver writes exactly what the parser reads back) and warn of nothing new
// (a scenario's settings for a layer the scene lacks stay in the file, and so does their warning).
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "scene/scene_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto first = ct::scene::parseSceneFile(text, "/fuzz/scenes", "fuzz.json");
  if (!first.ok()) {
    if (first.errors().size() != 1 || first.firstError().find('\n') != std::string::npos) std::abort();
    return 0;
  }
  const std::string saved = ct::scene::sceneToJson(first.value());
  auto second = ct::scene::parseSceneFile(saved, "/fuzz/scenes", "saved.json");
  if (!second.ok() || !(second.value() == first.value())) std::abort();
  for (const std::string& w : second.warnings()) {
    const std::string same = "fuzz.json: " + w.substr(w.find(": ") + 2);
    if (std::find(first.warnings().begin(), first.warnings().end(), same) == first.warnings().end()) std::abort();
  }
  return 0;
}
