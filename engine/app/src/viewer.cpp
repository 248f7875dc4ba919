// The viewer's window and frame loop. A frame: events (or the script's), the twin's update (sources never block),
// the inspector (Dear ImGui), the requests it made, then the view: rendered again only when its inputs changed,
// at a reduced scale and one sample while the camera moves and at full quality once it stops; an idle window
// (no input, no data, nothing moving) does no work at all.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>

#include "core/log.h"
#include "export/png.h"
#include "layers/legend.h"
#include "scene/coarse_lod.h"
#include "viewer_internal.h"

namespace ct::app {
namespace {

std::atomic<uint64_t> gEvents{0};
void onCursor(GLFWwindow*, double, double) { ++gEvents; }
void onButton(GLFWwindow*, int, int, int) { ++gEvents; }
void onScroll(GLFWwindow*, double, double) { ++gEvents; }
void onKey(GLFWwindow*, int, int, int, int) { ++gEvents; }
void onChar(GLFWwindow*, unsigned int) { ++gEvents; }
void onResize(GLFWwindow*, int, int) { ++gEvents; }
void onRefresh(GLFWwindow*) { ++gEvents; }
void onFocus(GLFWwindow*, int) { ++gEvents; }

double ms(ViewerClock::time_point a, ViewerClock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// Fonts that stay legible on a 4K screen: DejaVu Sans at 15 px times the content scale (Dear ImGui's own
// bitmap font scaled when DejaVu is missing).
void setupFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (std::filesystem::exists(kFont)) {
    io.Fonts->AddFontFromFileTTF(kFont, std::round(15.0f * scale));
  } else {
    ImFontConfig c;
    c.SizePixels = std::round(13.0f * scale);
    io.Fonts->AddFontDefault(&c);
  }
}

}  // namespace

int runViewer(const ViewerOptions& options) {
  int code = 0;
  {
    Viewer viewer(options);  // destroyed (device included) before the validation count is read
    code = viewer.run();
  }
  const uint32_t messages = gpu::validationMessageCount();
  if (messages == 0) return code;
  std::fprintf(stderr, "error: %u Vulkan validation message(s)\n", messages);
  return 3;
}

Viewer::~Viewer() {
  mRenderer.reset();
  mPresenter.reset();  // shuts the Vulkan backend down (needs the ImGui context)
  if (mGlfwBackend) ImGui_ImplGlfw_Shutdown();
  if (mImGuiReady) ImGui::DestroyContext();
  mTwin.reset();
  mContext.reset();
  if (mWindow) glfwDestroyWindow(mWindow);
  glfwTerminate();
}

double Viewer::nowUnix() const {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int Viewer::init() {
  if (!mOptions.script.empty()) {
    auto script = ui::loadScript(mOptions.script);
    if (!script) {
      std::fprintf(stderr, "error: %s\n", script.firstError().c_str());
      return 2;
    }
    mEvents = std::move(script.value());
  }
  // The scene loads on a worker while the window opens and says what it is loading (a frame is never blocked).
  struct Loaded {
    std::unique_ptr<Twin> twin;
    std::string error;
    scene::CoarseLodStats lods;
  };
  auto loading = std::async(std::launch::async, [scenePath = mOptions.scene, maxMemory = mOptions.maxMemoryBytes] {
    Loaded l;
    TwinOptions to;
    to.maxMemoryBytes = maxMemory;
    l.twin = Twin::open(scenePath, to, l.error);
    // Fewer triangles while the camera moves (lavapipe's vertex work is what bounds those frames).
    if (l.twin) l.lods = l.twin->buildCoarseLods();
    return l;
  });
  std::string windowError;
  const int windowCode = openWindow(windowError);
  if (windowCode == 0) {
    const auto t0 = ViewerClock::now();
    while (loading.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
      glfwWaitEventsTimeout(0.05);
      if (glfwWindowShouldClose(mWindow)) {
        loading.wait();  // closed while loading: nothing to save, nothing to write
        return kClosedWhileLoading;
      }
      drawLoadingFrame(ms(t0, ViewerClock::now()) / 1000.0);
    }
  }
  Loaded loaded = loading.get();
  if (!loaded.twin) {  // a bad scene is exit 2, with or without a display
    std::fprintf(stderr, "error: %s\n", loaded.error.c_str());
    return 2;
  }
  mTwin = std::move(loaded.twin);
  mCoarseTriangles = {loaded.lods.trianglesBefore, loaded.lods.trianglesAfter};
  std::string error;
  mScenarios = mTwin->spec().scenarios;
  const scene::Scenario* startScenario = nullptr;
  if (mOptions.scenario) {
    for (const scene::Scenario& s : mScenarios)
      if (s.name == *mOptions.scenario) startScenario = &s;
    if (!startScenario) {
      std::string known;
      for (const scene::Scenario& s : mScenarios) known += (known.empty() ? "" : ", ") + s.name;
      std::fprintf(stderr, "error: %s: --scenario: no scenario named '%s' (the scene has: %s)\n", mOptions.scene.c_str(),
                   mOptions.scenario->c_str(), known.empty() ? "none" : known.c_str());
      return 2;
    }
  }
  const scene::Bookmark* startBookmark = nullptr;
  if (mOptions.bookmark) {
    for (const scene::Bookmark& b : mTwin->spec().bookmarks)
      if (b.name == *mOptions.bookmark) startBookmark = &b;
    if (!startBookmark) {
      std::fprintf(stderr, "error: %s: --bookmark: no bookmark named '%s'\n", mOptions.scene.c_str(),
                   mOptions.bookmark->c_str());
      return 2;
    }
  }
  // Bad input first (exit 2 with or without a display), then a window that could not open (exit 1).
  if (windowCode != 0) {
    std::fprintf(stderr, "error: %s\n", windowError.c_str());
    return windowCode;
  }

  mWhatIf = std::make_unique<WhatIf>(*mTwin);
  initModel();
  // The first camera: --camera, the scenario's, else the same default as `citygen render` at this size.
  const double aspect = double(mPresenter->width()) / double(std::max(1u, mPresenter->height()));
  mCamera.setGround([this](double x, double z) { return mTwin->groundHeight(x, z); });
  mCamera.set(render::frameBounds(mTwin->scene().bounds, aspect));
  if (startScenario && !applyScenario(*startScenario, error)) {
    std::fprintf(stderr, "error: %s: scenario '%s': %s\n", mOptions.scene.c_str(), startScenario->name.c_str(),
                 error.c_str());
    return 2;
  }
  if (startBookmark) {
    render::Camera c;
    c.eye = {startBookmark->eye[0], startBookmark->eye[1], startBookmark->eye[2]};
    c.target = {startBookmark->target[0], startBookmark->target[1], startBookmark->target[2]};
    c.fovyDegrees = startBookmark->fovDeg;
    mCamera.set(c);
  }
  if (mOptions.camera) mCamera.set(*mOptions.camera);
  recreateRenderer();
  return 0;
}

// The window, the Vulkan context, Dear ImGui and the swapchain (before the scene has loaded); 1 with `error`.
int Viewer::openWindow(std::string& error) {
  if (!glfwInit()) {
    error = "view: cannot open a window (no display? run it under xvfb-run, or use `citytwin render`)";
    return 1;
  }
  if (!glfwVulkanSupported()) {
    error = "view: GLFW finds no Vulkan loader";
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  GLFWmonitor* monitor = mOptions.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
  int w = int(mOptions.width), h = int(mOptions.height);
  if (monitor) {
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    w = mode->width;
    h = mode->height;
  }
  const std::string title = "citytwin - " + mOptions.scene;
  mWindow = glfwCreateWindow(w, h, title.c_str(), monitor, nullptr);
  if (!mWindow) {
    error = "view: cannot create a " + std::to_string(w) + "x" + std::to_string(h) + " window";
    return 1;
  }
  glfwSetCursorPosCallback(mWindow, onCursor);
  glfwSetMouseButtonCallback(mWindow, onButton);
  glfwSetScrollCallback(mWindow, onScroll);
  glfwSetKeyCallback(mWindow, onKey);
  glfwSetCharCallback(mWindow, onChar);
  glfwSetFramebufferSizeCallback(mWindow, onResize);
  glfwSetWindowRefreshCallback(mWindow, onRefresh);
  glfwSetWindowFocusCallback(mWindow, onFocus);

  gpu::ContextOptions co;
  co.deviceIndex = mOptions.device;
  uint32_t count = 0;
  const char** exts = glfwGetRequiredInstanceExtensions(&count);
  for (uint32_t i = 0; i < count; ++i) co.instanceExtensions.push_back(exts[i]);
  auto ctx = gpu::createContext(co);
  if (!ctx) {
    error = "view: " + ctx.firstError();
    return 1;
  }
  mContext = std::move(ctx.value());

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  mImGuiReady = true;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  ImGui::StyleColorsDark();
  float sx = 1.0f, sy = 1.0f;
  glfwGetWindowContentScale(mWindow, &sx, &sy);
  mModel.uiScale = std::clamp(std::max(sx, sy), 1.0f, 4.0f);
  // A 4K screen that reports no scale still gets larger text.
  if (monitor && h >= 2000) mModel.uiScale = std::max(mModel.uiScale, 2.0f);
  setupFonts(mModel.uiScale);
  ImGui::GetStyle().ScaleAllSizes(mModel.uiScale);
  ImGui_ImplGlfw_InitForVulkan(mWindow, true);  // chains to the callbacks above
  mGlfwBackend = true;
  auto presenter = render::Presenter::create(*mContext, mWindow, mOptions.vsync && mOptions.script.empty());
  if (!presenter) {
    error = "view: " + presenter.firstError();
    return 1;
  }
  mPresenter = std::move(presenter.value());
  return 0;
}

// A frame while the scene loads: an empty view and one line saying what and for how long.
void Viewer::drawLoadingFrame(double seconds) {
  mPresenter->newFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  int ww = 0, wh = 0;
  glfwGetWindowSize(mWindow, &ww, &wh);
  ImGui::SetNextWindowPos(ImVec2(float(ww) * 0.5f, float(wh) * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("Loading", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("Loading %s ... %.1f s", mOptions.scene.c_str(), seconds);
  ImGui::End();
  ImGui::Render();
  mPresenter->present(RgbaImage{}, ImGui::GetDrawData());
}

void Viewer::recreateRenderer() {
  mRenderer.reset();  // it holds the scene whose geometry changed
  mRenderer = std::make_unique<render::Renderer>(*mContext, mTwin->scene());
  mRendererGeometry = mTwin->geometryVersion();
  mTwin->resetApplied();
  mTwin->applyTo(*mRenderer);
  ++mSceneVersion;
}

render::RenderSettings Viewer::viewSettings(bool reduced) const {
  render::RenderSettings s;
  const uint32_t W = mPresenter->width(), H = mPresenter->height();
  s.width = reduced ? std::max(16u, uint32_t(W * mScale)) : W;
  s.height = reduced ? std::max(16u, uint32_t(H * mScale)) : H;
  s.samples = reduced ? 1 : mOptions.samples;
  s.shadows = !reduced;
  s.pointLights = !reduced;
  s.minPixels = reduced ? 3.0 : 1.0;
  s.coarse = reduced;
  s.camera = mCamera.camera();
  s.lighting = mTwin->lighting();
  return s;
}

void Viewer::renderView(bool reduced) {
  const render::RenderSettings s = viewSettings(reduced);
  const auto t0 = ViewerClock::now();
  mView = mRenderer->render(s);
  const double t = ms(t0, ViewerClock::now());
  mLastRenderMs = t;
  mRenderMs.push_back(t);
  (reduced ? mReducedMs : mFullMs).push_back(t);
  if (reduced) mScale = std::clamp(mScale * std::sqrt(120.0 / std::max(t, 1.0)), 0.25, 1.0);
  mViewCamera = *s.camera;
  mViewSceneVersion = mSceneVersion;
  mViewFull = !reduced;
  ++mRenders;
}

// The view as shown: the rendered image, the hovered feature brightened and the selection outlined (from the id
// image, when it matches the view), legends drawn in when the panels are hidden.
RgbaImage Viewer::composeDisplay() {
  RgbaImage out = mView;
  const bool idsMatch = mIds.valid && mViewFull && mIds.ids.width == out.width && mIds.ids.height == out.height &&
                        mIds.sceneVersion == mViewSceneVersion && mIds.camera.eye == mViewCamera.eye &&
                        mIds.camera.target == mViewCamera.target && mIds.camera.fovyDegrees == mViewCamera.fovyDegrees;
  if (idsMatch && (mSelected || mHovered)) {
    const auto idAt = [&](uint32_t x, uint32_t y) {
      const uint8_t* p = &mIds.ids.pixels[(size_t(y) * out.width + x) * 4];
      return int64_t(p[0] | (p[1] << 8) | (p[2] << 16)) - 1;
    };
    for (uint32_t y = 0; y < out.height; ++y)
      for (uint32_t x = 0; x < out.width; ++x) {
        const int64_t id = idAt(x, y);
        uint8_t* p = &out.pixels[(size_t(y) * out.width + x) * 4];
        if (mSelected && id == *mSelected) {
          const bool edge = x == 0 || y == 0 || x + 1 == out.width || y + 1 == out.height || idAt(x - 1, y) != id ||
                            idAt(x + 1, y) != id || idAt(x, y - 1) != id || idAt(x, y + 1) != id;
          if (edge) {
            p[0] = 255, p[1] = 160, p[2] = 0;
          } else {
            for (int c = 0; c < 3; ++c) p[c] = uint8_t(p[c] + (255 - p[c]) / 6);
          }
        } else if (mHovered && id == *mHovered) {
          for (int c = 0; c < 3; ++c) p[c] = uint8_t(p[c] + (255 - p[c]) / 4);
        }
      }
  }
  // Compare: scenario A left of the divider, B right of it (split: the middle; swipe: where the slider is).
  if (mModel.compareMode != 0 && mCompare.valid && mCompare.imageA.width == out.width &&
      mCompare.imageB.width == out.width && mCompare.imageA.height == out.height &&
      mCompare.imageB.height == out.height) {
    const double at = mModel.compareMode == 1 || !std::isfinite(mModel.compareSplit)
                          ? 0.5
                          : std::clamp(mModel.compareSplit, 0.0, 1.0);
    const uint32_t divider = std::min(uint32_t(at * out.width), out.width);
    for (uint32_t y = 0; y < out.height; ++y) {
      const size_t row = size_t(y) * out.width * 4, left = size_t(divider) * 4;
      std::memcpy(&out.pixels[row], &mCompare.imageA.pixels[row], left);
      std::memcpy(&out.pixels[row + left], &mCompare.imageB.pixels[row + left], size_t(out.width) * 4 - left);
      for (uint32_t x : {divider - 1, divider})  // a white line, two pixels wide
        if (x < out.width) std::memset(&out.pixels[row + size_t(x) * 4], 255, 3);
    }
  }
  if (!mModel.panelsVisible && mViewFull) layers::drawLegends(out, mTwin->legends());
  return out;
}

// Scenario A and B at the current camera, each as the current state with that scenario's settings over it (a
// scenario may name only some what-ifs or layers); then the current state again, unrendered (the view has it).
void Viewer::renderCompare() {
  const int n = int(mScenarios.size());
  if (n == 0 || mModel.compareA < 0 || mModel.compareB < 0 || mModel.compareA >= n || mModel.compareB >= n) return;
  const render::Camera cam = mCamera.camera();
  if (mCompare.valid && mCompare.a == mModel.compareA && mCompare.b == mModel.compareB &&
      mCompare.scenarioVersion == mScenarioVersion && mCompare.sceneVersion == mSceneVersion &&
      mCompare.camera.eye == cam.eye && mCompare.camera.target == cam.target &&
      mCompare.camera.fovyDegrees == cam.fovyDegrees && mCompare.imageA.width == mView.width &&
      mCompare.imageA.height == mView.height)
    return;
  const std::string current = mCurrentScenario, name = mModel.scenarioName;
  const scene::Scenario now = captureScenario(name);
  const ui::ViewerModel kept = mModel;  // the panels' state as it was (time to the second in a scenario, ...)
  const bool idsWere = idsCurrent();
  std::string error;
  auto renderAs = [&](const scene::Scenario& s) {
    scene::Scenario merged = overlayScenario(now, s);
    merged.camera.reset();
    if (!applyScenario(merged, error, false)) {
      mErrors.push_back("compare: scenario '" + s.name + "': " + error);
      message(mErrors.back());
    }
    if (mTwin->geometryVersion() != mRendererGeometry) recreateRenderer();
    render::RenderSettings rs = viewSettings(false);
    return mRenderer->render(rs);
  };
  mCompare.imageA = renderAs(mScenarios[size_t(mModel.compareA)]);
  mCompare.imageB = renderAs(mScenarios[size_t(mModel.compareB)]);
  // Exactly the panels' values again (a scenario keeps time to the second); the twin follows them.
  mModel.whatif = kept.whatif;
  mModel.layers = kept.layers;
  mModel.timeUnix = kept.timeUnix;
  mModel.timeOffsetMinutes = kept.timeOffsetMinutes;
  applyLayers();
  if (mModel.hasTime) mTwin->setTime(mModel.timeUnix);
  if (!mWhatIf->apply(mModel.whatif, error)) message("compare: " + error);
  if (mTwin->geometryVersion() != mRendererGeometry) recreateRenderer();
  mTwin->update(nowUnix());
  mTwin->applyTo(*mRenderer);
  mCurrentScenario = current;
  mModel.scenarioName = name;
  // The view and its ids show this state already.
  mViewSceneVersion = ++mSceneVersion;
  if (idsWere) mIds.sceneVersion = mSceneVersion;
  mCompare.a = mModel.compareA;
  mCompare.b = mModel.compareB;
  mCompare.camera = cam;
  mCompare.scenarioVersion = mScenarioVersion;
  mCompare.sceneVersion = mSceneVersion;
  mCompare.valid = true;
}

bool Viewer::frame() {
  const auto frameStart = ViewerClock::now();
  const double dt = std::clamp(ms(mLastFrame, frameStart) / 1000.0, 0.0, 0.25);
  mLastFrame = frameStart;
  const bool scripted = !mEvents.empty();
  applyScriptEvents();

  // Data: sources polled (never blocking); the time running when playing.
  if (mModel.playing && mModel.hasTime) {
    mModel.timeUnix += dt * mModel.speed;
    mModel.requests.timeChanged = true;
  }
  if (mTwin->update(nowUnix())) {
    mTwin->applyTo(*mRenderer);
    ++mSceneVersion;
  }

  // The inspector.
  mPresenter->newFrame();
  ImGui_ImplGlfw_NewFrame();
  if (scripted) overrideImGuiInput();
  ImGui::NewFrame();
  handleViewInput(dt);
  refreshModel();
  ui::setWidgetScript(&mWidgetScript);
  int ww = 0, wh = 0;
  glfwGetWindowSize(mWindow, &ww, &wh);
  ui::drawInspector(mModel, float(ww), float(wh));
  ui::setWidgetScript(nullptr);
  for (const ui::WidgetAction& a : mWidgetScript.finishFrame()) {
    const std::string what = a.error.empty() ? "no widget '" + a.widget + "' on screen" : "'" + a.widget + "': " + a.error;
    mErrors.push_back("script: frame " + std::to_string(mFrame) + ": " + what);
    message(mErrors.back());
  }
  ImGui::Render();
  applyRequests();

  // The view.
  const render::Camera cam = mCamera.camera();
  const bool cameraChanged = cam.eye != mViewCamera.eye || cam.target != mViewCamera.target ||
                             cam.fovyDegrees != mViewCamera.fovyDegrees;
  const bool sizeChanged = mView.width == 0 || (mViewFull && (mView.width != mPresenter->width() ||
                                                              mView.height != mPresenter->height()));
  if (mTwin->geometryVersion() != mRendererGeometry) recreateRenderer();
  const bool dirty = cameraChanged || sizeChanged || mSceneVersion != mViewSceneVersion;
  mMoving = cameraChanged || mCamera.animating() || (mDragInView && ImGui::IsMouseDown(0));
  if (dirty)
    renderView(mMoving && cameraChanged);  // moving: reduced; still or data: full
  else if (!mViewFull && !mMoving)
    renderView(false);  // stopped: refine to full quality
  else if (!mMoving && idsWanted())
    ensureIds();  // hover and the selection's outline, in a frame after the view's (clicks pick one pixel)
  if (!mViewFull && !mScreenshotEvents.empty()) renderView(false);  // a window screenshot shows full quality
  if (mModel.compareMode != 0 && mViewFull) renderCompare();
  mModel.stats.refining = !mViewFull;
  const RgbaImage shown = composeDisplay();
  RgbaImage capture;
  const bool wantCapture = !mScreenshotEvents.empty();
  mPresenter->present(shown, ImGui::GetDrawData(), wantCapture ? &capture : nullptr);
  ++mFramesDrawn;
  for (const ui::ScriptEvent& e : mScreenshotEvents) {
    if (e.view) {
      saveScreenshot(e.path, e.width, e.height);
    } else if (capture.width == 0) {
      mErrors.push_back("script: frame " + std::to_string(mFrame) + ": the window cannot be read back for " + e.path);
    } else if (auto w = exporter::writePng(e.path, capture); !w) {
      mErrors.push_back("script: " + e.path + ": " + w.firstError());
    }
  }
  mScreenshotEvents.clear();
  const double frameMs = ms(frameStart, ViewerClock::now());
  mFrameMs.push_back(frameMs);
  mModel.stats.frameMs = frameMs;
  mModel.stats.fps = frameMs > 0 ? 1000.0 / frameMs : 0.0;
  ++mFrame;
  if (scripted && mNextEvent >= mEvents.size() && mPending.empty()) return false;
  return !glfwWindowShouldClose(mWindow);
}

int Viewer::run() {
  if (int rc = init(); rc != 0) return rc == kClosedWhileLoading ? 0 : rc;
  uint64_t seenEvents = gEvents.load();
  int settle = 3;  // frames after input for the UI to settle (hover, animations)
  const bool scripted = !mEvents.empty();
  while (true) {
    if (!scripted) {
      const bool busy = mMoving || mCamera.animating() || mModel.playing || !mViewFull || idsWanted() || settle > 0;
      if (busy)
        glfwPollEvents();
      else
        glfwWaitEventsTimeout(0.1);  // wakes for input, or to poll live sources
      const uint64_t events = gEvents.load();
      if (events != seenEvents) {
        seenEvents = events;
        settle = 3;
      }
      if (!busy && events == seenEvents && settle <= 0) {
        // Nothing happened: only the sources are polled; a frame runs only when they changed something.
        if (!mTwin->update(nowUnix())) {
          ++mIdleFrames;
          if (glfwWindowShouldClose(mWindow)) break;
          continue;
        }
        mTwin->applyTo(*mRenderer);
        ++mSceneVersion;
      }
      --settle;
    } else {
      glfwPollEvents();
    }
    if (!frame()) break;
  }
  std::string error;
  if (!mOptions.stateOut.empty() && !writeState(error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  for (const std::string& e : mErrors) std::fprintf(stderr, "error: %s\n", e.c_str());
  return mErrors.empty() ? 0 : 2;
}

}  // namespace ct::app
