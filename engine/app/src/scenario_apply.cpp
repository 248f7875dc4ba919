// Scenario settings onto layer props and what-if values (render --scenario and the viewer share them).
#include "scenario_apply.h"

#include <algorithm>
#include <cmath>

namespace ct::app {

const std::vector<std::string> kRamps = {"scene", "viridis", "magma", "rdbu"};

void applyLayerState(layers::LayerProps& props, const scene::LayerState& state) {
  if (auto* c = std::get_if<layers::ColorLayerProps>(&props)) {
    c->visible = state.visible;
    c->opacity = float(std::clamp(state.opacity, 0.0, 1.0));
    const bool known = std::find(kRamps.begin() + 1, kRamps.end(), state.ramp) != kRamps.end();
    if (known && c->ramp != "categorical") {
      c->ramp = state.ramp;
      c->stops.clear();
    }
    if (state.domain && (*state.domain)[0] < (*state.domain)[1]) {
      c->domainMin = (*state.domain)[0];
      c->domainMax = (*state.domain)[1];
    }
  } else if (auto* l = std::get_if<layers::LightsLayerProps>(&props)) {
    l->visible = state.visible;
  }
}

void applyLayerStates(Twin& twin, const std::vector<scene::LayerState>& states) {
  std::vector<layers::LayerProps> props = twin.layerManager().props();
  for (const scene::LayerState& s : states)
    for (layers::LayerProps& p : props)
      if (layers::layerId(p) == s.name) applyLayerState(p, s);
  twin.layerManager().setProps(std::move(props));
}

std::map<std::string, double> scenarioWhatIf(const WhatIf& whatIf, std::map<std::string, double> base,
                                             const std::map<std::string, double>& values,
                                             std::vector<std::string>* ignored) {
  for (const auto& [name, value] : values) {
    const auto& inputs = whatIf.inputs();
    auto in = std::find_if(inputs.begin(), inputs.end(), [&](const ui::WhatIfInput& i) { return i.name == name; });
    if (in == inputs.end() || !std::isfinite(value)) {
      if (ignored) ignored->push_back(name);
      continue;
    }
    base[name] = std::clamp(value, in->min, in->max);
  }
  return base;
}

}  // namespace ct::app
