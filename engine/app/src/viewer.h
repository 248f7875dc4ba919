// `citytwin view`: the interactive window (GLFW + Vulkan swapchain) over the same twin and renderer as offline
// renders, with the Dear ImGui inspector, what-if sliders, scenarios, picking, and scripted sessions for tests.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/memory_budget.h"
#include "render/camera.h"

namespace ct::app {

struct ViewerOptions {
  std::string scene;
  uint32_t width = 1280, height = 720;
  std::optional<render::Camera> camera;
  std::optional<std::string> scenario;
  std::optional<std::string> bookmark;  // the scene's named view (without --camera)
  bool fullscreen = false;
  bool vsync = true;
  uint32_t samples = 4;
  int device = -1;
  std::string script;    // events to replay; the viewer exits after the last one
  std::string stateOut;  // the viewer's state as JSON when it exits
  uint64_t maxMemoryBytes = MemoryBudget::defaultLimit();
};

// Runs the viewer until the window closes (or the script ends). The exit code: 0, 2 for bad input (scene,
// script, scenario; one "error:" line on stderr), 1 when no window or device can be opened.
int runViewer(const ViewerOptions& options);

}  // namespace ct::app
