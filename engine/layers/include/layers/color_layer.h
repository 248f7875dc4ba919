// Evaluation of a colour layer: for each feature row (scene::FeatureTable order) the value of the layer's field
// from its source (or the feature table's own properties), through the ramp, into FeatureVisuals.
#pragma once
#include <string>
#include <vector>

#include "core/result.h"
#include "layers/color_ramp.h"
#include "layers/feature_visuals.h"
#include "layers/layer.h"
#include "layers/value_table.h"
#include "scene/feature_table.h"

namespace ct::layers {

struct ColorLayerStats {
  size_t matched = 0;        // features with a value
  size_t noValue = 0;        // features whose key the source has, without a value in the field
  size_t missing = 0;        // features whose key the source lacks
  size_t unmatchedKeys = 0;  // source keys that name no feature (unknown for function tables: 0)
  size_t noData() const { return noValue + missing; }
};

struct ColorLayerOutput {
  std::vector<FeatureVisual> rows;  // one per feature row; every row is covered (value or no-data colour)
  ColorLayerStats stats;
  Ramp ramp;                        // as built from the props (with its no-data colour)
  std::vector<std::string> classes; // categorical: the class labels in class order
};

// The ramp a colour (or overlay/zones) layer's props describe: explicit stops over the domain, else the named
// ramp; the no-data colour set. Errors name the layer and the bad colour or ramp.
Result<Ramp> buildRamp(const std::string& layerId, const std::string& rampName,
                       const std::vector<std::string>& stops, double domainMin, double domainMax,
                       const std::string& noData);

// `source` may be null when props.source is "" or "features" (values then come from `features`'s columns).
// A named source that is missing is an error; a missing feature property a warning (everything no data).
Result<ColorLayerOutput> evaluateColorLayer(const ColorLayerProps& props, const scene::FeatureTable& features,
                                            const ValueTable* source);

bool usesFeatureProperties(const ColorLayerProps& props);

}  // namespace ct::layers
