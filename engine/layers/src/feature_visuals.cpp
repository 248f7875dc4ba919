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

size_t FeatureVisuals::applyValues(std::span<const uint32_t> rows, std::span<const float> values, const Ramp& ramp,
                                   float opacity, uint32_t flags) {
  size_t n = std::min(rows.size(), values.size()), skipped = 0;
  size_t first = mRows.size(), last = 0;
  const glm::vec4 noData = ramp.noData() / 255.0f;
  for (size_t i = 0; i < n; ++i) {
    uint32_t row = rows[i];
    if (row >= mRows.size()) {
      ++skipped;
      continue;
    }
    FeatureVisual& v = mRows[row];
    float value = values[i];
    if (std::isnan(value)) {
      v.color = glm::vec4(glm::vec3(noData), noData.a * opacity);
      v.flags = flags | FeatureVisual::kNoData;
    } else {
      glm::vec4 c = ramp.sample(double(value)) * (1.0f / 255.0f);
      v.color = glm::vec4(glm::vec3(c), c.a * opacity);
      v.flags = flags;
    }
    v.value = value;
    first = std::min<size_t>(first, row);
    last = std::max<size_t>(last, size_t(row) + 1);
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
