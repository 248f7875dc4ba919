// The viewer's parts shared by its source files (viewer.cpp: window and frame loop; viewer_input.cpp: script,
// camera input and picking; viewer_state.cpp: scenarios, the inspector's model and --state-out).
#pragma once
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "camera_controller.h"
#include "gpu/device.h"
#include "render/presenter.h"
#include "render/renderer.h"
#include "scene/scenario.h"
#include "twin.h"
#include "ui/script.h"
#include "ui/viewer_model.h"
#include "ui/widgets.h"
#include "viewer.h"
#include "viewer_whatif.h"

struct GLFWwindow;

namespace ct::app {

using ViewerClock = std::chrono::steady_clock;

struct IdCache {
  RgbaImage ids;
  render::Camera camera;
  uint64_t sceneVersion = 0;
  bool valid = false;
};

class Viewer {
 public:
  explicit Viewer(const ViewerOptions& options) : mOptions(options) {}
  ~Viewer();
  int run();

 private:
  // viewer.cpp
  static constexpr int kClosedWhileLoading = -1;
  int init();  // 0, an exit code, or kClosedWhileLoading
  int openWindow(std::string& error);
  void drawLoadingFrame(double seconds);
  bool frame();                                             // false: quit
  render::RenderSettings viewSettings(bool reduced) const;  // the view's: full, or reduced while moving
  void renderView(bool reduced);
  RgbaImage composeDisplay();
  void renderCompare();  // scenario A and B at the current camera (compare mode)
  void recreateRenderer();
  double nowUnix() const;
  // viewer_input.cpp
  void applyScriptEvents();
  void overrideImGuiInput();
  void handleViewInput(double dt);
  std::optional<int64_t> pickRow(double x, double y);  // window (logical) pixels
  void ensureIds();
  bool idsCurrent() const;  // the id image held is the current view's
  bool idsWanted() const;
  void select(std::optional<int64_t> row);
  // viewer_state.cpp
  void initModel();
  void refreshModel();
  void applyRequests();
  void applyLayers();
  std::vector<scene::LayerState> layerStates() const;
  scene::Scenario captureScenario(const std::string& name) const;
  // `report`: say which of its what-ifs this scene lacks (compare applies scenarios quietly, every time).
  bool applyScenario(const scene::Scenario& s, std::string& error, bool report = true);
  void reloadScenarios();
  void saveScreenshot(const std::string& path, uint32_t width, uint32_t height);
  bool writeState(std::string& error) const;
  void message(const std::string& text);

  ViewerOptions mOptions;
  GLFWwindow* mWindow = nullptr;
  gpu::ContextPtr mContext;
  std::unique_ptr<Twin> mTwin;
  std::unique_ptr<render::Renderer> mRenderer;
  std::unique_ptr<render::Presenter> mPresenter;
  std::unique_ptr<WhatIf> mWhatIf;
  bool mImGuiReady = false, mGlfwBackend = false;
  CameraController mCamera;
  ui::ViewerModel mModel;
  std::vector<scene::Scenario> mScenarios;
  std::string mCurrentScenario;
  // The current state with `over`'s settings over it (what-ifs and layers it names, its time and camera if any).
  static scene::Scenario overlayScenario(scene::Scenario base, const scene::Scenario& over);

  // the view
  RgbaImage mView;              // the last rendered colour image (maybe reduced)
  render::Camera mViewCamera;   // its camera
  uint64_t mViewSceneVersion = 0;
  bool mViewFull = false;       // full size and samples
  uint64_t mSceneVersion = 1;   // bumped whenever the picture's inputs change (not the camera)
  uint64_t mRendererGeometry = 0;
  double mScale = 0.5;  // reduced-quality scale while moving (adapted to the frame time)
  std::pair<uint64_t, uint64_t> mCoarseTriangles{0, 0};  // simplified primitives' triangles: full, coarse
  IdCache mIds;
  struct CompareViews {
    int a = -1, b = -1;
    render::Camera camera;
    uint64_t scenarioVersion = 0, sceneVersion = 0;  // what the images were made from
    RgbaImage imageA, imageB;
    bool valid = false;
    bool chosen = false;                             // B was set apart from A once
    std::map<std::string, double> valuesA, valuesB;  // the what-if values the table's totals are for
    bool totalsValid = false;
  } mCompare;
  uint64_t mScenarioVersion = 0;  // bumped when the scenarios change (saved, reloaded)
  std::optional<int64_t> mSelected, mHovered;
  std::map<std::string, std::deque<float>> mHistory;  // live values of the selection
  bool mMoving = false;
  ViewerClock::time_point mLastMove = ViewerClock::now();

  // input
  bool mDragInView = false;
  bool mDragDivider = false;  // the swipe divider is being dragged
  double mDragDistance = 0;
  double mPressX = 0, mPressY = 0;

  // script
  std::vector<ui::ScriptEvent> mEvents;
  size_t mNextEvent = 0;
  int64_t mFrame = 0;
  ui::WidgetScript mWidgetScript;
  struct ScriptMouse {
    double x = 0, y = 0;
    bool down[3] = {false, false, false};
    double wheel = 0;
    bool doubleClick = false;
  } mMouse;
  struct PendingInput {
    int64_t frame;
    std::optional<std::pair<double, double>> moveTo;
    std::optional<int> release;  // button
  };
  std::vector<PendingInput> mPending;
  std::vector<int> mKeysDown, mKeysUp;
  std::vector<std::pair<std::string, bool>> mScreenshots;  // path, through the offline renderer
  std::vector<ui::ScriptEvent> mScreenshotEvents;
  std::vector<std::string> mErrors;  // script errors: exit 2 at the end
  struct Pick {
    int64_t frame;
    double x, y;
    int64_t row;  // -1: nothing
  };
  std::vector<Pick> mPicks;  // clicks, for --state-out

  // figures
  std::vector<double> mFrameMs, mRenderMs, mReducedMs, mFullMs, mPickMs;
  double mLastRenderMs = 0;
  uint64_t mRenders = 0, mIdleFrames = 0, mFramesDrawn = 0;
  ViewerClock::time_point mLastFrame = ViewerClock::now();
  double mTimeUnix = 0;
};

}  // namespace ct::app
