// The inspector's panels over the view: left column (scene, layers with legends, time, selection), right column
// (what-if with totals, scenarios and compare, screenshot, render stats). Panels edit the model only.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <imgui.h>

#include "ui/viewer_model.h"
#include "ui/widgets.h"

namespace ct::ui {
namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

std::string thousands(double v, int decimals = 0) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(v));
  std::string digits = buf, frac;
  if (auto dot = digits.find('.'); dot != std::string::npos) {
    frac = digits.substr(dot);
    digits.resize(dot);
  }
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out + frac;
}

void legendBar(const layers::Legend& legend) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetTextLineHeight();
  ImGui::TextUnformatted(legend.heading().c_str());
  auto col = [](const layers::Srgb& c) {
    return IM_COL32(int(c.r), int(c.g), int(c.b), 255);
  };
  if (legend.continuous && !legend.ramp.stops().empty()) {
    const ImVec2 q = ImGui::GetCursorScreenPos();
    const int steps = 32;
    const double lo = legend.ramp.domainMin(), hi = legend.ramp.domainMax();
    for (int i = 0; i < steps; ++i) {
      const layers::Srgb c = legend.ramp.sample(lo + (hi - lo) * (i + 0.5) / steps);
      dl->AddRectFilled(ImVec2(q.x + w * i / steps, q.y), ImVec2(q.x + w * (i + 1) / steps, q.y + h), col(c));
    }
    ImGui::Dummy(ImVec2(w, h));
    std::string ticks;
    for (size_t i = 0; i < legend.tickLabels.size(); ++i) ticks += (i ? "  |  " : "") + legend.tickLabels[i];
    ImGui::TextUnformatted(ticks.c_str());
  } else {
    for (const layers::LegendClass& c : legend.classes) {
      const ImVec2 q = ImGui::GetCursorScreenPos();
      dl->AddRectFilled(q, ImVec2(q.x + h, q.y + h), col(c.color));
      ImGui::Dummy(ImVec2(h, h));
      ImGui::SameLine();
      ImGui::TextUnformatted(c.label.c_str());
    }
  }
  if (legend.showNoData) {
    const ImVec2 q = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(q, ImVec2(q.x + h, q.y + h), col(legend.noData));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(legend.noDataLabel.c_str());
  }
}

