// Inspector widgets that scripts can drive by label: a scripted "set" or "press" addressed to a widget's label is
// applied when that widget is drawn, exactly as if the user had moved the slider or clicked the button.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace ct::ui {

struct WidgetAction {
  std::string widget;                      // the label ("Water level (m)", or "Visible##Energy use")
  std::variant<double, std::string> value; // set: a number (sliders, checkboxes: 0/1) or text (fields, combos)
  bool press = false;                      // press a button instead of setting a value
  bool done = false;
  std::string error;                       // the widget exists but refused the value
};

// The actions of the current frame. Widgets look themselves up here by label (the full label, or the part
// before "##" when the script gives no "##").
class WidgetScript {
 public:
  void add(WidgetAction action) { mActions.push_back(std::move(action)); }
  WidgetAction* find(const std::string& label);
  // Actions no widget consumed this frame (the caller reports them), then cleared.
  std::vector<WidgetAction> finishFrame();
  bool empty() const { return mActions.empty(); }

 private:
  std::vector<WidgetAction> mActions;
};

// The current frame's script (nullptr: none). Set by the viewer around the panels.
void setWidgetScript(WidgetScript* script);

// Dear ImGui widgets with the script applied. Each returns true when the value changed this frame.
bool sliderDouble(const char* label, double& value, double min, double max, const char* format = "%.2f");
bool inputDouble(const char* label, double& value, double step, const char* format = "%.3f");
bool checkbox(const char* label, bool& value);
bool inputText(const char* label, std::string& value);
bool combo(const char* label, int& index, const std::vector<std::string>& items);
bool button(const char* label);

}  // namespace ct::ui
