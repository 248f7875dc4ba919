// Shared by the commands that open a twin (twin_command.h).
#include "twin_command.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "twin_internal.h"

namespace ct::app {

TwinOptions twinOptions(const ModelCommandOptions& o) {
  TwinOptions t;
  t.batch = o.batch;
  t.maxMemoryBytes = o.maxMemoryBytes;
  t.layers = o.layers;
  t.time = o.time;
  return t;
}

void applyLiveData(Twin& twin, double seconds) {
  if (!twin.hasLiveSources()) {
    std::fprintf(stderr, "warning: %s: --live-wait: the scene has no live sources\n", twin.path().c_str());
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    twin.update(nowUnixSeconds());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  twin.update(nowUnixSeconds());
  printSourceStatus(twin, true);
}

void printSourceStatus(const Twin& twin, bool liveOnly) {
  for (const data::SourceStatus& s : twin.sourceStatus()) {
    if (liveOnly && s.kind != "mqtt") continue;
    std::string line = s.kind + ": " + s.state + ", " + std::to_string(s.messages) + " messages, " +
                       std::to_string(s.rows) + " keys, " + std::to_string(s.bad) + " malformed";
    if (!s.lastError.empty()) line += "; error: " + s.lastError;
    std::fprintf(stderr, "live: %s\n", line.c_str());
    for (const data::SourceProblem& p : s.problems)  // bad messages were skipped; anything else (connection) is not
      std::fprintf(stderr, "live:   %s %s\n", p.location.rfind("topic", 0) == 0 ? "skipped" : "problem:",
                   p.text().c_str());
  }
}

}  // namespace ct::app
