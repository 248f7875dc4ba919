// The viewer's state: the inspector's model filled from the twin, the requests the panels make (what-if, layers,
// time, scenarios, screenshots, compare), scenarios captured and applied, and the --state-out JSON.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "export/png.h"
#include "layers/color_ramp.h"
#include "scenario_apply.h"
#include "viewer_internal.h"

namespace ct::app {
namespace {
// Ramps the inspector offers for colour layers ("scene" keeps the layer's own stops).

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}
}  // namespace

void Viewer::message(const std::string& text) {
  mModel.messages.push_back(text);
  if (mModel.messages.size() > 50) mModel.messages.erase(mModel.messages.begin());
}

void Viewer::initModel() {
  mModel.scenePath = mOptions.scene;
  for (const scene::ModelSpec& m : mTwin->spec().models) mModel.models.push_back(m.path);
  mModel.rampNames = kRamps;
  for (const layers::LayerProps& p : mTwin->layerManager().props()) {
    ui::LayerRow row;
    row.name = layers::layerId(p);
    row.visible = layers::layerVisible(p);
    if (const auto* c = std::get_if<layers::ColorLayerProps>(&p)) {
      row.type = "color";
      row.opacity = c->opacity;
      row.editable = c->ramp != "categorical";
      row.hasDomain = true;
      row.domain[0] = c->domainMin;
      row.domain[1] = c->domainMax;
      row.ramp = 0;
      for (const FloodState& f : mTwin->floods())
        if (f.layer == row.name) row.type = "flood";
    } else if (std::holds_alternative<layers::LightsLayerProps>(p)) {
      row.type = "lights";
    } else {
      row.type = "other";
    }
    mModel.layers.push_back(row);
  }
  for (const scene::Bookmark& b : mTwin->spec().bookmarks) mModel.bookmarkNames.push_back(b.name);
  mModel.whatifInputs = mWhatIf->inputs();
  mModel.whatif = mWhatIf->defaults();
  mModel.hasTime = mTwin->time().has_value();
  if (mModel.hasTime) {
    mModel.timeUnix = mTwin->time()->unixSeconds;
    mModel.timeOffsetMinutes = mTwin->time()->offsetMinutes;
  }
  std::string error;
  if (!mWhatIf->apply(mModel.whatif, error)) message("what-if: " + error);
  reloadScenarios();
}

void Viewer::reloadScenarios() {
  ++mScenarioVersion;
  mModel.scenarioNames.clear();
  for (const scene::Scenario& s : mScenarios) mModel.scenarioNames.push_back(s.name);
  const int n = int(mModel.scenarioNames.size());
  mModel.compareA = std::clamp(mModel.compareA, 0, std::max(0, n - 1));
  mModel.compareB = std::clamp(mModel.compareB, 0, std::max(0, n - 1));
}

// Read-only parts of the model, each frame: sources, selection, totals, stats, legends.
void Viewer::refreshModel() {
  mModel.sources.clear();
  const auto statuses = mTwin->sourceStatus();
  for (size_t i = 0; i < statuses.size() && i < mTwin->spec().sources.size(); ++i)
    mModel.sources.emplace_back(mTwin->spec().sources[i].name, statuses[i]);
  if (mSelected) {
    ui::SelectionInfo info;
    info.row = *mSelected;
    auto props = mTwin->describe(*mSelected);
    if (!props.empty()) info.key = props.front().second;
    info.properties = std::move(props);
    for (const auto& [name, v] : mTwin->numericValues(info.key)) {
      auto& h = mHistory[name];
      if (h.empty() || h.back() != float(v)) h.push_back(float(v));
      while (h.size() > 120) h.pop_front();
      info.live.push_back({name, v, std::vector<float>(h.begin(), h.end())});
    }
    mModel.selection = std::move(info);
  } else {
    mModel.selection.reset();
  }
  mModel.totals = mWhatIf->current();
  const auto legends = mTwin->legends();
  for (ui::LayerRow& row : mModel.layers) {
    row.legend.reset();
    const scene::LayerSpec* spec = mTwin->spec().findLayer(row.name);
    const std::string title = spec && !spec->title.empty() ? spec->title : row.name;
    for (const layers::Legend& l : legends)
      if (l.title == title) row.legend = l;
  }
  const render::FrameStats& fs = mRenderer->lastStats();
  mModel.stats.renderMs = mLastRenderMs;
  mModel.stats.scale = mViewFull ? 1.0 : mScale;
  mModel.stats.samples = mViewFull ? mOptions.samples : 1;
  mModel.stats.drawCalls = fs.drawCalls;
  mModel.stats.triangles = fs.trianglesDrawn;
  mModel.stats.gpuBytes = gpu::allocatedBytes(*mContext);
  mModel.stats.coarseFrom = mCoarseTriangles.first;
  mModel.stats.coarseTo = mCoarseTriangles.second;
}

