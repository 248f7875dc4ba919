// The viewer's input: scripted events (mouse, keys, widget actions, screenshots) fed in as the user's would be,
// the camera from the mouse and keys over the view, and picking through the id image.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "viewer_internal.h"

namespace ct::app {
namespace {
int glfwKey(const std::string& name) {
  if (name.size() == 1 && ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= '0' && name[0] <= '9'))) return name[0];
  static const std::pair<const char*, int> kKeys[] = {
      {"TAB", GLFW_KEY_TAB},     {"ESCAPE", GLFW_KEY_ESCAPE}, {"SPACE", GLFW_KEY_SPACE}, {"ENTER", GLFW_KEY_ENTER},
      {"F11", GLFW_KEY_F11},     {"F12", GLFW_KEY_F12},       {"HOME", GLFW_KEY_HOME},   {"UP", GLFW_KEY_UP},
      {"DOWN", GLFW_KEY_DOWN},   {"LEFT", GLFW_KEY_LEFT},     {"RIGHT", GLFW_KEY_RIGHT}, {"SHIFT", GLFW_KEY_LEFT_SHIFT},
      {"CTRL", GLFW_KEY_LEFT_CONTROL}};
  for (const auto& [n, k] : kKeys)
    if (name == n) return k;
  return GLFW_KEY_UNKNOWN;
}
}  // namespace

void Viewer::applyScriptEvents() {
  // Releases and drag steps queued by earlier events.
  for (auto it = mPending.begin(); it != mPending.end();) {
    if (it->frame > mFrame) {
      ++it;
      continue;
    }
    if (it->moveTo) std::tie(mMouse.x, mMouse.y) = *it->moveTo;
    if (it->release) mMouse.down[*it->release] = false;
    it = mPending.erase(it);
  }
  for (int k : mKeysUp) ImGui::GetIO().KeysDown[k] = false;
  mKeysUp.clear();
  mMouse.doubleClick = false;
  while (mNextEvent < mEvents.size() && mEvents[mNextEvent].frame <= mFrame) {
    const ui::ScriptEvent& e = mEvents[mNextEvent++];
    const int button = int(e.button);
    switch (e.type) {
      case ui::EventType::Move:
        mMouse.x = e.x, mMouse.y = e.y;
        break;
      case ui::EventType::Click:
        mMouse.x = e.x, mMouse.y = e.y;
        mMouse.down[button] = true;
        mMouse.doubleClick = e.doubleClick;
        mPending.push_back({mFrame + 1, std::nullopt, button});
        break;
      case ui::EventType::Drag:
        mMouse.x = e.x, mMouse.y = e.y;
        mMouse.down[button] = true;
        for (int k = 1; k <= ui::kDragFrames; ++k) {
          const double t = double(k) / ui::kDragFrames;
          mPending.push_back({mFrame + k, std::make_pair(e.x + (e.toX - e.x) * t, e.y + (e.toY - e.y) * t), std::nullopt});
        }
        mPending.push_back({mFrame + ui::kDragFrames + 1, std::nullopt, button});
        break;
      case ui::EventType::Scroll:
        mMouse.x = e.x, mMouse.y = e.y;
        mMouse.wheel += e.dy;
        break;
      case ui::EventType::Key: {
        const int k = glfwKey(e.key);
        if (k != GLFW_KEY_UNKNOWN) {
          mKeysDown.push_back(k);
          mKeysUp.push_back(k);
        }
        break;
      }
      case ui::EventType::Set: {
        ui::WidgetAction a;
        a.widget = e.widget;
        a.value = e.value;
        mWidgetScript.add(a);
        break;
      }
      case ui::EventType::Press: {
        ui::WidgetAction a;
        a.widget = e.widget;
        a.press = true;
        mWidgetScript.add(a);
        break;
      }
      case ui::EventType::Screenshot:
        mScreenshotEvents.push_back(e);
        break;
      case ui::EventType::Quit:
        mNextEvent = mEvents.size();
        mPending.clear();
        break;
    }
  }
}

