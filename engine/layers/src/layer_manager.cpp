// LayerManager: props diffing by id, lazy re-evaluation, composition of colour layers, lights, legends.
#include "layers/layer_manager.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace ct::layers {

struct LayerManager::Held {
  LayerProps props;
  bool dirty = true;
  const ValueTable* source = nullptr;
  uint64_t sourceVersion = 0;
  uint64_t featuresVersion = 0;
  LayerStatus status;
  // Colour layers.
  bool hasOutput = false;
  ColorLayerOutput output;
  // Lights layers.
  uint64_t lampsVersion = 0;
  const std::vector<LampInput>* lamps = nullptr;
  bool night = false;
  std::vector<LampLight> lights;
};

namespace {

// Props equal apart from visibility: the layer's results stay valid.
bool sameButVisibility(const LayerProps& a, const LayerProps& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& pa) {
        using T = std::decay_t<decltype(pa)>;
        T pb = std::get<T>(b);
        pb.visible = pa.visible;
        return pa == pb;
      },
      a);
}

const ValueTable* findSource(const LayerInputs& in, const std::string& name) {
  auto it = in.sources.find(name);
  return it == in.sources.end() ? nullptr : it->second;
}

}  // namespace

void LayerManager::setProps(std::vector<LayerProps> props) {
  // Duplicate ids: the later one wins.
  std::vector<LayerProps> unique;
  std::set<std::string> seen;
  std::set<std::string> duplicated;
  for (auto it = props.rbegin(); it != props.rend(); ++it) {
    if (seen.insert(layerId(*it)).second)
      unique.push_back(std::move(*it));
    else
      duplicated.insert(layerId(*it));
  }
  std::reverse(unique.begin(), unique.end());

  std::map<std::string, std::shared_ptr<Held>> held;
  bool orderChanged = unique.size() != mProps.size();
  for (size_t i = 0; i < unique.size(); ++i) {
    const LayerProps& p = unique[i];
    const std::string& id = layerId(p);
    if (!orderChanged && layerId(mProps[i]) != id) orderChanged = true;
    auto old = mHeld.find(id);
    std::shared_ptr<Held> h;
    if (old != mHeld.end() && sameButVisibility(old->second->props, p)) {
      h = old->second;
      if (layerVisible(h->props) != layerVisible(p)) orderChanged = true;
    } else {
      h = std::make_shared<Held>();
      h->status.evaluations = old != mHeld.end() ? old->second->status.evaluations : 0;
      orderChanged = true;  // a new or changed layer changes the composition once evaluated
    }
    h->props = p;
    h->status.id = id;
    h->status.kind = layerKind(p);
    h->status.visible = layerVisible(p);
    if (duplicated.count(id)) h->status.warnings.push_back("layer id \"" + id + "\" given more than once: the last one is used");
    held[id] = h;
  }
  mHeld = std::move(held);
  mProps = std::move(unique);
  if (orderChanged) mOrderDirty = true;
}

bool LayerManager::update(const LayerInputs& in) {
  static const scene::FeatureTable kNoFeatures;
  const scene::FeatureTable& features = in.features ? *in.features : kNoFeatures;
  bool featuresChanged = in.featuresVersion != mFeaturesVersion || features.size() != mFeatureCount;
  mFeaturesVersion = in.featuresVersion;
  mFeatureCount = features.size();

  bool recompose = mOrderDirty || featuresChanged;
  bool lightsChanged = false;
  for (const LayerProps& p : mProps) {
    Held& h = *mHeld.at(layerId(p));
    if (!layerVisible(p)) continue;  // hidden: nothing computed; results (if any) wait for it to come back
    if (const auto* color = std::get_if<ColorLayerProps>(&p)) {
      const ValueTable* src = usesFeatureProperties(*color) ? nullptr : findSource(in, color->source);
      uint64_t srcVersion = src ? src->version() : 0;
      bool stale = h.dirty || featuresChanged || src != h.source || srcVersion != h.sourceVersion;
      if (!stale) continue;
      h.dirty = false;
      h.source = src;
      h.sourceVersion = srcVersion;
      ++h.status.evaluations;
      ++mEvaluations;
      auto result = evaluateColorLayer(*color, features, src);
      h.status.errors = result.errors();
      h.status.warnings = result.warnings();
      h.hasOutput = result.ok();
      if (result.ok()) {
        h.output = std::move(result.value());
        h.status.stats = h.output.stats;
      } else {
        h.output = {};
        h.status.stats = {};
      }
      recompose = true;
    } else if (const auto* lights = std::get_if<LightsLayerProps>(&p)) {
      const ValueTable* src = lights->source.empty() ? nullptr : findSource(in, lights->source);
      uint64_t srcVersion = src ? src->version() : 0;
      bool night = lampsOnAt(in.sunElevationDeg, *lights);
      bool stale = h.dirty || src != h.source || srcVersion != h.sourceVersion || in.lamps != h.lamps ||
                   in.lampsVersion != h.lampsVersion || night != h.night;
      if (!stale) continue;
      h.dirty = false;
      h.source = src;
      h.sourceVersion = srcVersion;
      h.lamps = in.lamps;
      h.lampsVersion = in.lampsVersion;
      h.night = night;
      ++h.status.evaluations;
      ++mEvaluations;
      h.status.errors.clear();
      if (!lights->source.empty() && !src)
        h.status.errors.push_back("layer \"" + lights->id + "\": no data source named \"" + lights->source + "\"");
      static const std::vector<LampInput> kNoLamps;
      h.lights = evaluateLights(*lights, in.lamps ? *in.lamps : kNoLamps, in.sunElevationDeg, src);
      h.status.lightsOn = size_t(std::count_if(h.lights.begin(), h.lights.end(), [](const LampLight& l) { return l.on; }));
      lightsChanged = true;
    }
  }
  if (mOrderDirty) lightsChanged = true;  // a lights layer may have been hidden, shown or removed
  if (lightsChanged) {
    mLights.clear();
    for (const LayerProps& p : mProps) {
      if (!layerVisible(p) || !std::holds_alternative<LightsLayerProps>(p)) continue;
      const auto& l = mHeld.at(layerId(p))->lights;
      mLights.insert(mLights.end(), l.begin(), l.end());
    }
  }
  uint64_t before = mVisuals.version();
  if (recompose) compose(features.size());
  mOrderDirty = false;
  return lightsChanged || mVisuals.version() != before;
}