// The layer rows as the panels have them, through the same mapping as a saved scenario's (scenario_apply.h).
void Viewer::applyLayers() {
  applyLayerStates(*mTwin, layerStates());
}

// The layer rows as a scenario keeps them.
std::vector<scene::LayerState> Viewer::layerStates() const {
  std::vector<scene::LayerState> states;
  for (const ui::LayerRow& row : mModel.layers) {
    scene::LayerState l;
    l.name = row.name;
    l.visible = row.visible;
    l.opacity = std::clamp(row.opacity, 0.0, 1.0);
    if (row.editable && row.ramp > 0 && size_t(row.ramp) < kRamps.size()) l.ramp = kRamps[size_t(row.ramp)];
    if (row.hasDomain && row.domain[0] < row.domain[1]) l.domain = std::array<double, 2>{row.domain[0], row.domain[1]};
    states.push_back(l);
  }
  return states;
}

void Viewer::applyRequests() {
  auto& r = mModel.requests;
  std::string error;
  bool changed = false;
  if (r.layersChanged) {
    applyLayers();
    changed = true;
  }
  if (r.whatifChanged) {
    // Moving an energy slider shows its layer (the user can hide it again).
    bool energy = false;
    for (const ui::WhatIfInput& in : mModel.whatifInputs)
      if (in.group == "Energy" && mModel.whatif[in.name] != in.defaultValue) energy = true;
    if (energy)
      for (ui::LayerRow& row : mModel.layers)
        if (row.name == kEnergyWhatIfLayer && !row.visible) {
          row.visible = true;
          applyLayers();
        }
    if (!mWhatIf->apply(mModel.whatif, error)) message("what-if: " + error);
    changed = true;
  }
  if (r.timeChanged && mModel.hasTime) {
    mTwin->setTime(mModel.timeUnix);
    changed = true;
  }
  if (changed) {
    mTwin->update(nowUnix());
    mTwin->applyTo(*mRenderer);
    ++mSceneVersion;
  }
  if (r.gotoBookmark)
    for (const scene::Bookmark& b : mTwin->spec().bookmarks)
      if (b.name == *r.gotoBookmark) {
        render::Camera c;
        c.eye = {b.eye[0], b.eye[1], b.eye[2]};
        c.target = {b.target[0], b.target[1], b.target[2]};
        c.fovyDegrees = b.fovDeg;
        mCamera.animateTo(c, 1.0);
      }
  if (r.clearSelection) select(std::nullopt);
  if (r.saveScenario) {
    if (mModel.scenarioName.empty()) {
      message("Save scenario: type a name first");
    } else {
      scene::Scenario s = captureScenario(mModel.scenarioName);
      auto saved = scene::saveScenario(mOptions.scene, s);
      if (!saved) {
        message("Save scenario: " + saved.firstError());
        mErrors.push_back("save scenario: " + saved.firstError());
      } else {
        auto it = std::find_if(mScenarios.begin(), mScenarios.end(), [&](const auto& x) { return x.name == s.name; });
        if (it != mScenarios.end()) *it = s;
        else mScenarios.push_back(s);
        mCurrentScenario = s.name;
        reloadScenarios();
        message("Saved scenario '" + s.name + "' to " + mOptions.scene);
      }
    }
  }
  if (r.loadScenario) {
    for (const scene::Scenario& s : mScenarios)
      if (s.name == *r.loadScenario && !applyScenario(s, error)) message("Load scenario: " + error);
  }
  if (r.screenshot) saveScreenshot(mModel.screenshotPath, uint32_t(mModel.screenshotWidth), uint32_t(mModel.screenshotHeight));
  if (mModel.compareMode != 0 && !mScenarios.empty()) {
    // Two scenarios to compare: B starts as the one after A.
    const int n = int(mScenarios.size());
    if (!mCompare.chosen && n > 1) {
      if (mModel.compareA == mModel.compareB) mModel.compareB = (mModel.compareA + 1) % n;
      mCompare.chosen = true;
    }
    mModel.compareA = std::clamp(mModel.compareA, 0, n - 1);
    mModel.compareB = std::clamp(mModel.compareB, 0, n - 1);
    const scene::Scenario& a = mScenarios[size_t(mModel.compareA)];
    const scene::Scenario& b = mScenarios[size_t(mModel.compareB)];
    // As the picture shows them: the current values with each scenario's over them (computed when they change).
    const auto valuesA = scenarioWhatIf(*mWhatIf, mModel.whatif, a.whatif);
    const auto valuesB = scenarioWhatIf(*mWhatIf, mModel.whatif, b.whatif);
    if (!mCompare.totalsValid || valuesA != mCompare.valuesA) mModel.compareTotalsA = mWhatIf->totals(valuesA);
    if (!mCompare.totalsValid || valuesB != mCompare.valuesB) mModel.compareTotalsB = mWhatIf->totals(valuesB);
    mCompare.valuesA = valuesA;
    mCompare.valuesB = valuesB;
    mCompare.totalsValid = true;
    if (r.exportCompareCsv) {
      const std::string csv =
          ui::totalsCsv(a.name, b.name, ui::diffTotals(mModel.compareTotalsA, mModel.compareTotalsB));
      const std::string tmp = mModel.compareCsvPath + ".tmp";
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << csv;
      out.close();
      if (!out || std::rename(tmp.c_str(), mModel.compareCsvPath.c_str()) != 0) {
        std::remove(tmp.c_str());
        message("Export comparison: cannot write " + mModel.compareCsvPath);
        mErrors.push_back("export comparison: cannot write " + mModel.compareCsvPath);
      } else {
        message("Wrote " + mModel.compareCsvPath);
      }
    }
  }
  r = {};
}

