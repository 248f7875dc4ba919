#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <imgui.h>

namespace ct::ui {
namespace {
WidgetScript* gScript = nullptr;

std::string visiblePart(const std::string& label) {
  const size_t hash = label.find("##");
  return hash == std::string::npos ? label : label.substr(0, hash);
}

// The pending action for this widget, if any.
WidgetAction* pending(const char* label) { return gScript ? gScript->find(label) : nullptr; }

bool takeNumber(WidgetAction* a, double& out) {
  if (const double* d = std::get_if<double>(&a->value)) {
    if (!std::isfinite(*d)) {
      a->error = "not a finite number";
      return false;
    }
    out = *d;
    return true;
  }
  a->error = "expects a number";
  return false;
}
}  // namespace

WidgetAction* WidgetScript::find(const std::string& label) {
  for (WidgetAction& a : mActions) {
    if (a.done) continue;
    const bool qualified = a.widget.find("##") != std::string::npos;
    if (qualified ? a.widget == label : a.widget == visiblePart(label)) return &a;
  }
  return nullptr;
}

std::vector<WidgetAction> WidgetScript::finishFrame() {
  std::vector<WidgetAction> left;
  for (WidgetAction& a : mActions)
    if (!a.done || !a.error.empty()) left.push_back(std::move(a));
  mActions.clear();
  return left;
}

void setWidgetScript(WidgetScript* script) { gScript = script; }

bool sliderDouble(const char* label, double& value, double min, double max, const char* format) {
  bool changed = ImGui::SliderScalar(label, ImGuiDataType_Double, &value, &min, &max, format);
  if (WidgetAction* a = pending(label); a && !a->press) {
    a->done = true;
    double v;
    if (takeNumber(a, v)) {
      if (v < min || v > max) {
        a->error = "out of range";
      } else {
        changed = changed || v != value;
        value = v;
      }
    }
  }
  return changed;
}

bool inputDouble(const char* label, double& value, double step, const char* format) {
  bool changed = ImGui::InputDouble(label, &value, step, step * 10.0, format);
  if (!std::isfinite(value)) value = 0.0;
  if (WidgetAction* a = pending(label); a && !a->press) {
    a->done = true;
    double v;
    if (takeNumber(a, v)) {
      changed = changed || v != value;
      value = v;
    }
  }
  return changed;
}

bool checkbox(const char* label, bool& value) {
  bool changed = ImGui::Checkbox(label, &value);
  if (WidgetAction* a = pending(label); a && !a->press) {
    a->done = true;
    double v;
    if (takeNumber(a, v)) {
      changed = changed || (v != 0.0) != value;
      value = v != 0.0;
    }
  }
  return changed;
}

bool inputText(const char* label, std::string& value) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, "%s", value.c_str());
  bool changed = ImGui::InputText(label, buffer, sizeof buffer);
  if (changed) value = buffer;
  if (WidgetAction* a = pending(label); a && !a->press) {
    a->done = true;
    if (const std::string* s = std::get_if<std::string>(&a->value)) {
      if (s->size() >= sizeof buffer) {
        a->error = "text longer than 255 bytes";
      } else {
        changed = changed || *s != value;
        value = *s;
      }
    } else {
      a->error = "expects text";
    }
  }
  return changed;
}

bool combo(const char* label, int& index, const std::vector<std::string>& items) {
  bool changed = false;
  const char* preview = index >= 0 && size_t(index) < items.size() ? items[size_t(index)].c_str() : "";
  if (ImGui::BeginCombo(label, preview)) {
    for (size_t i = 0; i < items.size(); ++i)
      if (ImGui::Selectable(items[i].c_str(), int(i) == index)) {
        changed = int(i) != index;
        index = int(i);
      }
    ImGui::EndCombo();
  }
  if (WidgetAction* a = pending(label); a && !a->press) {
    a->done = true;
    if (const std::string* s = std::get_if<std::string>(&a->value)) {
      auto it = std::find(items.begin(), items.end(), *s);
      if (it == items.end()) {
        a->error = "no item '" + *s + "'";
      } else {
        changed = changed || int(it - items.begin()) != index;
        index = int(it - items.begin());
      }
    } else {
      a->error = "expects the item's text";
    }
  }
  return changed;
}

bool button(const char* label) {
  bool pressed = ImGui::Button(label);
  if (WidgetAction* a = pending(label); a && a->press) {
    a->done = true;
    pressed = true;
  }
  return pressed;
}

}  // namespace ct::ui
