// Fuzz target: the viewer's event scripts (`citytwin view --script`) through the ui module's parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ui/script.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto events = ct::ui::parseScript(text, "events.json");
  if (events.ok()) {
    int64_t last = -1;
    for (const auto& e : events.value()) {
      if (e.frame < last || e.frame > ct::ui::kMaxScriptFrame) __builtin_trap();  // sorted, in range
      last = e.frame;
    }
  }
  return 0;
}
