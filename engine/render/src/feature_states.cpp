// Feature styles packed into the layout the shaders read.
#include "feature_states.h"

#include <algorithm>

namespace ct::render {

shader::FeatureState packFeatureStyle(const FeatureStyle& style) {
  shader::FeatureState s{};
  s.tint = style.tint;
  s.tint.a = std::clamp(style.tint.a, 0.0f, 1.0f);
  s.value = style.value;
  s.flags = (style.flags & ~shader::kFeatureHidden) | (style.hidden ? shader::kFeatureHidden : 0u);
  return s;
}

bool FeatureStates::set(uint32_t row, const FeatureStyle& style) {
  if (row >= mCount) return false;
  mRows[row] = packFeatureStyle(style);
  ++mVersion;
  return true;
}

void FeatureStates::clear() {
  std::fill(mRows.begin(), mRows.end(), shader::FeatureState{});
  ++mVersion;
}

}  // namespace ct::render