scene::Scenario Viewer::captureScenario(const std::string& name) const {
  scene::Scenario s;
  s.name = name;
  s.whatif = mModel.whatif;
  s.layers = layerStates();
  if (mModel.hasTime) s.time = formatIso8601({mModel.timeUnix, mModel.timeOffsetMinutes});
  const render::Camera c = mCamera.camera();
  s.camera = scene::CameraState{{c.eye.x, c.eye.y, c.eye.z}, {c.target.x, c.target.y, c.target.z}, c.fovyDegrees};
  return s;
}

scene::Scenario Viewer::overlayScenario(scene::Scenario base, const scene::Scenario& over) {
  base.name = over.name;
  for (const auto& [name, value] : over.whatif) base.whatif[name] = value;
  for (const scene::LayerState& l : over.layers) {
    auto it = std::find_if(base.layers.begin(), base.layers.end(), [&](const auto& b) { return b.name == l.name; });
    if (it != base.layers.end())
      *it = l;
    else
      base.layers.push_back(l);
  }
  if (!over.time.empty()) base.time = over.time;
  if (over.camera) base.camera = over.camera;
  return base;
}

bool Viewer::applyScenario(const scene::Scenario& s, std::string& error, bool report) {
  std::vector<std::string> ignored;
  mModel.whatif = scenarioWhatIf(*mWhatIf, mModel.whatif, s.whatif, &ignored);
  if (report)
    for (const std::string& name : ignored)
      message("scenario '" + s.name + "': this scene has no what-if '" + name + "' (ignored)");
  for (const scene::LayerState& l : s.layers)
    for (ui::LayerRow& row : mModel.layers) {
      if (row.name != l.name) continue;
      row.visible = l.visible;
      row.opacity = l.opacity;
      row.ramp = 0;
      for (size_t k = 1; k < kRamps.size(); ++k)
        if (kRamps[k] == l.ramp) row.ramp = int(k);
      if (l.domain) {
        row.domain[0] = (*l.domain)[0];
        row.domain[1] = (*l.domain)[1];
      }
    }
  applyLayers();
  if (!s.time.empty() && mModel.hasTime) {
    if (auto t = parseIso8601(s.time)) {
      mModel.timeUnix = t.value().unixSeconds;
      mModel.timeOffsetMinutes = t.value().offsetMinutes;
      mTwin->setTime(mModel.timeUnix);
    }
  }
  if (!mWhatIf->apply(mModel.whatif, error)) return false;
  if (s.camera) {
    render::Camera c;
    c.eye = {s.camera->eye[0], s.camera->eye[1], s.camera->eye[2]};
    c.target = {s.camera->target[0], s.camera->target[1], s.camera->target[2]};
    c.fovyDegrees = s.camera->fovDeg;
    mCamera.set(c);
  }
  mCurrentScenario = s.name;
  mModel.scenarioName = s.name;
  if (mRenderer) {
    mTwin->update(nowUnix());
    mTwin->applyTo(*mRenderer);
  }
  ++mSceneVersion;
  return true;
}

