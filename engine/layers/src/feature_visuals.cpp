// FeatureVisuals: the per-feature array, its version and dirty range, and the live-update fast path.
#include "layers/feature_visuals.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "layers/color_ramp.h"

namespace ct::layers {

bool FeatureVisual::operator==(const FeatureVisual& o) const {
  // Bitwise, so that NaN values compare equal to themselves and a change is never missed or invented.
  return std::memcmp(this, &o, sizeof(FeatureVisual)) == 0;
}

void FeatureVisuals::resize(size_t rows) {
  mRows.resize(rows);
  mDirty = {0, rows};
  ++mVersion;
}

void FeatureVisuals::markDirty(size_t begin, size_t end) {
  end = std::min(end, mRows.size());
  if (begin >= end) return;
  if (mDirty.empty()) {
    mDirty = {begin, end};
  } else {
    mDirty.begin = std::min(mDirty.begin, begin);
    mDirty.end = std::max(mDirty.end, end);
  }
  ++mVersion;
}

void FeatureVisuals::set(size_t row, const FeatureVisual& v) {
  if (row >= mRows.size() || mRows[row] == v) return;
  mRows[row] = v;
  markDirty(row, row + 1);
}

void FeatureVisuals::assign(std::span<const FeatureVisual> rows) {
  if (rows.size() != mRows.size()) {
    mRows.assign(rows.begin(), rows.end());
    mDirty = {0, mRows.size()};
    ++mVersion;
    return;
  }
  size_t first = rows.size(), last = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!(mRows[i] == rows[i])) {
      first = std::min(first, i);
      last = i + 1;
    }
  }
  if (first >= last) return;
  std::copy(rows.begin() + ptrdiff_t(first), rows.begin() + ptrdiff_t(last), mRows.begin() + ptrdiff_t(first));
  markDirty(first, last);
}

namespace {

// The ramp prepared for the hot loop: stop colours already 0..1, the segment found by one multiply for evenly
// spaced stops (every ramp fromStops and named() make); anything else goes through Ramp::sample.
struct FastRamp {
  explicit FastRamp(const Ramp& ramp) : ramp(ramp) {
    const auto& stops = ramp.stops();
    even = !ramp.categoricalKind() && stops.size() >= 2;
    for (size_t i = 1; even && i + 1 < stops.size(); ++i) {
      double step = (stops.back().position - stops.front().position) / double(stops.size() - 1);
      even = std::abs(stops[i].position - (stops.front().position + step * double(i))) <= 1e-9 * std::abs(step);
    }
    if (!even || !(stops.back().position > stops.front().position)) {
      even = false;
      return;
    }
    for (const auto& s : stops) colors.push_back(s.color / 255.0f);
    d0 = float(stops.front().position);
    scale = float(double(stops.size() - 1) / (stops.back().position - stops.front().position));
    segments = int(stops.size() - 1);
  }
  // Float math on purpose: the values arrive as floats, and this loop runs a million times a frame.
  glm::vec4 sample(float value) const {
    if (!even) return ramp.sample(double(value)) * (1.0f / 255.0f);
    float u = std::clamp((value - d0) * scale, 0.0f, float(segments));
    int i = std::min(int(u), segments - 1);
    float t = u - float(i);
    return colors[size_t(i)] + (colors[size_t(i) + 1] - colors[size_t(i)]) * t;
  }
  const Ramp& ramp;
  bool even = false;
  float d0 = 0.0f, scale = 0.0f;
  int segments = 0;
  std::vector<glm::vec4> colors;
};

}  // namespace

size_t FeatureVisuals::applyValues(std::span<const uint32_t> rows, std::span<const float> values, const Ramp& ramp,
                                   float opacity, uint32_t flags) {
  size_t n = std::min(rows.size(), values.size()), skipped = 0;
  size_t first = mRows.size(), last = 0;
  const glm::vec4 noData = ramp.noData() / 255.0f;
  const FastRamp fast(ramp);
  const size_t size = mRows.size();
  FeatureVisual* out = mRows.data();
  for (size_t i = 0; i < n; ++i) {
    uint32_t row = rows[i];
    if (row >= size) {
      ++skipped;
      continue;
    }
    // The whole record in one go (reserved words zero): no read of the old row is needed.
    float value = values[i];
    FeatureVisual v;
    if (std::isnan(value)) {
      v.color = glm::vec4(glm::vec3(noData), noData.a * opacity);
      v.flags = flags | FeatureVisual::kNoData;
    } else {
      glm::vec4 c = fast.sample(value);
      v.color = glm::vec4(glm::vec3(c), c.a * opacity);
      v.flags = flags;
    }
    v.value = value;
    out[row] = v;
    first = row < first ? row : first;
    last = row >= last ? size_t(row) + 1 : last;
  }
  markDirty(first, last);
  return skipped;
}

DirtyRange FeatureVisuals::takeDirty() {
  DirtyRange d = mDirty;
  mDirty = {};
  return d;
}

}  // namespace ct::layers
