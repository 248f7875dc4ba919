// A saved scenario applied to a twin without a window (render --scenario) and by the viewer alike, so that what
// the window shows for a scenario renders headless from the scene file pixel for pixel.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "layers/layer.h"
#include "scene/scenario.h"
#include "viewer_whatif.h"

namespace ct::app {

// The ramps a colour layer can be switched to ("scene": the layer's own).
extern const std::vector<std::string> kRamps;

// One layer's saved settings on its props: visibility (colour and lights layers), opacity, a named ramp (colour
// layers that are not categorical; "scene" or a name not in kRamps keeps the layer's own), a domain (min < max).
void applyLayerState(layers::LayerProps& props, const scene::LayerState& state);
// Every layer the scenario names; the others keep their props.
void applyLayerStates(Twin& twin, const std::vector<scene::LayerState>& states);
// The what-if values: `base` with the scenario's over it, each clamped to its input's range; names this scene
// has no input for are left out and listed in `ignored`.
std::map<std::string, double> scenarioWhatIf(const WhatIf& whatIf, std::map<std::string, double> base,
                                             const std::map<std::string, double>& values,
                                             std::vector<std::string>* ignored = nullptr);

}  // namespace ct::app
