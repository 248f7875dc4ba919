// A window's frames: the rendered view (any size, scaled to the window) copied into the swapchain image, the
// inspector (Dear ImGui draw data) drawn over it by the UI pass, then presented. Vulkan stays inside.
#pragma once
#include <cstdint>
#include <memory>

#include "core/image.h"
#include "core/result.h"
#include "gpu/device.h"

struct GLFWwindow;
struct ImDrawData;

namespace ct::render {

class Presenter {
 public:
  // A surface and swapchain for the window (the context must have been created with GLFW's instance
  // extensions), and Dear ImGui's Vulkan backend (ImGui::CreateContext() and the fonts must be set up first).
  static Result<std::unique_ptr<Presenter>> create(gpu::Context& ctx, GLFWwindow* window, bool vsync);
  ~Presenter();
  Presenter(const Presenter&) = delete;
  Presenter& operator=(const Presenter&) = delete;

  // Shows `view` scaled to the window (linear filter) with `ui` over it (nullptr: none). False when nothing
  // was shown: a minimised window, or a swapchain that was out of date (recreated for the next frame).
  // `capture`, when given, receives the window's pixels as shown (RGBA, swapchain size; empty where the
  // surface cannot be read back).
  bool present(const RgbaImage& view, ImDrawData* ui, RgbaImage* capture = nullptr);
  // Swapchain size in pixels (the framebuffer, not the window's logical size on HiDPI screens).
  uint32_t width() const;
  uint32_t height() const;
  // Before ImGui::NewFrame() each frame (the Vulkan backend's part).
  void newFrame();
  // After the font atlas changed (a new UI scale): uploads it again.
  void reloadFonts();

 private:
  Presenter() = default;
  struct Impl;
  std::unique_ptr<Impl> mImpl;
};

}  // namespace ct::render