void scenePanel(ViewerModel& m) {
  if (!ImGui::CollapsingHeader("Scene", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextWrapped("%s", m.scenePath.c_str());
  for (const std::string& model : m.models) ImGui::BulletText("%s", model.c_str());
  for (const auto& [name, s] : m.sources) {
    const bool bad = s.state == "error" || s.state == "reconnecting";
    ImGui::TextColored(bad ? ImVec4(1, 0.45f, 0.35f, 1) : ImVec4(0.6f, 0.9f, 0.6f, 1), "%s", name.c_str());
    ImGui::SameLine();
    ImGui::Text("%s %s, %llu rows, %llu bad", s.kind.c_str(), s.state.c_str(), (unsigned long long)s.rows,
                (unsigned long long)s.bad);
    if (!s.lastError.empty()) ImGui::TextWrapped("  %s", s.lastError.c_str());
  }
  if (!m.bookmarkNames.empty()) {
    ImGui::TextUnformatted("Bookmarks");
    for (const std::string& b : m.bookmarkNames) {
      ImGui::SameLine();
      if (button(b.c_str())) m.requests.gotoBookmark = b;
    }
  }
}

void layersPanel(ViewerModel& m) {
  if (!ImGui::CollapsingHeader("Layers", ImGuiTreeNodeFlags_DefaultOpen)) return;
  for (LayerRow& l : m.layers) {
    ImGui::PushID(l.name.c_str());
    const std::string visible = "Visible##" + l.name;
    if (checkbox(visible.c_str(), l.visible)) m.requests.layersChanged = true;
    ImGui::SameLine();
    ImGui::Text("%s (%s)", l.name.c_str(), l.type.c_str());
    if (l.visible) {
      const std::string opacity = "Opacity##" + l.name;
      if (sliderDouble(opacity.c_str(), l.opacity, 0.0, 1.0)) m.requests.layersChanged = true;
      if (l.editable) {
        const std::string ramp = "Ramp##" + l.name;
        if (combo(ramp.c_str(), l.ramp, m.rampNames)) m.requests.layersChanged = true;
        const std::string dmin = "Domain min##" + l.name, dmax = "Domain max##" + l.name;
        if (l.hasDomain) {
          if (inputDouble(dmin.c_str(), l.domain[0], 1.0, "%.2f")) m.requests.layersChanged = true;
          if (inputDouble(dmax.c_str(), l.domain[1], 1.0, "%.2f")) m.requests.layersChanged = true;
        }
      }
      if (l.legend) legendBar(*l.legend);
    }
    ImGui::Separator();
    ImGui::PopID();
  }
}

void timePanel(ViewerModel& m) {
  if (!ImGui::CollapsingHeader("Time", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!m.hasTime) {
    ImGui::TextWrapped("The scene has no time (no origin or \"time\"): default daylight.");
    return;
  }
  const double local = m.timeUnix + m.timeOffsetMinutes * 60.0;
  const time_t t = static_cast<time_t>(std::floor(local));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
  ImGui::Text("%s (UTC%+d:%02d)", date, m.timeOffsetMinutes / 60, std::abs(m.timeOffsetMinutes) % 60);
  double hour = tm.tm_hour + tm.tm_min / 60.0 + tm.tm_sec / 3600.0;
  if (sliderDouble("Time of day (h)", hour, 0.0, 23.99, "%.2f")) {
    const double dayStart = local - std::fmod(local, 86400.0) + (local < 0 ? -86400.0 : 0.0);
    m.timeUnix = dayStart + hour * 3600.0 - m.timeOffsetMinutes * 60.0;
    m.requests.timeChanged = true;
  }
  double day = tm.tm_yday + 1;
  if (sliderDouble("Day of year", day, 1.0, 365.0, "%.0f")) {
    m.timeUnix += (std::round(day) - (tm.tm_yday + 1)) * 86400.0;
    m.requests.timeChanged = true;
  }
  if (button(m.playing ? "Pause" : "Play")) m.playing = !m.playing;
  ImGui::SameLine();
  sliderDouble("Speed (x)", m.speed, 1.0, 3600.0, "%.0f");
}

void selectionPanel(ViewerModel& m) {
  if (!ImGui::CollapsingHeader("Selection", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!m.selection) {
    ImGui::TextWrapped("Click a building or lamp to see everything known about it.");
    return;
  }
  const SelectionInfo& s = *m.selection;
  ImGui::Text("%s (row %lld)", s.key.c_str(), (long long)s.row);
  if (ImGui::BeginTable("props", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    for (const auto& [k, v] : s.properties) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(k.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(v.c_str());
    }
    ImGui::EndTable();
  }
  for (const SelectionInfo::Live& l : s.live) {
    ImGui::Text("%s: %.3g", l.name.c_str(), l.value);
    if (l.history.size() > 1)
      ImGui::PlotLines(("##" + l.name).c_str(), l.history.data(), int(l.history.size()), 0, nullptr, FLT_MAX, FLT_MAX,
                       ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight() * 3));
  }
  if (button("Clear selection")) m.requests.clearSelection = true;
}

// A figure in the unit that keeps it short (a city's kWh run to ten digits): `units` for x1, x1000, x1000000.
std::string compact(double v, const char* const (&units)[3]) {
  char buf[64];
  if (std::abs(v) >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2f%s", v / 1e6, units[2]);
  else if (std::abs(v) >= 1e4)
    std::snprintf(buf, sizeof buf, "%.1f%s", v / 1e3, units[1]);
  else
    return thousands(v) + units[0];
  return buf;
}
std::string energyText(double kwh) { return compact(kwh, {" kWh", " MWh", " GWh"}); }
std::string amountText(double v) { return compact(v, {"", " k", " M"}); }

void totalsTable(const Totals& t) {
  if (t.hasFlood)
    ImGui::TextWrapped("Flooded: %zu of %zu buildings, %s m2", t.floodedBuildings, t.buildings,
                       thousands(t.floodedAreaM2).c_str());
  if (t.hasEnergy) {
    ImGui::TextWrapped("Energy use: %s/yr (baseline %s)", energyText(t.energyUseKwh).c_str(),
                       energyText(t.energyBaselineKwh).c_str());
    ImGui::TextWrapped("Rooftop PV: %s/yr, net %s/yr", energyText(t.pvKwh).c_str(), energyText(t.energyNetKwh).c_str());
    ImGui::TextWrapped("Cost %s/yr, CO2 %s t/yr", amountText(t.energyCost).c_str(),
                       thousands(t.energyCo2Kg / 1000.0, 1).c_str());
  }
  if (t.hasLighting) {
    ImGui::TextWrapped("Lighting: %s/yr, %zu lamps (%zu LED)", energyText(t.lightingKwh).c_str(), t.lamps, t.ledLamps);
    ImGui::TextWrapped("Cost %s/yr, CO2 %s t/yr", amountText(t.lightingCost).c_str(),
                       thousands(t.lightingCo2Kg / 1000.0, 1).c_str());
    ImGui::TextWrapped("%s h of darkness a year, %s h of them dimmed", thousands(t.darknessHours).c_str(),
                       thousands(t.dimHours).c_str());
  }
}

void whatIfPanel(ViewerModel& m) {
  if (!ImGui::CollapsingHeader("What if", ImGuiTreeNodeFlags_DefaultOpen)) return;
  std::string group;
  for (const WhatIfInput& in : m.whatifInputs) {
    if (in.group != group) {
      group = in.group;
      ImGui::Separator();
      ImGui::TextDisabled("%s", group.c_str());
    }
    double& v = m.whatif[in.name];
    const bool changed = in.field ? inputDouble(in.name.c_str(), v, (in.max - in.min) / 100.0, in.format)
                                  : sliderDouble(in.name.c_str(), v, in.min, in.max, in.format);
    if (changed) {
      v = std::clamp(v, in.min, in.max);
      m.requests.whatifChanged = true;
    }
  }
  if (m.whatifInputs.empty()) {
    ImGui::TextWrapped(
        "Nothing to change in this scene: the water-level slider needs a flood layer by level over a "
        "terrain, the energy sliders buildings with a floor area, the lighting sliders lamps.");
  } else if (button("Reset what-if")) {
    for (const WhatIfInput& in : m.whatifInputs) m.whatif[in.name] = in.defaultValue;
    m.requests.whatifChanged = true;
  }
  ImGui::Separator();
  ImGui::TextDisabled("Totals");
  totalsTable(m.totals);
}

void scenariosPanel(ViewerModel& m) {
  if (!ImGui::CollapsingHeader("Scenarios", ImGuiTreeNodeFlags_DefaultOpen)) return;
  inputText("Scenario name", m.scenarioName);
  if (button("Save scenario")) m.requests.saveScenario = true;
  for (const std::string& s : m.scenarioNames) {
    const std::string load = "Load##" + s;
    if (button(load.c_str())) m.requests.loadScenario = s;
    ImGui::SameLine();
    ImGui::TextUnformatted(s.c_str());
  }
  if (m.scenarioNames.size() >= 1) {
    ImGui::Separator();
    ImGui::TextDisabled("Compare");
    combo("Compare mode", m.compareMode, {"off", "split", "swipe"});
    combo("Scenario A", m.compareA, m.scenarioNames);
    combo("Scenario B", m.compareB, m.scenarioNames);
    if (m.compareMode == 2) sliderDouble("Swipe", m.compareSplit, 0.0, 1.0);
    if (m.compareMode != 0) {
      const auto rows = diffTotals(m.compareTotalsA, m.compareTotalsB);
      if (ImGui::BeginTable("diff", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
        ImGui::TableSetupColumn("Total");
        ImGui::TableSetupColumn("A");
        ImGui::TableSetupColumn("B");
        ImGui::TableSetupColumn("B - A");
        ImGui::TableHeadersRow();
        for (const TotalsDiff& r : rows) {
          ImGui::TableNextRow();
          ImGui::TableSetColumnIndex(0);
          ImGui::TextUnformatted(r.name.c_str());
          ImGui::TableSetColumnIndex(1);
          ImGui::TextUnformatted(thousands(r.a, 1).c_str());
          ImGui::TableSetColumnIndex(2);
          ImGui::TextUnformatted(thousands(r.b, 1).c_str());
          ImGui::TableSetColumnIndex(3);
          ImGui::TextUnformatted(thousands(r.b - r.a, 1).c_str());
        }
        ImGui::EndTable();
      }
      if (rows.empty()) ImGui::TextUnformatted("The two scenarios' totals are the same.");
      inputText("Compare CSV", m.compareCsvPath);
      if (button("Export comparison CSV")) m.requests.exportCompareCsv = true;
    }
  }
}

void screenshotPanel(ViewerModel& m) {
  if (!ImGui::CollapsingHeader("Screenshot")) return;
  inputText("Screenshot file", m.screenshotPath);
  double w = m.screenshotWidth, h = m.screenshotHeight;
  if (inputDouble("Width (0: window)", w, 1.0, "%.0f")) m.screenshotWidth = int(std::clamp(w, 0.0, 16384.0));
  if (inputDouble("Height (0: window)", h, 1.0, "%.0f")) m.screenshotHeight = int(std::clamp(h, 0.0, 16384.0));
  if (button("Save screenshot")) m.requests.screenshot = true;
  ImGui::TextDisabled("Key: F12");
}

void statsPanel(const ViewerModel& m) {
  if (!ImGui::CollapsingHeader("Render stats", ImGuiTreeNodeFlags_DefaultOpen)) return;
  const FrameStatsView& s = m.stats;
  ImGui::Text("Frame %.1f ms (%.1f fps), render %.1f ms", s.frameMs, s.fps, s.renderMs);
  ImGui::Text("Scale %.2f, %u samples%s", s.scale, s.samples, s.refining ? " (moving: reduced)" : "");
  ImGui::Text("%u draws, %s triangles", s.drawCalls, thousands(double(s.triangles)).c_str());
  ImGui::Text("GPU memory %.1f MiB", double(s.gpuBytes) / (1024.0 * 1024.0));
  if (s.coarseFrom > 0)
    ImGui::TextWrapped("While moving: %s triangles of large meshes drawn as %s",
                       thousands(double(s.coarseFrom)).c_str(), thousands(double(s.coarseTo)).c_str());
}

// Compare: which scenario is on which side of the divider, at the top of the view.
void compareLabels(const ViewerModel& m, float width) {
  const int n = int(m.scenarioNames.size());
  if (m.compareMode == 0 || m.compareA >= n || m.compareB >= n) return;
  const bool middle = m.compareMode == 1 || !std::isfinite(m.compareSplit);
  const float x = (middle ? 0.5f : float(std::clamp(m.compareSplit, 0.0, 1.0))) * width;
  const std::string a = "A: " + m.scenarioNames[size_t(m.compareA)];
  const std::string b = "B: " + m.scenarioNames[size_t(m.compareB)];
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const float pad = 6.0f * m.uiScale, y = 8.0f * m.uiScale;
  const ImVec2 sa = ImGui::CalcTextSize(a.c_str()), sb = ImGui::CalcTextSize(b.c_str());
  const ImVec2 pa(x - pad * 2 - sa.x, y), pb(x + pad * 2, y);
  const ImU32 bg = IM_COL32(0, 0, 0, 170), fg = IM_COL32(255, 255, 255, 255);
  dl->AddRectFilled(ImVec2(pa.x - pad, pa.y - pad / 2), ImVec2(pa.x + sa.x + pad, pa.y + sa.y + pad / 2), bg, pad);
  dl->AddRectFilled(ImVec2(pb.x - pad, pb.y - pad / 2), ImVec2(pb.x + sb.x + pad, pb.y + sb.y + pad / 2), bg, pad);
  dl->AddText(pa, fg, a.c_str());
  dl->AddText(pb, fg, b.c_str());
}

}  // namespace

void drawInspector(ViewerModel& m, float width, float height) {
  compareLabels(m, width);
  if (!m.panelsVisible) return;
  const float panelWidth = std::min(width * 0.3f, 440.0f * m.uiScale);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(panelWidth, height));
  ImGui::SetNextWindowBgAlpha(0.82f);
  if (ImGui::Begin("Inspector", nullptr, kPanelFlags)) {
    ImGui::PushItemWidth(panelWidth * 0.42f);  // room for the labels
    scenePanel(m);
    layersPanel(m);
    timePanel(m);
    selectionPanel(m);
    ImGui::PopItemWidth();
  }
  ImGui::End();
  ImGui::SetNextWindowPos(ImVec2(width - panelWidth, 0));
  ImGui::SetNextWindowSize(ImVec2(panelWidth, height));
  ImGui::SetNextWindowBgAlpha(0.82f);
  if (ImGui::Begin("What if and scenarios", nullptr, kPanelFlags)) {
    ImGui::PushItemWidth(panelWidth * 0.38f);
    whatIfPanel(m);
    scenariosPanel(m);
    screenshotPanel(m);
    statsPanel(m);
    if (!m.messages.empty()) {
      ImGui::Separator();
      ImGui::TextDisabled("Messages");
      const size_t first = m.messages.size() > 6 ? m.messages.size() - 6 : 0;
      for (size_t i = first; i < m.messages.size(); ++i) ImGui::TextWrapped("%s", m.messages[i].c_str());
    }
    ImGui::PopItemWidth();
  }
  ImGui::End();
}

}  // namespace ct::ui
