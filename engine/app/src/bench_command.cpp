// `citytwin bench`: renders N offscreen frames of a model and prints one JSON object of timings and counts.
// It measures; it never fails on time.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "io/gltf_loader.h"
#include "scene/batching.h"
#include "render/renderer.h"

namespace ct::app {
namespace {

const char* kBenchHelp =
    "usage: citytwin bench INPUT [--frames N] [--width W] [--height H] [--camera ex,ey,ez,tx,ty,tz[,fovy]]\n"
    "                      [--samples N] [--aov color|id] [--device N] [--no-batch]\n"
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
  std::string input;
  render::RenderSettings settings;
  settings.width = 1920;
  settings.height = 1080;
  int device = -1;
  long frames = 20;
  bool batch = true;
  ArgReader args(argc, argv, 2);
  while (!args.done()) {
    std::string a = args.take();
    if (a == "-h" || a == "--help") {
      std::fputs(kBenchHelp, stdout);
      return kExitOk;
    }
    if (a == "--no-batch") {
      batch = false;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      if (!input.empty()) {
        std::fprintf(stderr, "error: unexpected argument '%s'\n", a.c_str());
        return kExitBadInput;
      }
      input = a;
      continue;
    }
    auto v = args.value(a);
    std::string err;
    if (!v) {
      err = v.firstError();
    } else if (a == "--frames") {
      auto n = parsePositive(v.value(), 100000);
      if (n) frames = n.value();
      else err = "--frames: " + n.firstError();
    } else if (auto handled = parseViewOption(a, v.value(), settings, device)) {
      err = *handled;
    } else {
      err = "unknown option '" + a + "' (see citytwin bench --help)";
    }
    if (!err.empty()) {
      std::fprintf(stderr, "error: %s\n", err.c_str());
      return kExitBadInput;
    }
  }
  if (input.empty()) {
    std::fprintf(stderr, "error: missing INPUT (see citytwin bench --help)\n");
    return kExitBadInput;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto scene = io::loadGltf(input);
  if (!scene) {
    std::fprintf(stderr, "error: %s: %s\n", input.c_str(), scene.firstError().c_str());
    return kExitBadInput;
  }
  scene::BatchStats batched;
  if (batch) batched = scene::batchSmallInstances(scene.value());
  double loadMs = msSince(t0);
  auto ctx = gpu::Context::create({device, false, false});
  if (!ctx) {
    std::fprintf(stderr, "error: %s\n", ctx.firstError().c_str());
    return kExitFailure;
  }
  nlohmann::ordered_json j;
  {
    render::Renderer renderer(*ctx.value(), scene.value());
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
    j["device"] = ctx.value()->info().name + " (" + ctx.value()->info().type + ")";
    j["width"] = settings.width;
    j["height"] = settings.height;
    j["frames"] = frames;
    j["load_ms"] = loadMs;
    j["upload_ms"] = renderer.uploadMs();
    j["first_frame_ms"] = first;
    j["frame_ms_median"] = times.empty() ? first : percentile(times, 0.5);
    j["frame_ms_p95"] = times.empty() ? first : percentile(times, 0.95);
    j["triangles_submitted"] = s.trianglesSubmitted;
    j["triangles_drawn"] = s.trianglesDrawn;
    for (const auto& [name, ms] : s.passMs) j["pass_ms"][name] = ms;
    j["draw_calls"] = s.drawCalls;
    j["draw_commands"] = s.drawCommands;
    j["instances"] = scene.value().instances.size();
    j["instances_visible"] = s.itemsVisible;
    j["instances_merged"] = batched.instancesMerged;
    j["features"] = scene.value().features.size();
    j["gpu_memory_mb"] = static_cast<double>(ctx.value()->allocatedBytes()) / (1024.0 * 1024.0);
    j["peak_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
  }
  std::puts(j.dump().c_str());
  ctx.value().reset();
  return gpu::Context::validationMessageCount() ? kExitValidation : kExitOk;
}

}  // namespace ct::app