// Scripted input replaces the pointer GLFW reports (a real pointer over an Xvfb screen would interfere).
void Viewer::overrideImGuiInput() {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(float(mMouse.x), float(mMouse.y));
  for (int b = 0; b < 3; ++b) io.MouseDown[b] = mMouse.down[b];
  io.MouseWheel = float(mMouse.wheel);
  mMouse.wheel = 0;
  for (int k : mKeysDown) io.KeysDown[k] = true;
  mKeysDown.clear();
}

void Viewer::handleViewInput(double dt) {
  ImGuiIO& io = ImGui::GetIO();
  const bool scripted = !mEvents.empty();
  const bool overView = !io.WantCaptureMouse;
  int wh = 0, ww = 0;
  glfwGetWindowSize(mWindow, &ww, &wh);
  // Drags that start over the view move the camera (left: orbit; right or middle: pan).
  const bool pressed = ImGui::IsMouseClicked(0) || ImGui::IsMouseClicked(1) || ImGui::IsMouseClicked(2);
  if (pressed) {
    mDragInView = overView;
    mDragDistance = 0;
    mPressX = io.MousePos.x, mPressY = io.MousePos.y;
    // Swipe compare: a left press on the divider moves the divider, not the camera.
    if (!std::isfinite(mModel.compareSplit)) mModel.compareSplit = 0.5;
    const double divider = std::clamp(mModel.compareSplit, 0.0, 1.0) * ww;
    mDragDivider = overView && mModel.compareMode == 2 && ImGui::IsMouseClicked(0) &&
                   std::abs(io.MousePos.x - divider) <= 6.0 * mModel.uiScale;
  }
  if (mDragInView && mDragDivider && io.MouseDown[0] && ww > 0) {
    mModel.compareSplit = std::clamp(double(io.MousePos.x) / ww, 0.0, 1.0);
    mDragDistance = 1e9;                 // never a click
  } else if (mDragInView && !pressed) {  // the pointer's jump to where a press begins is no drag
    const ImVec2 d = io.MouseDelta;
    if (std::isfinite(d.x) && std::isfinite(d.y) && (d.x != 0 || d.y != 0)) {
      mDragDistance += std::hypot(d.x, d.y);
      if (io.MouseDown[0]) mCamera.orbit(d.x, d.y);
      else if (io.MouseDown[1] || io.MouseDown[2]) mCamera.pan(d.x, d.y, wh);
    }
  }
  if (overView && io.MouseWheel != 0.0f) mCamera.zoom(io.MouseWheel);
  // A click (no drag) selects what is under the pointer; a double click also flies there.
  const bool doubleClick = scripted ? mMouse.doubleClick : ImGui::IsMouseDoubleClicked(0);
  if (mDragInView && ImGui::IsMouseReleased(0) && mDragDistance < 4.0) {
    const auto t0 = ViewerClock::now();
    const auto row = pickRow(io.MousePos.x, io.MousePos.y);
    select(row);
    mPicks.push_back({mFrame, io.MousePos.x, io.MousePos.y, row.value_or(-1)});
    mPickMs.push_back(std::chrono::duration<double, std::milli>(ViewerClock::now() - t0).count());
  }
  if (overView && doubleClick && !mDragDivider) {
    if (auto row = pickRow(io.MousePos.x, io.MousePos.y); row && *row >= 0) {
      select(row);
      const double aspect = double(std::max(1, ww)) / double(std::max(1, wh));
      if (auto cam = render::frameFeature(mTwin->scene().featureBounds(), uint32_t(*row), aspect))
        mCamera.animateTo(*cam, 0.8);
    }
  }
  if (!ImGui::IsMouseDown(0) && !ImGui::IsMouseDown(1) && !ImGui::IsMouseDown(2)) mDragInView = mDragDivider = false;
  // Hover: from the id image of the view as it is (never renders ids while the camera moves).
  if (overView && !mMoving && idsCurrent() && mViewFull) {
    auto row = pickRow(io.MousePos.x, io.MousePos.y);
    mHovered = row && *row >= 0 ? row : std::nullopt;
  } else if (!overView) {
    mHovered.reset();
  }
  mCamera.advance(dt);
  if (!io.WantCaptureKeyboard) {
    if (ImGui::IsKeyPressed(GLFW_KEY_TAB, false)) mModel.panelsVisible = !mModel.panelsVisible;
    if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) mModel.requests.screenshot = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) select(std::nullopt);
    if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) {
      const double aspect = double(std::max(1, ww)) / double(std::max(1, wh));
      mCamera.animateTo(render::frameBounds(mTwin->scene().bounds, aspect), 0.8);
    }
    const double step = scripted ? 0.1 : dt;  // a scripted key press flies a tenth of a second
    const double f = double(io.KeysDown[GLFW_KEY_W]) - double(io.KeysDown[GLFW_KEY_S]);
    const double r = double(io.KeysDown[GLFW_KEY_D]) - double(io.KeysDown[GLFW_KEY_A]);
    const double u = double(io.KeysDown[GLFW_KEY_E]) - double(io.KeysDown[GLFW_KEY_Q]);
    if (f != 0 || r != 0 || u != 0) mCamera.fly(f, r, u, step);
  }
}