// The view through the offline renderer at the window's size (or a chosen one), without the inspector.
void Viewer::saveScreenshot(const std::string& path, uint32_t width, uint32_t height) {
  render::RenderSettings s;
  s.width = width ? width : mPresenter->width();
  s.height = height ? height : mPresenter->height();
  s.samples = mOptions.samples;
  s.camera = mCamera.camera();
  s.lighting = mTwin->lighting();
  RgbaImage image = mRenderer->render(s);
  auto w = exporter::writePng(path, image);
  if (!w) {
    message("Screenshot: " + w.firstError());
    mErrors.push_back("screenshot: " + w.firstError());
  } else {
    message("Saved " + path + " (" + std::to_string(s.width) + "x" + std::to_string(s.height) + ")");
  }
}

bool Viewer::writeState(std::string& error) const {
  using Json = nlohmann::ordered_json;
  Json j;
  const render::Camera c = mCamera.camera();
  j["camera"] = {{"eye", {c.eye.x, c.eye.y, c.eye.z}}, {"target", {c.target.x, c.target.y, c.target.z}},
                 {"fovy", c.fovyDegrees}};
  if (mSelected && size_t(*mSelected) < mTwin->scene().features.size()) {
    j["selection"] = {{"key", mTwin->scene().features.key(size_t(*mSelected))}, {"row", *mSelected}};
    Json props = Json::object();  // what the selection panel lists
    for (const auto& [k, v] : mTwin->describe(*mSelected)) props[k] = v;
    j["selection"]["properties"] = props;
  } else {
    j["selection"] = nullptr;
  }
  j["picks"] = Json::array();
  for (const Pick& p : mPicks) {
    Json pick = {{"frame", p.frame}, {"x", p.x}, {"y", p.y}, {"row", p.row}};
    pick["key"] = p.row >= 0 && size_t(p.row) < mTwin->scene().features.size()
                      ? Json(mTwin->scene().features.key(size_t(p.row)))
                      : Json(nullptr);
    j["picks"].push_back(pick);
  }
  j["layers"] = Json::array();
  for (const ui::LayerRow& row : mModel.layers) {
    Json l = {{"name", row.name}, {"type", row.type}, {"visible", row.visible}, {"opacity", row.opacity},
              {"ramp", kRamps[size_t(std::clamp(row.ramp, 0, int(kRamps.size()) - 1))]}};
    if (row.hasDomain) l["domain"] = {row.domain[0], row.domain[1]};
    j["layers"].push_back(l);
  }
  j["whatif"] = Json::object();
  for (const auto& [k, v] : mModel.whatif) j["whatif"][k] = v;
  j["totals"] = Json::object();
  for (const auto& [k, v] : mWhatIf->current().named()) j["totals"][k] = v;
  j["time"] = mModel.hasTime ? Json(formatIso8601({mModel.timeUnix, mModel.timeOffsetMinutes})) : Json(nullptr);
  j["scenario"] = mCurrentScenario.empty() ? Json(nullptr) : Json(mCurrentScenario);
  j["panels_visible"] = mModel.panelsVisible;
  j["window"] = {{"width", mPresenter ? mPresenter->width() : 0}, {"height", mPresenter ? mPresenter->height() : 0}};
  auto stat = [](const std::vector<double>& v) {
    return Json{{"count", v.size()}, {"median", median(v)}, {"p95", percentile(v, 0.95)},
                {"max", v.empty() ? 0.0 : *std::max_element(v.begin(), v.end())}};
  };
  j["frames"] = mFrame;
  j["frame_ms"] = stat(mFrameMs);
  j["render_ms"] = stat(mRenderMs);
  j["reduced_render_ms"] = stat(mReducedMs);
  j["full_render_ms"] = stat(mFullMs);
  j["pick_ms"] = stat(mPickMs);
  j["renders"] = mRenders;
  j["idle_frames"] = mIdleFrames;
  j["messages"] = mModel.messages;
  const std::string tmp = mOptions.stateOut + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << j.dump(2) << '\n';
  out.close();
  if (!out || std::rename(tmp.c_str(), mOptions.stateOut.c_str()) != 0) {
    std::remove(tmp.c_str());
    error = mOptions.stateOut + ": cannot write the state";
    return false;
  }
  return true;
}

}  // namespace ct::app
