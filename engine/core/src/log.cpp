// Logging sink: one line per message on stderr, prefixed with its level.
#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace ct::log {
namespace {
std::atomic<int> gLevel{static_cast<int>(Level::Warn)};
std::mutex gMutex;
const char* prefix(Level l) {
  switch (l) {
    case Level::Error: return "error: ";
    case Level::Warn: return "warning: ";
    case Level::Info: return "";
    case Level::Debug: return "debug: ";
  }
  return "";
}
}  // namespace

void setLevel(Level l) { gLevel = static_cast<int>(l); }
Level level() { return static_cast<Level>(gLevel.load()); }

void write(Level l, std::string_view message) {
  if (static_cast<int>(l) > gLevel.load()) return;
  std::lock_guard lock(gMutex);
  std::fprintf(stderr, "%s%.*s\n", prefix(l), static_cast<int>(message.size()), message.data());
}

}  // namespace ct::log