bool Viewer::idsCurrent() const {
  const render::Camera cam = mCamera.camera();
  return mIds.valid && mIds.ids.width == mPresenter->width() && mIds.ids.height == mPresenter->height() &&
         mIds.sceneVersion == mSceneVersion && mIds.camera.eye == cam.eye && mIds.camera.target == cam.target &&
         mIds.camera.fovyDegrees == cam.fovyDegrees;
}

// The view's id image is wanted (hover over the view, the selection's outline) and not held for this view.
bool Viewer::idsWanted() const {
  return mViewFull && !idsCurrent() && (mSelected.has_value() || !ImGui::GetIO().WantCaptureMouse);
}

// Renders the id image for the current camera at the window's size, unless the one held already is.
void Viewer::ensureIds() {
  if (idsCurrent()) return;
  const render::Camera cam = mCamera.camera();
  render::RenderSettings s;
  s.width = mPresenter->width();
  s.height = mPresenter->height();
  s.camera = cam;
  s.aov = render::Aov::Id;
  s.samples = 1;
  mIds.ids = mRenderer->render(s);
  mIds.camera = cam;
  mIds.sceneVersion = mSceneVersion;
  mIds.valid = true;
}

// The row under a window (logical) pixel: from the id image when it is current, else from an id render of that
// one pixel (a projection cropped to it: the click is answered without drawing the whole view's ids).
std::optional<int64_t> Viewer::pickRow(double x, double y) {
  int ww = 0, wh = 0;
  glfwGetWindowSize(mWindow, &ww, &wh);
  if (ww <= 0 || wh <= 0) return std::nullopt;
  const uint32_t W = mPresenter->width(), H = mPresenter->height();
  // Window (logical) pixels to framebuffer pixels (HiDPI).
  const double sx = double(W) / ww, sy = double(H) / wh;
  const int64_t px = int64_t(std::floor(x * sx)), py = int64_t(std::floor(y * sy));
  if (px < 0 || py < 0 || px >= int64_t(W) || py >= int64_t(H)) return std::nullopt;
  const uint8_t* p = nullptr;
  RgbaImage one;
  if (idsCurrent()) {
    p = &mIds.ids.pixels[(size_t(py) * mIds.ids.width + size_t(px)) * 4];
  } else {
    render::RenderSettings s;
    s.width = W;
    s.height = H;
    s.camera = mCamera.camera();
    s.aov = render::Aov::Id;
    s.samples = 1;
    s.idRegion = render::RenderSettings::Region{uint32_t(px), uint32_t(py), 1, 1};
    one = mRenderer->render(s);
    if (one.pixels.size() < 4) return std::nullopt;
    p = one.pixels.data();
  }
  return int64_t(p[0] | (p[1] << 8) | (p[2] << 16)) - 1;  // -1: nothing there
}

void Viewer::select(std::optional<int64_t> row) {
  if (row && *row < 0) row.reset();
  if (row != mSelected) mHistory.clear();
  mSelected = row;
}

}  // namespace ct::app
