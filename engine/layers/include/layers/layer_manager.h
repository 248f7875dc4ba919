// The layer manager: holds layers by id, diffs new props by id (only changed layers are dirty), recomputes
// dirty layers or those whose inputs changed, and composes colour layers (later over earlier) into one
// FeatureVisuals array for the renderer; lights layers become LampLights.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "layers/color_layer.h"
#include "layers/feature_visuals.h"
#include "layers/layer.h"
#include "layers/legend.h"
#include "layers/lights_layer.h"
#include "layers/value_table.h"
#include "scene/feature_table.h"

namespace ct::layers {

struct LayerInputs {
  const scene::FeatureTable* features = nullptr;
  uint64_t featuresVersion = 0;  // bump when the feature table changes
  std::map<std::string, const ValueTable*> sources;  // by source name
  const std::vector<LampInput>* lamps = nullptr;
  uint64_t lampsVersion = 0;
  double sunElevationDeg = 90.0;
};

struct LayerStatus {
  std::string id;
  std::string kind;
  bool visible = true;
  uint64_t evaluations = 0;  // how often this layer was recomputed
  ColorLayerStats stats;     // colour layers
  size_t lightsOn = 0;       // lights layers
  std::vector<std::string> errors, warnings;  // of the last evaluation
};

class LayerManager {
 public:
  // The new layer list, in drawing order (later layers override earlier ones). Layers whose props are equal to
  // the held ones (same id) keep their results; new or changed ones become dirty; missing ones are dropped.
  // Duplicate ids: the later one wins (a warning in its status).
  void setProps(std::vector<LayerProps> props);
  const std::vector<LayerProps>& props() const { return mProps; }

  // Recomputes dirty layers and those whose source, features or lamps changed; recomposes the per-feature
  // visuals when any colour layer's output or the order/visibility changed. True when visuals or lights changed.
  bool update(const LayerInputs& inputs);

  FeatureVisuals& visuals() { return mVisuals; }
  const FeatureVisuals& visuals() const { return mVisuals; }
  const std::vector<LampLight>& lights() const { return mLights; }
  // One legend per visible layer with a ramp or classes, in layer order.
  std::vector<Legend> legends() const;
  const LayerStatus* status(const std::string& id) const;
  // Layer evaluations since construction (what tests count to see that only changed layers recompute).
  uint64_t evaluations() const { return mEvaluations; }

 private:
  struct Held;
  void compose(size_t featureCount);

  std::vector<LayerProps> mProps;
  std::map<std::string, std::shared_ptr<Held>> mHeld;
  bool mOrderDirty = true;
  FeatureVisuals mVisuals;
  std::vector<LampLight> mLights;
  uint64_t mEvaluations = 0;
  uint64_t mFeaturesVersion = ~0ull;
  size_t mFeatureCount = 0;
};

}  // namespace ct::layers
