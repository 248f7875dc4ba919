// Colour layer evaluation: feature rows -> values (source table or feature properties) -> ramp -> visuals.
#include "layers/color_layer.h"

#include "layers/legend.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace ct::layers {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A text that is a whole number ("12", " 3.5 ") as a number; used when a continuous ramp meets text cells
// (CSV columns arrive as text when a row is odd).
std::optional<double> textNumber(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (t.empty()) return std::nullopt;
  double v = 0.0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

// One feature's value: a number, a text, or nothing.
struct FeatureValue {
  Cell::State state = Cell::State::NoKey;
  double number = 0.0;
  std::string text;
};

FeatureValue fromProperty(const scene::PropertyValue& p) {
  FeatureValue v;
  v.state = Cell::State::NoValue;
  if (auto b = std::get_if<bool>(&p)) {
    v.state = Cell::State::Number;
    v.number = *b ? 1.0 : 0.0;
  } else if (auto i = std::get_if<int64_t>(&p)) {
    v.state = Cell::State::Number;
    v.number = double(*i);
  } else if (auto d = std::get_if<double>(&p)) {
    v.state = Cell::State::Number;
    v.number = *d;
  } else if (auto s = std::get_if<std::string>(&p)) {
    v.state = Cell::State::Text;
    v.text = *s;
  }
  return v;
}

}  // namespace

bool usesFeatureProperties(const ColorLayerProps& props) {
  return props.source.empty() || props.source == kFeaturesSource;
}

const char* layerKind(const LayerProps& p) {
  static const char* const kinds[] = {"color", "lights", "flood", "overlay", "zones"};
  return kinds[p.index()];
}

Result<Ramp> buildRamp(const std::string& layerId, const std::string& rampName, const std::vector<std::string>& stops,
                       double domainMin, double domainMax, const std::string& noData) {
  std::string where = "layer \"" + layerId + "\": ";
  Result<Ramp> ramp = stops.empty() ? Ramp::named(rampName, domainMin, domainMax)
                                    : Ramp::fromStopStrings(stops, domainMin, domainMax);
  if (ramp && !stops.empty() && rampName == "categorical") {  // class colours, one per class, not interpolated
    std::vector<Srgb> colors;
    for (const Ramp::Stop& s : ramp->stops()) colors.push_back(s.color);
    ramp = Result<Ramp>::ok(Ramp::categorical(colors));
  }
  if (!ramp) return Result<Ramp>::fail(where + ramp.firstError());
  auto nd = parseColor(noData);
  if (!nd) return Result<Ramp>::fail(where + "no_data: " + nd.firstError());
  ramp->setNoData(nd.value());
  return ramp;
}

Result<ColorLayerOutput> evaluateColorLayer(const ColorLayerProps& props, const scene::FeatureTable& features,
                                            const ValueTable* source) {
  Diagnostics diag;
  std::string where = "layer \"" + props.id + "\": ";
  auto ramp = buildRamp(props.id, props.ramp, props.stops, props.domainMin, props.domainMax, props.noData);
  if (!ramp) return Result<ColorLayerOutput>::fail(ramp.firstError());
  bool fromFeatures = usesFeatureProperties(props);
  if (!fromFeatures && !source)
    return Result<ColorLayerOutput>::fail(where + "no data source named \"" + props.source + "\"");
  if (props.field.empty()) diag.warn(where + "no field: every feature has no data");

  const size_t n = features.size();
  // Gather values first: categorical text classes need the whole set before colours are assigned.
  std::vector<FeatureValue> values(n);
  const scene::PropertyColumn* column = nullptr;
  if (fromFeatures) {
    column = features.column(props.field);
    if (!column && !props.field.empty())
      diag.warn(where + "the features have no property \"" + props.field + "\": every feature has no data");
  }
  ColorLayerOutput out;
  size_t keysFound = 0;
  for (size_t row = 0; row < n; ++row) {
    if (fromFeatures) {
      values[row] = column && row < column->values.size() ? fromProperty(column->values[row]) : FeatureValue{Cell::State::NoValue};
    } else {
      Cell c = source->get(features.key(row), props.field);
      values[row].state = c.state;
      values[row].number = c.number;
      if (c.state == Cell::State::Text) values[row].text = std::string(c.text);
    }
    if (values[row].state != Cell::State::NoKey) ++keysFound;
  }
  if (!fromFeatures && source->keyCount() > keysFound) out.stats.unmatchedKeys = source->keyCount() - keysFound;

  const Ramp& r = ramp.value();
  // Categorical text classes: the props' list, else the distinct texts sorted (stable across reloads).
  std::map<std::string, int64_t, std::less<>> classOf;
  if (r.categoricalKind()) {
    std::vector<std::string> classes = props.categories;
    if (classes.empty()) {
      std::set<std::string> distinct;
      for (const auto& v : values)
        if (v.state == Cell::State::Text) distinct.insert(v.text);
      classes.assign(distinct.begin(), distinct.end());
    }
    for (size_t i = 0; i < classes.size(); ++i) classOf.emplace(classes[i], int64_t(i));
    out.classes = classes;
  }

  const uint32_t baseFlags = props.unlit ? FeatureVisual::kUnlit : 0u;
  const glm::vec4 noData = r.noData() / 255.0f;
  out.rows.resize(n);
  for (size_t row = 0; row < n; ++row) {
    const FeatureValue& v = values[row];
    double x = kNaN;
    if (v.state == Cell::State::Number && !(r.categoricalKind() && !classOf.empty())) {
      x = v.number;
    } else if (v.state == Cell::State::Number) {
      // Numeric classes listed by the props (e.g. years): the class whose label is this number.
      auto it = classOf.find(formatTick(v.number));
      if (it != classOf.end()) x = double(it->second);
    } else if (v.state == Cell::State::Text) {
      if (r.categoricalKind()) {
        auto it = classOf.find(v.text);
        if (it != classOf.end()) x = double(it->second);
      } else if (auto num = textNumber(v.text)) {
        x = *num;
      }
    }
    FeatureVisual& fv = out.rows[row];
    if (std::isnan(x)) {
      fv.color = glm::vec4(glm::vec3(noData), noData.a * props.opacity);
      fv.value = float(kNaN);
      fv.flags = baseFlags | FeatureVisual::kNoData;
      if (v.state == Cell::State::NoKey)
        ++out.stats.missing;
      else
        ++out.stats.noValue;
    } else {
      glm::vec4 c = r.sample(x) / 255.0f;
      fv.color = glm::vec4(glm::vec3(c), c.a * props.opacity);
      fv.value = float(x);
      fv.flags = baseFlags;
      ++out.stats.matched;
    }
  }
  out.ramp = r;
  return Result<ColorLayerOutput>::fromDiagnostics(std::move(diag), std::move(out));
}

}  // namespace ct::layers
