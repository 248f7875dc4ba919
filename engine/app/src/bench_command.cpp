// `citytwin bench`: renders N offscreen frames of a model and prints one JSON object of timings and counts.
// It measures; it never fails on time.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "command_line.h"
#include "command_session.h"
#include "commands.h"
#include "render/renderer.h"

namespace ct::app {
namespace {

const char* kBenchHelp =
    "usage: citytwin bench INPUT [--frames N] [--width W] [--height H] [--camera ex,ey,ez,tx,ty,tz[,fovy]]\n"
    "                      [--samples N] [--aov color|id] [--device N] [--no-batch] [--verbose]\n"
    "                      [--max-memory SIZE]\n"
    "\n"
    "Loads INPUT, renders N frames offscreen (default 20, 1920x1080) and prints one JSON object:\n"
    "device, load_ms, upload_ms, first_frame_ms, frame_ms_median, frame_ms_p95 (frames after the first),\n"
    "triangles_submitted (the scene's), triangles_drawn (after culling, shadow casters included),\n"
    "pass_ms (GPU time per pass of the last frame, from timestamp queries), draw_calls (indirect multi-draw calls), draw_commands (the instanced draws they issue),\n"
    "instances (after merging), instances_visible, features, gpu_memory_mb (device memory this process\n"
    "allocated), peak_rss_mb. Frame times are\n"
    "submit to completion including readback; load_ms includes merging small instances into batches\n"
    "(--no-batch: draw every node on its own). Options as for `citytwin render`.\n";

double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(std::min<double>(v.size() - 1, std::ceil(q * v.size()) - 1));
  return v[i];
}

}  // namespace

int benchCommand(int argc, char** argv) {
  ModelCommandOptions o;
  o.settings.width = 1920;
  o.settings.height = 1080;
  long frames = 20;
  auto ownOption = [&](const std::string& a, ArgReader& args) -> std::optional<std::string> {
    if (a != "--frames") return std::nullopt;
    auto v = args.value(a);
    if (!v) return v.firstError();
    auto n = parsePositive(v.value(), 100000);
    if (!n) return "--frames: " + n.firstError();
    frames = n.value();
    return std::string();
  };
  const ParseOutcome parsed = parseModelCommand(argc, argv, "bench", o, ownOption);
  if (parsed.help) {
    std::fputs(kBenchHelp, stdout);
    return kExitOk;
  }
  if (!parsed.error.empty()) return badInput(parsed.error);
  const auto model = loadModel(o.input, {.batch = o.batch, .maxMemoryBytes = o.maxMemoryBytes});
  if (!model) return kExitBadInput;
  auto ctx = openDevice(o.device, o.verbose);
  if (!ctx) return kExitFailure;
  const render::RenderSettings& settings = o.settings;
  const std::string& input = o.input;
  nlohmann::ordered_json j;
  {
    render::Renderer renderer(*ctx, model->scene);
    std::vector<double> times;
    double first = 0.0;
    for (long i = 0; i < frames; ++i) {
      auto t = std::chrono::steady_clock::now();
      renderer.render(settings);
      (i == 0 ? first : times.emplace_back()) = msSince(t);
    }
    const render::FrameStats& s = renderer.lastStats();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    j["file"] = input;
    j["device"] = gpu::deviceInfo(*ctx).name + " (" + gpu::deviceInfo(*ctx).type + ")";
    j["width"] = settings.width;
    j["height"] = settings.height;
    j["frames"] = frames;
    j["load_ms"] = model->loadMs;
    j["upload_ms"] = renderer.uploadMs();
    j["first_frame_ms"] = first;
    j["frame_ms_median"] = times.empty() ? first : percentile(times, 0.5);
    j["frame_ms_p95"] = times.empty() ? first : percentile(times, 0.95);
    j["triangles_submitted"] = s.trianglesSubmitted;
    j["triangles_drawn"] = s.trianglesDrawn;
    for (const auto& [name, ms] : s.passMs) j["pass_ms"][name] = ms;
    j["draw_calls"] = s.drawCalls;
    j["draw_commands"] = s.drawCommands;
    j["instances"] = model->scene.instances.size();
    j["instances_visible"] = s.itemsVisible;
    j["instances_merged"] = model->batched.instancesMerged;
    j["features"] = model->scene.features.size();
    j["gpu_memory_mb"] = static_cast<double>(gpu::allocatedBytes(*ctx)) / (1024.0 * 1024.0);
    j["peak_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
  }
  std::puts(j.dump().c_str());
  return closeDevice(ctx, kExitOk);
}

}  // namespace ct::app