void LayerManager::compose(size_t featureCount) {
  std::vector<FeatureVisual> out(featureCount);
  for (const LayerProps& p : mProps) {
    if (!layerVisible(p) || !std::holds_alternative<ColorLayerProps>(p)) continue;
    const Held& h = *mHeld.at(layerId(p));
    if (!h.hasOutput || h.output.rows.size() != featureCount) continue;
    for (size_t i = 0; i < featureCount; ++i) {
      const FeatureVisual& v = h.output.rows[i];
      // A later layer covers a feature where it has a value or shows a (non-transparent) no-data colour.
      if (!(v.flags & FeatureVisual::kNoData) || v.color.a > 0.0f) out[i] = v;
    }
  }
  // Bits other parts own (selection, flooding) survive recomposition.
  constexpr uint32_t kKept = FeatureVisual::kSelected | FeatureVisual::kFlooded;
  if (mVisuals.size() == featureCount)
    for (size_t i = 0; i < featureCount; ++i) out[i].flags |= mVisuals[i].flags & kKept;
  mVisuals.assign(out);
}

std::vector<Legend> LayerManager::legends() const {
  std::vector<Legend> out;
  for (const LayerProps& p : mProps) {
    if (!layerVisible(p)) continue;
    const Held& h = *mHeld.at(layerId(p));
    if (const auto* c = std::get_if<ColorLayerProps>(&p)) {
      if (!h.hasOutput) continue;
      std::string title = c->title.empty() ? c->field : c->title;
      const Ramp& r = h.output.ramp;
      if (r.categoricalKind()) {
        std::vector<std::string> labels = h.output.classes;
        if (labels.empty())  // numeric classes: label by class number
          for (size_t i = 0; i < r.stops().size(); ++i) labels.push_back(std::to_string(i));
        out.push_back(classLegend(title, c->units, r, labels));
      } else {
        out.push_back(rampLegend(title, c->units, r));
      }
    } else if (const auto* l = std::get_if<LightsLayerProps>(&p)) {
      // Lamp colours by type at their default colour temperatures (sRGB of the linear light colour).
      Ramp r = Ramp::categorical(
          {Srgb(linearToSrgb(colorTemperatureToLinearRgb(l->ledCct)) * 255.0f, 255.0f),
           Srgb(linearToSrgb(colorTemperatureToLinearRgb(l->sodiumCct)) * 255.0f, 255.0f)});
      out.push_back(classLegend(l->title, l->units, r,
                                {"LED " + formatTick(l->ledCct) + " K", "sodium " + formatTick(l->sodiumCct) + " K"},
                                false));
    } else if (const auto* f = std::get_if<FloodLayerProps>(&p)) {
      auto c = parseColor(f->color);
      Ramp r = Ramp::categorical({c ? c.value() : Srgb(47, 111, 176, 255)});
      out.push_back(classLegend(f->title, f->units, r, {"water at " + formatTick(f->level) + " m"}, false));
    } else if (const auto* o = std::get_if<OverlayLayerProps>(&p)) {
      auto r = buildRamp(o->id, o->ramp, o->stops, o->domainMin, o->domainMax, o->noData);
      if (r) out.push_back(rampLegend(o->title, o->units, r.value(), false));
    } else if (const auto* z = std::get_if<ZonesLayerProps>(&p)) {
      auto r = buildRamp(z->id, z->ramp, z->stops, z->domainMin, z->domainMax, z->noData);
      if (!r) continue;
      std::string title = z->title.empty() ? z->field : z->title;
      if (r->categoricalKind())
        out.push_back(classLegend(title, z->units, r.value(), z->categories));
      else
        out.push_back(rampLegend(title, z->units, r.value()));
    }
  }
  return out;
}

const LayerStatus* LayerManager::status(const std::string& id) const {
  auto it = mHeld.find(id);
  return it == mHeld.end() ? nullptr : &it->second->status;
}

}  // namespace ct::layers
